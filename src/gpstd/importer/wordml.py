"""Word 2003 XML documents (WordprocessingML) to tables.

Systems that generate "Word" files from templates (FreeMarker and the like) write this XML and
name it .doc; Word and WPS open it, so people publish it. defusedxml parses it (no DTD, no
entity). Read as a .docx is: the paragraphs before the first table are the preamble, each table a
grid where a cell spanning columns (w:gridSpan) or continuing a vertical merge (w:vmerge) takes
the text it continues.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gpstd.errors import UnreadableTable
from gpstd.importer import limits
from gpstd.importer.packages import CELLS
from gpstd.importer.tables import Source, Table, clean
from gpstd.importer.textfiles import xml_in_utf8

W = "{http://schemas.microsoft.com/office/word/2003/wordml}"
WX = "{http://schemas.microsoft.com/office/word/2003/auxHint}"
_DAMAGED = "不是有效的 Word 2003 XML 文档（文件已损坏，或含有不允许的 DTD、实体）"
_SECTIONS = (f"{WX}sect", f"{WX}sub-section", f"{W}sdt", f"{W}sdtContent")


def read_wordml(raw: bytes, path: Path | None = None) -> Source:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(xml_in_utf8(raw))
    except (ParseError, DefusedXmlException, ValueError, LookupError):
        raise UnreadableTable(_DAMAGED) from None
    body = root.find(f"{W}body")
    source = Source([], [])
    if body is not None:
        _blocks(body, source, [0])
    return source


def _blocks(parent: Any, source: Source, count: list[int]) -> None:
    """Paragraphs and tables in document order, through the sections that wrap them."""
    for child in parent:
        if child.tag == f"{W}p" and not source.tables:
            text = _paragraph(child).replace("\n", "")
            if text:
                source.preamble.append(text)
        elif child.tag == f"{W}tbl":
            table = _table(child, count)
            table.name = f"第{len(source.tables) + 1}个表格"
            source.tables.append(table)
        elif child.tag in _SECTIONS:
            _blocks(child, source, count)


def _table(tbl: Any, count: list[int]) -> Table:
    grid: list[list[str]] = []
    copies: set[tuple[int, int]] = set()
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        if r >= limits.TABLE_ROWS:
            raise limits.too_many_rows()
        row = [""] * _number(tr.find(f"{W}trPr/{W}gridBefore"))
        for tc in tr.findall(f"{W}tc"):
            c = len(row)
            span = max(1, _number(tc.find(f"{W}tcPr/{W}gridSpan")))
            span = min(span, limits.TABLE_COLUMNS - c)
            if span <= 0:
                break
            text = clean("\n".join(_paragraph(p) for p in tc.iter(f"{W}p")))
            merge = tc.find(f"{W}tcPr/{W}vmerge")
            if merge is not None and merge.get(f"{W}val") != "restart" and r and c < len(grid[r - 1]):
                text = grid[r - 1][c]  # continues the cell above
                copies.add((r, c))
            row += [text] * span
            copies.update((r, k) for k in range(c + 1, c + span))
        count[0] += len(row)
        if count[0] > CELLS:
            raise UnreadableTable(f"表格超过 {CELLS} 格，不像是一份任务清单；请只保留清单所在的表格后再导入")
        grid.append(row)
    width = max(map(len, grid), default=0)
    return Table([row + [""] * (width - len(row)) for row in grid], copies)


def _paragraph(p: Any) -> str:
    """A paragraph's text: its runs' w:t, a line break for w:br and w:cr, a space for w:tab."""
    parts = []
    for element in p.iter():
        if element.tag == f"{W}t":
            parts.append(element.text or "")
        elif element.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif element.tag == f"{W}tab":
            parts.append(" ")
    return "".join(parts)


def _number(element: Any) -> int:
    """A w:val count (gridSpan, gridBefore), 0 when absent or not a small number."""
    written = None if element is None else element.get(f"{W}val")
    return int(written) if written is not None and written.isdigit() and len(written) <= 3 else 0
