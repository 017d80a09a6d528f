"""Queries over tasks and occurrences: the answers behind due, unit, section, agenda, overdue.

Pure functions of (register, options, today); rendering is elsewhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from gpstd import units as units_mod
from gpstd.dates import check_window
from gpstd.days import add_months, years_later
from gpstd.errors import GpstdError, NotFound
from gpstd.model import Register, Task
from gpstd.numerals import chinese_numeral, to_int
from gpstd.schedule.occurrences import Occurrence, expand, next_due

SOON_DAYS = 7


@dataclass(frozen=True)
class Filters:
    unit: str | None = None
    section: str | None = None
    direct: bool = False


# The one wording of each status: terminal tables, exports and the web page all use it.
STATUS_LABELS = {
    "overdue": "逾期",
    "soon": "7天内",
    "later": "未到期",
    "none": "无固定期限",
    "done": "已完成",
}


def status(due: dt.date, today: dt.date) -> str:
    """Traffic light of a due date: overdue (red), soon (yellow, within 7 days), later (green)."""
    if due < today:
        return "overdue"
    return "soon" if (due - today).days <= SOON_DAYS else "later"


def normalize_section(register: Register, text: str) -> str:
    """七, 7, （七）, (七), 第七 → 七; NotFound if the register has no such section, unless the
    plan skips it (a section with no tasks, not a typo)."""
    key = text.strip().strip("（）() ").removeprefix("第")
    if key.isdecimal() and len(key) <= 2 and int(key) > 0:  # 7, 07, ７; not ², 100 or 10**5000
        key = chinese_numeral(int(key))
    if key not in register.meta.sections and not skipped_section(register, key):
        listed = "、".join(register.meta.sections)
        raise NotFound(f"没有方案项目「{text}」；本登记册的方案项目：{listed}")
    return key


def skipped_section(register: Register, key: str) -> bool:
    """Whether `key` is a numeral the plan passes over (五 between 四 and 六): the plan's own
    numbering has it, and it has no tasks; a number past the last section is still unknown."""
    if key in register.meta.sections:
        return False
    if not 0 < len(key) <= 3 or not set(key) <= set("一二三四五六七八九十"):  # ², 9×5000: not to int()
        return False
    n = to_int(key)
    if n is None or chinese_numeral(n) != key:
        return False
    return n < max((to_int(s) or 0 for s in register.meta.sections), default=0)


def select_tasks(register: Register, filters: Filters) -> list[Task]:
    tasks = register.tasks
    if filters.section is not None:  # "" is a section to look up (and not find), not "no filter"
        section = normalize_section(register, filters.section)
        tasks = [t for t in tasks if t.section == section]
    if filters.unit is not None:
        entry = units_mod.resolve(register, filters.unit)
        ids = {a.task.id for a in units_mod.assignments(register, entry, filters.direct)}
        tasks = [t for t in tasks if t.id in ids]
    return tasks


def routes(register: Register, filters: Filters) -> dict[int, str | None]:
    """For a unit filter, each task it selects and the collective term the task reaches the
    unit through (None: named directly); {} without a unit filter."""
    if filters.unit is None:
        return {}
    entry = units_mod.resolve(register, filters.unit)
    return {a.task.id: a.via for a in units_mod.assignments(register, entry, filters.direct)}


def due(
    register: Register,
    filters: Filters,
    after: dt.date | None,
    before: dt.date | None,
    today: dt.date,
    default_days: int = 30,
) -> list[Occurrence]:
    """Occurrences due in [after, before]; with neither bound, the next `default_days` days."""
    if after is None and before is None:
        after, before = today, today + dt.timedelta(days=default_days)
    check_window(after, before)
    if before is None:
        before = years_later(after or today, 10)
    return expand(register, after, before, select_tasks(register, filters))


def agenda(register: Register, filters: Filters, today: dt.date, days: int) -> list[Occurrence]:
    return expand(register, today, today + dt.timedelta(days=days), select_tasks(register, filters))


def overdue(register: Register, filters: Filters, today: dt.date) -> list[Occurrence]:
    """Every occurrence due before today (progress tracking will remove what is done)."""
    return expand(register, None, today - dt.timedelta(days=1), select_tasks(register, filters))


MAX_TIMELINE_MONTHS = 60


@dataclass(frozen=True)
class Timeline:
    months: list[tuple[int, int]]  # (year, month), in order
    found: list[Occurrence]
    counts: dict[int, list[int]]  # task id → occurrences per month, aligned with `months`


def timeline(register: Register, filters: Filters, first: dt.date, last: dt.date | None) -> Timeline:
    """Deadlines per task and month, from `first`'s month to `last` (default: 12 months)."""
    first = first.replace(day=1)
    last = last or add_months(first, 12) - dt.timedelta(days=1)
    check_window(first, last, ("--from", "--to"))
    months: list[tuple[int, int]] = []
    while (cur := add_months(first, len(months))) <= last:
        months.append((cur.year, cur.month))
    if len(months) > MAX_TIMELINE_MONTHS:
        raise GpstdError(f"时间轴最多显示 {MAX_TIMELINE_MONTHS} 个月，请缩小 --from/--to 的范围")
    found = expand(register, first, last, select_tasks(register, filters))
    index = {ym: i for i, ym in enumerate(months)}
    counts: dict[int, list[int]] = {}
    for occ in found:
        counts.setdefault(occ.task_id, [0] * len(months))[index[(occ.due.year, occ.due.month)]] += 1
    return Timeline(months, found, counts)


def done_counts(plan: Timeline, done: frozenset[tuple[int, dt.date, int]]) -> dict[int, list[int]]:
    """Per task and month of `plan`, how many of its deadlines are among `done` (task, due, item)."""
    index = {ym: i for i, ym in enumerate(plan.months)}
    counts: dict[int, list[int]] = {}
    for occ in plan.found:
        if (occ.task_id, occ.due, occ.item) in done:
            counts.setdefault(occ.task_id, [0] * len(plan.months))[index[(occ.due.year, occ.due.month)]] += 1
    return counts


def upcoming(
    register: Register, task: Task, today: dt.date, count: int = 5, cap_years: int = 10
) -> list[Occurrence]:
    """The next `count` deadlines from today: two years ahead, or up to `cap_years` for a task
    due rarely (a three-yearly review still shows what is coming)."""
    found = expand(register, today, years_later(today, 2), [task])
    if len(found) < count:
        found = expand(register, today, years_later(today, cap_years), [task])
    return found[:count]


def next_open(
    register: Register,
    task: Task,
    today: dt.date,
    is_done: Callable[[Occurrence], bool] | None = None,
    horizon_years: int = 3,
) -> tuple[Occurrence | None, bool]:
    """The first deadline from today that is not done, and whether done ones came before it
    (with none left, True says the task's coming deadlines are all done, not that it has none)."""
    if is_done is None:
        return next_due(register, task, today, horizon_years), False
    skipped = False
    for occ in expand(register, today, years_later(today, horizon_years), [task]):
        if not is_done(occ):
            return occ, skipped
        skipped = True
    return None, skipped


def get_task(register: Register, task_id: int) -> Task:
    task = register.task(task_id)
    if task is None:
        ids = [t.id for t in register.tasks]
        span = f"{min(ids)}–{max(ids)}" if ids else "无"
        raise NotFound(f"没有编号为 {task_id} 的任务（本登记册的编号：{span}）")
    return task


def sections(register: Register) -> list[tuple[str, int]]:
    counts = {s: 0 for s in register.meta.sections}
    for task in register.tasks:
        counts[task.section] = counts.get(task.section, 0) + 1
    return list(counts.items())
