"""Obligations: who owes what by when, and whether it is done -- the one answer every view reads.

`owners` says who owes each schedule item, `states` what state a part is in, `ledger` puts
deadlines, owners and progress records together; `recording` checks records against it;
`summary` counts and tabulates it. `open_ledger` is how a command gets the ledger of a register
with its progress file.
"""

from __future__ import annotations

from pathlib import Path

from gpstd.model import Register
from gpstd.obligations.ledger import Ledger, Obligation
from gpstd.obligations.owners import Owner
from gpstd.obligations.states import State

__all__ = ["Ledger", "Obligation", "Owner", "State", "open_ledger"]


def open_ledger(
    register: Register, register_file: str | None = None, progress_file: str | Path | None = None
) -> Ledger:
    """The register's ledger with what its progress file records (none when there is no file, or
    only the empty template: then no YAML reader is imported)."""
    from gpstd.progress.location import existing

    path = existing(register_file, progress_file)
    if path is None:
        return Ledger(register)
    from gpstd.progress.file import load

    return Ledger(register, load(path).records, str(path))
