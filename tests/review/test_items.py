"""gpstd.review.items: which schedule item of the newer version is which of the older. Table-driven."""

from __future__ import annotations

import datetime as dt

import pytest

from gpstd.model import ScheduleItem
from gpstd.review.items import pair


def dated(text: str, due: str) -> ScheduleItem:
    return ScheduleItem("dated", text, due=dt.date.fromisoformat(due))


A = dated("2020年8月31日前，报区政府办（调研科）", "2020-08-31")
B = dated("10月31日前在区政府门户网站以文件汇编形式公开", "2020-10-31")
B_MOVED = dated("10月31日前在区政府门户网站以文件汇编形式公开", "2020-11-30")
B_REWORDED = dated("11月30日前在区政府门户网站以文件汇编形式公开", "2020-11-30")
C = dated("2020年8月15日前完成初稿", "2020-08-15")
LONG = ScheduleItem("ongoing", "长期")
RULE = ScheduleItem("recurring", "每季度情况通报", rrule="FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1")


@pytest.mark.parametrize(
    ("old", "new", "pairs"),
    [
        ([A, B], [A, B], [(0, 0), (1, 1)]),
        ([A, B], [C, A, B], [(None, 0), (0, 1), (1, 2)]),  # inserted at the head: the others untouched
        ([A, B], [A, C, B], [(0, 0), (None, 1), (1, 2)]),
        ([A, B], [A, B_MOVED], [(0, 0), (1, 1)]),  # same clause, another date: moved
        ([A, B], [A, B_REWORDED], [(0, 0), (1, 1)]),  # the clause reworded around its date
        ([A, B], [B_MOVED, A], [(1, 0), (0, 1)]),  # in the newer order
        ([A, B], [B], [(0, None), (1, 0)]),  # a removed item stands before the one that followed it
        ([A, B], [A], [(0, 0), (1, None)]),
        ([A], [LONG], [(0, None), (None, 0)]),  # different kinds, different texts: not the same item
        ([LONG, RULE], [RULE], [(0, None), (1, 0)]),
        ([], [A], [(None, 0)]),
    ],
)
def test_pairs(old, new, pairs):
    assert pair(old, new) == pairs
