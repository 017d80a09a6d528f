"""What an export shows: the tasks chosen, the date window and their deadlines, each with its state
from the register's ledger (`gpstd.obligations`) -- the same states every view shows.

Filters mean what they mean for `gpstd due`: --unit and --section choose tasks (and, with --unit,
only that unit's parts of them); --after/--before choose dates, and when a date bound is given only
tasks with a deadline inside it are exported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from gpstd.days import iso
from gpstd.model import Register, Task
from gpstd.obligations import Ledger, State
from gpstd.query import DeadlineRow, Filters, TaskRow


@dataclass(frozen=True)
class Window:
    after: dt.date | None
    """--after as given (None: from the beginning of the register)."""
    before: dt.date | None
    """--before as given (None: open-ended, see `end`)."""
    end: dt.date
    """Last day listed when deadlines must be enumerated: --before, else meta.end, else 31 December
    of next year."""

    @property
    def bounded(self) -> bool:
        return self.after is not None or self.before is not None


@dataclass(frozen=True)
class Selection:
    ledger: Ledger
    tasks: list[Task]
    window: Window
    today: dt.date
    deadlines: list[DeadlineRow]
    """Every deadline of `tasks` in the window, by date then task, with its state."""
    rows: dict[int, TaskRow]
    """Per task id, its next open deadline and state (as `gpstd list` shows them)."""
    unit: str | None = None
    filters: Mapping[str, object] = field(default_factory=dict)

    @property
    def register(self) -> Register:
        return self.ledger.register

    def task(self, task_id: int) -> Task:
        found = self.register.task(task_id)
        assert found is not None
        return found

    def task_state(self, task: Task) -> State:
        return self.rows[task.id].state

    def deadlines_of(self, task_id: int) -> list[DeadlineRow]:
        """The task's deadlines in the window, by date."""
        return self._by_task.get(task_id, [])

    @cached_property
    def _by_task(self) -> dict[int, list[DeadlineRow]]:
        # Indexed once: an export asks for every task's deadlines (a scan each is N² at 10,000 tasks).
        found: dict[int, list[DeadlineRow]] = {}
        for r in self.deadlines:
            found.setdefault(r.task_id, []).append(r)
        return found


def make_window(register: Register, after: dt.date | None, before: dt.date | None, today: dt.date) -> Window:
    from gpstd.dates import check_window

    check_window(after, before)
    end = before or register.meta.end or dt.date(today.year + 1, 12, 31)
    return Window(after, before, end)


def select(
    ledger: Ledger,
    *,
    unit: str | None = None,
    section: str | None = None,
    direct: bool = False,
    after: dt.date | None = None,
    before: dt.date | None = None,
    today: dt.date,
) -> Selection:
    """The tasks and deadlines an export shows; NotFound for an unknown unit or section."""
    from gpstd import query

    window = make_window(ledger.register, after, before, today)
    filters = Filters(unit, section, direct)
    tasks = query.select_tasks(ledger, filters)
    name = query.unit_name(ledger, filters)
    found = ledger.deadlines(after, window.end, tasks, name)
    if window.bounded:
        with_dates = {o.task_id for o in found}
        tasks = [t for t in tasks if t.id in with_dates]
    rows = {r.task.id: r for r in query.task_rows(ledger, tasks, today, name)}
    shown = {"unit": unit, "section": section, "direct": direct, "after": iso(after), "before": iso(before)}
    return Selection(ledger, tasks, window, today, query.rows(ledger, found, today, name), rows, name, shown)


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
    """`select` as the export commands ask for it: the register file, the dates as typed and the
    progress file to read."""
    from gpstd import dates
    from gpstd.obligations import open_ledger
    from gpstd.register import load

    when = dates.today(today)
    first, last = dates.window(after, before, ("--after", "--before"), when)
    register = load(file)
    ledger = open_ledger(register, file, progress_file)
    return select(ledger, unit=unit, section=section, direct=direct, after=first, before=last, today=when)
