"""Where a register's progress file lives, and whether it may hold any record (no reading
of the records: see `gpstd.progress.file`)."""

from __future__ import annotations

import os
from pathlib import Path

FILENAME = "progress.yaml"


def default_path(register_file: str | None = None) -> Path:
    """progress.yaml beside the register that `register_file` resolves to.

    The register bundled in the package lives in site-packages, which is no place for
    records: for it the file is in the user's data directory instead.
    """
    from gpstd.register.loading import bundled_path, find

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


def _plainly_empty(path: Path) -> bool:
    """Whether the file's text is nothing but comments, `version: N` and `records: []` (read
    as text: even the safe YAML reader's import costs more than the query). Anything else,
    a broken file or a device included, is left to gpstd.progress.file to read and report."""
    try:
        if not path.is_file() or path.stat().st_size > 65536:
            return False
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    lines = {line.rstrip() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return "records: []" in lines and lines <= {"records: []", "version: 1"}
