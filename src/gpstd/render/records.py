"""Plain records of tasks, occurrences and units: the `--json` contract (docs/cli.md).

Keys are English and stable; dates are ISO strings; every object has an integer `id`.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Collection, Mapping
from dataclasses import asdict
from functools import cache
from itertools import chain
from operator import itemgetter
from typing import Any

from gpstd.model import Register, Task
from gpstd.schedule.occurrences import Occurrence


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


# The keys of an occurrence's record, in order (docs/cli.md); `via` only from `due --unit`.
OCCURRENCE_KEYS = (
    "id",
    "due",
    "status",
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
    "done",
)


def occurrences(
    register: Register,
    found: list[Occurrence],
    today: dt.date,
    status: Callable[[dt.date, dt.date], str],
    done: Collection[tuple[int, dt.date, int]] = (),
    via: Mapping[int, str | None] | None = None,
) -> tuple[list[Any], bool]:
    """The record of each occurrence in `found`, with status(o.due, today), the day off it falls
    on and whether (o.task_id, o.due, o.item) is in `done` (as from gpstd.progress.Tracker.completed);
    with `via` (task id → the collective term it reaches the unit through), a last key `via`.

    Each task's parts (section, units, task text) and each date's (ISO text, status, day off) are
    worked out once: 60,000 records share ~36,000 tasks' and a few hundred dates' values. Also
    returns whether the records are plain (only text, integers, booleans, null and lists of text;
    see `jsontext.echo`), checked on those shared parts and, in C, on the occurrences' own fields.

    From a thousand records on, they are msgspec Structs, which `jsontext.echo` writes in C:
    one is made in a third of a 14-key dict's time and takes 128 bytes instead of 464 (60,000
    records: 8 MB of fresh memory instead of 28, each new page a fault). Fewer are dicts,
    sparing the import of msgspec; not plain, dicts too, for json.dumps.
    """
    enabled = gc.isenabled()
    gc.disable()  # 60,000 new records and no cycles
    try:
        large = len(found) >= _STRUCTS_FROM
        rows, plain = _occurrences(
            register,
            found,
            today,
            status,
            done,
            via,
            _struct(via is not None) if large else _dict(via is not None),
        )
        if large and not plain:
            rows = [dict(zip(_keys(via is not None), _values(row))) for row in rows]
        return rows, plain
    finally:
        if enabled:
            gc.enable()


_STRUCTS_FROM = 1000


def _keys(with_via: bool) -> tuple[str, ...]:
    return (*OCCURRENCE_KEYS, "via") if with_via else OCCURRENCE_KEYS


def _dict(with_via: bool) -> Callable[..., dict[str, Any]]:
    keys = _keys(with_via)
    return lambda *values: dict(zip(keys, values))


def _values(row: Any) -> tuple[Any, ...]:
    import msgspec

    return msgspec.structs.astuple(row)


@cache
def _struct(with_via: bool) -> Any:
    """The msgspec Struct of a record: its fields, in order, are the keys."""
    import msgspec

    fields = [(key, Any) for key in _keys(with_via)]
    return msgspec.defstruct("OccurrenceRecord", fields, gc=False)


def _occurrences(
    register: Register,
    found: list[Occurrence],
    today: dt.date,
    status: Callable[[dt.date, dt.date], str],
    done: Collection[tuple[int, dt.date, int]],
    via: Mapping[int, str | None] | None,
    make: Callable[..., Any],
) -> tuple[list[Any], bool]:
    from gpstd.schedule.workdays import day_off

    per_task: dict[int, tuple[str, list[str], str, str | None]] = {}
    per_day: dict[dt.date, tuple[str, str, str | None]] = {}
    lookup = register.task
    rows: list[Any] = []
    append = rows.append
    check_done = bool(done)
    with_via = via is not None
    # Every argument written out: a call with *args is several times slower, 60,000 times.
    for task_id, due, item, recurring, text, action, recipient, by in found:
        parts = per_task.get(task_id)
        if parts is None:
            t = lookup(task_id)
            assert t is not None
            # one units list per task, shared by its records (they are only written out)
            parts = per_task[task_id] = (
                t.section,
                t.units.all,
                t.cells.task,
                via.get(task_id) if via is not None else None,
            )
        day = per_day.get(due)
        if day is None:
            day = per_day[due] = (due.isoformat(), status(due, today), day_off(due))
        section, units, task_text, label = parts
        iso, state, off = day
        is_done = check_done and (task_id, due, item) in done
        if with_via:
            append(
                make(
                    task_id,
                    iso,
                    state,
                    off,
                    section,
                    units,
                    task_text,
                    text,
                    action,
                    recipient,
                    by,
                    recurring,
                    item,
                    is_done,
                    label,
                )
            )
        else:
            append(
                make(
                    task_id,
                    iso,
                    state,
                    off,
                    section,
                    units,
                    task_text,
                    text,
                    action,
                    recipient,
                    by,
                    recurring,
                    item,
                    is_done,
                )
            )
    # Occurrences are tuples: their fields' types in one pass in C, all but the due date (written
    # as the ISO text above).
    kinds = set(map(type, chain.from_iterable(map(_ALL_BUT_DUE, found))))
    kinds.update(map(type, chain.from_iterable(per_day.values())))
    for section, units, text, label in per_task.values():
        kinds.update((type(section), type(text), type(label), *map(type, units)))
    return rows, kinds <= _PLAIN


_PLAIN = {str, int, bool, type(None)}
_ALL_BUT_DUE = itemgetter(0, *range(2, len(Occurrence._fields)))
