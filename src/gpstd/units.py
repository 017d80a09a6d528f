"""Responsible units: resolving the names people type, and who a task falls to.

A task names units directly or through collective terms (各镇（街）, 区各有关部门 …);
a group reaches its explicit members and every unit whose kind it covers.
"""

from __future__ import annotations

import difflib

from gpstd.errors import NotFound
from gpstd.model import Group, Register, Unit


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
    """The units a collective term stands for: those it lists, and those of the kinds it covers.

    The one membership rule: queries, obligations and progress all use it. A term whose members
    cannot be listed from the register (no unit of the kinds it covers) stands for itself."""
    return [u for u in register.units if u.name in group.members or u.kind in group.covers]


def canonical(register: Register, name: str) -> str:
    entry = names(register).get(name)
    return entry.name if entry else name
