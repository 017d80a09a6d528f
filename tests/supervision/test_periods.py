"""Periods of a 通报, as typed: table-driven."""

from __future__ import annotations

import datetime as dt

import pytest

from gpstd.errors import GpstdError
from gpstd.supervision.periods import parse

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "key"),
    [
        ("2021Q1", D(2021, 1, 1), D(2021, 3, 31), "2021年第一季度", "2021Q1"),
        ("2021q4", D(2021, 10, 1), D(2021, 12, 31), "2021年第四季度", "2021Q4"),
        ("2020-Q3", D(2020, 7, 1), D(2020, 9, 30), "2020年第三季度", "2020Q3"),
        ("2021H1", D(2021, 1, 1), D(2021, 6, 30), "2021年上半年", "2021H1"),
        ("2021H2", D(2021, 7, 1), D(2021, 12, 31), "2021年下半年", "2021H2"),
        ("2021", D(2021, 1, 1), D(2021, 12, 31), "2021年", "2021"),
        ("2020-02", D(2020, 2, 1), D(2020, 2, 29), "2020年2月", "2020-02"),
        (
            "2020-08-01..2020-11-30",
            D(2020, 8, 1),
            D(2020, 11, 30),
            "2020年8月1日至2020年11月30日",
            "2020-08-01..2020-11-30",
        ),
        (
            "2020年9月1日..2020年9月30日",
            D(2020, 9, 1),
            D(2020, 9, 30),
            "2020年9月1日至2020年9月30日",
            "2020-09-01..2020-09-30",
        ),
    ],
)
def test_periods(text, start, end, label, key) -> None:
    period = parse(text)
    assert (period.start, period.end, period.label, period.key) == (start, end, label, key)


def test_months_of_a_period() -> None:
    assert parse("2020-11-15..2021-01-02").months() == [(2020, 11), (2020, 12), (2021, 1)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "2021Q5",
            "--period 无法识别「2021Q5」（可写 2021Q1、2021H1、2021、2021-03 或 2021-01-01..2021-03-31）",
        ),
        ("2021-13", "--period 无法识别「2021-13」"),
        ("0999Q1", "--period 的年份超出范围：「0999Q1」"),
        ("2021-03-01..2021-01-01", "--period 的起始日期 2021-03-01 晚于 终止日期 2021-01-01"),
        ("2021-02-30..2021-03-01", "--period 起始 的日期无效"),
    ],
)
def test_bad_periods(text, message) -> None:
    with pytest.raises(GpstdError) as found:
        parse(text)
    assert found.value.message.startswith(message)
