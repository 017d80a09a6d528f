"""Dates typed on the command line, and what "today" is (Asia/Shanghai unless told)."""

from __future__ import annotations

import datetime as dt

from gpstd.errors import BadWindow, GpstdError

# Dates typed on the command line are bounded: windows, horizons and "yesterday" are computed
# from them, and a year such as 9999 or 0001 would overflow datetime.date in that arithmetic.
MIN_YEAR, MAX_YEAR = 1900, 2999


def parse_option(text: str, option: str) -> dt.date:
    """A date option: 2020-12-31, 2020/12/31, 2020.12.31 or 2020年12月31日."""
    if not text.strip():  # an unset shell variable, most likely: never "no date"
        raise GpstdError(f"{option} 为空：应写一个日期，如 2020-12-31")
    value = _iso_date(text.strip())
    if value is None:
        from gpstd.phrases import parse_date  # the phrase parser costs ~30 ms to import

        value = parse_date(text.strip())
    if value is None:
        raise GpstdError(f"{option} 的日期无效：「{text}」（可写 2020-12-31、2020/12/31 或 2020年12月31日）")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise GpstdError(f"{option} 的日期超出范围：「{text}」（年份须在 {MIN_YEAR} 至 {MAX_YEAR} 之间）")
    return value


def _iso_date(text: str) -> dt.date | None:
    """YYYY-MM-DD exactly (what scripts type), without importing the phrase parser."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.replace("-", "").isdigit():
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None  # 2020-13-45: let parse_date decide what to say


def optional(text: str | None, option: str) -> dt.date | None:
    return None if text is None else parse_option(text, option)


def window(
    start: str | None, end: str | None, options: tuple[str, str] = ("--from", "--to")
) -> tuple[dt.date | None, dt.date | None]:
    """Two date options bounding a window (--from/--to, or --after/--before), checked."""
    first, last = optional(start, options[0]), optional(end, options[1])
    return check_window(first, last, options)


def check_window(
    first: dt.date | None, last: dt.date | None, options: tuple[str, str] = ("--after", "--before")
) -> tuple[dt.date | None, dt.date | None]:
    """The window unchanged; BadWindow (exit 1) if it ends before it starts. The one check
    every command and library entry point makes."""
    if first and last and first > last:
        raise BadWindow(f"{options[0]} {first} 晚于 {options[1]} {last}：窗口起点不能晚于终点")
    return first, last


def today(text: str | None) -> dt.date:
    """--today / $GPSTD_TODAY if given (an empty one is an error), else the date now in
    Asia/Shanghai."""
    if text is not None:
        return parse_option(text, "--today")
    return dt.datetime.now(_CHINA).date()


# China Standard Time has been UTC+8 all year since 1991 (no daylight saving): a fixed
# offset gives the same date as zoneinfo's Asia/Shanghai without reading tzdata (~5 ms).
_CHINA = dt.timezone(dt.timedelta(hours=8), "CST")
