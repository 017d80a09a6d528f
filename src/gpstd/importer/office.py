""".docx, .xlsx and .xls to tables: python-docx and openpyxl, after `packages.check` has looked at
every part of the zip (sizes, compression, no DTD) so neither library meets a hostile file; and
xlrd for Excel 97–2003 workbooks (no zip to look into: the file is capped in size like any other)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

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
            text = clean(paragraph_text(child)).replace("\n", "")
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
            cells.append(clean("\n".join(cell_lines(cell._tc))))
        rows.append(cells)
    return Table(rows, copies)


# Text a paragraph holds that is not its text as it reads: tracked deletions and moves away,
# text boxes (drawn over the page, not in the cell), and the second copy of a drawing's content.
_NOT_READ = ("w:del", "w:moveFrom", "w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def paragraph_text(p: Any) -> str:
    """A <w:p>'s text as Word shows it with changes accepted: every w:t, in runs, links, fields,
    content controls and tracked insertions alike (python-docx's `Paragraph.text` reads direct
    runs only, so an inserted 6月底前 was lost and 2023年 read as its year's end), w:br as a line
    break and w:tab as a tab; deletions and moved-away text left out."""
    from docx.oxml.ns import qn

    skip = {qn(tag) for tag in _NOT_READ} | {_FALLBACK}
    text, br, cr, tab = qn("w:t"), qn("w:br"), qn("w:cr"), qn("w:tab")
    parts: list[str] = []
    stack = list(reversed(p))  # by hand, not recursion: a hostile file nests thousands deep
    while stack:
        element = stack.pop()
        tag = element.tag
        if tag == text:
            parts.append(element.text or "")
        elif tag in (br, cr):
            parts.append("\n")
        elif tag == tab:
            parts.append("\t")
        elif tag not in skip:
            stack.extend(reversed(element))
    return "".join(parts)


def cell_lines(tc: Any) -> list[str]:
    """A <w:tc>'s paragraphs' text, those of a table inside it and of content controls included,
    in document order (python-docx's `cell.paragraphs` skips them both)."""
    from docx.oxml.ns import qn

    paragraph = qn("w:p")
    inside = {qn(tag) for tag in ("w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent", "w:customXml")}
    lines: list[str] = []
    stack = list(reversed(tc))
    while stack:
        element = stack.pop()
        if element.tag == paragraph:
            lines.append(paragraph_text(element))
        elif element.tag in inside:
            stack.extend(reversed(element))
    return lines


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
    grid = [
        [_xlsx_text(cell.value, getattr(cell, "number_format", "General")) for cell in row]
        for row in sheet.iter_rows(max_col=width)  # type: ignore[attr-defined]
    ]
    copies: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:  # type: ignore[attr-defined]
        top, left = merged.min_row - 1, merged.min_col - 1
        for r in range(top, min(merged.max_row, len(grid))):
            for c in range(left, min(merged.max_col, len(grid[r]))):
                if (r, c) != (top, left):
                    grid[r][c] = grid[top][left]
                    copies.add((r, c))
    return Table(grid, copies, name=f"工作表「{sheet.title}」")  # type: ignore[attr-defined]


def _xlsx_text(value: object, number_format: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if type(value) is dt.date:
        shown = date_as_shown(value, number_format)
        if shown:
            return shown
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, float):
        value = _decimals_as_shown(value, number_format)
    text = clean(str(value))
    # Earlier gpstd export xlsx wrote '=… (a visible apostrophe) against formula
    # injection; it now uses the hidden quotePrefix, and old files give back the text.
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text


def _decimals_as_shown(value: float, number_format: str) -> float | str:
    """A fraction in a format with a fixed number of decimals, written with them: 2023.10 typed
    into Excel is kept as 2023.1 and shown as 2023.10 in a 0.00 format; read as kept it was January."""
    fixed = re.fullmatch(r"[#0]*\.(0+)", _format_tokens(number_format))
    return f"{value:.{len(fixed.group(1))}f}" if fixed else value


def _format_tokens(number_format: str) -> str:
    """The first section of a number format without its quoted text, [codes] and \\escapes."""
    return re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format.split(";")[0]).lower()


def date_as_shown(day: dt.date, number_format: str) -> str | None:
    """The text a date cell shows when its format leaves out the day or the year, else None.

    2024年6月 typed into Excel is kept as 1 June 2024 shown as 2024年6月, and 9月 as 1 September
    of the year it was typed in: read as the date held, the deadline would be a day (or a year)
    the list never wrote. Read as shown, 2024年6月 is due on 30 June and 9月 in the list's year."""
    tokens = _format_tokens(number_format)
    if "m" not in tokens or "h" in tokens or "s" in tokens:
        return None  # no month shown (General, text) or a time of day: the date as held
    year, days = "y" in tokens or "e" in tokens, "d" in tokens
    if year and days:
        return None
    if year:
        return f"{day.year}年{day.month}月"
    return f"{day.month}月{day.day}日" if days else f"{day.month}月"


def read_xls(raw: bytes, path: Path) -> Source:
    """An Excel 97–2003 workbook (BIFF, as many government sites still publish lists), read like
    an .xlsx: every sheet, merged cells copied where they span, date cells as dates."""
    try:
        book = _xls_book(raw)
        return _xls(book)
    except (UnreadableTable, MemoryError):
        raise
    except Exception:  # noqa: BLE001 - xlrd meets a damaged file with any kind of exception
        raise UnreadableTable(
            "不是有效的 .xls 文件（文件为空、已损坏、设了打开密码，或是改了扩展名的其他格式）"
        ) from None


def _xls_book(raw: bytes) -> object:
    """The workbook stream taken out of its OLE2 container by olefile, which is written for
    hostile files (oletools); xlrd's own container code loops forever, growing, on a damaged
    sector chain. xlrd then reads the stream alone, as it reads the oldest .xls files."""
    import olefile
    import xlrd

    with olefile.OleFileIO(io.BytesIO(raw)) as container:
        name = next((n for n in ("Workbook", "Book") if container.exists(n)), None)
        if name is None:
            raise UnreadableTable("这个 .xls 文件里没有工作簿（可能是改了扩展名的 .doc 等其他 Office 文件）")
        stream = limits.ole_stream(container, name, len(raw))
    # formatting_info: merged cells are only read with it; ragged_rows: one cell far down and right
    # is not a grid of millions of empty ones; logfile: xlrd's warnings are not ours to print
    return xlrd.open_workbook(
        file_contents=stream, formatting_info=True, ragged_rows=True, logfile=io.StringIO()
    )


def _xls(book: object) -> Source:
    tables: list[Table] = []
    rows = 0
    for sheet in book.sheets():  # type: ignore[attr-defined]
        rows += sheet.nrows
        if rows > limits.TABLE_ROWS:
            raise limits.too_many_rows()
        tables.append(_xls_table(sheet, book))
    return Source([], [t for t in tables if t.rows])


def _xls_table(sheet: object, book: object) -> Table:
    import xlrd

    width = min(sheet.ncols, limits.TABLE_COLUMNS)  # type: ignore[attr-defined]
    grid = []
    for r in range(sheet.nrows):  # type: ignore[attr-defined]
        row = []
        for cell in sheet.row_slice(r, 0, width):  # type: ignore[attr-defined]
            value, number_format = cell.value, "General"
            if cell.ctype in (xlrd.XL_CELL_DATE, xlrd.XL_CELL_NUMBER):
                number_format = _xls_format(book, cell.xf_index)
            if cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate.xldate_as_datetime(value, book.datemode)  # type: ignore[attr-defined]
            elif cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_EMPTY):
                value = None
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(value)
            row.append(_xlsx_text(value, number_format))
        grid.append(row + [""] * (width - len(row)))
    copies: set[tuple[int, int]] = set()
    for top, bottom, left, right in sheet.merged_cells:  # type: ignore[attr-defined]
        if top >= len(grid) or left >= width:  # a range past the columns read (or a damaged one)
            continue
        for r in range(top, min(bottom, len(grid))):
            for c in range(left, min(right, width)):
                if (r, c) != (top, left):
                    grid[r][c] = grid[top][left]
                    copies.add((r, c))
    return Table(grid, copies, name=f"工作表「{sheet.name}」")  # type: ignore[attr-defined]


def _xls_format(book: object, xf_index: int | None) -> str:
    """The number format of a cell's XF record, General when the file does not say."""
    try:
        xf = book.xf_list[xf_index]  # type: ignore[attr-defined]
        return str(book.format_map[xf.format_key].format_str)  # type: ignore[attr-defined]
    except (IndexError, KeyError, TypeError, AttributeError):
        return "General"
