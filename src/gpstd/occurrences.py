"""Expanding tasks' schedules into dated occurrences within a window.

Dated milestones are taken as they are; recurring rules are expanded by
`gpstd.recurrence`, which memoises each distinct rule and window, so thousands of
tasks sharing a few rules cost a few expansions.
"""

from __future__ import annotations

import datetime as dt
import gc
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from gpstd.model import Register, ScheduleItem, Task

EARLIEST = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class Occurrence:
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


def _expand(register: Register, window_start: dt.date, end: dt.date, tasks: Iterable[Task]) -> list[Occurrence]:
    found: list[Occurrence] = []
    append = found.append
    rules: dict[tuple[str, dt.date | None, dt.date | None], list[dt.date]] = {}  # each distinct rule once
    years: dict[tuple[str, int], list[dt.date]] = {}
    new, occ_cls = _new, Occurrence
    # The hot loop at 100,000 tasks: dated items are filtered by the window before any object is
    # made, and each Occurrence is built without eight object.__setattr__ calls of a frozen __init__.
    for task in tasks:
        task_id = task.id
        for index, item in enumerate(task.schedule):
            kind = item.kind
            if kind == "dated":
                due = item.due
                if due is None or not window_start <= due <= end:
                    continue
                occ = new(occ_cls)
                occ.__dict__.update(task_id=task_id, due=due, item=index, recurring=False, text=item.text,
                                    action=item.action, recipient=item.recipient, by=item.by)
                append(occ)
            elif kind == "recurring" and item.rrule:
                key = (item.rrule, item.start, item.until)
                dues = rules.get(key)
                if dues is None:
                    dues = rules[key] = _rule_dates(register, item, window_start, end, years)
                for due in dues:
                    occ = new(occ_cls)
                    occ.__dict__.update(task_id=task_id, due=due, item=index, recurring=True, text=item.text,
                                        action=item.action, recipient=item.recipient, by=item.by)
                    append(occ)
    found.sort(key=attrgetter("due", "task_id", "item"))
    return found


_new = object.__new__


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
