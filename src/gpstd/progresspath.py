"""Where a register's progress file lives (no reading of it: see gpstd.progressfile).

Its own module so that a query can find there is no progress file without importing the
machinery that reads and writes one (its dataclasses alone cost ~7 ms to define).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gpstd.model import Register
    from gpstd.progress import Tracker

FILENAME = "progress.yaml"


def default_path(register_file: str | None = None) -> Path:
    """progress.yaml beside the register that `register_file` resolves to.

    The register bundled in the package lives in site-packages, which is no place for
    records: for it the file is in the user's data directory instead.
    """
    from gpstd.register import bundled_path, find

    register = find(register_file)
    if register.resolve() == bundled_path().resolve():
        from platformdirs import user_data_dir

        return Path(user_data_dir("gpstd", appauthor=False)) / FILENAME
    return register.parent / FILENAME


def locate(register_file: str | None, progress_file: str | Path | None = None) -> Path:
    """--progress if given, else the default file for the register (see `default_path`)."""
    return Path(progress_file) if progress_file else default_path(register_file)


def existing(register_file: str | None, progress_file: str | Path | None = None) -> Path | None:
    """`locate(...)` if something there may hold records, else None: a query then has nothing
    done. A file that plainly holds none (the template as committed, `records: []`) counts as
    none, so that a query need not import the round-trip reader (~60 ms) to learn it."""
    path = locate(register_file, progress_file)
    if not os.path.lexists(path):
        return None
    return None if _plainly_empty(path) else path


def tracker(register: Register, register_file: str | None,
            progress_file: str | Path | None = None) -> Tracker | None:
    """What the register's progress file records as done: the one way every query, export and
    the web page look it up. None when there is nothing done (see `existing`), found without
    importing gpstd.progress or a YAML reader."""
    path = existing(register_file, progress_file)
    if path is None:
        return None
    from gpstd.progress import Tracker, load

    return Tracker(register, load(path))


def _plainly_empty(path: Path) -> bool:
    """Whether the file's text is nothing but comments, `version: N` and `records: []` (read
    as text: even the safe YAML reader's import costs more than the query). Anything else,
    a broken file or a device included, is left to gpstd.progressfile to read and report."""
    try:
        if not path.is_file() or path.stat().st_size > 65536:
            return False
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    lines = {line.rstrip() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return "records: []" in lines and lines <= {"records: []", "version: 1"}
