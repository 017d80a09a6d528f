"""Plain records of tasks, occurrences and units: the `--json` contract (docs/cli.md).

Keys are English and stable; dates are ISO strings; every object has an integer `id`.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Collection
from dataclasses import asdict
from itertools import chain
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


def occurrences(register: Register, found: list[Occurrence], today: dt.date,
                status: Callable[[dt.date, dt.date], str],
                done: Collection[tuple[int, dt.date, int]] = ()) -> tuple[list[dict[str, Any]], bool]:
    """The records [occurrence(register, o, status(o.due, today), day_off(o.due), (o.task_id, o.due, o.item) in done)
    for o in found] (`done` as from gpstd.progress.Tracker.completed),
    with each task's parts (section, units, task text) and each date's (ISO text, status, day off)
    worked out once: 60,000 records share ~100,000 tasks' and a few hundred dates' values.
    And whether they are plain (only text, integers, booleans, null and lists of text; see
    `jsontext.echo`), checked on those shared parts and, in C, on the occurrences' own fields."""

    enabled = gc.isenabled()
    gc.disable()  # 60,000 new dicts and no cycles
    try:
        return _occurrences(register, found, today, status, done)
    finally:
        if enabled:
            gc.enable()


def _occurrences(register: Register, found: list[Occurrence], today: dt.date,
                 status: Callable[[dt.date, dt.date], str],
                 done: Collection[tuple[int, dt.date, int]]) -> tuple[list[dict[str, Any]], bool]:
    from gpstd.workdays import day_off

    per_task: dict[int, tuple[str, list[str], str]] = {}
    per_day: dict[dt.date, tuple[str, str, str | None]] = {}
    lookup = register.task
    rows = []
    append = rows.append
    check_done = bool(done)
    for o in found:
        task_id, due, item, recurring, text, action, recipient, by = o
        parts = per_task.get(task_id)
        if parts is None:
            t = lookup(task_id)
            assert t is not None
            parts = per_task[task_id] = (t.section, t.units.all, t.cells.task)
        day = per_day.get(due)
        if day is None:
            day = per_day[due] = (due.isoformat(), status(due, today), day_off(due))
        append({
            "id": task_id,
            "due": day[0],
            "status": day[1],
            "day_off": day[2],
            "section": parts[0],
            "units": parts[1],  # one list per task, shared by its records (they are only written out)
            "task": parts[2],
            "text": text,
            "action": action,
            "recipient": recipient,
            "by": by,
            "recurring": recurring,
            "item": item,
            "done": check_done and (task_id, due, item) in done,
        })
    # Occurrences are tuples: their fields' types in one pass in C (the due dates are written
    # as the ISO text above, so a date is the one other type allowed there).
    kinds = set(map(type, chain.from_iterable(found)))
    kinds.discard(dt.date)
    kinds.update(map(type, chain.from_iterable(per_day.values())))
    for section, units, text in per_task.values():
        kinds.update((type(section), type(text), *map(type, units)))
    return rows, kinds <= _PLAIN


_PLAIN = {str, int, bool, type(None)}
