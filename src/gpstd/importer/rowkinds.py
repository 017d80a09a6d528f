"""Kinds of rows below a header: task rows, and rows across the table (group rows, notes)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from gpstd.importer import columns
from gpstd.importer.headers import Header, is_header_again

if TYPE_CHECKING:
    from gpstd.importer.tables import Table

_HEADING = re.compile(
    r"^\s*(第?[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]|\d{1,2}[、.．](?!\d))"
)


def sample(table: Table, header: Header) -> list[list[str]]:
    """Task-like rows below the header, for `columns.profile`."""
    start = header.rows[-1] + 1 if header.rows else 0
    found = []
    for r in range(start, len(table.rows)):
        row = table.rows[r]
        if any(row) and not is_spanning(row) and not is_header_again(row, header):
            found.append(row)
            if len(found) >= columns.SAMPLE:
                break
    return found


def is_spanning(row: list[str]) -> bool:
    """One text across the row (a merged cell), text in column one only, or a short numbered
    heading alone. A long text alone in another column is a task whose other cells were merged
    with the row above (a text file keeps a merged cell's text in its first row only)."""
    texts = [c for c in row if c]
    if not texts or len(set(texts)) != 1:
        return False
    return len(texts) > 1 or row[0] == texts[0] or (bool(_HEADING.match(texts[0])) and len(texts[0]) <= 25)


def level(heading: str) -> int:
    """一、 → 1, （一） → 2, 1. → 3; an unnumbered heading is outermost (0)."""
    found = _HEADING.match(heading)
    if not found:
        return 0
    mark = found.group(1)
    return 2 if mark[0] in "（(" else 3 if mark[0].isdigit() else 1
