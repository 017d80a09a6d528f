"""The state of an obligation, and of a deadline several units owe: one function each.

按时完成 (done on or before the due date: 前 includes the day) / 逾期完成 (done after it) / 逾期N天 /
今天到期 / N天内 (within a week) / 未到期 / 长期 / 不定期 / 本单位无期限 (a unit the task names whose
part has no date of its own: 任务22 dates only the summary 区政务服务数据管理局 sends). Every view, export and count reads these, so
a deadline is 逾期 in one view exactly when it is 逾期 in all of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

SOON_DAYS = 7

Code = Literal["ontime", "late", "overdue", "today", "soon", "later", "ongoing", "irregular", "unscheduled"]
Coarse = Literal["done", "overdue", "soon", "later", "none"]
_COARSE: dict[Code, Coarse] = {
    "ontime": "done",
    "late": "done",
    "overdue": "overdue",
    "today": "soon",
    "soon": "soon",
    "later": "later",
    "ongoing": "none",
    "irregular": "none",
    "unscheduled": "none",
}
# How bad a state is, for the state of a deadline several units owe (the worst open one).
_URGENCY: dict[Code, int] = {
    "overdue": 0,
    "today": 1,
    "soon": 2,
    "later": 3,
    "late": 4,
    "ontime": 5,
    "irregular": 6,
    "ongoing": 7,
    "unscheduled": 8,
}


@dataclass(frozen=True)
class State:
    code: Code
    days: int | None = None
    """overdue: days past the due date; late: days late when done; soon: days left."""

    @property
    def label(self) -> str:
        """The words every view shows: 逾期3天, 今天到期, 5天内, 按时完成 …"""
        if self.code == "overdue":
            return f"逾期{self.days}天"
        if self.code == "soon":
            return f"{self.days}天内"
        if self.code == "late":
            return f"逾期完成（迟{self.days}天）"
        return _LABELS[self.code]

    @property
    def coarse(self) -> Coarse:
        """The traffic light of the `status` key of `--json`: done / overdue / soon / later / none."""
        return _COARSE[self.code]

    @property
    def done(self) -> bool:
        return self.code in ("ontime", "late")

    @property
    def open(self) -> bool:
        """Owed and not done: a dated obligation still to deliver."""
        return self.code in ("overdue", "today", "soon", "later")


_LABELS: dict[Code, str] = {
    "ontime": "按时完成",
    "today": "今天到期",
    "later": "未到期",
    "ongoing": "长期",
    "irregular": "不定期",
    "unscheduled": "本单位无期限",
}
CODE_LABELS: dict[Code, str] = {**_LABELS, "late": "逾期完成", "overdue": "逾期", "soon": f"{SOON_DAYS}天内"}


def of_deadline(due: dt.date, done_on: dt.date | None, today: dt.date) -> State:
    """The state of one unit's part of a deadline."""
    if done_on is not None:
        late = (done_on - due).days
        return State("late", late) if late > 0 else State("ontime")
    days = (due - today).days
    if days < 0:
        return State("overdue", -days)
    if days == 0:
        return State("today")
    return State("soon", days) if days <= SOON_DAYS else State("later")


def of_undated(kind: str) -> State:
    """长期 for ongoing work (and work started on a date), 不定期 for irregular."""
    return State("irregular") if kind == "irregular" else State("ongoing")


def combined(states: list[State]) -> State:
    """The state of a deadline several units owe: done when all are (late if any was late, by the
    most days), else the most urgent open part."""
    if not states:
        return State("later")
    if all(s.done for s in states):
        late = [s.days or 0 for s in states if s.code == "late"]
        return State("late", max(late)) if late else State("ontime")
    return min((s for s in states if not s.done), key=lambda s: (_URGENCY[s.code], -(s.days or 0)))
