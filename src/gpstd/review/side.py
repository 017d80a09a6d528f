"""One side of a comparison opened: its register, validated, and the lines its fields are on.

A side that is not a valid register stops the comparison with `VersionInvalid`, which names the
side (旧版本「HEAD:data/tasks.yaml」) and lists its problems as `gpstd check` would, at
`HEAD:data/tasks.yaml:216:5`. Nothing is compared against half a register.
"""

from __future__ import annotations

from typing import Any, Literal

from gpstd.errors import RegisterInvalid, VersionInvalid
from gpstd.model import Register
from gpstd.obligations.owners import Owners
from gpstd.review.versions import Version, side_name

Which = Literal["old", "new"]


class Side:
    """A version's register and, where asked for, the positions of its fields."""

    def __init__(self, version: Version, which: Which, lines: bool = True):
        self.version = version
        self.which = which
        self.document: Any = None
        self.register = self._open(lines)
        self.index = {task.id: i for i, task in enumerate(self.register.tasks)}
        self._owners: Owners | None = None

    @property
    def owners(self) -> Owners:
        """Who owes each item of this side's tasks (`gpstd.obligations.owners`), made on first use."""
        if self._owners is None:
            self._owners = Owners(self.register)
        return self._owners

    def line(self, *loc: Any) -> int:
        """The line of the deepest node `loc` reaches (`("tasks", 3, "cells", "task")`); 0 when the
        side was opened without lines."""
        return 0 if self.document is None else int(self.document.position(loc)[0])

    def task_line(self, task_id: int, *loc: Any) -> int:
        """The line of a field of a task of this side (`task_line(3, "schedule", 1, "due")`)."""
        return self.line("tasks", self.index[task_id], *loc)

    def _open(self, lines: bool) -> Register:
        """The register, from the cache when these bytes were validated before. Positions need the
        YAML composed again (seconds for a city's register): only when `lines` are wanted."""
        from gpstd.register import cache, reader
        from gpstd.register.loading import validate

        version = self.version
        key = cache.digest(version.raw)
        register = cache.get(key)
        if register is not None and not lines:
            return register
        try:
            self.document = reader.read(version.label, version.raw)
        except RegisterInvalid as exc:
            raise VersionInvalid(side_name(version.label, self.which), exc.problems) from None
        if register is not None:
            return register
        register, problems = validate(self.document, warnings=False)
        if register is None:
            raise VersionInvalid(side_name(version.label, self.which), problems)
        cache.put(key, register)
        return register
