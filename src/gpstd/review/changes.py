"""What an edit to the register changes, as plain data: the answer `gpstd diff` renders.

A `Review` holds the two versions compared, the window their rules were expanded over, the
changes to the register as a whole (meta, units, groups) and one `TaskDiff` per task that changed.
A task added or removed is compared with nothing: all it has is added (or removed). Lines are
those of the newer file, where a reviewer reads the edit (for what was removed: where it was).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from gpstd.obligations.owners import Role
from gpstd.review.versions import Version

Change = Literal["added", "removed", "changed"]
Op = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class Segment:
    """A run of a cell's text that both versions have, or only the old (delete) or the new (insert)."""

    op: Op
    text: str


@dataclass(frozen=True)
class CellChange:
    """One of the five verbatim cells of the source row, changed."""

    cell: str
    """The model's name of the cell: seq, responsible, task, deadline or section."""
    old: str | None
    new: str | None
    segments: tuple[Segment, ...]
    line: int


@dataclass(frozen=True)
class DeadlineChange:
    """A dated deadline added, removed, or moved to another date (the same schedule item)."""

    change: Literal["added", "removed", "moved"]
    old: dt.date | None
    new: dt.date | None
    text: str
    """The clause of the source it reads, as the newer version has it (the older, if removed)."""
    old_text: str | None
    """The older version's clause, where it differs from `text`."""
    item: int | None
    """Its index in the newer task's schedule (None if removed)."""
    old_item: int | None
    line: int


@dataclass(frozen=True)
class Rule:
    rrule: str
    words: str
    """The rule in Chinese words (每年11月30日)."""
    start: dt.date | None
    until: dt.date | None
    assumed: bool


@dataclass(frozen=True)
class RuleChange:
    """A recurring item added, removed, or changed (its rule, its range, or its dates in the window)."""

    change: Change
    old: Rule | None
    new: Rule | None
    text: str
    old_text: str | None
    item: int | None
    old_item: int | None
    removed_dates: tuple[dt.date, ...]
    """Dates in the window only the older version has, in order."""
    added_dates: tuple[dt.date, ...]
    """Dates in the window only the newer version has, in order."""
    line: int


@dataclass(frozen=True)
class UnitChange:
    """A unit (or collective term) the task names, added, removed, or moved between lead and cooperating."""

    change: Literal["added", "removed", "role"]
    unit: str
    role: Role
    """Its role in the newer version (in the older, if removed)."""
    old_role: Role | None
    line: int


@dataclass(frozen=True)
class FieldChange:
    """Any other field changed: its path (`note`, `schedule[1].action`, `meta.end`, `units[区司法局]`)
    and its values as JSON-ready data, None where the field (or the whole entry) is absent."""

    path: str
    old: Any
    new: Any
    line: int


@dataclass(frozen=True)
class TaskDiff:
    id: int
    change: Change
    section: str
    task: str
    """The 工作任务 cell (of the newer version, or the older if removed)."""
    line: int
    deadlines: tuple[DeadlineChange, ...] = ()
    rules: tuple[RuleChange, ...] = ()
    units: tuple[UnitChange, ...] = ()
    owners_added: tuple[str, ...] = ()
    """Units that now owe some item of the task (named directly or through a collective term)."""
    owners_removed: tuple[str, ...] = ()
    cells: tuple[CellChange, ...] = ()
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class Review:
    old: Version
    new: Version
    window: tuple[dt.date, dt.date]
    """The days over which recurring rules were expanded and compared (both ends included)."""
    register: tuple[FieldChange, ...]
    """Changes to meta, units, groups and version."""
    tasks: tuple[TaskDiff, ...]
    """The tasks that changed, by id."""

    @property
    def changed(self) -> bool:
        return bool(self.register or self.tasks)

    @property
    def same_bytes(self) -> bool:
        return self.old.raw == self.new.raw

    def counts(self) -> dict[str, int]:
        """How much changed, for a summary line (the keys are those of `--json`'s `summary`)."""
        deadlines = [d for t in self.tasks for d in t.deadlines]
        return {
            "tasks_added": sum(t.change == "added" for t in self.tasks),
            "tasks_removed": sum(t.change == "removed" for t in self.tasks),
            "tasks_changed": sum(t.change == "changed" for t in self.tasks),
            "deadlines_added": sum(d.change == "added" for d in deadlines),
            "deadlines_removed": sum(d.change == "removed" for d in deadlines),
            "deadlines_moved": sum(d.change == "moved" for d in deadlines),
            "rules_changed": sum(len(t.rules) for t in self.tasks),
            "units_changed": sum(len(t.units) for t in self.tasks),
            "cells_changed": sum(len(t.cells) for t in self.tasks if t.change == "changed"),
            "register_changed": len(self.register),
        }
