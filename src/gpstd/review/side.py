"""One side of a comparison opened: its register, validated, and the lines its fields are on.

A side that is not a valid register stops the comparison with `VersionInvalid`, which names the
side (旧版本「HEAD:data/tasks.yaml」) and lists its problems as `gpstd check` would, at
`HEAD:data/tasks.yaml:216:5`. Nothing is compared against half a register.
"""

from __future__ import annotations

from typing import Any, Literal

from gpstd.errors import VersionInvalid
from gpstd.model import Register
from gpstd.obligations.owners import Owners
from gpstd.review.versions import Version, side_name

Which = Literal["old", "new"]


class Side:
    """A version's register and, on first use, the positions of its fields."""

    def __init__(self, version: Version, which: Which):
        self.version = version
        self.which = which
        self.register = _register(version, which)
        self.index = {task.id: i for i, task in enumerate(self.register.tasks)}
        self._document: Any = None
        self._owners: Owners | None = None

    @property
    def owners(self) -> Owners:
        """Who owes each item of this side's tasks (`gpstd.obligations.owners`), made on first use."""
        if self._owners is None:
            self._owners = Owners(self.register)
        return self._owners

    def line(self, *loc: Any) -> int:
        """The line of the deepest node `loc` reaches (`("tasks", 3, "cells", "task")`)."""
        if self._document is None:
            from gpstd.register import reader

            self._document = reader.read(self.version.label, self.version.raw)
        return int(self._document.position(loc)[0])

    def task_line(self, task_id: int, *loc: Any) -> int:
        """The line of a field of a task of this side (`task_line(3, "schedule", 1, "due")`)."""
        return self.line("tasks", self.index[task_id], *loc)


def _register(version: Version, which: Which) -> Register:
    from gpstd.register import cache, inspect

    cached = cache.get(version.raw)
    if cached is not None:
        return cached
    register, problems = inspect(version.label, version.raw, warnings=False)
    if register is None:
        raise VersionInvalid(side_name(version.label, which), problems)
    cache.put(version.raw, register)
    return register
