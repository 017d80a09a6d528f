"""Every machine field of a schedule item held to its verbatim text.

The text is the source of truth. Each item's `text` is read again by the phrase parser in its cell
(so that 12月31日前 keeps the year the clause before gave it), and the item's kind, due, start,
until, rrule, `workday` and `assumed` must be what the text says. Where the register deliberately reads the
text otherwise (a typo in the source, a date given in another cell), the item says why in
`override`: the difference is then reported as a note, not an error. A text the parser cannot read
at all is an error too: the register would be stating a date nobody can check.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from typing import Any

from gpstd.errors import Severity
from gpstd.model import Register, ScheduleItem, Task
from gpstd.phrases import Part

Finding = tuple[tuple[Any, ...], str, Severity]
_CELL_NAMES = {"deadline": "完成时间及方式", "task": "工作任务"}
_KINDS = {
    "dated": "定期（dated）",
    "recurring": "周期（recurring）",
    "start": "起始（start）",
    "ongoing": "长期（ongoing）",
    "irregular": "不定期（irregular）",
    "unknown": "无法识别",
}


def check(register: Register, task: Task, item: ScheduleItem, loc: tuple[Any, ...]) -> Iterator[Finding]:
    """Where `item`'s fields and the reading of its text differ (errors, or notes under `override`)."""
    cell = getattr(task.cells, item.source)
    if item.text not in cell:
        return  # reported by the cross-field checks: the text is not the cell's
    severity: Severity = "note" if item.override else "error"
    why = f"（override：{item.override}）" if item.override else "；如确需另读，请在 override 写明理由"
    for field, message in _differences(item, reading(cell, item.text, register.meta.start)):
        yield loc + ((field,) if field else ()), f"{message}{why}", severity


def reading(cell: str, text: str, base: dt.date) -> list[Part]:
    """The parts of the whole cell that the clause covers: read alone, 12月31日前 in
    「2021年12月20日前…。12月31日前…」 would lose the year it inherits from the clause before."""
    at = cell.find(text)
    end = at + len(text)
    return [p for p in _parse(cell, base) if p.span[0] < end and at < p.span[1]]


@functools.lru_cache(maxsize=65536)  # a merged register repeats its cells
def _parse(text: str, base: dt.date) -> tuple[Part, ...]:
    from gpstd.phrases import parse_phrase

    return tuple(parse_phrase(text, base))


def _differences(item: ScheduleItem, parts: list[Part]) -> Iterator[tuple[str, str]]:
    said = f"原文「{item.text}」"
    same = [p for p in parts if p.kind == item.kind]
    if not same:
        read = "、".join(_describe(p) for p in parts) or "无法识别"
        yield "kind", f"{said}读作{read}，而 kind 为 {item.kind}（登记册读作：{_fields(item)}）"
        return
    if item.kind == "dated":
        yield from _dated(item, same, said)
    elif item.kind == "recurring":
        yield from _recurring(item, same, said)
    elif item.kind == "start":
        starts = {p.start for p in same}
        if item.start not in starts:
            yield "start", f"{said}读作 {_dates(starts)} 起，而 start 为 {item.start}"


def _fields(item: ScheduleItem) -> str:
    """What the item's machine fields say, in words: under an override the note then shows every
    date the register uses, so a change to them shows in review, not only the text's reading."""
    from gpstd.schedule.recurrence import describe_rule

    said = {
        "dated": f"{item.due} 到期",
        "recurring": f"{describe_rule(item.rrule)}（{item.rrule}）" if item.rrule else "周期（无规则）",
        "start": f"自 {item.start} 起",
    }.get(item.kind, _KINDS.get(item.kind, item.kind))
    if item.start and item.kind != "start":
        said += f"，自 {item.start} 起"
    if item.until:
        said += f"，至 {item.until} 止"
    return said


def _dated(item: ScheduleItem, parts: list[Part], said: str) -> Iterator[tuple[str, str]]:
    dues = {p.due for p in parts}
    if item.due not in dues:
        yield "due", f"{said}读作 {_dates(dues)}，而 due 为 {item.due}"
        return
    part = next(p for p in parts if p.due == item.due)
    if item.start is not None and item.start != part.start:
        read = f"自 {part.start} 起" if part.start else "没有起始日"
        yield "start", f"{said}{read}，而 start 为 {item.start}"


def _recurring(item: ScheduleItem, parts: list[Part], said: str) -> Iterator[tuple[str, str]]:
    from gpstd.schedule.recurrence import describe_rule

    assert item.rrule is not None
    matching = [p for p in parts if p.rrule and same_rule(p.rrule, item.rrule)]
    if not matching:
        read = "、".join(f"{describe_rule(p.rrule)}（{p.rrule}）" for p in parts if p.rrule)
        yield "rrule", f"{said}读作 {read}，而 rrule 为 {describe_rule(item.rrule)}（{item.rrule}）"
        return
    part = next((p for p in matching if p.workday == item.workday), matching[0])
    if item.workday != part.workday:
        read = (
            f"{part.describe}（workday: {part.workday}）" if part.workday else "不按工作日计（没有 workday）"
        )
        yield "workday", f"{said}读作{read}，而 workday 为 {item.workday if item.workday else '空'}"
    for field in ("start", "until"):
        ours, theirs = getattr(item, field), getattr(part, field)
        if ours != theirs:
            read = f"{field} 为 {theirs}" if theirs else f"没有写明 {field}"
            yield field, f"{said}{read}，而 {field} 为 {ours}"
    if item.assumed != part.assumed:
        if part.assumed:
            yield (
                "assumed",
                f"{said}没有写明具体日期，{describe_rule(item.rrule)}是推定的：应写 assumed: true",
            )
        else:
            yield "assumed", f"{said}写明了日期，不是推定：应删去 assumed"


@functools.lru_cache(maxsize=4096)
def same_rule(one: str, other: str) -> bool:
    """Whether two rules give the same dates: BYMONTHDAY=31 and -1 in October are one rule. Compared
    over eight years from 2020 (two leap years, every weekday of every date), anchored alike."""
    from gpstd.schedule.recurrence import expand, rule_parts

    if rule_parts(one) == rule_parts(other):
        return True
    low, high = dt.date(2020, 1, 1), dt.date(2027, 12, 31)
    return expand(one, low, high, anchor=low) == expand(other, low, high, anchor=low)


def _describe(part: Part) -> str:
    if part.kind == "unknown":
        return f"无法识别（{part.problem}）" if part.problem else "无法识别"
    if part.kind == "dated" and part.due:
        return f"定期 {part.due}"
    if part.kind == "recurring" and part.rrule:
        from gpstd.schedule.recurrence import describe_rule

        return f"周期 {describe_rule(part.rrule)}"
    if part.kind == "start" and part.start:
        return f"起始 {part.start}"
    return _KINDS[part.kind]


def _dates(days: set[Any]) -> str:
    return "、".join(sorted(str(d) for d in days if d)) or "无日期"


def cell_name(item: ScheduleItem) -> str:
    return _CELL_NAMES[item.source]
