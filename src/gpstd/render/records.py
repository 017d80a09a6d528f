"""Plain records of deadlines, tasks and obligations: the `--json` contract (docs/cli.md).

Keys are English and stable (new ones are added, none renamed or removed); dates are ISO text;
every object has an integer `id` (the task's, or the unit's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import msgspec

from gpstd.model import Register, Task, to_plain
from gpstd.obligations import Obligation, State
from gpstd.query import DeadlineRow, TaskRow
from gpstd.schedule.workdays import day_off


class Deadline(msgspec.Struct):
    """One deadline: what is due, its state, how many owe it and have delivered, whom to chase; its
    keys in this order. A struct msgspec encodes as the JSON object it is: a city's view writes
    thousands, in about a third less time than dicts."""

    id: int
    due: dt.date
    status: str
    state: str
    label: str
    days: int | None
    day_off: str | None
    section: str
    units: list[str]
    task: str
    text: str
    action: str | None
    recipient: str | None
    by: str | None
    recurring: bool
    item: int
    assumed: bool
    done: bool
    owed: int
    delivered: int
    late_units: list[str]


class UnitDeadline(Deadline):
    """A deadline's record in a view of one unit: also the collective term it reaches the unit through."""

    via: str | None


def state_fields(state: State) -> dict[str, Any]:
    return {"status": state.coarse, "state": state.code, "label": state.label, "days": state.days}


class _Deadlines:
    """Deadline records of one register, each task's and state's part worked out once: a city's
    view has thousands of rows sharing a few hundred states."""

    def __init__(self, register: Register, unit: str | None):
        self.register, self.unit = register, unit
        self._states: dict[State, tuple[str, str, str, int | None, bool]] = {}
        self._tasks: dict[int, tuple[Task, list[str]]] = {}

    def record(self, row: DeadlineRow) -> Deadline:
        occ, state = row.occurrence, row.state
        task, units = self._task(occ.task_id)
        coarse, code, label, days, done = self._state(state)
        fields = (
            *(task.id, occ.due, coarse, code, label, days, day_off(occ.due), task.section, units),
            *(task.cells.task, occ.text, occ.action, occ.recipient, occ.by, occ.recurring, occ.item),
            *(row.item.assumed, done, len(row.owners), row.done, list(row.late)),
        )
        return Deadline(*fields) if self.unit is None else UnitDeadline(*fields, row.via)

    def _state(self, state: State) -> tuple[str, str, str, int | None, bool]:
        known = self._states.get(state)
        if known is None:
            known = self._states[state] = (state.coarse, state.code, state.label, state.days, state.done)
        return known

    def _task(self, task_id: int) -> tuple[Task, list[str]]:
        known = self._tasks.get(task_id)
        if known is None:
            task = self.register.task(task_id)
            assert task is not None
            known = self._tasks[task_id] = (task, task.units.all)
        return known


def task(t: Task, row: TaskRow | None = None) -> dict[str, Any]:
    """One task: its cells, units and schedule as the register has them, its next open deadline
    and state."""
    record: dict[str, Any] = {
        "id": t.id,
        "section": t.section,
        "cells": to_plain(t.cells),
        "units": to_plain(t.units),
        "schedule": to_plain(t.schedule),
        "next_due": None,
        "note": t.note,
    }
    if row is not None:
        record["next_due"] = row.next.due.isoformat() if row.next else None
        record.update(state_fields(row.state))
    return record


def obligation(
    register: Register, ob: Obligation, today: dt.date, unit_ids: Mapping[str, int]
) -> dict[str, Any]:
    """One row of the ledger (台账): one unit's part of one deadline."""
    task = register.task(ob.occurrence.task_id)
    assert task is not None
    occ, record, state = ob.occurrence, ob.counted(today), ob.state(today)
    return {
        "id": occ.task_id,
        "due": occ.due.isoformat(),
        "unit": ob.unit,
        "unit_id": unit_ids.get(ob.unit),
        "role": ob.role,
        "via": ob.owner.via,
        **state_fields(state),
        "text": occ.text,
        "action": occ.action,
        "task": task.cells.task,
        "done_on": record.done.isoformat() if record else None,
        "note": record.note if record else None,
        "recorded_by": record.recorded_by if record else None,
        "evidence": list(record.evidence) if record else [],
        "assumed": task.schedule[occ.item].assumed,
    }


def deadlines(register: Register, rows: Iterable[DeadlineRow], unit: str | None = None) -> list[Deadline]:
    """The deadlines' records; with a unit filter each also has `via`, the collective term the
    deadline reaches that unit through."""
    make = _Deadlines(register, unit).record
    return [make(r) for r in rows]
