"""Plain records of tasks, occurrences and units: the `--json` contract (docs/cli.md).

Keys are English and stable; dates are ISO strings; every object has an integer `id`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from gpstd.model import Register, Task
from gpstd.occurrences import Occurrence


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def task(t: Task, next_due: Occurrence | None = None) -> dict[str, Any]:
    return {
        "id": t.id,
        "section": t.section,
        "cells": asdict(t.cells),
        "units": {"lead": list(t.units.lead), "cooperating": list(t.units.cooperating)},
        "schedule": [{k: _iso(v) for k, v in asdict(item).items()} for item in t.schedule],
        "next_due": next_due.due.isoformat() if next_due else None,
        "note": t.note,
    }


def occurrence(register: Register, occ: Occurrence, status: str, day_off: str | None,
               done: bool = False) -> dict[str, Any]:
    t = register.task(occ.task_id)
    assert t is not None
    return {
        "id": occ.task_id,
        "due": occ.due.isoformat(),
        "status": status,
        "day_off": day_off,
        "section": t.section,
        "units": t.units.all,
        "task": t.cells.task,
        "text": occ.text,
        "action": occ.action,
        "recipient": occ.recipient,
        "by": occ.by,
        "recurring": occ.recurring,
        "item": occ.item,
        "done": done,
    }
