"""Progress: which units have delivered which occurrence.

`file` reads and writes the records (data/progress.yaml) without losing a line; `location`
says where a register's file is; `tracker` answers what is done.
"""

from gpstd.progress.file import Progress, Record, add, edit, load, remove, save
from gpstd.progress.location import FILENAME, default_path, locate
from gpstd.progress.tracker import (
    Tracker,
    UnitState,
    check_done_day,
    describe,
    inspect,
    inspect_file,
    is_done,
    is_progress_file,
    matrix,
    occurrence,
    pending,
    problems,
    refuse_covered,
    register_for,
    responsible_unit,
    summary,
    tracker,
)

__all__ = [
    "FILENAME",
    "Progress",
    "Record",
    "Tracker",
    "UnitState",
    "add",
    "check_done_day",
    "default_path",
    "describe",
    "edit",
    "inspect",
    "inspect_file",
    "is_done",
    "is_progress_file",
    "load",
    "locate",
    "matrix",
    "occurrence",
    "pending",
    "problems",
    "refuse_covered",
    "register_for",
    "remove",
    "responsible_unit",
    "save",
    "summary",
    "tracker",
]
