"""What each unit is to be reminded of (临近提醒) and chased for (到期催办), as of a day.

One `Reminder` per unit that owes something: its parts of deadlines already past and not
delivered, and of those falling due from today to `days` days on. The states are the ledger's
(`Obligation.state`): a reminder says 逾期 exactly when `gpstd overdue` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gpstd.obligations import Ledger, Obligation, State

DEFAULT_DAYS = 3


@dataclass(frozen=True)
class Item:
    """One unit's part of one deadline, with what the source says about it."""

    task_id: int
    due: dt.date
    state: State
    text: str
    """The clause of the source the deadline comes from (完成时间及方式, verbatim)."""
    task: str
    """The task's 工作任务 cell, verbatim."""
    action: str | None
    recipient: str | None
    assumed: bool
    """The date is the register's reading (推定), not written in the source."""
    role: str
    via: str | None


@dataclass(frozen=True)
class Reminder:
    unit: str
    unit_id: int
    overdue: list[Item]
    """Past their date and not delivered, oldest first."""
    soon: list[Item]
    """Due from today to `days` days on, soonest first."""

    @property
    def items(self) -> list[Item]:
        return [*self.overdue, *self.soon]


def reminders(
    ledger: Ledger, today: dt.date, days: int = DEFAULT_DAYS, unit: str | None = None
) -> list[Reminder]:
    """Per unit (in the register's order; `unit`'s members only, when given): what is overdue and
    what falls due within `days` days. Units owing nothing of either are left out."""
    from gpstd.units import ids

    found = ledger.open_deadlines(None, today + dt.timedelta(days=days), today, unit=unit)
    per_unit: dict[str, list[Item]] = {}
    for ob in ledger.unit_parts(found, unit):
        state = ob.state(today)
        if state.open:
            per_unit.setdefault(ob.unit, []).append(_item(ledger, ob, state))
    order = ids(ledger.register)
    out = []
    for name in sorted(per_unit, key=lambda u: (order.get(u, len(order) + 1), u)):
        items = per_unit[name]
        out.append(
            Reminder(
                name,
                order.get(name, 0),
                [i for i in items if i.state.code == "overdue"],
                [i for i in items if i.state.code != "overdue"],
            )
        )
    return out


def _item(ledger: Ledger, ob: Obligation, state: State) -> Item:
    occ = ob.occurrence
    task = ledger.register.task(occ.task_id)
    assert task is not None
    return Item(
        occ.task_id,
        occ.due,
        state,
        occ.text,
        task.cells.task,
        occ.action,
        occ.recipient,
        task.schedule[occ.item].assumed,
        ob.role,
        ob.owner.via,
    )
