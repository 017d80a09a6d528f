"""The query layer on the bundled register, without the CLI."""

from __future__ import annotations

import datetime as dt

import pytest

from gpstd import query, units
from gpstd.errors import GpstdError, NotFound
from gpstd.register import load

D = dt.date


@pytest.fixture(scope="module")
def register():
    from tests.conftest import REGISTER

    return load(str(REGISTER))


@pytest.mark.parametrize(
    ("due", "state"),
    [
        (D(2020, 11, 24), "overdue"),
        (D(2020, 11, 25), "soon"),
        (D(2020, 12, 2), "soon"),
        (D(2020, 12, 3), "later"),
    ],
)
def test_status_relative_to_today(due, state):
    assert query.status(due, D(2020, 11, 25)) == state


@pytest.mark.parametrize(
    ("text", "section"),
    [("七", "七"), ("7", "七"), ("（七）", "七"), ("(十八)", "十八"), ("18", "十八"), ("20", "二十")],
)
def test_normalize_section(register, text, section):
    assert query.normalize_section(register, text) == section


def test_add_months_crosses_years():
    assert query.add_months(D(2020, 11, 30), 2) == D(2021, 1, 1)


def test_timeline_counts_and_bounds(register):
    plan = query.timeline(register, query.Filters(), D(2020, 8, 15), None)
    assert plan.months[0] == (2020, 8) and plan.months[-1] == (2021, 7) and len(plan.months) == 12
    assert plan.counts[21] == [0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0]  # quarter ends
    with pytest.raises(GpstdError, match="最多显示 60 个月"):  # bad input: exit 1, not a usage error
        query.timeline(register, query.Filters(), D(2020, 1, 1), D(2026, 1, 1))


def test_resolve_units(register):
    assert units.resolve(register, "区政数局").name == "区政务服务数据管理局"
    assert units.resolve(register, "南村").name == "南村镇"
    assert units.resolve(register, "各镇(街)").name == "各镇（街）"
    assert units.resolve(register, "区文").name == "区文化广电旅游体育局"  # name and alias: one unit
    with pytest.raises(NotFound, match=r"不唯一.*区政务服务数据管理局"):
        units.resolve(register, "区政")  # 区政府办 or 区政务服务数据管理局


def test_via_group_counts_are_the_assignments_through_a_term(register):
    counts = units.via_group_counts(register)
    for unit in register.units:
        through = [a for a in units.assignments(register, unit) if a.via]
        assert counts[unit.name] == len(through), unit.name
    assert counts["市桥街道"] == 6


@pytest.mark.parametrize(
    ("key", "skipped"),
    [
        ("五", True),
        ("十九", True),
        ("七", False),
        ("二十", False),
        ("二十一", False),
        ("一百", False),
        ("十〇", False),
        ("²", False),
        ("9" * 5000, False),
        ("", False),
    ],
)
def test_skipped_section_is_a_gap_in_the_plans_numbering(register, key, skipped):
    assert query.skipped_section(register, key) is skipped
