"""Whether a deadline falls on a day off in China, from a maintained holiday calendar.

chinese_calendar knows public holidays and the 调休 make-up working days (a Sunday
that is a working day is not flagged). Years it does not cover are not flagged.
"""

from __future__ import annotations

import datetime as dt
import functools

_WEEKDAYS = "一二三四五六日"


@functools.lru_cache(maxsize=4096)  # 60,000 occurrences fall on a few hundred distinct days
def day_off(day: dt.date) -> str | None:
    """A short Chinese note when `day` is not a working day (周六, 国庆节), else None."""
    import chinese_calendar

    try:
        if chinese_calendar.is_workday(day):
            return None
        _holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:  # outside the years the calendar covers
        return None
    if name:
        return chinese_calendar.Holiday(name).chinese + "假期"
    return f"周{_WEEKDAYS[day.weekday()]}"


def weekday(day: dt.date) -> str:
    return f"周{_WEEKDAYS[day.weekday()]}"
