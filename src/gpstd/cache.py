"""A validated, compact copy of each register, keyed by the file's content.

JSON in the user's cache directory (never pickle: a cache file must not be able to run
code), after a first line that is the hash of the JSON. Keyed by a hash of the register's
bytes, so a file with the same size and mtime but other content never hits; a corrupt (its
own hash does not match) or unwritable cache is ignored and rebuilt.

Each distinct text and date is stored once, in a table; everything else refers to it by
index. Tasks are one flat list of integers, ten a task (id, section, the five cells, an index
into a table of distinct (lead, cooperating) unit lists, an index into a table of distinct
schedules, note), and a schedule is a list of indices into a table of distinct schedule items.
At 100,000 tasks the file is 7.6 MB rather than 66 MB, and decoding it makes one small int a
field rather than a list an object (msgspec: 80 ms instead of 180 ms); each distinct item is
rebuilt once and shared (being frozen), and the register shares one string per distinct text
(315 MB peak instead of 550 MB). The key includes the model's field names, so a change to
model.py can never be misread from an old file. Rows are rebuilt into the frozen dataclasses
without calling `__init__` (five to ten object.__setattr__ calls per object are most of the
cost at scale): the data was validated before it was written, and the rows' shape and the
ids' type are checked on the way back.
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
from gpstd.model import (Cells, Group, Meta, Register, ScheduleItem, Task, TaskUnits, Unit, remember_groups,
                         remember_index)

FORMAT = "5"
_CLASSES = (Meta, Unit, Group, Cells, TaskUnits, ScheduleItem, Task, Register)
_ITEM = tuple(f.name for f in fields(ScheduleItem))
_ITEM_DATES = tuple(i for i, name in enumerate(_ITEM) if name in ("due", "start", "until"))
_CELLS = tuple(f.name for f in fields(Cells))
_UNITS = tuple(f.name for f in fields(TaskUnits))
_TASK = tuple(f.name for f in fields(Task))
_ITEM_SHAPE = ("kind", "text", "source", "due", "start", "until", "rrule", "action", "recipient", "by", "note")
_CELLS_SHAPE = ("seq", "responsible", "task", "deadline", "section")
_TASK_SHAPE = ("id", "section", "cells", "units", "schedule", "note")
_UNITS_SHAPE = ("lead", "cooperating")
_ROW = 10  # a task's row: id, section, the five cells, (lead, cooperating), schedule, note


def _schema_tag() -> str:
    return ";".join(c.__name__ + ":" + ",".join(f.name for f in fields(c)) for c in _CLASSES)


def directory() -> Path:
    if os.environ.get("GPSTD_CACHE_DIR"):
        return Path(os.environ["GPSTD_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("gpstd", appauthor=False)) / "registers"


def _enabled() -> bool:
    return os.environ.get("GPSTD_NO_CACHE", "") in ("", "0")


def _digest(raw: bytes) -> Any:
    """A hash of the bytes: blake2b without loading OpenSSL (~4.5 ms) for a small file; OpenSSL's
    SHA-256 for a larger one, where the CPU's SHA instructions make it ~2.8x faster (blake2b
    ~2.1 ms a MB, SHA-256 ~0.75: 10,000 tasks, 5.4 MB, 8.5 ms instead of 12; 100,000 tasks,
    54 MB, 40 ms instead of 105)."""
    if len(raw) > 4_000_000:  # below, loading OpenSSL costs more than it saves
        from hashlib import sha256

        return sha256(raw)
    try:
        from _blake2 import blake2b  # what hashlib.blake2b is
    except ImportError:  # pragma: no cover - other interpreters
        from hashlib import blake2b
    return blake2b(raw, digest_size=20)


def _entry(raw: bytes) -> Path:
    digest = _digest(raw)
    digest.update(f"{__version__}/{FORMAT}/{_schema_tag()}".encode())
    return directory() / f"{digest.hexdigest()}.json"


# Set by the command line (a short-lived process): after a load, move every object out of
# the cyclic GC's sight, so that the collections a query of 60,000 records triggers do not
# walk the 500,000 objects of 100,000 tasks again and again. Not for library use: frozen
# objects that later become cyclic garbage are never collected.
freeze_after_load = False
# With freeze_after_load, the registers this process loaded, kept to its end, which
# `gpstd.cli.main` makes with os._exit: freeing half a million objects one by one (100,000
# tasks) when the command returns would only delay the exit.
kept: list[Register] = []


def get(raw: bytes) -> Register | None:
    """The register validated from exactly these bytes before, or None."""
    if not _enabled():
        return None
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects and no cycles
    try:
        with open(_entry(raw), "rb") as fh:
            register = decode(_loads(_checked(fh.read())))
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # missing or corrupt: the caller validates the file again
    finally:
        if enabled:
            gc.enable()
    if freeze_after_load:
        gc.freeze()
        kept.append(register)
    return register


def _checked(data: bytes) -> memoryview:
    """The JSON after the file's first line, if that line is its hash; else ValueError. Decoding
    checks the shape of what it reads, not every value: a byte changed on disk (a bad block, an
    edit) could still make a register that reads, with a wrong text or a date where a text
    belongs. Hashing the 1 MB of 10,000 tasks takes ~2 ms."""
    end = data.find(b"\n", 0, 130)
    body = memoryview(data)[end + 1:]
    if end < 0 or _digest(body).hexdigest().encode() != data[:end]:
        raise ValueError("cache file hash")
    return body


def _loads(text: bytes | memoryview) -> Any:
    """json.loads, by msgspec for all but small files: ~2x faster (7.6 MB at 100,000 tasks: 50 ms
    less, 1 MB at 10,000: ~10 ms); its import (~8 ms) would cost more than it saves on a few
    hundred tasks."""
    if len(text) > 200_000:
        try:
            import msgspec
        except ImportError:  # pragma: no cover - optional speed-up
            return json.loads(text)
        return msgspec.json.decode(text)  # msgspec.DecodeError is a ValueError
    return json.loads(bytes(text))


def put(raw: bytes, register: Register) -> None:
    if freeze_after_load:
        gc.freeze()
        kept.append(register)
    if not _enabled():
        return
    import tempfile

    target = _entry(raw)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(encode(register), ensure_ascii=False, separators=(",", ":")).encode()
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_digest(body).hexdigest().encode() + b"\n")  # see _checked
                fh.write(body)
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
    """Plain JSON-ready data: meta, units and groups as mappings, tasks as one flat row of indices."""
    if _TASK != _TASK_SHAPE or _UNITS != _UNITS_SHAPE:
        raise TypeError(f"cache rows assume Task fields {_TASK_SHAPE}, model has {_TASK}")
    # Each distinct value once, rows refer to it by index, 0 is null (dict.setdefault: one C
    # call per value). Dates count from the end (-1 is the first): decode appends them to the
    # text table reversed, so that every field of a row is one lookup in one list.
    texts: dict[Any, int] = {None: 0}
    days: dict[Any, int] = {None: 0}
    items: dict[tuple[int, ...], int] = {}  # distinct schedule items: ~9,000 of 124,000 at 100,000 tasks
    schedules: dict[tuple[int, ...], int] = {}  # distinct schedules: ~22,000 of 100,000
    pairs: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}  # distinct (lead, cooperating)
    text, day, item_of, schedule_of, pair_of = (texts.setdefault, days.setdefault, items.setdefault,
                                                schedules.setdefault, pairs.setdefault)
    item_fields = [(name, name in ("due", "start", "until")) for name in _ITEM]
    rows: list[Any] = []
    extend = rows.extend
    for t in register.tasks:
        cells, units = t.cells, t.units
        schedule = tuple(item_of(tuple(-day(getattr(item, name), len(days)) if is_date
                                       else text(getattr(item, name), len(texts))
                                       for name, is_date in item_fields), len(items))
                         for item in t.schedule)
        pair = (tuple(text(v, len(texts)) for v in units.lead),
                tuple(text(v, len(texts)) for v in units.cooperating))
        extend((t.id, text(t.section, len(texts)), *(text(getattr(cells, name), len(texts)) for name in _CELLS),
                pair_of(pair, len(pairs)), schedule_of(schedule, len(schedules)), text(t.note, len(texts))))
    return {
        "version": register.version,
        "meta": _plain(register.meta),
        "units": [_plain(u) for u in register.units],
        "groups": [_plain(g) for g in register.groups],
        "text": list(texts),
        "dates": [d.isoformat() for d in list(days)[1:]],
        "items": [list(r) for r in items],
        "schedules": [list(s) for s in schedules],
        "task_units": [[list(lead), list(cooperating)] for lead, cooperating in pairs],
        "tasks": rows,
    }


_new = object.__new__


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _item(v: list[Any], row: list[int]) -> ScheduleItem:
    kind, text, source, due, start, until, rrule, action, recipient, by, note = row
    obj = _new(ScheduleItem)
    d = obj.__dict__
    d["kind"] = v[kind]
    d["text"] = v[text]
    d["source"] = v[source]
    d["due"] = v[due]
    d["start"] = v[start]
    d["until"] = v[until]
    d["rrule"] = v[rrule]
    d["action"] = v[action]
    d["recipient"] = v[recipient]
    d["by"] = v[by]
    d["note"] = v[note]
    return obj


def decode(data: dict[str, Any]) -> Register:
    """The Register that `encode` wrote; ValueError/KeyError/TypeError/IndexError if it is not one."""
    text = data["text"]
    if text[0] is not None or not all(type(v) is str for v in text[1:]):
        raise ValueError("cache text table")
    days = [dt.date.fromisoformat(d) for d in data["dates"]]
    values = [*text, *reversed(days)]  # values[-k] is the k-th date
    if _ITEM != _ITEM_SHAPE or _CELLS != _CELLS_SHAPE:
        raise TypeError(f"cache rows assume ScheduleItem fields {_ITEM_SHAPE}, model has {_ITEM}")
    v = values
    items = [_item(v, row) for row in data["items"]]
    schedules = [[items[i] for i in schedule] for schedule in data["schedules"]]
    sharing: list[list[int]] = [[] for _ in schedules]  # the ids of the tasks with each schedule
    pairs = [([v[i] for i in lead], [v[i] for i in cooperating]) for lead, cooperating in data["task_units"]]
    rows = data["tasks"]
    if len(rows) % _ROW or not set(map(type, rows[::_ROW])) <= {int}:
        raise ValueError("cache task rows")
    cells_cls, units_cls, task_cls = Cells, TaskUnits, Task
    new = _new
    tasks = []
    append = tasks.append
    by_id: dict[int, Task] = {}  # Register.task's index, while each task is at hand
    first = by_id.setdefault
    # Each field is stored into the new object's own __dict__ one by one, in field order: about
    # twice as fast as __dict__.update(...) and the dicts share their keys (less memory). Lists
    # are copies ([*shared], in C): equal tasks share no mutable object.
    for task_id, section, seq, responsible, task_text, deadline, cell_section, pair, schedule, note \
            in zip(*[iter(rows)] * _ROW):
        cells_obj = new(cells_cls)
        d = cells_obj.__dict__
        d["seq"] = v[seq]
        d["responsible"] = v[responsible]
        d["task"] = v[task_text]
        d["deadline"] = v[deadline]
        d["section"] = v[cell_section]
        lead, cooperating = pairs[pair]
        units_obj = new(units_cls)
        d = units_obj.__dict__
        d["lead"] = [*lead]
        d["cooperating"] = [*cooperating]
        task = new(task_cls)
        d = task.__dict__
        d["id"] = task_id
        d["section"] = v[section]
        d["cells"] = cells_obj
        d["units"] = units_obj
        d["schedule"] = [*schedules[schedule]]  # equal items are one shared (frozen) object
        d["note"] = v[note]
        append(task)
        first(task_id, task)
        sharing[schedule].append(task_id)
    meta = dict(data["meta"])
    meta["start"], meta["end"] = _date(meta["start"]), _date(meta["end"])
    register = Register(
        meta=Meta(**meta),
        units=[Unit(**u) for u in data["units"]],
        groups=[Group(**g) for g in data["groups"]],
        tasks=tasks,
        version=data["version"],
    )
    remember_index(register, by_id)
    remember_groups(register, list(zip(schedules, sharing)))
    return register
