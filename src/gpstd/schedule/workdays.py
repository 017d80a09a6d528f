"""Whether a deadline falls on a day off in China, from a maintained holiday calendar.

chinese_calendar knows public holidays and the 调休 make-up working days (a Sunday
that is a working day is not flagged). For years it does not cover yet (it is updated each
year when the State Council publishes the next year's holidays) only Saturday and Sunday are
flagged, as 周末, and `uncovered` names those years so that views can say so.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

_WEEKDAYS = "一二三四五六日"


@functools.lru_cache(maxsize=4096)  # 60,000 occurrences fall on a few hundred distinct days
def day_off(day: dt.date) -> str | None:
    """A short Chinese note when `day` is not a working day (周六, 国庆节), else None."""
    import chinese_calendar

    try:
        if chinese_calendar.is_workday(day):
            return None
        _holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:  # outside the years the calendar covers: weekends are still known
        return "周末" if day.weekday() >= 5 else None
    if name:
        return chinese_calendar.Holiday(name).chinese + "假期"
    return f"周{_WEEKDAYS[day.weekday()]}"


@functools.lru_cache(maxsize=256)
def covered(year: int) -> bool:
    """Whether the holiday calendar knows `year`'s public holidays and 调休."""
    import chinese_calendar

    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def uncovered(days: Iterable[dt.date]) -> list[int]:
    """The years among `days` whose holidays are unknown (only weekends flagged), in order."""
    return sorted(y for y in {d.year for d in days} if not covered(y))


def weekday(day: dt.date) -> str:
    return f"周{_WEEKDAYS[day.weekday()]}"
