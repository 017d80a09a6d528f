"""Dates typed on the command line, and what "today" is (Asia/Shanghai unless told)."""

from __future__ import annotations

import datetime as dt

from gpstd.errors import GpstdError

TIMEZONE = "Asia/Shanghai"


def parse_option(text: str, option: str) -> dt.date:
    """A date option: 2020-12-31, 2020/12/31, 2020.12.31 or 2020年12月31日."""
    from gpstd.phrases import parse_date

    value = parse_date(text.strip())
    if value is None:
        raise GpstdError(f"{option} 的日期无效：「{text}」（可写 2020-12-31、2020/12/31 或 2020年12月31日）")
    return value


def optional(text: str | None, option: str) -> dt.date | None:
    return None if text is None else parse_option(text, option)


def today(text: str | None) -> dt.date:
    """--today / $GPSTD_TODAY if given, else the date now in Asia/Shanghai."""
    if text:
        return parse_option(text, "--today")
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo(TIMEZONE)).date()
