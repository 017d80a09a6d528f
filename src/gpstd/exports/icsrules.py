"""A register's recurring rule as rules every major calendar client takes.

The register keeps the rule as the text reads (每季度末: `FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1`),
which RFC 5545 allows but Outlook cannot hold: its yearly pattern is one month and one day, its
monthly pattern one day of every N months ([MS-OXCICAL] 2.1.3.2.2.3 and 2.1.3.2.2.5), and it is
reported to drop events whose rule it cannot map. So a month-and-day rule is written here in those
two shapes only:

- the months a day falls in every N months (3,6,9,12 every 3; 6,12 every 6; every month) become
  one `FREQ=MONTHLY;INTERVAL=N;BYMONTHDAY=D`, whose phase comes from DTSTART, the first date;
- any other months become one `FREQ=YEARLY;BYMONTH=M;BYMONTHDAY=D` each, a day the month always
  has written as a plain day (7月 -1 → 31; Outlook maps -1 to day 31 anyway);
- a day clamped to short months (每月30日: `BYMONTHDAY=28,29,30;BYSETPOS=-1`) becomes its day per
  month (30, and February's last day).

Each piece is one VEVENT. A rule that needs one piece keeps the item's UID; several pieces get
the UID with a suffix naming their months and day. Weekday and other rules are left as they
are: their RRULE is already in a shape the clients take (weekly on a day, the Nth weekday).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass
from itertools import pairwise

from gpstd.schedule.recurrence import rule_parts

# Month lengths: February's are 28 and 29, the others' fixed.
_SHORTEST = {m: calendar.monthrange(2021, m)[1] for m in range(1, 13)}
_LONGEST = {m: calendar.monthrange(2020, m)[1] for m in range(1, 13)}
LAST = -1


@dataclass(frozen=True)
class Piece:
    rule: str
    """The RRULE body, without UNTIL."""
    key: str | None = None
    """The UID suffix when a rule is written as several pieces (m3-6-9-12-d-1); None for one."""
    months: frozenset[int] = frozenset(range(1, 13))
    day: int | None = None
    """The day of the month (LAST for the month's last day); None: every date of the rule."""

    def holds(self, date: dt.date) -> bool:
        """Whether a date of the register's rule is one of this piece's."""
        if self.day is None:
            return True
        if date.month not in self.months:
            return False
        return date.day == (_days_in(date) if self.day == LAST else self.day)


def _days_in(date: dt.date) -> int:
    return calendar.monthrange(date.year, date.month)[1]


@functools.lru_cache(maxsize=1024)
def pieces(rrule: str) -> tuple[Piece, ...]:
    """The pieces whose dates together are the rule's: one piece for most rules."""
    parts = rule_parts(rrule)
    parts.pop("UNTIL", None)
    per_month = _days_per_month(parts)
    if per_month is None:
        return (Piece(";".join(f"{k}={v}" for k, v in parts.items())),)
    interval = int(parts.get("INTERVAL") or 1)
    if parts["FREQ"] == "MONTHLY" and interval > 1:
        found = [_monthly(interval, day, frozenset(range(1, 13))) for day in sorted(_all_days(per_month))]
    else:
        found = _grouped(per_month, interval)
    if len(found) == 1:
        return (Piece(found[0].rule, None, found[0].months, found[0].day),)
    return tuple(found)


def _all_days(per_month: dict[int, set[int]]) -> set[int]:
    return {d for days in per_month.values() for d in days}


def _days_per_month(parts: dict[str, str]) -> dict[int, set[int]] | None:
    """Per month the rule falls in, its days (positive, or LAST); None for a rule of another
    shape (weekdays, set positions other than a clamped day), which is written as it is."""
    if parts.get("FREQ") not in ("YEARLY", "MONTHLY") or "BYMONTHDAY" not in parts:
        return None
    if set(parts) - {"FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY", "BYSETPOS"}:
        return None
    try:
        days = [int(d) for d in parts["BYMONTHDAY"].split(",")]
        months = [int(m) for m in parts["BYMONTH"].split(",")] if parts.get("BYMONTH") else range(1, 13)
        setpos = parts.get("BYSETPOS")
        if parts["FREQ"] == "MONTHLY" and int(parts.get("INTERVAL") or 1) > 1:
            if parts.get("BYMONTH") or setpos or not all(1 <= d <= 28 or d == LAST for d in days):
                return None  # every N months on a day some months lack: kept as it is
            if {28, LAST} <= set(days):
                return None  # one date in February of most years: kept as it is
        found: dict[int, set[int]] = {}
        for month in months:
            if setpos is not None:
                clamped = _clamped(days, month) if setpos == "-1" else None
                if clamped is None:
                    return None
                found[month] = {LAST if clamped == _LONGEST[month] == _SHORTEST[month] else clamped}
            else:
                found[month] = {day for d in days if (day := _day(d, month)) is not None}
    except ValueError:
        return None
    if LAST in found.get(2, ()):  # February's last day is the 28th or the 29th
        found[2] -= {29}  # 29 falls only when it is the last
        if 28 in found[2]:
            found[2] = found[2] - {LAST} | {29}  # 28 every year, the 29th when there is one
    return {m: days for m, days in found.items() if days}


def _day(day: int, month: int) -> int | None:
    """A BYMONTHDAY value in `month`: LAST for its last day, else a plain day where the month
    always has it; None where it never has it."""
    if day < LAST:
        if _SHORTEST[month] != _LONGEST[month]:
            raise ValueError("a day counted from the end of February")  # rare: kept as it is
        day = _SHORTEST[month] + 1 + day
    if day == _SHORTEST[month] == _LONGEST[month]:
        return LAST  # 4月30日 is April's last day: one date, however the rule names it
    return day if day == LAST or 1 <= day <= _LONGEST[month] else None


def _clamped(days: list[int], month: int) -> int | None:
    """BYMONTHDAY=28,29,30;BYSETPOS=-1 in `month`: the last listed day it has (30; February's
    last); None for lists of other shapes."""
    if any(d < 1 for d in days):
        return None
    short = max((d for d in days if d <= _SHORTEST[month]), default=None)
    long = max((d for d in days if d <= _LONGEST[month]), default=None)
    if short == long:
        return short
    return LAST if (short, long) == (_SHORTEST[month], _LONGEST[month]) else None


def _grouped(per_month: dict[int, set[int]], interval: int) -> list[Piece]:
    """One piece per day and run of months every N months, else per month."""
    out = []
    for day in sorted(_all_days(per_month)):
        months = sorted(m for m, days in per_month.items() if day in days)
        step = 12 // len(months) if 12 % len(months) == 0 else 0
        regular = interval == 1 and step > 0 and all(b - a == step for a, b in pairwise(months))
        # A day some years' month lacks (2月29日): RFC 5545 skips that year, Outlook moves it to the
        # month's last day. Kept to its own month's piece, so that the other months' pieces agree.
        regular = regular and (day == LAST or all(day <= _SHORTEST[m] for m in months))
        if regular and step < 12:
            out.append(_monthly(step, day, frozenset(months)))
        else:
            out += [_yearly(interval, month, day) for month in months]
    return sorted(out, key=lambda p: (min(p.months), p.day or 0))


def _monthly(step: int, day: int, months: frozenset[int]) -> Piece:
    every = f";INTERVAL={step}" if step > 1 else ""
    key = f"m{'-'.join(map(str, sorted(months)))}-d{day}" if step > 1 else f"d{day}"
    return Piece(f"FREQ=MONTHLY{every};BYMONTHDAY={day}", key, months, day)


def _yearly(interval: int, month: int, day: int) -> Piece:
    every = f";INTERVAL={interval}" if interval > 1 else ""
    written = _SHORTEST[month] if day == LAST and month != 2 else day  # 7月 -1 is 31: a plain date
    rule = f"FREQ=YEARLY{every};BYMONTH={month};BYMONTHDAY={written}"
    return Piece(rule, f"m{month}-d{written}", frozenset({month}), day)
