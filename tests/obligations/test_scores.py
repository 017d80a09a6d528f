"""Scores: the mean of each fallen-due deadline's points, weighted by meta.scoring."""

from __future__ import annotations

import pytest

from gpstd.model import Scoring
from gpstd.obligations.scores import on_time_rate, score
from gpstd.obligations.summary import UnitTally


@pytest.mark.parametrize(
    ("ontime", "late", "overdue", "pending", "expected", "rate"),
    [
        (3, 0, 0, 5, 100.0, 100.0),
        (1, 1, 1, 0, round((100 + 60 + 0) / 3, 1), 33.3),
        (0, 0, 2, 0, 0.0, 0.0),
        (0, 0, 0, 4, None, None),  # nothing fell due: no score, not zero
        (2, 1, 0, 0, round(260 / 3, 1), 66.7),
    ],
)
def test_default_weights(ontime, late, overdue, pending, expected, rate) -> None:
    row = UnitTally(1, "市桥街道", ontime, late, overdue, pending)
    assert score(row, Scoring()) == expected
    assert on_time_rate(row) == rate


def test_register_weights() -> None:
    row = UnitTally(1, "市桥街道", 1, 1, 2, 0)
    assert score(row, Scoring(ontime=100, late=80, overdue=20)) == 55.0
