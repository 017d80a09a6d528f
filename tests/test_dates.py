"""Dates as people type them on the command line (gpstd.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from gpstd import dates
from gpstd.errors import BadWindow, GpstdError

D = dt.date
WEDNESDAY = D(2020, 11, 18)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2020-12-31", D(2020, 12, 31)),
        ("2020/12/31", D(2020, 12, 31)),
        ("2020年12月31日", D(2020, 12, 31)),
        ("二〇二〇年十二月三十一日", D(2020, 12, 31)),
        ("12月31日", D(2020, 12, 31)),  # this year
        ("今天", WEDNESDAY),
        ("today", WEDNESDAY),
        ("TODAY", WEDNESDAY),
        ("明天", D(2020, 11, 19)),
        ("tomorrow", D(2020, 11, 19)),
        ("后天", D(2020, 11, 20)),
        ("昨天", D(2020, 11, 17)),
        ("+7d", D(2020, 11, 25)),
        ("-3d", D(2020, 11, 15)),
        ("+2w", D(2020, 12, 2)),
        ("+1m", D(2020, 12, 18)),
        ("+1y", D(2021, 11, 18)),
        ("3天后", D(2020, 11, 21)),
        ("两周后", D(2020, 12, 2)),
        ("1个月后", D(2020, 12, 18)),
        ("十天前", D(2020, 11, 8)),
        ("月底", D(2020, 11, 30)),
        ("本月底", D(2020, 11, 30)),
        ("eom", D(2020, 11, 30)),
        ("下月底", D(2020, 12, 31)),
        ("eow", D(2020, 11, 22)),  # the Chinese week ends on Sunday
        ("周末", D(2020, 11, 22)),
        ("年底", D(2020, 12, 31)),
        ("月初", D(2020, 11, 1)),
        ("周五", D(2020, 11, 20)),
        ("下周一", D(2020, 11, 23)),
        ("上周五", D(2020, 11, 13)),
        ("星期日", D(2020, 11, 22)),
    ],
)
def test_a_day_as_people_type_it(typed: str, day: dt.date) -> None:
    assert dates.parse_option(typed, "--on", WEDNESDAY) == day


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("2020-12", D(2020, 12, 1), D(2020, 12, 31)),
        ("2021年2月", D(2021, 2, 1), D(2021, 2, 28)),
        ("本月", D(2020, 11, 1), D(2020, 11, 30)),
        ("下个月", D(2020, 12, 1), D(2020, 12, 31)),
        ("上月", D(2020, 10, 1), D(2020, 10, 31)),
        ("下周", D(2020, 11, 23), D(2020, 11, 29)),
        ("本周", D(2020, 11, 16), D(2020, 11, 22)),
        ("明年", D(2021, 1, 1), D(2021, 12, 31)),
    ],
)
def test_a_period_covers_the_whole_of_it_in_a_window(typed: str, first: dt.date, last: dt.date) -> None:
    assert dates.window(typed, typed, ("--after", "--before"), WEDNESDAY) == (first, last)


def test_a_period_is_refused_where_one_day_is_wanted() -> None:
    with pytest.raises(GpstdError, match="--on 要写某一天：「下周」是一段时间"):
        dates.parse_option("下周", "--on", WEDNESDAY)


@pytest.mark.parametrize("typed", ["某天", "2020-13", "+7x", "周八", "下下周", "2020-02-30"])
def test_what_is_not_a_date_is_named_with_what_is_accepted(typed: str) -> None:
    with pytest.raises(GpstdError) as info:
        dates.parse_option(typed, "--before", WEDNESDAY)
    assert f"--before 的日期无效：「{typed}」" in info.value.message
    assert "今天、明天、下周、本月底、+7d" in info.value.message


def test_offsets_that_leave_the_calendar_are_refused_not_raised() -> None:
    with pytest.raises(GpstdError, match=r"超出范围|无效"):
        dates.parse_option("+9999y", "--before", WEDNESDAY)


def test_a_window_whose_words_cross_is_refused() -> None:
    with pytest.raises(BadWindow, match="晚于"):
        dates.window("下月", "本月", ("--after", "--before"), WEDNESDAY)


def test_a_month_later_keeps_the_day_or_takes_the_month_end() -> None:
    assert dates.parse_option("+1m", "--on", D(2021, 1, 31)) == D(2021, 2, 28)
    assert dates.parse_option("+1m", "--on", D(2020, 1, 31)) == D(2020, 2, 29)
    assert dates.parse_option("+1y", "--on", D(2020, 2, 29)) == D(2021, 2, 28)
