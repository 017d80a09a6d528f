"""Excel 2003 XML spreadsheets (SpreadsheetML) to tables.

Report systems often export "to Excel" as this XML and name it .xls; Excel and WPS open it, so
people publish it. defusedxml parses it (no DTD, no entity); merged cells (ss:MergeAcross,
ss:MergeDown) are copied where they span, as in an .xlsx, and the cells of a grid are counted
as they are made.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from gpstd.errors import UnreadableTable
from gpstd.importer import limits
from gpstd.importer.packages import CELLS
from gpstd.importer.tables import Source, Table, clean
from gpstd.importer.textfiles import xml_in_utf8

NS = "{urn:schemas-microsoft-com:office:spreadsheet}"
_DAMAGED = "不是有效的 Excel 2003 XML 表格（文件已损坏，或含有不允许的 DTD、实体）"


def read_xml_sheet(raw: bytes, path: Path | None = None) -> Source:
    """Every worksheet's table; the rows above a header find the title, as in an .xlsx."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(xml_in_utf8(raw))
    except (ParseError, DefusedXmlException, ValueError, LookupError):
        raise UnreadableTable(_DAMAGED) from None
    tables: list[Table] = []
    budget = _Budget()
    for sheet in root.iter(f"{NS}Worksheet"):
        for element in sheet.findall(f"{NS}Table"):
            table = _table(element, budget)
            table.name = f"工作表「{sheet.get(f'{NS}Name', '')}」"
            tables.append(table)
    return Source([], [t for t in tables if t.rows])


class _Budget:
    """Rows of all sheets and cells of all grids (merged ones included): a few lines of XML can
    claim a merge of millions of cells."""

    def __init__(self) -> None:
        self.rows = 0
        self.cells = 0

    def row(self) -> None:
        self.rows += 1
        if self.rows > limits.TABLE_ROWS:
            raise limits.too_many_rows()

    def cell(self) -> None:
        self.cells += 1
        if self.cells > CELLS:
            raise UnreadableTable(f"表格超过 {CELLS} 格，不像是一份任务清单；请只保留清单所在的表格后再导入")


def _table(table: Any, budget: _Budget) -> Table:
    placed: dict[tuple[int, int], str] = {}
    copies: set[tuple[int, int]] = set()
    r = -1
    for row in table.findall(f"{NS}Row"):
        r = _index(row, r + 1, limits.TABLE_ROWS)
        budget.row()
        c = -1
        for cell in row.findall(f"{NS}Cell"):
            c = _index(cell, c + 1, limits.TABLE_COLUMNS)
            if cell.get(f"{NS}Index") is None:
                while (r, c) in placed:  # under a cell merged down from a row above
                    c += 1
            if c >= limits.TABLE_COLUMNS:
                break
            text = _text(cell)
            down = _count(cell.get(f"{NS}MergeDown"), limits.TABLE_ROWS)
            across = _count(cell.get(f"{NS}MergeAcross"), limits.TABLE_COLUMNS)
            for rr in range(r, min(r + down, limits.TABLE_ROWS - 1) + 1):
                for cc in range(c, min(c + across, limits.TABLE_COLUMNS - 1) + 1):
                    budget.cell()
                    placed[(rr, cc)] = text
                    if (rr, cc) != (r, c):
                        copies.add((rr, cc))
            c += across
    height = 1 + max((rc[0] for rc in placed), default=-1)
    width = 1 + max((rc[1] for rc in placed), default=-1)
    rows = [[placed.get((i, j), "") for j in range(width)] for i in range(height)]
    return Table(rows, copies)


def _index(element: Any, default: int, limit: int) -> int:
    """ss:Index (1-based) as a 0-based position, or `default`; a position past `limit` is refused."""
    written = element.get(f"{NS}Index")
    if written is None:
        return default
    if not written.isdigit() or not 0 < int(written) <= limit:
        raise UnreadableTable(f"{_DAMAGED}：ss:Index「{written[:20]}」超出范围")
    return int(written) - 1


def _count(written: str | None, limit: int) -> int:
    if written is None:
        return 0
    if not written.isdigit():
        raise UnreadableTable(f"{_DAMAGED}：合并单元格的范围「{written[:20]}」不是数字")
    return min(int(written), limit)


def _text(cell: Any) -> str:
    """The cell's text as shown: a DateTime as its date (and time, if it has one), a whole
    Number without ".0", rich text (html:Font, html:B) as its words."""
    data = cell.find(f"{NS}Data")
    if data is None:
        return ""
    text = "".join(data.itertext())
    kind = data.get(f"{NS}Type")
    if kind == "DateTime":
        try:
            moment = dt.datetime.fromisoformat(text.strip()[:19])
        except ValueError:
            return clean(text)
        return str(moment.date() if moment.time() == dt.time() else moment)
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return clean(text)
        return str(int(number)) if number.is_integer() and abs(number) < 1e15 else clean(text)
    return clean(text)
