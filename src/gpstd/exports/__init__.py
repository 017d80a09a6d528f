"""What every export shows: the selected tasks, the date window and their occurrences.

The formats (`ics`, `xlsx`, `table` for CSV, `jsonexport`) only lay out a `Selection`;
they never read files, print or know about options. Filters mean what they mean for
`gpstd due`: --unit/--section choose tasks; --after/--before choose dates, and when a
date bound is given only tasks with a deadline inside it are exported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gpstd.errors import UsageError
from gpstd.model import Register, Task
from gpstd.occurrences import Occurrence

NEXT_DUE_YEARS = 3

STATUS_LABELS = {
    "overdue": "已过期限",
    "soon": "7天内到期",
    "later": "未到期",
    "none": "无固定期限",
}


@dataclass(frozen=True)
class Window:
    after: dt.date | None
    """--after as given (None: from the beginning of the register)."""
    before: dt.date | None
    """--before as given (None: open-ended, see `end`)."""
    end: dt.date
    """Last day listed when occurrences must be enumerated: --before, else meta.end, else
    31 December of next year."""

    @property
    def bounded(self) -> bool:
        return self.after is not None or self.before is not None


@dataclass(frozen=True)
class Selection:
    register: Register
    tasks: list[Task]
    window: Window
    today: dt.date
    occurrences: list[Occurrence]
    """Every occurrence of `tasks` in the window, by date then task."""
    next_due: dict[int, Occurrence] = field(default_factory=dict)
    """Per task id, the first occurrence on or after today (within three years)."""
    filters: dict[str, object] = field(default_factory=dict)

    def task(self, task_id: int) -> Task:
        found = self.register.task(task_id)
        assert found is not None
        return found

    def occurrences_of(self, task_id: int) -> list[Occurrence]:
        return [o for o in self.occurrences if o.task_id == task_id]

    def task_status(self, task: Task) -> str:
        """soon/later from the next deadline; overdue when all its deadlines are past; none
        for tasks without dates (长期, 不定期)."""
        from gpstd.query import status

        upcoming = self.next_due.get(task.id)
        if upcoming is not None:
            return status(upcoming.due, self.today)
        dated = any(item.kind in ("dated", "recurring") for item in task.schedule)
        return "overdue" if dated else "none"

    def occurrence_status(self, occ: Occurrence) -> str:
        from gpstd.query import status

        return status(occ.due, self.today)


def make_window(register: Register, after: dt.date | None, before: dt.date | None,
                today: dt.date) -> Window:
    if after is not None and before is not None and after > before:
        raise UsageError(f"--after {after} 晚于 --before {before}：没有这样的日期范围")
    end = before or register.meta.end or dt.date(today.year + 1, 12, 31)
    return Window(after, before, end)


def select(register: Register, *, unit: str | None = None, section: str | None = None,
           direct: bool = False, after: dt.date | None = None, before: dt.date | None = None,
           today: dt.date) -> Selection:
    """The tasks and occurrences an export shows; NotFound for an unknown unit or section."""
    from gpstd.occurrences import expand
    from gpstd.query import Filters, select_tasks

    window = make_window(register, after, before, today)
    tasks = select_tasks(register, Filters(unit, section, direct))
    found = expand(register, after, window.end, tasks)
    if window.bounded:
        with_dates = {o.task_id for o in found}
        tasks = [t for t in tasks if t.id in with_dates]
    filters = {"unit": unit, "section": section, "direct": direct,
               "after": _iso(after), "before": _iso(before)}
    return Selection(register, tasks, window, today, found, _next_due(register, tasks, today),
                     filters)


def _next_due(register: Register, tasks: list[Task], today: dt.date) -> dict[int, Occurrence]:
    from gpstd.occurrences import expand

    horizon = today.replace(year=today.year + NEXT_DUE_YEARS) if not _leap_day(today) \
        else today + dt.timedelta(days=365 * NEXT_DUE_YEARS)
    first: dict[int, Occurrence] = {}
    for occ in expand(register, today, horizon, tasks):
        first.setdefault(occ.task_id, occ)
    return first


def _leap_day(day: dt.date) -> bool:
    return day.month == 2 and day.day == 29


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
