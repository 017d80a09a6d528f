"""The ledger on the bundled register: deadlines, who owes them, what the records count done."""

from __future__ import annotations

import datetime as dt

import pytest
from tests_support import REGISTER

from gpstd.obligations import Ledger
from gpstd.progress.record import Record
from gpstd.register import load

D = dt.date
NOV30 = D(2020, 11, 30)


@pytest.fixture(scope="module")
def register():
    return load(str(REGISTER))


def _deadline(ledger: Ledger, task_id: int, due: dt.date):
    task = ledger.register.task(task_id)
    [occ] = ledger.deadlines(due, due, [task])
    return occ


def test_a_record_for_a_member_counts_its_part_only(register) -> None:
    ledger = Ledger(register, [Record(14, NOV30, "区司法局", D(2020, 11, 20))])
    occ = _deadline(ledger, 14, NOV30)
    assert ledger.is_done(occ, D(2020, 12, 1), "区司法局")
    assert not ledger.is_done(occ, D(2020, 12, 1), "市桥街道")
    assert not ledger.is_done(occ, D(2020, 12, 1))  # 23 more units owe it
    assert ledger.state(occ, D(2020, 12, 1), "区司法局").code == "ontime"
    assert ledger.state(occ, D(2020, 12, 1)).label == "逾期1天"


def test_a_record_for_a_term_counts_every_member(register) -> None:
    ledger = Ledger(register, [Record(3, D(2020, 8, 31), "各镇（街）", D(2020, 8, 30))])
    occ = _deadline(ledger, 3, D(2020, 8, 31))
    assert ledger.is_done(occ, D(2020, 9, 1)) and ledger.is_done(occ, D(2020, 9, 1), "南村镇")
    assert not ledger.is_done(occ, D(2020, 8, 29))  # recorded on the 30th: not done the day before


def test_a_record_without_a_unit_counts_every_owner(register) -> None:
    ledger = Ledger(register, [Record(10, D(2020, 9, 30), None, D(2020, 10, 3))])
    occ = _deadline(ledger, 10, D(2020, 9, 30))
    assert ledger.state(occ, D(2020, 12, 1)).label == "逾期完成（迟3天）"
    assert ledger.is_done(occ, D(2020, 12, 1), "区司法局")  # a cooperating unit's part too


def test_next_open_is_the_earliest_overdue_first(register) -> None:
    ledger = Ledger(register)
    task = register.task(14)
    nxt = ledger.next_open(task, D(2020, 12, 1), "区司法局")
    assert nxt is not None and nxt.due == NOV30  # not 2021-11-30: the 2020 report is late
    done = Ledger(register, [Record(14, NOV30, "区司法局", NOV30)])
    nxt = done.next_open(task, D(2020, 12, 1), "区司法局")
    assert nxt is not None and nxt.due == D(2021, 11, 30)


def test_deadlines_of_a_unit_are_only_those_it_owes(register) -> None:
    ledger = Ledger(register)
    town = ledger.deadlines(D(2020, 1, 1), D(2021, 12, 31), unit="市桥街道")
    assert {o.task_id for o in town} == {3, 11, 14, 17}  # not 16's half-yearly or 22's summary
    assert all(ledger.owes("市桥街道", register.task(o.task_id), o.item) for o in town)


def test_a_task_without_dates_is_ongoing_or_irregular(register) -> None:
    ledger = Ledger(register)
    assert ledger.task_state(register.task(19), D(2020, 12, 1)).label == "长期"
    assert ledger.task_state(register.task(12), D(2020, 12, 1)).label == "不定期"


def test_a_task_view_worked_out_at_once_agrees_with_each_task_alone(register) -> None:
    # `list` and `unit` expand every task's deadlines together; a row must read as `show` reads it.
    records = [Record(14, NOV30, "区司法局", NOV30), Record(3, D(2020, 8, 31), None, D(2020, 9, 3))]
    ledger = Ledger(register, records)
    for unit in (None, "区司法局", "市桥街道", "各镇（街）"):
        for today in (D(2020, 6, 1), D(2020, 12, 1), D(2023, 1, 1)):
            each = ledger.ahead_of_each(register.tasks, today, unit)
            for task in register.tasks:
                assert each[task.id] == ledger.ahead(task, today, unit)
                assert ledger.next_open(task, today, unit, each[task.id]) == ledger.next_open(
                    task, today, unit
                )
                assert ledger.task_state(task, today, unit, each[task.id]) == ledger.task_state(
                    task, today, unit
                )
