"""The register with its occurrences as one JSON document: the contract in docs/exports.md.

Keys are English and stable; dates are ISO strings (YYYY-MM-DD); every task has an
integer `id`; each task carries its `occurrences` in the window, its `next_due` and
`status`; each occurrence says whether it is `done` (the progress file records it).
Adding keys is compatible; renaming or removing one bumps `version`.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from gpstd.days import iso
from gpstd.exports import Selection
from gpstd.model import to_plain
from gpstd.schedule.occurrences import Occurrence

FORMAT = "gpstd-export"
VERSION = 1


def build(sel: Selection) -> dict[str, Any]:
    data = to_plain(replace(sel.register, tasks=list(sel.tasks)))
    for task, plain in zip(sel.tasks, data["tasks"]):
        upcoming = sel.next_due.get(task.id)
        plain["status"] = sel.task_status(task)
        plain["next_due"] = _occurrence(sel, upcoming) if upcoming else None
        plain["occurrences"] = [_occurrence(sel, o) for o in sel.occurrences_of(task.id)]
    window = sel.window
    return {
        "format": FORMAT,
        "version": VERSION,
        "today": sel.today.isoformat(),
        "window": {"start": iso(window.after), "end": window.end.isoformat()},
        "filters": sel.filters,
        "register_version": data["version"],
        "meta": data["meta"],
        "units": data["units"],
        "groups": data["groups"],
        "tasks": data["tasks"],
    }


def _occurrence(sel: Selection, occ: Occurrence) -> dict[str, Any]:
    return {
        "task_id": occ.task_id,
        "due": occ.due.isoformat(),
        "status": sel.occurrence_status(occ),
        "item": occ.item,
        "recurring": occ.recurring,
        "text": occ.text,
        "action": occ.action,
        "recipient": occ.recipient,
        "by": occ.by,
        "done": sel.is_done(occ),
    }


def dumps(sel: Selection) -> str:
    return json.dumps(build(sel), ensure_ascii=False, indent=2) + "\n"
