"""China's working days, from a maintained holiday calendar: days off, and counting working days.

chinese_calendar knows public holidays and the 调休 make-up working days (a Sunday
that is a working day is not flagged). For years it does not cover yet (it is updated each
year when the State Council publishes the next year's holidays) only Saturday and Sunday are
flagged, as 周末, and `uncovered` names those years so that views can say so.

Counting working days (每月最后一个工作日, 春节后第1个工作日, 10个工作日内) is only done inside
`covered_years()`: outside them every count gives None, never a date guessed from weekends.
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


@functools.cache
def covered_years() -> range:
    """The years whose holidays and 调休 the calendar knows (2004–2026 with chinesecalendar 1.11)."""
    import chinese_calendar

    years = {day.year for day in chinese_calendar.holidays}
    return range(min(years), max(years) + 1)


def is_workday(day: dt.date) -> bool | None:
    """Whether `day` is a working day in China; None outside `covered_years()`."""
    if day.year not in covered_years():
        return None
    return _workday(day)


@functools.lru_cache(maxsize=8192)
def _workday(day: dt.date) -> bool:
    import chinese_calendar

    return bool(chinese_calendar.is_workday(day))


@functools.lru_cache(maxsize=4096)
def nth_workday(year: int, month: int, n: int) -> dt.date | None:
    """The nth working day of the month (n < 0: counted from its end, -1 the last), or None when
    the calendar does not cover the year or the month has fewer working days."""
    if year not in covered_years() or n == 0 or not 1 <= month <= 12:
        return None
    first = dt.date(year, month, 1)
    days = [first + dt.timedelta(days=i) for i in range(31) if (first + dt.timedelta(days=i)).month == month]
    working = [d for d in days if _workday(d)]
    if abs(n) > len(working):
        return None
    return working[n - 1] if n > 0 else working[n]


def workdays_after(day: dt.date, n: int) -> dt.date | None:
    """The nth working day after `day` (`day` itself not counted, as 民法典 第二百零一条 counts a
    period from the next day), or None when a year the count passes through is not covered."""
    if n < 1 or n > 366:
        return None
    current = day
    while n:
        current += dt.timedelta(days=1)
        working = is_workday(current)
        if working is None:
            return None
        n -= working
    return current


_HOLIDAY_CN = {
    "Spring Festival": "春节",
    "New Year's Day": "元旦",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
}


def holiday_end(year: int, holiday: str) -> dt.date | None:
    """The last day off of `holiday` (chinese_calendar's English name, 'Spring Festival') in `year`,
    or None when the calendar does not cover the year or has no such holiday in it."""
    if year not in covered_years():
        return None
    import chinese_calendar

    days = [d for d, name in chinese_calendar.holidays.items() if d.year == year and name == holiday]
    if holiday == "New Year's Day":  # 2023-12-30 and 31 are the break of 元旦 2024
        days = [d for d in days if d.month == 1]
    return max(days) if days else None


def holiday_name(holiday: str) -> str:
    return _HOLIDAY_CN.get(holiday, holiday)
