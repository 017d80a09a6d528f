"""Expanding tasks' schedules into dated occurrences within a window.

Dated milestones are taken as they are; recurring rules are expanded by
`gpstd.recurrence`, which memoises each distinct rule and window, so thousands of
tasks sharing a few rules cost a few expansions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

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
    window_start = start or EARLIEST
    found = [
        occ
        for task in (register.tasks if tasks is None else tasks)
        for occ in _task_occurrences(register, task, window_start, end)
    ]
    found.sort(key=lambda o: (o.due, o.task_id, o.item))
    return found


_new = object.__new__


def _task_occurrences(register: Register, task: Task, start: dt.date, end: dt.date) -> Iterator[Occurrence]:
    for index, item in enumerate(task.schedule):
        kind = item.kind
        if kind == "dated":  # inline: most items, and 100,000 tasks make this the hot loop
            dues: Iterable[dt.date] = (item.due,) if item.due is not None and start <= item.due <= end else ()
        elif kind == "recurring":
            dues = item_dates(register, item, start, end)
        else:
            continue
        for due in dues:
            # What Occurrence(...) makes, without eight object.__setattr__ calls of a frozen __init__.
            occ = _new(Occurrence)
            occ.__dict__.update(task_id=task.id, due=due, item=index, recurring=kind == "recurring",
                                text=item.text, action=item.action, recipient=item.recipient, by=item.by)
            yield occ


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
