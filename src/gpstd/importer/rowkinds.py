"""Kinds of rows below a header: task rows, and rows across the table (group rows, notes)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from gpstd.importer import columns
from gpstd.importer.headers import Header, is_header_again

if TYPE_CHECKING:
    from gpstd.importer.tables import Table

_BARE_NUMBER = re.compile(r"^[（(]?[一二三四五六七八九十百]+[）)、.．]?$")
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
    return spanning_text(row) is not None


def spanning_text(row: list[str]) -> str | None:
    """The text of a row across the table: one text in every cell (a merged cell), text in
    column one only, a short numbered heading alone, or a bare number (一, （二）) in column one
    with one text merged over the rest. A long text alone in another column is a task whose
    other cells were merged with the row above (a text file keeps only a merged cell's first)."""
    texts = [c for c in row if c]
    if not texts:
        return None
    if len(set(texts)) == 1:
        text = texts[0]
        alone = len(texts) == 1 and row[0] != text
        return None if alone and not (_HEADING.match(text) and len(text) <= 25) else text
    rest = [c for c in row[1:] if c]
    if _BARE_NUMBER.match(row[0]) and ((len(rest) > 1 and len(set(rest)) == 1) or _title_beside(row)):
        mark = row[0] if row[0][-1] in "）)、.．" else row[0] + "、"
        return mark + rest[0]
    return None


def _title_beside(row: list[str]) -> bool:
    """一 | 稳增长 | | : the number, then a short title in the next cell and nothing after it, as a
    text file keeps a title merged over the rest of the row (its first cell only)."""
    title = row[1] if len(row) > 2 else ""
    return bool(title) and len(title) <= 25 and title[-1] not in "。；;" and not any(row[2:])


def level(heading: str) -> int:
    """一、 → 1, （一） → 2, 1. → 3; an unnumbered heading is outermost (0)."""
    found = _HEADING.match(heading)
    if not found:
        return 0
    mark = found.group(1)
    return 2 if mark[0] in "（(" else 3 if mark[0].isdigit() else 1
