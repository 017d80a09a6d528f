"""Plain records of deadlines, tasks and obligations: the `--json` contract (docs/cli.md).

Keys are English and stable (new ones are added, none renamed or removed); dates are ISO text;
every object has an integer `id` (the task's, or the unit's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from gpstd.model import Register, Task, to_plain
from gpstd.obligations import Obligation, State
from gpstd.query import DeadlineRow, TaskRow
from gpstd.schedule.workdays import day_off

# The keys of a deadline's record, in order.
DEADLINE_KEYS = (
    "id",
    "due",
    "status",
    "state",
    "label",
    "days",
    "day_off",
    "section",
    "units",
    "task",
    "text",
    "action",
    "recipient",
    "by",
    "recurring",
    "item",
    "assumed",
    "done",
    "owed",
    "delivered",
    "late_units",
)


def state_fields(state: State) -> dict[str, Any]:
    return {"status": state.coarse, "state": state.code, "label": state.label, "days": state.days}


def deadline(register: Register, row: DeadlineRow, unit: str | None = None) -> dict[str, Any]:
    """One deadline: what is due, its state, how many owe it and have delivered, whom to chase;
    with a unit filter also `via`, the collective term it reaches that unit through."""
    task = register.task(row.task_id)
    assert task is not None
    occ = row.occurrence
    record: dict[str, Any] = {
        "id": task.id,
        "due": occ.due.isoformat(),
        **state_fields(row.state),
        "day_off": day_off(occ.due),
        "section": task.section,
        "units": task.units.all,
        "task": task.cells.task,
        "text": occ.text,
        "action": occ.action,
        "recipient": occ.recipient,
        "by": occ.by,
        "recurring": occ.recurring,
        "item": occ.item,
        "assumed": row.item.assumed,
        "done": row.state.done,
        "owed": len(row.owners),
        "delivered": row.done,
        "late_units": list(row.late),
    }
    if unit is not None:
        record["via"] = row.via
    return record


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
    occ, record, state = ob.occurrence, ob.record, ob.state(today)
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


def deadlines(
    register: Register, rows: Iterable[DeadlineRow], unit: str | None = None
) -> list[dict[str, Any]]:
    return [deadline(register, r, unit) for r in rows]
