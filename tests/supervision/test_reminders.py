"""What each unit is reminded of: the ledger's open parts, overdue first, then those due soon."""

from __future__ import annotations

import datetime as dt

from tests_support import REGISTER

from gpstd import register
from gpstd.obligations import open_ledger
from gpstd.supervision.reminders import reminders

NOV25 = dt.date(2020, 11, 25)


def _ledger(path=REGISTER, progress=None):
    return open_ledger(register.load(str(path)), str(path), progress)


def test_a_unit_is_reminded_of_what_is_overdue_and_due_soon() -> None:
    (town,) = reminders(_ledger(), dt.date(2020, 11, 28), 3, "市桥街道")
    assert town.unit == "市桥街道"
    assert [(i.task_id, i.due.isoformat(), i.state.label) for i in town.overdue] == [
        (3, "2020-08-31", "逾期89天"),
        (11, "2020-09-30", "逾期59天"),
        (3, "2020-10-31", "逾期28天"),
    ]
    assert [(i.task_id, i.due.isoformat(), i.state.label) for i in town.soon] == [(14, "2020-11-30", "2天内")]
    assert town.soon[0].text == "落实情况请于每年11月30日前报区政府办（调研科）"


def test_days_bound_what_is_due_soon() -> None:
    (town,) = reminders(_ledger(), dt.date(2020, 11, 28), 1, "市桥街道")
    assert town.soon == []
    (town,) = reminders(_ledger(), dt.date(2020, 11, 30), 0, "市桥街道")
    assert [i.state.label for i in town.soon] == ["今天到期"]


def test_recorded_parts_are_not_reminded(register_copy, record_done) -> None:
    progress = record_done(register_copy)
    ledger = _ledger(register_copy, progress)
    by_unit = {r.unit: r for r in reminders(ledger, NOV25, 3)}
    assert 1 not in [i.task_id for i in by_unit["区民政局"].items]  # task 1 recorded for all its units
    assert (3, dt.date(2020, 8, 31)) not in [(i.task_id, i.due) for i in by_unit["市桥街道"].items]
    assert (3, dt.date(2020, 8, 31)) in [(i.task_id, i.due) for i in by_unit["沙头街道"].items]


def test_units_in_the_registers_order_and_a_term_stands_for_its_members() -> None:
    every = reminders(_ledger(), NOV25, 3)
    assert [r.unit for r in every][:3] == ["区政府办", "区政务服务数据管理局", "区发展改革局"]
    towns = reminders(_ledger(), NOV25, 3, "各镇（街）")
    assert len(towns) == 16 and {r.unit for r in towns} <= {r.unit for r in every}


def test_nothing_to_remind_before_anything_falls_due() -> None:
    assert reminders(_ledger(), dt.date(2020, 8, 1), 3) == []
