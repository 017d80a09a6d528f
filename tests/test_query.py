"""The query layer on the bundled register, without the CLI."""

from __future__ import annotations

import datetime as dt

import pytest
from tests_support import REGISTER

from gpstd import query, units
from gpstd.days import add_months
from gpstd.errors import GpstdError, NotFound
from gpstd.obligations import Ledger
from gpstd.register import load

D = dt.date


@pytest.fixture(scope="module")
def register():
    return load(str(REGISTER))


@pytest.fixture(scope="module")
def ledger(register):
    return Ledger(register)


@pytest.mark.parametrize(
    ("text", "section"),
    [("七", "七"), ("7", "七"), ("（七）", "七"), ("(十八)", "十八"), ("18", "十八"), ("20", "二十")],
)
def test_normalize_section(register, text, section):
    assert query.normalize_section(register, text) == section


def test_add_months_crosses_years():
    assert add_months(D(2020, 11, 30), 2) == D(2021, 1, 1)


def test_timeline_counts_and_bounds(ledger):
    plan = query.timeline(ledger, query.Filters(), D(2020, 8, 15), None, D(2020, 8, 15))
    assert plan.months[0] == (2020, 8) and plan.months[-1] == (2021, 7) and len(plan.months) == 12
    assert plan.counts[21] == [0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0]  # quarter ends
    with pytest.raises(GpstdError, match="最多显示 60 个月"):  # bad input: exit 1, not a usage error
        query.timeline(ledger, query.Filters(), D(2020, 1, 1), D(2026, 1, 1), D(2020, 1, 1))


def test_overdue_for_a_unit_is_its_own_part(ledger):
    rows = query.overdue(ledger, query.Filters("司法局"), D(2020, 12, 1))
    assert [(r.task_id, r.due.isoformat(), r.state.label) for r in rows] == [
        (1, "2020-08-31", "逾期92天"),
        (10, "2020-09-30", "逾期62天"),
        (11, "2020-09-30", "逾期62天"),
        (5, "2020-11-30", "逾期1天"),
        (14, "2020-11-30", "逾期1天"),
    ]  # not 24: 公共企事业单位主管部门 is one party in the register, not every 区直部门
    assert all(r.owners[0].unit == "区司法局" for r in rows)


def test_agenda_lists_what_is_overdue_first(ledger):
    rows = query.agenda(ledger, query.Filters(), D(2020, 12, 1), 7)
    assert rows[0].due == D(2020, 8, 31) and rows[0].state.code == "overdue"
    assert rows[-1].due <= D(2020, 12, 8)


def test_unit_counts_agree_with_the_unit_view(ledger):
    direct, via = query.unit_counts(ledger)
    for unit in ledger.register.units:
        tasks = query.select_tasks(ledger, query.Filters(unit.name))
        named = query.select_tasks(ledger, query.Filters(unit.name, direct=True))
        assert (direct[unit.name], via[unit.name]) == (len(named), len(tasks) - len(named)), unit.name


def test_resolve_units(register):
    assert units.resolve(register, "区政数局").name == "区政务服务数据管理局"
    assert units.resolve(register, "南村").name == "南村镇"
    assert units.resolve(register, "各镇(街)").name == "各镇（街）"
    assert units.resolve(register, "区文").name == "区文化广电旅游体育局"  # name and alias: one unit
    with pytest.raises(NotFound, match=r"不唯一.*区政务服务数据管理局"):
        units.resolve(register, "区政")  # 区政府办 or 区政务服务数据管理局


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
