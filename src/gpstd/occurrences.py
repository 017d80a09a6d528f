"""Expanding tasks' schedules into dated occurrences within a window.

Dated milestones are taken as they are; recurring rules are expanded by
`gpstd.recurrence`, which memoises each distinct rule and window, so thousands of
tasks sharing a few rules cost a few expansions.
"""

from __future__ import annotations

import datetime as dt
import gc
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import NamedTuple

from gpstd.model import Register, ScheduleItem, Task, schedule_groups

EARLIEST = dt.date(1900, 1, 1)


class Occurrence(NamedTuple):
    """One dated occurrence of one schedule item of one task. A named tuple: immutable, and
    made in C (tuple.__new__) in a tenth of a frozen dataclass's time, which counts when a
    query of 100,000 tasks makes 60,000 of them."""

    task_id: int
    due: dt.date
    item: int  # index of the schedule item in task.schedule
    recurring: bool
    text: str
    action: str | None
    recipient: str | None
    by: str | None


def expand(register: Register, start: dt.date | None, end: dt.date,
           tasks: Iterable[Task] | None = None) -> list[Occurrence]:
    """Every occurrence due in [start, end] (inclusive), sorted by date then task id."""
    enabled = gc.isenabled()
    gc.disable()  # tens of thousands of new objects and no cycles: collections would only walk them
    try:
        return _expand(register, start or EARLIEST, end, register.tasks if tasks is None else tasks)
    finally:
        if enabled:
            gc.enable()


# An item's dates in the window and the parts every occurrence of it repeats.
_Entry = tuple[list[dt.date], bool, str, "str | None", "str | None", "str | None"]


def _expand(register: Register, window_start: dt.date, end: dt.date, tasks: Iterable[Task]) -> list[Occurrence]:
    rules: dict[tuple[str, dt.date | None, dt.date | None], list[dt.date]] = {}  # each distinct rule once
    years: dict[tuple[str, int], list[dt.date]] = {}
    # Items are looked at once each, by identity: a register from the cache shares one object
    # per distinct item (~3,000 among 12,000 items at 10,000 tasks), and the register outlives
    # this call, so no id is reused.
    seen: dict[int, _Entry] = {}

    def entry(item: ScheduleItem) -> _Entry:
        known = seen.get(id(item))
        if known is None:
            known = seen[id(item)] = _entry(register, item, window_start, end, rules, years)
        return known

    groups = schedule_groups(register) if tasks is register.tasks else None
    found = _by_task(tasks, entry) if groups is None else _by_group(groups, entry)
    found.sort(key=itemgetter(1, 0, 2))  # due, task_id, item
    return found


def _by_task(tasks: Iterable[Task], entry: Callable[[ScheduleItem], _Entry]) -> list[Occurrence]:
    found: list[Occurrence] = []
    append, make, cls = found.append, tuple.__new__, Occurrence
    for task in tasks:
        task_id = task.id
        for index, item in enumerate(task.schedule):
            dues, recurring, text, action, recipient, by = entry(item)
            for due in dues:
                append(make(cls, (task_id, due, index, recurring, text, action, recipient, by)))
    return found


def _by_group(groups: list[tuple[list[ScheduleItem], list[int]]],
              entry: Callable[[ScheduleItem], _Entry]) -> list[Occurrence]:
    """The same occurrences as _by_task over every task, from the tasks grouped by their
    schedule (`gpstd.model.schedule_groups`): each distinct schedule is looked at once, and
    the tasks of one with nothing due are never touched (at 10,000 tasks, 4,000 schedules,
    ~6,400 tasks skipped; the tasks, spread over memory, cost ~1 µs each just to visit).
    Occurrences that tie on (due, task id, item) could only come in another order here, and only
    from two tasks with one id, which a register the cache holds (a valid one) never has."""
    found: list[Occurrence] = []
    append, make, cls = found.append, tuple.__new__, Occurrence
    for items, ids in groups:
        due_items = [(index, *known) for index, known in enumerate(map(entry, items)) if known[0]]
        for task_id in ids if due_items else ():
            for index, dues, recurring, text, action, recipient, by in due_items:
                for due in dues:
                    append(make(cls, (task_id, due, index, recurring, text, action, recipient, by)))
    return found


def _entry(register: Register, item: ScheduleItem, start: dt.date, end: dt.date,
           rules: dict[tuple[str, dt.date | None, dt.date | None], list[dt.date]],
           years: dict[tuple[str, int], list[dt.date]]) -> _Entry:
    dues: list[dt.date] = []
    if item.kind == "dated":
        if item.due is not None and start <= item.due <= end:
            dues = [item.due]
    elif item.kind == "recurring" and item.rrule:
        key = (item.rrule, item.start, item.until)
        dues = rules.get(key)  # type: ignore[assignment]
        if dues is None:
            dues = rules[key] = _rule_dates(register, item, start, end, years)
    return dues, item.kind == "recurring", item.text, item.action, item.recipient, item.by




def _rule_dates(register: Register, item: ScheduleItem, start: dt.date, end: dt.date,
                years: dict[tuple[str, int], list[dt.date]]) -> list[dt.date]:
    """item_dates(register, item, start, end) for a recurring item, sharing one expansion per rule
    and year among items whose own start and until differ (10,000 tasks: ~1,000 distinct
    (rule, start, until), ~50 rules). Without INTERVAL a rule is expanded from 1 January of the
    year its window begins in (`recurrence._dtstart`), so its dates in [low, high] are those of
    the expansion from that 1 January to `end`, cut to [low, high]."""
    rrule = item.rrule
    assert rrule
    if "INTERVAL" in rrule.upper():  # the phase depends on the anchor: as item_dates does
        return item_dates(register, item, start, end)
    first, last = item.start or register.meta.start, item.until or register.meta.end
    low = max(start, first) if first else start
    high = min(end, last) if last else end
    if low > high:
        return []
    key = (rrule, low.year)
    every = years.get(key)
    if every is None:
        from gpstd.recurrence import expand as expand_rule

        every = years[key] = expand_rule(rrule, dt.date(low.year, 1, 1), end)
    return every[bisect_left(every, low):bisect_right(every, high)]


def item_dates(register: Register, item: ScheduleItem, start: dt.date, end: dt.date) -> list[dt.date]:
    if item.kind == "dated" and item.due is not None:
        return [item.due] if start <= item.due <= end else []
    if item.kind == "recurring" and item.rrule:
        from gpstd.recurrence import expand as expand_rule

        return expand_rule(item.rrule, start, end,
                           start=item.start or register.meta.start,
                           until=item.until or register.meta.end)
    return []


def years_later(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def next_due(register: Register, task: Task, today: dt.date, horizon_years: int = 3) -> Occurrence | None:
    upcoming = expand(register, today, years_later(today, horizon_years), [task])
    return upcoming[0] if upcoming else None
