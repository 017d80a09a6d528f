"""The ledger counted and tabulated: a task's units × deadlines, each unit's tally, the 台账 rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from gpstd.errors import BadRecord
from gpstd.obligations import states
from gpstd.obligations.ledger import Ledger, Obligation
from gpstd.obligations.states import State
from gpstd.schedule.occurrences import Occurrence


@dataclass(frozen=True)
class Matrix:
    """One task's units × deadlines: each unit's state for each deadline it owes."""

    task_id: int
    units: list[str]
    """The rows shown: every owner, or those `--unit` stands for."""
    deadlines: list[Occurrence]
    cells: dict[tuple[str, int], Obligation]
    """(unit, index in deadlines) → that unit's part, for every owner; absent: not its part."""
    today: dt.date

    def state(self, unit: str, index: int) -> State | None:
        ob = self.cells.get((unit, index))
        return None if ob is None else ob.state(self.today)

    def done(self, index: int) -> bool:
        """Whether every unit owing the deadline has delivered (not only the rows shown)."""
        return all(ob.state(self.today).done for (_u, i), ob in self.cells.items() if i == index)


def matrix(
    ledger: Ledger, task_id: int, deadlines: list[Occurrence], today: dt.date, unit: str | None = None
) -> Matrix:
    """The task's units × deadlines; with `unit`, only the rows it stands for (BadRecord if the
    task is none of its business)."""
    cells: dict[tuple[str, int], Obligation] = {}
    units: list[str] = []
    for index, occ in enumerate(deadlines):
        for ob in ledger.obligations(occ):
            units += [] if ob.unit in units else [ob.unit]
            cells[(ob.unit, index)] = ob
    shown = units
    if unit is not None:
        wanted = ledger.owners.wanted(unit)
        shown = [u for u in units if u in wanted]
        if units and not shown:
            from gpstd.units import resolve

            name = resolve(ledger.register, unit).name  # an unknown name says so, with the closest
            raise BadRecord(f"「{name}」不是任务 {task_id} 的责任单位（责任单位：{'、'.join(units)}）")
    return Matrix(task_id, shown, deadlines, cells, today)


TALLY_KEYS = ("ontime", "late", "overdue", "pending")


@dataclass(frozen=True)
class UnitTally:
    id: int  # the unit's id in `gpstd units --json` (its row in the register's units, then groups)
    unit: str
    ontime: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0
    """Owed, not yet due (today's included)."""


def tally(
    ledger: Ledger, deadlines: Sequence[Occurrence], today: dt.date, unit: str | None = None
) -> list[UnitTally]:
    """Per unit, in the register's order: its parts of `deadlines` on time, late, overdue, pending."""
    from gpstd.units import ids

    counts: dict[str, dict[str, int]] = {}

    def count(unit: str, code: str) -> None:
        row = counts.get(unit)
        if row is None:
            row = counts[unit] = dict.fromkeys(TALLY_KEYS, 0)
        row[code if code in ("ontime", "late", "overdue") else "pending"] += 1

    for occ in deadlines:
        if ledger.recorded(occ):
            for ob in ledger.obligations(occ, unit):
                count(ob.unit, ob.state(today).code)
        else:  # nothing recorded: the date alone decides, the same for every owner
            code = states.of_deadline(occ.due, None, today).code
            for owner in ledger.owners_for(occ, unit):
                count(owner.unit, code)
    order = ids(ledger.register)
    ranked = sorted(counts, key=lambda u: order.get(u, len(order) + 1))
    extra = iter(range(len(order) + 1, len(order) + 1 + len(ranked)))  # a unit the register does not list
    return [UnitTally(order.get(u) or next(extra), u, **counts[u]) for u in ranked]
