"""Where a register's progress file lives (no reading of it: see gpstd.progressfile).

Its own module so that a query can find there is no progress file without importing the
machinery that reads and writes one (its dataclasses alone cost ~7 ms to define).
"""

from __future__ import annotations

import os
from pathlib import Path

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
    """`locate(...)` if something is there, else None (a query then has nothing done)."""
    path = locate(register_file, progress_file)
    return path if os.path.lexists(path) else None
