"""The rows below a header, turned into task records.

Tolerates what published lists do: empty rows, the header repeated on every page, group rows
across the table (一、… / （一）…, nested), notes rows (注：…), labels merged down beside the
task (or, in a text file, written in their first row only), and continuation rows whose 序号 is
empty because a task broke across a page (not a second complete task under a merged 序号).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gpstd.importer.headers import is_header_again
from gpstd.importer.rowkinds import is_spanning, level, spanning_text

if TYPE_CHECKING:
    from gpstd.importer.layout import Layout
    from gpstd.importer.tables import Table

_HEADING = re.compile(
    r"^\s*(第?[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]|\d{1,2}[、.．](?!\d))"
)
_NOTE = re.compile(r"^\s*(注|说明|备注|附注|填表说明)\s*[:：\d]")
_SENTENCE_END = ("。", "；", ";", "！", "？", ".")
# Columns whose empty cell, in a text file, is taken for a merged cell's lost copy.
_FILLED_DOWN = ("responsible", "deadline", "section")


@dataclass
class Record:
    """One task row: its cells by role (line breaks kept), and where it came from."""

    cells: dict[str, str]
    row: int  # 1-based row of the table, for messages
    headings: list[str] = field(default_factory=list)  # group rows above it, outer first
    labels: list[tuple[str, str]] = field(default_factory=list)  # (column name, text), outer first
    people: list[tuple[str, str]] = field(default_factory=list)  # (column name, text)
    joined: list[str] = field(default_factory=list)  # continuation rows joined onto it (第…行)
    filled: list[str] = field(default_factory=list)  # roles read from the row above (text files)
    table: str = ""  # the table's name when the file has several read (第2个表格)

    @property
    def where(self) -> str:
        """第3行, or 第2个表格第3行 when several tables are read."""
        return f"{self.table}第{self.row}行"


@dataclass
class Found:
    records: list[Record]
    notes: list[str]  # notes rows (注：…), for meta.notes


def records(tables: list[Table], layouts: list[Layout]) -> Found:
    """Task rows below each header, headings and labels noted, continuation rows joined,
    also across tables (a task that broke at a page boundary between two tables)."""
    reader = _Reader(len(layouts) > 1)
    for layout in layouts:
        reader.table(tables[layout.table], layout)
    return Found(reader.found, reader.notes)


class _Reader:
    def __init__(self, several: bool):
        self.several = several
        self.found: list[Record] = []
        self.notes: list[str] = []
        self.headings: list[str] = []
        self.labels: dict[int, str] = {}  # each label column's text, for cells merged down
        self.previous: Record | None = None  # also across tables: a task may break between two

    def table(self, table: Table, layout: Layout) -> None:
        name = table.name or f"第{layout.table + 1}个表格" if self.several else ""
        start = layout.header_rows[-1] + 1 if layout.header_rows else 0
        numbered = _numbered(table, layout, start)
        for r in range(start, len(table.rows)):
            row = table.rows[r]
            if not any(row) or is_header_again(row, layout.header):
                continue
            cells = {role: _cell(row, col) for role, col in layout.columns.items()}
            cells["cooperating"] = "\n".join(t for c in layout.cooperating if (t := _cell(row, c)))
            heading = spanning_text(row)
            if heading is not None and not cells.get("seq", "").isdigit():
                self._spanning(heading)
                self.labels, self.previous = {}, None
                continue
            if self.previous is not None and numbered and _is_continuation(cells, self.previous):
                _join(self.previous, cells, layout, table, r, name)
                continue
            record = Record(cells, r + 1, list(self.headings), table=name)
            _labels(record, row, layout, self.labels)
            record.people = [(layout.name(c), t) for c in layout.people if (t := _cell(row, c))]
            if self.previous is not None and not table.merges_known:
                _fill_down(record, self.previous)
            self.found.append(record)
            self.previous = record

    def _spanning(self, text: str) -> None:
        if _NOTE.match(text):
            self.notes.append(text.replace("\n", ""))
            return
        depth = level(text)
        while self.headings and level(self.headings[-1]) >= depth:
            self.headings.pop()
        self.headings.append(text.replace("\n", ""))


def _numbered(table: Table, layout: Layout, start: int) -> bool:
    """Whether the list numbers its rows (a 序号 column present but left empty does not)."""
    if "seq" not in layout.columns:
        return False
    column = layout.columns["seq"]
    cells = [_cell(row, column) for row in table.rows[start:] if any(row) and not is_spanning(row)]
    return sum(1 for c in cells if c) >= 0.5 * max(1, len(cells))


def _cell(row: list[str], column: int) -> str:
    return row[column] if column < len(row) else ""


def _labels(record: Record, row: list[str], layout: Layout, above: dict[int, str]) -> None:
    """Each label column's text, the one above where the cell is empty (merged down)."""
    for c in layout.labels:
        text = _cell(row, c) or above.get(c, "")
        above[c] = text
        if text:
            record.labels.append((layout.name(c), text.replace("\n", "")))


def _fill_down(record: Record, previous: Record) -> None:
    if not record.cells.get("task"):
        return
    for role in _FILLED_DOWN:
        if role in record.cells and not record.cells[role] and previous.cells.get(role):
            record.cells[role] = previous.cells[role]
            record.filled.append(role)
    if (
        not record.cells.get("cooperating")
        and previous.cells.get("cooperating")
        and "responsible" in record.filled
    ):
        record.cells["cooperating"] = previous.cells["cooperating"]


def _is_continuation(cells: dict[str, str], previous: Record) -> bool:
    """No 序号 where the table numbers its rows, and the unit or the task cell left empty; but
    not a row with a task and a time of its own below a task that ended its sentence: that is a
    second task under a 序号 (and unit) merged over both rows, whose copy a text file loses."""
    if cells.get("seq") or (cells.get("responsible") and cells.get("task")):
        return False
    ended = previous.cells.get("task", "").rstrip().endswith(_SENTENCE_END)
    return not (ended and cells.get("task") and cells.get("deadline"))


def _join(record: Record, cells: dict[str, str], layout: Layout, table: Table, r: int, name: str) -> None:
    roles = {column: role for role, column in layout.columns.items()}
    for column, role in roles.items():
        text = cells.get(role, "")
        if text and (r, column) not in table.copies and text != record.cells.get(role):
            record.cells[role] = record.cells.get(role, "") + text
    record.joined.append(f"{name if name != record.table else ''}第{r + 1}行")
