"""Each task's section (方案项目): from a section column, else the nearest label or group row.

A list groups its tasks by a 方案项目 column (（八）), by group rows across the table (一、…),
or by a label merged down beside the task (工作任务 beside 具体要求). The innermost of these is
the task's section. Numbered labels give short keys (一, 二 …, what `--section 一` asks for)
when their numbers are unique in the list; otherwise the label itself is the key. Where the
register's cell cannot hold the label verbatim, meta.notes says what each key stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gpstd.importer.rows import Record

UNSORTED = "未分"
_NUMBER = re.compile(r"^\s*(?:第)?[（(]?([一二三四五六七八九十百零〇]+|\d{1,3})[）)]?(?:[、.．]|(?=[^\d]|$))")


@dataclass
class Section:
    key: str  # task.section and an entry of meta.sections
    cell: str  # cells.section
    label: str  # the label or cell as written
    outer: list[str] = field(default_factory=list)  # group rows and labels around it


@dataclass
class Plan:
    sections: list[Section | None]  # one per record; None: no section found (未分)
    source: str  # where the sections come from, for meta.notes
    notes: list[str] = field(default_factory=list)


def plan(records: list[Record], column: bool) -> Plan:
    """`column`: the list has a 方案项目 column, held in each record's cells."""
    chains = [_chain(r, column) for r in records]
    keys = _keys([tuple(c) for c in chains if c])
    sections: list[Section | None] = []
    for chain in chains:
        if not chain:
            sections.append(None)
            continue
        key, label = keys[tuple(chain)], chain[-1]
        # gpstd check holds cells.section, brackets stripped, to the key: the label itself
        # where it can, else the key (and meta.notes says what it stands for).
        cell = label if label.strip("（）() ") == key else key
        sections.append(Section(key, cell, label, chain[:-1]))
    source = "方案项目栏" if column else "标签栏或标题行"
    return Plan(sections, source, _notes(sections, source))


def _chain(record: Record, column: bool) -> list[str]:
    chain = [*record.headings, *(text for _, text in record.labels)]
    cell = record.cells.get("section", "").replace("\n", "")
    return [*chain, cell] if column and cell else chain


def _keys(chains: list[tuple[str, ...]]) -> dict[tuple[str, ...], str]:
    """Each chain's key: the innermost label's number when those numbers are unique in the list,
    else the numbers of the whole chain (二.一), else the innermost label as written."""
    distinct = list(dict.fromkeys(chains))
    inner = [_number(c[-1]) for c in distinct]
    if all(inner) and len(set(inner)) == len(inner):
        return {c: n for c, n in zip(distinct, inner) if n}
    whole = [[_number(x) for x in c] for c in distinct]
    if all(all(n) for n in whole):
        joined = [".".join(n for n in numbers if n) for numbers in whole]
        if len(set(joined)) == len(joined):
            return dict(zip(distinct, joined))
    return {c: c[-1].strip("（）() ") or c[-1] for c in distinct}


def _number(text: str) -> str | None:
    from gpstd.numerals import chinese_numeral

    found = _NUMBER.match(text)
    if not found:
        return None
    number = found.group(1)
    return chinese_numeral(int(number)) if number.isdigit() else number


def _notes(sections: list[Section | None], source: str) -> list[str]:
    """What each key stands for, when the cell does not hold the label itself or labels nest."""
    meanings: dict[str, str] = {}
    for section in sections:
        if section is None or section.key in meanings:
            continue
        if section.outer or section.cell != section.label:
            meanings[section.key] = " › ".join([*section.outer, section.label])
    if not meanings:
        return []
    listed = "；".join(f"{k}：{v}" for k, v in meanings.items())
    return [f"section 取自原表的{source}（编号或原文）：{listed.rstrip('。')}。"]
