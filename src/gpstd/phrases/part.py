"""What the phrase parser gives back: `Part`, one clause of a cell read.

Also `UnknownClause`, raised while a clause is given meaning and turned into an
`unknown` part, and `demoted`, which does the same to a part already built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

Kind = str  # 'dated' | 'recurring' | 'start' | 'ongoing' | 'irregular' | 'unknown'


@dataclass(frozen=True)
class Part:
    kind: Kind
    text: str
    span: tuple[int, int]
    due: dt.date | None = None
    start: dt.date | None = None
    rrule: str | None = None
    action: str | None = None
    recipient: str | None = None
    describe: str = ""
    until: dt.date | None = None
    """recurring: last day the rule runs (2021年至2023年每年…)."""
    opens: str | None = None
    """recurring: RRULE of the day each occurrence's window opens (每年7月 → 7月1日)."""
    offset_days: int | None = None
    """recurring: N of 季度结束后N日内 / 月后N日 / 次月N日; rrule already holds the due days
    (for 季度结束后N个工作日内, `workday` does)."""
    workday: int | None = None
    """recurring: the due day is the Nth working day (negative: from the end) of each month the
    rrule names (每月最后一个工作日 → FREQ=MONTHLY;BYMONTHDAY=1 with -1)."""
    time: str | None = None
    """time of day the deadline falls at, 'HH:MM' (24时前 → '24:00')."""
    exempt: tuple[str, ...] = ()
    """exemptions applied to rrule, as written (四季度, 1月)."""
    subject: str | None = None
    """what is due, when the text names it before the time (工作情况报告于…前报…)."""
    by: str | None = None
    """who acts, when the clause names a unit (长期，区政府办每半年…)."""
    assumed: bool = False
    """recurring: the text does not fix the day and the rule takes the period's end (每季度 → quarter
    end); the register marks such readings 推定."""
    problem: str | None = None
    """unknown parts: why, in Chinese (日期不存在：2020年13月45日)."""


class UnknownClause(Exception):
    """Raised inside meaning functions; becomes an `unknown` part with this problem."""


def demoted(part: Part, problem: str) -> Part:
    """The part, demoted: an unknown never carries a date or a rule someone could act on."""
    return replace(
        part,
        kind="unknown",
        problem=problem,
        due=None,
        start=None,
        until=None,
        rrule=None,
        opens=None,
        workday=None,
        offset_days=None,
        assumed=False,
        describe="",
    )
