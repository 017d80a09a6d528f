"""The figures of a 情况通报 on the bundled register with a progress file made by `done`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gpstd import register
from gpstd.obligations import open_ledger
from gpstd.supervision import report as figures
from gpstd.supervision.periods import parse

NOV25 = dt.date(2020, 11, 25)


@pytest.fixture
def progress(run, register_copy: Path, record_done) -> Path:
    """record_done's records (task 1 and task 21 for all, task 3 Aug 31 for 市桥街道, all on time),
    and task 11 delivered by 市桥街道 ten days late, with evidence."""
    path = record_done(register_copy)
    late = run(
        "done",
        "11",
        "--due",
        "2020-09-30",
        "--unit",
        "市桥街道",
        "--on",
        "2020-10-10",
        "--evidence",
        "穗番市桥〔2020〕20号",
        "--file",
        str(register_copy),
    )
    assert late.exit_code == 0, late.stderr
    return path


def _report(register_copy: Path, progress: Path, period: str = "2020Q3", unit: str | None = None):
    ledger = open_ledger(register.load(str(register_copy)), str(register_copy), progress)
    return figures.build(ledger, parse(period), NOV25, unit)


def test_a_units_figures(register_copy: Path, progress: Path) -> None:
    found = _report(register_copy, progress, unit="市桥街道")
    (town,) = found.units
    # Q3: task 3 (Aug 31) on time, task 11 (Sep 30) ten days late
    assert (town.unit, town.due, town.ontime, town.late, town.overdue, town.pending) == (
        "市桥街道",
        2,
        1,
        1,
        0,
        0,
    )
    assert town.rate == 50.0
    assert town.score == 80.0  # (100 + 60) / 2
    assert found.overdue == []
    (late,) = found.late
    assert (late.unit, late.task_id, late.due, late.days) == ("市桥街道", 11, dt.date(2020, 9, 30), 10)
    assert late.record is not None and late.record.evidence == ("穗番市桥〔2020〕20号",)


def test_overdue_list_and_totals(register_copy: Path, progress: Path) -> None:
    found = _report(register_copy, progress)
    by_unit = {u.unit: u for u in found.units}
    # 沙头街道 owes task 3 (Aug 31) and task 11 (Sep 30), neither recorded
    assert (by_unit["沙头街道"].overdue, by_unit["沙头街道"].ontime) == (2, 0)
    assert by_unit["沙头街道"].score == 0.0
    assert [(e.task_id, e.due.isoformat(), e.days) for e in found.overdue if e.unit == "沙头街道"] == [
        (3, "2020-08-31", 86),
        (11, "2020-09-30", 56),
    ]
    total = found.total
    assert total.due == sum(u.due for u in found.units)
    assert total.ontime == sum(u.ontime for u in found.units)
    assert total.overdue == len(found.overdue) and total.late == len(found.late) == 1


def test_figures_agree_with_status(run, register_copy: Path, progress: Path) -> None:
    found = _report(register_copy, progress)
    status = run(
        "status",
        "--json",
        "--after",
        "2020-07-01",
        "--before",
        "2020-09-30",
        "--today",
        "2020-11-25",
        "--file",
        str(register_copy),
    )
    rows = {r["unit"]: r for r in json.loads(status.stdout)}
    for unit in found.units:
        row = rows[unit.unit]
        assert (unit.ontime, unit.late, unit.overdue, unit.pending) == (
            row["ontime"],
            row["late"],
            row["overdue"],
            row["pending"],
        )


def test_months(register_copy: Path, progress: Path) -> None:
    found = _report(register_copy, progress)
    assert [(m.year, m.month) for m in found.months] == [(2020, 7), (2020, 8), (2020, 9)]
    assert found.months[0].deadlines == 0
    assert (
        sum(m.ontime + m.late + m.overdue + m.pending for m in found.months)
        == found.total.due + found.total.pending
    )


def test_pending_counts_apart_from_what_fell_due(register_copy: Path, progress: Path) -> None:
    found = _report(register_copy, progress, "2020Q4", "市桥街道")
    (town,) = found.units
    # Q4 as of Nov 25: task 3 (Oct 31) overdue; tasks 14 (Nov 30) and 17 (Dec 20) not yet due
    assert (town.due, town.overdue, town.pending, town.rate) == (1, 1, 2, 0.0)


def test_json_keys(run, register_copy: Path, progress: Path) -> None:
    result = run(
        "report", "--period", "2020Q3", "--today", "2020-11-25", "--json", "--file", str(register_copy)
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["period", "today", "unit", "weights", "total", "units", "overdue", "late", "months"]
    assert data["period"] == {
        "key": "2020Q3",
        "label": "2020年第三季度",
        "start": "2020-07-01",
        "end": "2020-09-30",
    }
    town = next(u for u in data["units"] if u["unit"] == "市桥街道")
    assert town == {
        "id": 11,
        "unit": "市桥街道",
        "due": 2,
        "ontime": 1,
        "late": 1,
        "overdue": 0,
        "pending": 0,
        "rate": 50.0,
        "score": 80.0,
    }
    assert data["late"] == [
        {
            "unit": "市桥街道",
            "id": 11,
            "due": "2020-09-30",
            "days": 10,
            "text": "2020年9月30日前",
            "task": "落实文件确定和标注公开属性。",
            "done_on": "2020-10-10",
            "evidence": ["穗番市桥〔2020〕20号"],
        }
    ]
    assert data["months"][1]["month"] == "2020-08"
    assert (
        run(
            "report",
            "-p",
            "2020Q3",
            "--today",
            "2020-11-25",
            "--format",
            "json",
            "--file",
            str(register_copy),
        ).stdout
        == result.stdout
    )
