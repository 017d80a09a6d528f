"""Responsible units: resolving the names people type, and who a task falls to.

A task names units directly or through collective terms (各镇（街）, 区各有关部门 …);
a group reaches its explicit members and every unit whose kind it covers.
"""

from __future__ import annotations

import difflib

from gpstd.errors import NotFound
from gpstd.model import Group, Register, Unit
from gpstd.patterns import LazyRegex


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
    table: dict[str, Unit | Group] = {}
    for key, entry in names(register).items():  # a name written with ( ) is found as with （ ）
        table.setdefault(_fold(key), entry)
    query = _fold(name.strip())
    if query in table:
        return table[query]
    matches = {id(e): e for key, e in table.items() if query and query in key}
    by_name = [e for e in matches.values() if query in e.name]
    if len(matches) == 1 or len(by_name) == 1:  # 民政: 区民政局, not 番禺区人民政府办公室's office
        return (by_name or list(matches.values()))[0]
    if matches:
        listed = "、".join(sorted({e.name for e in matches.values()}))
        raise NotFound(f"单位「{name}」不唯一，可能是：{listed}")
    close = _suggestions(table, query)
    hint = f"；相近的名称：{'、'.join(close)}" if close else ""
    kind, terms = covering_terms(register, query) if not close else (None, [])
    if terms:
        hint += (
            f"。登记册没有单独列出它；看名称它像{kind}，如果是，它经这些集合称谓承担任务："
            f"{'、'.join(terms)}（如 gpstd unit {terms[0]}）"
        )
        unlisted = [g.name for g in register.groups if not g.members and not g.covers]
        if unlisted:  # a term the register counts as one party may include it too
            hint += f"；也可能在原文未列成员、整体计算的称谓之内：{'、'.join(unlisted)}"
    raise NotFound(f"没有名为「{name}」的单位{hint or '；用 gpstd units 查看全部单位'}")


def _fold(text: str) -> str:
    """Half-width brackets as the full-width ones registers use: 区委组织部(区公务员局)."""
    return text.replace("(", "（").replace(")", "）")


def covering_terms(register: Register, name: str) -> tuple[str | None, list[str]]:
    """For a name the register does not list (卫健局): the kind of unit its ending suggests -- the
    kind most units ending the same way have (…局: 区直部门) -- and the collective terms covering
    that kind, which would include it."""
    from collections import Counter

    for size in range(min(len(name), 4), 0, -1):
        kinds = Counter(u.kind for u in register.units if u.name.endswith(name[-size:]))
        if kinds:
            (kind, count), *rest = kinds.most_common()
            if rest and rest[0][1] == count:
                return None, []  # as many of another kind: the ending does not tell
            return kind, [g.name for g in register.groups if kind in g.covers]
    return None, []


def _suggestions(table: dict[str, Unit | Group], query: str, n: int = 3) -> list[str]:
    """The closest entries by any of their names, each once and by its full name (the alias
    that matched in brackets): 区委组织部（区公务员局）, not the alias alone."""
    shown: dict[str, str] = {}
    wanted = _core(query)
    scored = []
    for key in table:
        core = _core(key)
        score = difflib.SequenceMatcher(None, wanted, core).ratio()
        if wanted and (wanted in core or core in wanted):
            score = max(score, 0.9)
        if score > 0.5 or difflib.SequenceMatcher(None, query, key).ratio() >= 0.7:  # 区司发局
            scored.append((-score, key))
    for _score, key in sorted(scored):
        entry = table[key]
        if entry.name not in shown:
            shown[entry.name] = entry.name if key in entry.name else f"{entry.name}（{key}）"
    return list(shown.values())[:n]


# What most names share (区…局, …街道): compared on the rest, 卫健局 is not like 区民政局.
_AFFIXES = LazyRegex(r"^(?:番禺区|广州市|区|市)|(?:委员会|办公室|中心|街道|局|委|办|馆|部|街|镇)$")


def _core(name: str) -> str:
    return _AFFIXES.sub("", _AFFIXES.sub("", name))


def members(register: Register, group: Group) -> list[Unit]:
    """The units a collective term stands for: those it lists, and those of the kinds it covers.

    The one membership rule: queries, obligations and progress all use it. A term whose members
    cannot be listed from the register (no unit of the kinds it covers) stands for itself."""
    return [u for u in register.units if u.name in group.members or u.kind in group.covers]


def canonical(register: Register, name: str) -> str:
    entry = names(register).get(name)
    return entry.name if entry else name
