""".docx and .xlsx to tables: python-docx and openpyxl, after `packages.check` has looked at
every part of the zip (sizes, compression, no DTD) so neither library meets a hostile file."""

from __future__ import annotations

import io
from pathlib import Path

from gpstd.errors import UnreadableTable
from gpstd.importer import limits, packages
from gpstd.importer.tables import Source, Table, clean

# Raised by the libraries for a package that is a zip but not a document of theirs (a part
# missing, a part that is not the XML they expect).
_DAMAGED = {"BadZipFile", "PackageNotFoundError", "InvalidFileException"}


def read_docx(raw: bytes, path: Path) -> Source:
    packages.check(raw, ".docx")
    try:
        return _docx(raw)
    except Exception as exc:  # noqa: BLE001 - the libraries' many kinds of "damaged"; the rest re-raised
        raise _damaged(exc, ".docx") from None


def _damaged(exc: Exception, suffix: str) -> Exception:
    """The message for a damaged document; anything else (a bug of ours) as it was."""
    if isinstance(exc, UnreadableTable):
        return exc
    if type(exc).__name__ in _DAMAGED or isinstance(exc, (KeyError, ValueError, SyntaxError)):
        return UnreadableTable(f"不是有效的 {suffix} 文件（文件为空、已损坏，或是改了扩展名的其他格式）")
    return exc


def _docx(raw: bytes) -> Source:
    import docx  # python-docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(raw))
    preamble: list[str] = []
    tables: list[Table] = []
    rows = 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p") and not tables:
            text = clean("".join(t.text or "" for t in child.iter(qn("w:t")))).replace("\n", "")
            if text:
                preamble.append(text)
        elif child.tag == qn("w:tbl"):
            tables.append(_docx_table(docx.table.Table(child, document)))
            tables[-1].name = f"第{len(tables)}个表格"
            rows += len(tables[-1].rows)
            if rows > limits.TABLE_ROWS:
                raise limits.too_many_rows()
    return Source(preamble, tables)


def _docx_table(table: object) -> Table:
    """Grid of the table; horizontally and vertically merged cells copied where they span."""
    rows: list[list[str]] = []
    copies: set[tuple[int, int]] = set()
    seen: set[object] = set()  # the <w:tc> elements themselves: holding them keeps them unique
    for r, row in enumerate(table.rows):  # type: ignore[attr-defined]
        if r > limits.TABLE_ROWS:
            raise limits.too_many_rows()
        cells = []
        for c, cell in enumerate(row.cells):
            if cell._tc in seen:
                copies.add((r, c))
            else:
                seen.add(cell._tc)
            cells.append(clean("\n".join(p.text for p in cell.paragraphs)))
        rows.append(cells)
    return Table(rows, copies)


def read_xlsx(raw: bytes, path: Path) -> Source:
    packages.check(raw, ".xlsx")
    try:
        return _xlsx(raw)
    except Exception as exc:  # noqa: BLE001 - the libraries' many kinds of "damaged"; the rest re-raised
        raise _damaged(exc, ".xlsx") from None


def _xlsx(raw: bytes) -> Source:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=False, data_only=True)
    tables: list[Table] = []
    rows = 0
    for sheet in book.worksheets:
        rows += sheet.max_row
        if rows > limits.TABLE_ROWS:
            raise limits.too_many_rows()
        tables.append(_sheet_table(sheet))
    return Source([], [t for t in tables if t.rows])


def _sheet_table(sheet: object) -> Table:
    width = min(sheet.max_column, limits.TABLE_COLUMNS)  # type: ignore[attr-defined]
    grid = [[_xlsx_text(v) for v in row] for row in sheet.iter_rows(values_only=True, max_col=width)]  # type: ignore[attr-defined]
    copies: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:  # type: ignore[attr-defined]
        top, left = merged.min_row - 1, merged.min_col - 1
        for r in range(top, min(merged.max_row, len(grid))):
            for c in range(left, min(merged.max_col, len(grid[r]))):
                if (r, c) != (top, left):
                    grid[r][c] = grid[top][left]
                    copies.add((r, c))
    return Table(grid, copies, name=f"工作表「{sheet.title}」")  # type: ignore[attr-defined]


def _xlsx_text(value: object) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean(str(value))
    # Earlier gpstd export xlsx wrote '=… (a visible apostrophe) against formula
    # injection; it now uses the hidden quotePrefix, and old files give back the text.
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text
