"""Changes to the register as a whole: its version, meta, units and collective terms.

Units and groups are matched by name; an entry renamed is one removed and one added. What these
changes do to each task (a unit joining 各镇（街）, a later meta.end) is found task by task by
`gpstd.review.task`, as changes of its owners or of its rules' dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from gpstd.model import Group, Meta, Unit, to_plain
from gpstd.review.changes import FieldChange
from gpstd.review.side import Side


def changes(before: Side, after: Side) -> list[FieldChange]:
    old, new = before.register, after.register
    out = []
    if old.version != new.version:
        out.append(FieldChange("version", old.version, new.version, after.line("version")))
    for f in fields(Meta):
        a, b = getattr(old.meta, f.name), getattr(new.meta, f.name)
        if a != b:
            out.append(FieldChange(f"meta.{f.name}", _plain(a), _plain(b), after.line("meta", f.name)))
    out += _entries(after, "units", old.units, new.units)
    out += _entries(after, "groups", old.groups, new.groups)
    return out


def _entries(
    after: Side, key: str, old: Sequence[Unit | Group], new: Sequence[Unit | Group]
) -> list[FieldChange]:
    before = {e.name: e for e in old}
    out = []
    for index, entry in enumerate(new):
        known = before.get(entry.name)
        if known is None:
            out.append(FieldChange(f"{key}[{entry.name}]", None, to_plain(entry), after.line(key, index)))
            continue
        for f in fields(entry):
            a, b = getattr(known, f.name), getattr(entry, f.name)
            if a != b:
                line = after.line(key, index, f.name)
                out.append(FieldChange(f"{key}[{entry.name}].{f.name}", _plain(a), _plain(b), line))
    names = {e.name for e in new}
    line = after.line(key)
    out += [FieldChange(f"{key}[{e.name}]", to_plain(e), None, line) for e in old if e.name not in names]
    return out


def _plain(value: Any) -> Any:
    return None if value is None else to_plain(value)
