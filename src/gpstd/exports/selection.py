"""What every export shows: the selected tasks, the date window and their occurrences.

The formats (`ics`, `xlsx`, `table` for CSV, `jsonexport`) only lay out a `Selection`;
they never read files, print or know about options. Filters mean what they mean for
`gpstd due`: --unit/--section choose tasks; --after/--before choose dates, and when a
date bound is given only tasks with a deadline inside it are exported.

Completion comes from the progress file through a `gpstd.progress.Tracker` (from
`gpstd.progress.tracker`, the one lookup for queries, exports and the web page): an occurrence is
done when every unit it falls to has a record; no tracker means nothing is done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gpstd.days import iso
from gpstd.model import Register, Task
from gpstd.schedule.occurrences import Occurrence

if TYPE_CHECKING:
    from gpstd.progress import Tracker
# The status words of every export and the web page are the terminal's (one definition,
# beside gpstd.query.status), so a task reads 逾期 wherever it is looked at.
from gpstd.query import STATUS_LABELS as STATUS_LABELS

NEXT_DUE_YEARS = 3

DoneKey = tuple[int, dt.date, int]
"""(task id, due date, schedule item index): one occurrence."""


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
    filters: Mapping[str, object] = field(default_factory=dict)
    done: frozenset[DoneKey] = frozenset()
    """The occurrences recorded done (see `gpstd.progress.Tracker.completed`), among the listed ones, the next
    ones and the last past ones."""
    last_due: dict[int, Occurrence] = field(default_factory=dict)
    """Per task id without a next deadline, its last past occurrence: the deadline an
    overdue task is overdue for, and whether it is done."""
    progress: Tracker | None = None
    """What `done` was read from, for the web page's own occurrences."""

    def task(self, task_id: int) -> Task:
        found = self.register.task(task_id)
        assert found is not None
        return found

    def occurrences_of(self, task_id: int) -> list[Occurrence]:
        return [o for o in self.occurrences if o.task_id == task_id]

    def shown_due(self, task: Task) -> Occurrence | None:
        """The deadline the 下一期限 column shows: the next one, or for an overdue task the
        last one (as the web page does)."""
        return self.next_due.get(task.id) or self.last_due.get(task.id)

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

    def is_done(self, occ: Occurrence) -> bool:
        return (occ.task_id, occ.due, occ.item) in self.done

    def task_done(self, task: Task) -> bool:
        """Whether the task's next deadline (or, with none to come, its last) is done."""
        occ = self.next_due.get(task.id) or self.last_due.get(task.id)
        return occ is not None and self.is_done(occ)

    def task_state(self, task: Task) -> str:
        """`task_status`, or done: what the 状态 column shows."""
        return "done" if self.task_done(task) else self.task_status(task)

    def occurrence_state(self, occ: Occurrence) -> str:
        return "done" if self.is_done(occ) else self.occurrence_status(occ)


def make_window(register: Register, after: dt.date | None, before: dt.date | None, today: dt.date) -> Window:
    from gpstd.dates import check_window

    check_window(after, before)
    end = before or register.meta.end or dt.date(today.year + 1, 12, 31)
    return Window(after, before, end)


def select(
    register: Register,
    *,
    unit: str | None = None,
    section: str | None = None,
    direct: bool = False,
    after: dt.date | None = None,
    before: dt.date | None = None,
    today: dt.date,
    progress: Tracker | None = None,
) -> Selection:
    """The tasks and occurrences an export shows, and which are done according to
    `progress` (see `gpstd.progress.tracker`); NotFound for an unknown unit or section."""
    from gpstd.query import Filters, select_tasks
    from gpstd.schedule.occurrences import expand

    window = make_window(register, after, before, today)
    tasks = select_tasks(register, Filters(unit, section, direct))
    found = expand(register, after, window.end, tasks)
    if window.bounded:
        with_dates = {o.task_id for o in found}
        tasks = [t for t in tasks if t.id in with_dates]
    filters = {
        "unit": unit,
        "section": section,
        "direct": direct,
        "after": iso(after),
        "before": iso(before),
    }
    upcoming = _next_due(register, tasks, today)
    last = last_due(register, [t for t in tasks if t.id not in upcoming], today)
    done: frozenset[DoneKey] = frozenset()
    if progress is not None:
        done = progress.completed([*found, *upcoming.values(), *last.values()])
    return Selection(register, tasks, window, today, found, upcoming, filters, done, last, progress)


def from_options(
    file: str | None,
    unit: str | None,
    section: str | None,
    direct: bool,
    after: str | None,
    before: str | None,
    today: str | None,
    progress_file: str | None,
) -> Selection:
    """`select` as the export and publish commands ask for it: the register file, the dates as
    typed and the progress file to look for (see `gpstd.progress.tracker`)."""
    from gpstd import dates
    from gpstd.progress.tracker import tracker
    from gpstd.register import load

    first, last = dates.window(after, before, ("--after", "--before"))
    register = load(file)
    return select(
        register,
        unit=unit,
        section=section,
        direct=direct,
        after=first,
        before=last,
        today=dates.today(today),
        progress=tracker(register, file, progress_file),
    )


def last_due(register: Register, tasks: list[Task], today: dt.date) -> dict[int, Occurrence]:
    """Per task, its last occurrence before today (tasks with none are left out)."""
    from gpstd.schedule.occurrences import expand

    last: dict[int, Occurrence] = {}
    for occ in expand(register, None, today - dt.timedelta(days=1), tasks):
        last[occ.task_id] = occ
    return last


def _next_due(register: Register, tasks: list[Task], today: dt.date) -> dict[int, Occurrence]:
    from gpstd.schedule.occurrences import expand

    horizon = (
        today.replace(year=today.year + NEXT_DUE_YEARS)
        if not _leap_day(today)
        else today + dt.timedelta(days=365 * NEXT_DUE_YEARS)
    )
    first: dict[int, Occurrence] = {}
    for occ in expand(register, today, horizon, tasks):
        first.setdefault(occ.task_id, occ)
    return first


def _leap_day(day: dt.date) -> bool:
    return day.month == 2 and day.day == 29
