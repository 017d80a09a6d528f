"""One record of the progress file: a unit (or every unit) delivered a deadline on a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The keys a record may have, in the order they are written.
KEYS = ("task", "due", "unit", "done", "note", "evidence", "recorded_by")


@dataclass(frozen=True)
class Record:
    task: int
    due: dt.date
    unit: str | None
    """The unit that delivered; a collective term for all its members; None for every owner."""
    done: dt.date
    note: str | None = None
    recorded_by: str | None = None
    line: int | None = field(default=None, compare=False, repr=False)  # in the file, when read from one
    evidence: tuple[str, ...] = ()
    """办结佐证: web addresses, 文号 or files in the repository (`gpstd.progress.evidence`)."""
