"""Scores (结果考评): each unit's points over the deadlines that fell due, weighted by the register.

A deadline that has fallen due earns the unit `meta.scoring.ontime` points when delivered on time,
`late` when delivered late, `overdue` while still undelivered (100, 60 and 0 unless the register
says otherwise); the unit's score is the mean over those deadlines. Deadlines not yet due count
for nothing. The counts are `gpstd.obligations.summary.tally`'s: the ledger's states, not new ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gpstd.model import Scoring
from gpstd.obligations.summary import UnitTally


@dataclass(frozen=True)
class UnitScore:
    tally: UnitTally
    score: float | None
    """Out of 100; None when nothing of the unit's has fallen due."""

    @property
    def unit(self) -> str:
        return self.tally.unit


def fell_due(row: UnitTally) -> int:
    """How many of the unit's deadlines are decided: on time, late or overdue."""
    return row.ontime + row.late + row.overdue


def score(row: UnitTally, weights: Scoring) -> float | None:
    """The unit's mean points, rounded to one decimal; None when nothing has fallen due."""
    total = fell_due(row)
    if not total:
        return None
    points = row.ontime * weights.ontime + row.late * weights.late + row.overdue * weights.overdue
    return round(points / total, 1)


def on_time_rate(row: UnitTally) -> float | None:
    """按时完成率 in percent (one decimal): on time over fallen due; None when nothing fell due."""
    total = fell_due(row)
    return round(100 * row.ontime / total, 1) if total else None


def scores(rows: Sequence[UnitTally], weights: Scoring) -> list[UnitScore]:
    return [UnitScore(row, score(row, weights)) for row in rows]
