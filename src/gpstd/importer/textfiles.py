"""Text files to tables, and the encoding of any text we are given.

Three layouts: the seed's, one cell a line indented by a tab with blank lines between rows;
tab-separated rows as Excel/WPS "save as text" writes them; and CSV (RFC 4180, as Excel/WPS,
data portals and `gpstd export csv` write it). None keeps merged cells: a merged cell's text is
in its first row only (`Table.merges_known` is False).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from gpstd.importer import limits
from gpstd.importer.tables import Source, Table, clean, plain
from gpstd.patterns import CONTROL

_FLAT_CELL = re.compile(r"^\t[^\t]*$")
_TSV_ROW = re.compile(r"[^\t]\t|\t[^\t]*\t")


def read_text(raw: bytes, path: Path) -> Source:
    text, guessed = decode(raw, None)
    rows = _rows(text)
    flat = sum(1 for line in rows if _FLAT_CELL.match(line))
    tsv = sum(1 for line in rows if _TSV_ROW.search(line))
    return _without_merges(parse_tsv(rows) if tsv > flat else parse_flat(_lines(text)), guessed)


def read_csv(raw: bytes, path: Path) -> Source:
    """Comma-separated rows (or tab- or semicolon-separated ones saved as .csv: see `_delimiter`);
    a cell that a spreadsheet would run as a formula and that the writer made inert with an
    apostrophe ('=…, as `gpstd export csv` and OWASP's advice do) is read without it."""
    text, guessed = decode(raw, None)
    rows = _rows(text)
    source = parse_tsv(rows, delimiter=_delimiter(rows))
    for table in source.tables:
        table.rows = [[_unguarded(cell) for cell in row] for row in table.rows]
    return _without_merges(source, guessed)


def _delimiter(lines: list[str]) -> str:
    """The separator most of the first lines split into three or more cells by: a comma, else a
    tab (some systems save tab-separated text as .csv) or a semicolon (Excel in locales whose
    decimal mark is a comma)."""
    head = [line for line in lines[:40] if line.strip()][:20]
    return max((",", "\t", ";"), key=lambda d: sum(1 for line in head if line.count(d) >= 2))


def _lines(text: str) -> list[str]:
    return _capped(plain(text.replace("\r\n", "\n")).split("\n"))


# In delimited text a row ends at a line feed (or CR) only: a vertical tab (Word's manual line
# break pasted into a cell), a form feed or a paragraph separator breaks a line inside its cell.
# They are kept as U+2028 until `clean` makes every break in a cell a line feed.
_IN_CELL = str.maketrans(dict.fromkeys("\v\f\u2029", "\u2028"))


def _rows(text: str) -> list[str]:
    """Delimited text's lines, each break inside a cell kept in its line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_IN_CELL)
    return _capped(CONTROL.sub("", text).split("\n"))


def _capped(lines: list[str]) -> list[str]:
    if len(lines) > 4 * limits.TABLE_ROWS:
        raise limits.too_many_rows()
    return lines


def _without_merges(source: Source, guessed: str) -> Source:
    source.guessed_encoding = guessed
    for table in source.tables:
        table.merges_known = False
        if len(table.rows) > limits.TABLE_ROWS:
            raise limits.too_many_rows()
    return source


_FORMULA_GUARD = re.compile(r"'(?=[=+\-@])")


def _unguarded(cell: str) -> str:
    return _FORMULA_GUARD.sub("", cell, count=1) if cell.startswith("'") else cell


def parse_flat(lines: list[str]) -> Source:
    """The seed's layout: one cell a line indented by a tab, rows separated by blank lines.

    A line that is not indented, once the table has begun, is the rest of a cell that
    wrapped (the seed's header cell 方案 / 项目): it is joined onto the cell before it.
    """
    preamble: list[str] = []
    rows: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if line.startswith("\t"):
            if current is None:
                current = []
                rows.append(current)
            current.append(line[1:].strip())
        elif not line.strip():
            current = None
        elif not rows:
            preamble.append(line.strip())
        else:
            rows[-1][-1] += line.strip()
    return Source(preamble, [Table(rows)])


def parse_tsv(lines: list[str], delimiter: str = "\t") -> Source:
    """Tab-separated rows as Excel/WPS save them (or rows split by `delimiter`): a cell holding
    a line break, the delimiter or a quote is quoted, its quotes doubled ("" ), so rows are read
    with the csv module."""
    import csv
    import io

    preamble: list[str] = []
    rows: list[list[str]] = []
    csv.field_size_limit(limits.FILE_BYTES)
    for record in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter):
        cells = [clean(cell) for cell in record[: limits.TABLE_COLUMNS]]
        if not rows and len([c for c in cells if c]) == 1 and cells[0]:
            preamble.append(cells[0].replace("\n", ""))  # a title line (Excel pads it with tabs)
        elif len(cells) > 1:
            rows.append(cells)
        elif any(cells):
            rows.append(cells)  # one cell on its own line: a heading (一、标准目录编制)
        elif rows:
            rows.append([])
    return Source(preamble, [Table(rows)])


# Labels that name a subset of GB 18030: decoding with the superset reads what pages
# labelled gb2312 actually hold (GBK characters such as 镕 are common in names).
_GB_LABELS = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "csgb2312", "cp936", "windows-936", "gb18030"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(raw: bytes, declared: str | None) -> tuple[str, str]:
    """The text, and the encoding it was guessed to be in ("" when nothing was guessed).

    A byte order mark decides, then the encoding the file declares (a page's meta tag or XML
    declaration); only without either is it guessed: UTF-8, else GB 18030 (what Chinese Windows
    and WPS save as ANSI). Excel's "Unicode text" is UTF-16 with a mark."""
    for mark, encoding in _BOMS:
        if raw.startswith(mark):
            return raw.decode(encoding), ""
    label = (declared or "").lower()
    label = "gb18030" if label in _GB_LABELS else label
    if label:
        try:
            return raw.decode(label), ""
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: guess as if there were none
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError:
        return raw.decode("gb18030"), "gb18030"


_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.-]+)["'][^>]*\?>""")


def xml_in_utf8(raw: bytes) -> bytes:
    """The document in UTF-8: systems that export GB 2312 say so in the XML declaration, and
    expat reads no multi-byte encoding but UTF-8 and UTF-16."""
    declared = _DECLARED.match(raw)
    if declared is None or declared.group(1).lower() in (b"utf-8", b"utf8", b"utf-16"):
        return raw
    name = declared.group(1).decode("ascii").lower()
    codec = "gb18030" if name in _GB_LABELS else name
    return b'<?xml version="1.0" encoding="UTF-8"?>' + raw[declared.end() :].decode(codec).encode()
