"""Date arithmetic every layer shares: month ends, months and years later, ISO and Chinese text."""

from __future__ import annotations

import datetime as dt


def month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (2月30日, 13月)."""
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def add_months(day: dt.date, n: int) -> dt.date:
    """The first day of the month `n` months after `day`'s."""
    month = day.month - 1 + n
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def years_later(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def cn_date(day: dt.date) -> str:
    """2020年8月31日."""
    return f"{day.year}年{day.month}月{day.day}日"
