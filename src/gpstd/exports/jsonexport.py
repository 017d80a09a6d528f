"""The register with its deadlines as one JSON document: the contract in docs/exports.md.

Keys are English and stable; dates are ISO text (YYYY-MM-DD); every task has an integer `id` and
carries its `deadlines` in the window (also under the older name `occurrences`), its `next_due`
and state; each deadline lists the units that owe it and whether each has delivered. Adding keys
is compatible; renaming or removing one bumps `version`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any

from gpstd.days import iso
from gpstd.exports.selection import Selection
from gpstd.model import to_plain
from gpstd.obligations import Obligation
from gpstd.query import DeadlineRow
from gpstd.render.records import state_fields

FORMAT = "gpstd-export"
VERSION = 1


def build(sel: Selection) -> dict[str, Any]:
    data = to_plain(replace(sel.register, tasks=list(sel.tasks)))
    for task, plain in zip(sel.tasks, data["tasks"]):
        row = sel.rows[task.id]
        state = state_fields(row.state)
        plain["status"] = state.pop("status")
        nxt = [r for r in sel.deadlines_of(task.id) if row.next is not None and r.occurrence == row.next]
        plain["next_due"] = _deadline(sel, nxt[0]) if nxt else (_next(sel, row.next) if row.next else None)
        plain["occurrences"] = [_deadline(sel, r) for r in sel.deadlines_of(task.id)]
        plain.update(state)
        plain["deadlines"] = plain["occurrences"]
    window = sel.window
    return {
        "format": FORMAT,
        "version": VERSION,
        "today": sel.today.isoformat(),
        "window": {"start": iso(window.after), "end": window.end.isoformat()},
        "filters": dict(sel.filters),
        "register_version": data["version"],
        "meta": data["meta"],
        "units": data["units"],
        "groups": data["groups"],
        "tasks": data["tasks"],
    }


def _next(sel: Selection, occ: Any) -> dict[str, Any]:
    from gpstd.query import rows

    return _deadline(sel, rows(sel.ledger, [occ], sel.today, sel.unit)[0])


def _deadline(sel: Selection, row: DeadlineRow) -> dict[str, Any]:
    occ = row.occurrence
    parts = sel.ledger.obligations(occ, sel.unit)
    state = state_fields(row.state)
    return {
        "task_id": occ.task_id,
        "due": occ.due.isoformat(),
        "status": state.pop("status"),
        "item": occ.item,
        "recurring": occ.recurring,
        "text": occ.text,
        "action": occ.action,
        "recipient": occ.recipient,
        "by": occ.by,
        "done": row.state.done,
        **state,
        "assumed": row.item.assumed,
        "obligations": [
            {
                "unit": ob.unit,
                "role": ob.role,
                "via": ob.owner.via,
                **state_fields(ob.state(sel.today)),
                "done_on": _done_on(ob, sel.today),
            }
            for ob in parts
        ],
    }


def _done_on(ob: Obligation, today: dt.date) -> str | None:
    record = ob.counted(today)
    return record.done.isoformat() if record else None


def dumps(sel: Selection) -> str:
    return json.dumps(build(sel), ensure_ascii=False, indent=2) + "\n"
