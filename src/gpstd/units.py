"""Responsible units: resolving the names people type, and who a task falls to.

A task names units directly or through collective terms (各镇（街）, 区各有关部门 …);
a group reaches its explicit members and every unit whose kind it covers.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from gpstd.errors import NotFound
from gpstd.model import Group, Register, Task, Unit


@dataclass(frozen=True)
class Assignment:
    task: Task
    role: str  # "lead" | "cooperating"
    via: str | None  # the collective term it came through, None when named directly


def names(register: Register) -> dict[str, Unit | Group]:
    table: dict[str, Unit | Group] = {}
    for entry in register.entries():
        table[entry.name] = entry
        for alias in entry.aliases:
            table.setdefault(alias, entry)
    return table


def ids(register: Register) -> dict[str, int]:
    """Each unit's and group's id, as `gpstd units --json` and `gpstd status --json` give it:
    its row in the register's units, then groups, from 1."""
    return {e.name: i for i, e in enumerate(register.entries(), start=1)}


def resolve(register: Register, name: str) -> Unit | Group:
    """A unit or group by full name, alias or unambiguous part of a name."""
    table = names(register)
    query = name.strip().replace("(", "（").replace(")", "）")
    if query in table:
        return table[query]
    matches = {id(e): e for key, e in table.items() if query and query in key}
    if len(matches) == 1:
        return next(iter(matches.values()))
    if matches:
        listed = "、".join(sorted({e.name for e in matches.values()}))
        raise NotFound(f"单位「{name}」不唯一，可能是：{listed}")
    close = _suggestions(table, query)
    hint = f"；相近的名称：{'、'.join(close)}" if close else "；用 gpstd units 查看全部单位"
    raise NotFound(f"没有名为「{name}」的单位{hint}")


def _suggestions(table: dict[str, Unit | Group], query: str, n: int = 3) -> list[str]:
    """The closest entries by any of their names, each once and by its full name (the alias
    that matched in brackets): 区委组织部（区公务员局）, not the alias alone."""
    shown: dict[str, str] = {}
    for key in difflib.get_close_matches(query, list(table), n=3 * n, cutoff=0.3):
        entry = table[key]
        if entry.name not in shown:
            shown[entry.name] = entry.name if key in entry.name else f"{entry.name}（{key}）"
    return list(shown.values())[:n]


def members(register: Register, group: Group) -> list[Unit]:
    return [u for u in register.units if u.name in group.members or u.kind in group.covers]


def groups_of(register: Register, unit: Unit) -> list[Group]:
    return [g for g in register.groups if unit.name in g.members or unit.kind in g.covers]


def canonical(register: Register, name: str) -> str:
    entry = names(register).get(name)
    return entry.name if entry else name


def assignments(register: Register, entry: Unit | Group, direct: bool = False) -> list[Assignment]:
    """Tasks that fall to `entry`, directly or (unless `direct`) through its groups."""
    via_groups = {} if direct or isinstance(entry, Group) else {g.name: g for g in groups_of(register, entry)}
    table = names(register)  # once: canonical() builds it on every call
    found = []
    for task in register.tasks:
        for role in ("lead", "cooperating"):
            for named in getattr(task.units, role):
                name = table[named].name if named in table else named
                if name == entry.name:
                    found.append(Assignment(task, role, None))
                elif name in via_groups:
                    found.append(Assignment(task, role, name))
    return _first_per_task(found)


def _first_per_task(found: list[Assignment]) -> list[Assignment]:
    """One line per task, preferring a direct assignment over one through a group."""
    best: dict[int, Assignment] = {}
    for a in found:
        if a.task.id not in best or (best[a.task.id].via and not a.via):
            best[a.task.id] = a
    return sorted(best.values(), key=lambda a: a.task.id)


def task_counts(register: Register) -> dict[str, int]:
    """Per unit or group, the tasks that name it directly."""
    counts = {e.name: 0 for e in register.entries()}
    table = names(register)
    for task in register.tasks:
        for name in _named(table, task):
            counts[name] = counts.get(name, 0) + 1
    return counts


def via_group_counts(register: Register) -> dict[str, int]:
    """Per unit, the tasks that reach it only through a collective term: those `assignments`
    labels with a `via` (a task that also names the unit directly counts as direct)."""
    reached = {g.name: {u.name for u in members(register, g)} for g in register.groups}
    counts = {u.name: 0 for u in register.units}
    table = names(register)
    for task in register.tasks:
        named = _named(table, task)
        for name in set().union(*(reached[n] for n in named if n in reached)) - named:
            counts[name] += 1
    return counts


def _named(table: dict[str, Unit | Group], task: Task) -> set[str]:
    """The canonical names of the units and groups `task` names."""
    return {table[n].name if n in table else n for n in task.units.all}
