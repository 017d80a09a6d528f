"""Numbers as Chinese lists write them (gpstd.numerals.to_int): a number or None, never an error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gpstd.numerals import chinese_numeral, to_int


@pytest.mark.parametrize(
    ("token", "value"),
    [("12", 12), ("１２", 12), ("十二", 12), ("三十一", 31), ("廿一", 21), ("二〇二〇", 2020), ("两", 2)],
)
def test_numbers(token: str, value: int) -> None:
    assert to_int(token) == value


@pytest.mark.parametrize("token", ["①", "²", "1" * 5000, "十十", "一百", "", "x1"])
def test_what_is_not_a_number_is_none(token: str) -> None:
    """① and ² pass str.isdigit but are not digits of a number; 5,000 digits pass int()'s guard never."""
    assert to_int(token) is None


@given(st.text(max_size=30))
def test_never_raises(token: str) -> None:
    value = to_int(token)
    assert value is None or value >= 0


@pytest.mark.parametrize(
    ("n", "written"),
    [
        (10, "十"),
        (19, "十九"),
        (99, "九十九"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1010, "一千零一十"),
        (10001, "一万零一"),
    ],
)
def test_chinese_numeral_counts_past_ninety_nine(n: int, written: str) -> None:
    # A notice numbers its items （一）（二）…: a unit with 100 or more ended in an IndexError.
    assert chinese_numeral(n) == written
