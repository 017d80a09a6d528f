"""A validated, compact copy of each register, keyed by the file's content.

JSON in the user's cache directory (never pickle: a cache file must not be able to run
code). Keyed by a hash of the bytes, so a file with the same size and mtime but other
content never hits; a corrupt or unwritable cache is ignored and rebuilt.

Tasks are stored as rows (one JSON array per object, fields in the model's order), which
halves the file and the time `json.loads` takes at 100,000 tasks; the key includes the
model's field names, so a change to model.py can never be misread from an old file.
Rows are rebuilt into the frozen dataclasses without calling `__init__` (five to ten
object.__setattr__ calls per object are most of the cost at scale): the data was
validated before it was written, and every row's length is checked on the way back.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
from dataclasses import fields
from pathlib import Path
from typing import Any

from gpstd import __version__
from gpstd.model import Cells, Group, Meta, Register, ScheduleItem, Task, TaskUnits, Unit

FORMAT = "2"
_CLASSES = (Meta, Unit, Group, Cells, TaskUnits, ScheduleItem, Task, Register)
_ITEM = tuple(f.name for f in fields(ScheduleItem))
_ITEM_DATES = tuple(i for i, name in enumerate(_ITEM) if name in ("due", "start", "until"))
_CELLS = tuple(f.name for f in fields(Cells))
_UNITS = tuple(f.name for f in fields(TaskUnits))
_TASK = tuple(f.name for f in fields(Task))
_TASK_SHAPE = ("id", "section", "cells", "units", "schedule", "note")


def _schema_tag() -> str:
    return ";".join(c.__name__ + ":" + ",".join(f.name for f in fields(c)) for c in _CLASSES)


def directory() -> Path:
    if os.environ.get("GPSTD_CACHE_DIR"):
        return Path(os.environ["GPSTD_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("gpstd", appauthor=False)) / "registers"


def _enabled() -> bool:
    return os.environ.get("GPSTD_NO_CACHE", "") in ("", "0")


def _blake2b(raw: bytes) -> Any:
    try:
        from _blake2 import blake2b  # what hashlib.blake2b is, without importing OpenSSL (~4 ms)
    except ImportError:  # pragma: no cover - other interpreters
        from hashlib import blake2b
    return blake2b(raw, digest_size=20)


def _entry(raw: bytes) -> Path:
    digest = _blake2b(raw)
    digest.update(f"{__version__}/{FORMAT}/{_schema_tag()}".encode())
    return directory() / f"{digest.hexdigest()}.json"


def get(raw: bytes) -> Register | None:
    """The register validated from exactly these bytes before, or None."""
    if not _enabled():
        return None
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects and no cycles
    try:
        with open(_entry(raw), "rb") as fh:
            register = decode(json.loads(fh.read()))
        _settle()
        return register
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # missing or corrupt: the caller validates the file again
    finally:
        if enabled:
            gc.enable()


def _settle() -> None:
    """Move what exists now out of the cyclic GC's sight: the register holds no cycles (it is
    freed by reference counting all the same), and a query making 60,000 records would
    otherwise have every full collection walk the 500,000 objects of 100,000 tasks."""
    gc.collect(0)
    gc.freeze()


def put(raw: bytes, register: Register) -> None:
    _settle()
    if not _enabled():
        return
    import tempfile

    target = _entry(raw)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(encode(register), ensure_ascii=False, separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only or full cache directory only costs speed


# --- the compact format ---------------------------------------------------------


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _plain(obj: Any) -> dict[str, Any]:
    return {f.name: _iso(getattr(obj, f.name)) for f in fields(obj)}


def encode(register: Register) -> dict[str, Any]:
    """Plain JSON-ready data: meta, units and groups as mappings, tasks as rows."""
    if _TASK != _TASK_SHAPE:
        raise TypeError(f"cache rows assume Task fields {_TASK_SHAPE}, model has {_TASK}")
    return {
        "version": register.version,
        "meta": _plain(register.meta),
        "units": [_plain(u) for u in register.units],
        "groups": [_plain(g) for g in register.groups],
        "tasks": [
            [t.id, t.section,
             [getattr(t.cells, name) for name in _CELLS],
             [getattr(t.units, name) for name in _UNITS],
             [[_iso(getattr(item, name)) for name in _ITEM] for item in t.schedule],
             t.note]
            for t in register.tasks
        ],
    }


_new = object.__new__


def _make(cls: type, values: dict[str, Any]) -> Any:
    """An instance of a frozen dataclass from complete, already-validated field values."""
    obj = _new(cls)
    obj.__dict__.update(values)
    return obj


def _row(names: tuple[str, ...], row: list[Any]) -> dict[str, Any]:
    if len(row) != len(names):
        raise ValueError("cache row of the wrong length")
    return dict(zip(names, row))


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def decode(data: dict[str, Any]) -> Register:
    """The Register that `encode` wrote; ValueError/KeyError/TypeError if it is not one."""
    item_cls, cells_cls, units_cls, task_cls = ScheduleItem, Cells, TaskUnits, Task
    tasks = []
    for row in data["tasks"]:
        task_id, section, cells, units, schedule, note = row
        items = []
        for item in schedule:
            values = _row(_ITEM, item)
            for i in _ITEM_DATES:
                if item[i] is not None:
                    values[_ITEM[i]] = dt.date.fromisoformat(item[i])
            items.append(_make(item_cls, values))
        tasks.append(_make(task_cls, {
            "id": task_id, "section": section, "cells": _make(cells_cls, _row(_CELLS, cells)),
            "units": _make(units_cls, _row(_UNITS, units)), "schedule": items, "note": note,
        }))
    meta = dict(data["meta"])
    meta["start"], meta["end"] = _date(meta["start"]), _date(meta["end"])
    return Register(
        meta=Meta(**meta),
        units=[Unit(**u) for u in data["units"]],
        groups=[Group(**g) for g in data["groups"]],
        tasks=tasks,
        version=data["version"],
    )
