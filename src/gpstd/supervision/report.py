"""The figures of a 情况通报: per unit and per month over a period, as of a day.

Per unit: its deadlines in the period that have fallen due (应完成), on time, late, still
overdue, the 按时完成率 and the score; those not yet due are counted apart (未到期). Then every
overdue part and every late completion, and the deadlines of each month. Every count is
`gpstd.obligations.summary.tally` of the ledger, so a 通报 agrees with `gpstd status`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from gpstd.model import Scoring
from gpstd.obligations import Ledger
from gpstd.obligations.scores import fell_due, on_time_rate, score
from gpstd.obligations.summary import UnitTally, tally
from gpstd.progress.record import Record
from gpstd.schedule.occurrences import Occurrence
from gpstd.supervision.periods import Period


@dataclass(frozen=True)
class UnitFigures:
    id: int
    unit: str
    due: int
    """Fallen due in the period (on time + late + overdue)."""
    ontime: int
    late: int
    overdue: int
    pending: int
    """In the period, not yet due and not yet delivered."""
    rate: float | None
    """按时完成率, percent; None when nothing fell due."""
    score: float | None


@dataclass(frozen=True)
class Entry:
    """One unit's part of one deadline, for the overdue list and the late completions."""

    unit: str
    task_id: int
    due: dt.date
    text: str
    task: str
    days: int
    """Days overdue as of the report's day, or days late when delivered."""
    record: Record | None


@dataclass(frozen=True)
class MonthFigures:
    year: int
    month: int
    deadlines: int
    """Deadlines (事项) due that month."""
    ontime: int
    late: int
    overdue: int
    pending: int
    """Units' parts, by state (as for the units)."""

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"


@dataclass(frozen=True)
class Report:
    period: Period
    today: dt.date
    units: list[UnitFigures]
    total: UnitFigures
    overdue: list[Entry]
    late: list[Entry]
    months: list[MonthFigures]
    weights: Scoring
    unit: str | None = None
    """The unit (or collective term) the report is limited to, if any."""


def build(ledger: Ledger, period: Period, today: dt.date, unit: str | None = None) -> Report:
    """The figures of `period` as of `today` (only `unit`'s parts, when given)."""
    weights = ledger.register.meta.weights
    found = ledger.deadlines(period.start, period.end, unit=unit)
    rows = tally(ledger, found, today, unit)
    units = [_figures(r, weights) for r in rows]
    total = _figures(_sum(rows, 0, "合计"), weights)
    overdue: list[Entry] = []
    late: list[Entry] = []
    for ob in ledger.unit_parts(found, unit):
        state = ob.state(today)
        if state.code not in ("overdue", "late"):
            continue
        task = ledger.register.task(ob.occurrence.task_id)
        assert task is not None
        occ = ob.occurrence
        entry = Entry(
            ob.unit, occ.task_id, occ.due, occ.text, task.cells.task, state.days or 0, ob.counted(today)
        )
        (overdue if state.code == "overdue" else late).append(entry)
    order = {f.unit: i for i, f in enumerate(units)}
    overdue.sort(key=lambda e: (order.get(e.unit, 0), e.due, e.task_id))
    late.sort(key=lambda e: (order.get(e.unit, 0), e.due, e.task_id))
    return Report(
        period, today, units, total, overdue, late, _months(ledger, period, found, today, unit), weights, unit
    )


def _figures(row: UnitTally, weights: Scoring) -> UnitFigures:
    return UnitFigures(
        row.id,
        row.unit,
        fell_due(row),
        row.ontime,
        row.late,
        row.overdue,
        row.pending,
        on_time_rate(row),
        score(row, weights),
    )


def _sum(rows: list[UnitTally], id: int, name: str) -> UnitTally:
    return UnitTally(
        id,
        name,
        sum(r.ontime for r in rows),
        sum(r.late for r in rows),
        sum(r.overdue for r in rows),
        sum(r.pending for r in rows),
    )


def _months(
    ledger: Ledger, period: Period, found: list[Occurrence], today: dt.date, unit: str | None
) -> list[MonthFigures]:
    out = []
    for year, month in period.months():
        mine = [o for o in found if (o.due.year, o.due.month) == (year, month)]
        parts = _sum(tally(ledger, mine, today, unit), 0, "")
        out.append(
            MonthFigures(year, month, len(mine), parts.ontime, parts.late, parts.overdue, parts.pending)
        )
    return out


def plain(report: Report) -> dict[str, Any]:
    """The figures as JSON-ready data (`gpstd report --format json`); keys English, dates ISO."""

    def unit(u: UnitFigures) -> dict[str, Any]:
        return {
            "id": u.id,
            "unit": u.unit,
            "due": u.due,
            "ontime": u.ontime,
            "late": u.late,
            "overdue": u.overdue,
            "pending": u.pending,
            "rate": u.rate,
            "score": u.score,
        }

    def entry(e: Entry) -> dict[str, Any]:
        record = e.record
        return {
            "unit": e.unit,
            "id": e.task_id,
            "due": e.due.isoformat(),
            "days": e.days,
            "text": e.text,
            "task": e.task,
            "done_on": record.done.isoformat() if record else None,
            "evidence": list(record.evidence) if record else [],
        }

    w = report.weights
    return {
        "period": {
            "key": report.period.key,
            "label": report.period.label,
            "start": report.period.start.isoformat(),
            "end": report.period.end.isoformat(),
        },
        "today": report.today.isoformat(),
        "unit": report.unit,
        "weights": {"ontime": w.ontime, "late": w.late, "overdue": w.overdue},
        "total": unit(report.total) | {"id": None},
        "units": [unit(u) for u in report.units],
        "overdue": [entry(e) for e in report.overdue],
        "late": [entry(e) for e in report.late],
        "months": [
            {
                "month": f"{m.year}-{m.month:02d}",
                "deadlines": m.deadlines,
                "ontime": m.ontime,
                "late": m.late,
                "overdue": m.overdue,
                "pending": m.pending,
            }
            for m in report.months
        ],
    }
