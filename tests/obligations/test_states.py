"""The state of a part of a deadline, and of a deadline several units owe: table-driven."""

from __future__ import annotations

import datetime as dt

import pytest

from gpstd.obligations import states
from gpstd.obligations.states import State

D = dt.date
TODAY = D(2020, 11, 25)


@pytest.mark.parametrize(
    ("due", "done_on", "code", "days", "label", "coarse"),
    [
        (D(2020, 11, 24), None, "overdue", 1, "逾期1天", "overdue"),
        (D(2020, 8, 31), None, "overdue", 86, "逾期86天", "overdue"),
        (D(2020, 11, 25), None, "today", None, "今天到期", "soon"),
        (D(2020, 11, 26), None, "soon", 1, "1天内", "soon"),
        (D(2020, 12, 2), None, "soon", 7, "7天内", "soon"),
        (D(2020, 12, 3), None, "later", None, "未到期", "later"),
        (D(2020, 11, 30), D(2020, 11, 20), "ontime", None, "按时完成", "done"),
        (D(2020, 11, 30), D(2020, 11, 30), "ontime", None, "按时完成", "done"),
        (D(2020, 8, 31), D(2020, 9, 3), "late", 3, "逾期完成（迟3天）", "done"),
    ],
)
def test_state_of_a_deadline(
    due: dt.date, done_on: dt.date | None, code: str, days: int | None, label: str, coarse: str
) -> None:
    state = states.of_deadline(due, done_on, TODAY)
    assert (state.code, state.days, state.label, state.coarse) == (code, days, label, coarse)
    assert state.done == (done_on is not None)


@pytest.mark.parametrize(("kind", "label"), [("ongoing", "长期"), ("start", "长期"), ("irregular", "不定期")])
def test_undated_work(kind: str, label: str) -> None:
    state = states.of_undated(kind)
    assert state.label == label and state.coarse == "none" and not state.open


@pytest.mark.parametrize(
    ("parts", "combined"),
    [
        ([State("ontime"), State("ontime")], State("ontime")),
        ([State("ontime"), State("late", 2), State("late", 5)], State("late", 5)),
        ([State("ontime"), State("overdue", 3)], State("overdue", 3)),
        ([State("soon", 2), State("ontime")], State("soon", 2)),
        ([State("later"), State("today")], State("today")),
    ],
)
def test_a_deadline_is_done_only_when_every_part_is(parts: list[State], combined: State) -> None:
    assert states.combined(parts) == combined
