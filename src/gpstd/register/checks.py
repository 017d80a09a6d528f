"""Checks across fields that a schema cannot express: ids, names, sections, verbatim text.

Each check takes the validated register and yields (loc, message, severity); the
caller positions them in the file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from gpstd.errors import Severity
from gpstd.model import Register, ScheduleItem, Task
from gpstd.register import verbatim

Finding = tuple[tuple[Any, ...], str, Severity]  # (loc, message, severity)

_CELL_NAMES = {"deadline": "完成时间及方式", "task": "工作任务"}
_NEEDS = {"dated": "due", "recurring": "rrule", "start": "start"}


def run(register: Register, task_locs: list[int], *, warnings: bool = True) -> Iterator[Finding]:
    """All cross-field findings; `task_locs[i]` is the index in the file of `register.tasks[i]`.

    `warnings=False` (loading, not `gpstd check`) skips the costly checks that only ever
    warn (reading each dated phrase) and the time-zone lookup (tzdata costs ~5 ms to read).
    """
    yield from _meta(register, warnings)
    yield from _names(register)
    known = declared_names(register)
    for task, index in zip(register.tasks, task_locs):
        yield from _task(register, task, ("tasks", index), known, warnings)


def declared_names(register: Register) -> dict[str, str]:
    """Every unit or group name and alias → the canonical name."""
    names: dict[str, str] = {}
    for entry in register.entries():
        names[entry.name] = entry.name
        for alias in entry.aliases:
            names.setdefault(alias, entry.name)
    return names


def _suggest(name: str, choices: Any) -> str:
    close = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.4)
    return f"，你是不是想写「{'」「'.join(close)}」？" if close else ""


def _meta(register: Register, full: bool) -> Iterator[Finding]:
    meta = register.meta
    if register.version != 1:
        yield ("version",), f"不支持的登记册版本 {register.version}：目前只有版本 1", "error"
    if not meta.title.strip():
        yield ("meta", "title"), "标题为空：请照原文写清单标题", "error"
    for key in ("title", "district", "source"):
        if any(ch in getattr(meta, key) for ch in "\r\n\u2028\u2029"):
            yield ("meta", key), f"meta.{key} 应为一行文字（原文分行排印的标题请合为一行）", "error"
    if meta.end is not None and meta.end < meta.start:
        yield ("meta", "end"), f"结束日期 {meta.end} 早于起始日期 {meta.start}", "error"
    if full and not _is_time_zone(meta.timezone):
        yield (
            ("meta", "timezone"),
            f"时区「{meta.timezone}」不是有效的 IANA 时区名（例如 Asia/Shanghai）",
            "error",
        )
    yield from _scoring(register)
    seen: dict[str, int] = {}
    for j, section in enumerate(meta.sections):
        if section in seen:
            yield (
                ("meta", "sections", j),
                f"方案项目「{section}」重复声明（另见 meta.sections[{seen[section]}]）",
                "error",
            )
        seen.setdefault(section, j)


_SCORE_NAMES = {"ontime": "按时完成", "late": "逾期完成", "overdue": "逾期未完成"}


def _scoring(register: Register) -> Iterator[Finding]:
    """Scores are points out of 100, and being late never earns more than being on time."""
    scoring = register.meta.scoring
    if scoring is None:
        return
    for key, name in _SCORE_NAMES.items():
        value = getattr(scoring, key)
        if not 0 <= value <= 100:
            yield ("meta", "scoring", key), f"{name}的分值 {value:g} 应在 0 到 100 之间", "error"
    if not scoring.ontime >= scoring.late >= scoring.overdue:
        yield (
            ("meta", "scoring"),
            f"分值应为 按时完成 ≥ 逾期完成 ≥ 逾期未完成，实为 {scoring.ontime:g}、{scoring.late:g}、{scoring.overdue:g}",
            "warning",
        )


@functools.lru_cache(maxsize=16)
def _is_time_zone(name: str) -> bool:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):  # '../x', a directory, 'Mars/Base'
        return False
    return True


def _names(register: Register) -> Iterator[Finding]:
    seen: dict[str, tuple[Any, ...]] = {}
    entries = [("units", i, u) for i, u in enumerate(register.units)] + [
        ("groups", i, g) for i, g in enumerate(register.groups)
    ]
    for table, i, entry in entries:
        for j, name in enumerate([entry.name, *entry.aliases]):
            loc = (table, i, "name") if j == 0 else (table, i, "aliases", j - 1)
            if name in seen:
                yield loc, f"名称「{name}」重复声明（另见 {_fmt(seen[name])}）", "error"
            else:
                seen[name] = loc
    units = {u.name for u in register.units}
    kinds = {u.kind for u in register.units}
    for i, group in enumerate(register.groups):
        for j, member in enumerate(group.members):
            if member not in units:
                yield (
                    ("groups", i, "members", j),
                    f"成员「{member}」不在 units 中{_suggest(member, units)}",
                    "error",
                )
        for j, kind in enumerate(group.covers):
            if kind not in kinds:
                yield (
                    ("groups", i, "covers", j),
                    f"类别「{kind}」没有任何单位（units 的 kind）{_suggest(kind, kinds)}",
                    "warning",
                )


def _fmt(loc: tuple[Any, ...]) -> str:
    from gpstd.errors import format_path

    return format_path(loc)


def _task(
    register: Register, task: Task, loc: tuple[Any, ...], known: dict[str, str], warnings: bool = True
) -> Iterator[Finding]:
    if task.section not in register.meta.sections:
        yield (
            loc + ("section",),
            f"方案项目「{task.section}」未在 meta.sections 中声明"
            f"{_suggest(task.section, register.meta.sections)}",
            "error",
        )
    elif task.cells.section.strip("（）() ") != task.section:
        yield (
            loc + ("cells", "section"),
            (f"原文方案项目为「{task.cells.section}」，与 section「{task.section}」不一致"),
            "warning",
        )
    for role in ("lead", "cooperating"):
        for j, name in enumerate(getattr(task.units, role)):
            if name not in known:
                yield (
                    loc + ("units", role, j),
                    f"单位「{name}」未在 units 或 groups 中声明{_suggest(name, known)}",
                    "error",
                )
    yield from _id(task, loc)
    if not task.schedule:
        yield loc + ("schedule",), "没有任何时间安排（长期、不定期也应写明）", "warning"
    seen: dict[tuple[Any, ...], int] = {}
    for j, item in enumerate(task.schedule):
        yield from _item(register, task, item, loc + ("schedule", j), known)
        key = (
            item.kind, item.source, item.text, item.due, item.start, item.until, item.rrule, item.workday, item.by
        )  # fmt: skip
        if key in seen:
            yield loc + ("schedule", j), f"与 schedule[{seen[key]}] 完全相同：同一期限重复登记", "error"
        seen.setdefault(key, j)


def _id(task: Task, loc: tuple[Any, ...]) -> Iterator[Finding]:
    """An id is a positive integer and, where the source numbers its rows, the 序号 itself."""
    from gpstd.numerals import serial

    if task.id <= 0:
        yield loc + ("id",), f"任务编号应为正整数，实为 {task.id}", "error"
    seq = serial(task.cells.seq)
    if seq is not None and seq != task.id:
        yield loc + ("id",), f"任务编号 {task.id} 与原文序号「{task.cells.seq}」不一致", "error"


def _item(
    register: Register, task: Task, item: ScheduleItem, loc: tuple[Any, ...], known: dict[str, str]
) -> Iterator[Finding]:
    """An item's own consistency first; only an item whose fields make sense is then held to its
    text (an item with no due, or an impossible rule, has nothing to compare)."""
    structural = list(_structure(register, task, item, loc, known))
    yield from structural
    if not any(severity == "error" for _loc, _message, severity in structural):
        yield from verbatim.check(register, task, item, loc)
    end = item.until or register.meta.end
    if item.due and end and item.due > end:
        yield loc + ("due",), f"截止日期 {item.due} 晚于登记册结束日期 {end}", "warning"


def _structure(
    register: Register, task: Task, item: ScheduleItem, loc: tuple[Any, ...], known: dict[str, str]
) -> Iterator[Finding]:
    cell = getattr(task.cells, item.source)
    if item.text not in cell:
        yield loc + ("text",), f"原文片段「{item.text}」不在「{_CELL_NAMES[item.source]}」栏中", "error"
    need = _NEEDS.get(item.kind)
    if need and getattr(item, need) is None:
        yield loc, f"kind 为 {item.kind} 的条目缺少 {need}{_reading_hint(register, task, item)}", "error"
    if item.rrule is not None:
        problem = _rrule_problem(item.rrule)
        if problem:
            yield loc + ("rrule",), problem, "error"
    if item.kind in ("ongoing", "irregular") and (item.due or item.rrule):
        yield loc + ("kind",), f"kind 为 {item.kind} 的条目不应有 due 或 rrule", "error"
    if item.by is not None and item.by not in known:
        yield (
            loc + ("by",),
            f"执行单位「{item.by}」未在 units 或 groups 中声明{_suggest(item.by, known)}",
            "error",
        )
    yield from _bounds(item, loc)
    impossible = _impossible_date(item.text)
    if impossible:
        yield loc + ("text",), impossible, "error"


def _bounds(item: ScheduleItem, loc: tuple[Any, ...]) -> Iterator[Finding]:
    if item.kind == "dated" and item.rrule is not None:
        yield loc + ("rrule",), "kind 为 dated 的条目不应有 rrule（周期规则请写 kind: recurring）", "error"
    if item.kind == "dated" and item.start and item.due and item.start > item.due:
        yield loc + ("start",), f"开始日期 {item.start} 晚于截止日期 {item.due}", "error"
    if item.kind == "recurring" and item.start and item.until and item.until < item.start:
        yield loc + ("until",), f"结束日期 {item.until} 早于开始日期 {item.start}", "error"
    if item.workday is not None and (item.kind != "recurring" or not item.rrule):
        yield (
            loc + ("workday",),
            "只有 kind 为 recurring 且有 rrule 的条目才能写 workday（每月第几个工作日）",
            "error",
        )
    elif item.workday is not None and (item.workday == 0 or not -23 <= item.workday <= 23):
        yield (
            loc + ("workday",),
            f"workday 为 {item.workday}：应为 1 至 23（第几个工作日）或 -1 至 -23（倒数第几个），一个月没有更多工作日",
            "error",
        )


_DIGITS = "0-9〇零一二三四五六七八九"
_WRITTEN_DATE = re.compile(
    rf"(?:([{_DIGITS}]{{4}})\s*年\s*)?(?<![{_DIGITS}十两百])([{_DIGITS}十两百]{{1,4}})\s*月(?![份度]?[以之]?[内后])"
    rf"(?:\s*([{_DIGITS}十廿卅百]{{1,4}})\s*[日号])?"
)


@functools.lru_cache(maxsize=65536)  # per distinct text: a merged register repeats its phrases
def _impossible_date(text: str) -> str | None:
    """A date written in figures that no calendar has (2020年13月45日), whatever the parser makes of it."""
    from gpstd.numerals import to_int

    for match in _WRITTEN_DATE.finditer(unicodedata.normalize("NFKC", text)):
        year, month, day = (to_int(g) if g else None for g in match.groups())
        if month is None or not 1 <= month <= 12:
            return f"原文日期「{match.group(0)}」不存在：月份应在 1 到 12 之间"
        if match.group(3) and day is None:
            return f"原文日期「{match.group(0)}」的日无法识别"
        try:
            dt.date(year or 2000, month, 1 if day is None else day)  # 2000: a leap year (2月29日)
        except ValueError:
            return f"原文日期「{match.group(0)}」不存在：{month}月没有{day}日"
    return None


@functools.lru_cache(maxsize=65536)  # a register of 10,000 tasks has some 50 distinct rules
def _rrule_problem(rrule: str) -> str | None:
    from gpstd.schedule.recurrence import validate_rrule

    return validate_rrule(rrule)


def _reading_hint(register: Register, task: Task, item: ScheduleItem) -> str:
    parts = verbatim.reading(getattr(task.cells, item.source), item.text, register.meta.start)
    for part in parts:
        if item.kind == "dated" and part.due:
            return f"；原文读作 {part.due}，可写 due: {part.due}"
        if item.kind == "recurring" and part.rrule:
            return f"；原文读作 rrule: {part.rrule}"
        if item.kind == "start" and part.start:
            return f"；原文读作 start: {part.start}"
    problem = next((p.problem for p in parts if getattr(p, "problem", None)), None)
    return f"；原文也无法自动读出（{problem}）" if problem else ""


def duplicate_ids(ids: list[tuple[int, Any]]) -> Iterator[Finding]:
    """(index in the file, id as written) of every task, valid or not: a task with another
    error still claims its id, so the duplicate is reported in the same run."""
    first: dict[int, int] = {}
    for index, task_id in ids:
        if not isinstance(task_id, int) or isinstance(task_id, bool):  # an error of its own
            continue
        if task_id in first:
            yield (
                ("tasks", index, "id"),
                f"任务编号 {task_id} 重复（首次出现在 tasks[{first[task_id]}]）",
                "error",
            )
        else:
            first[task_id] = index
