"""Files to tables of cells: .docx, .xlsx, .html and .txt (flattened or tab-separated).

Every reader returns the same shape, a `Source`: the lines of text before the first
table (where the title usually is) and the tables, each a grid of verbatim cell texts
with merged cells copied into every grid position they cover. Positions filled by
such a copy are listed in `Table.copies`, so that joining a continuation row onto the
row above does not repeat a merged cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from gpstd.errors import UnreadableTable

SUFFIXES = (".docx", ".xlsx", ".html", ".htm", ".txt", ".tsv")


@dataclass
class Table:
    rows: list[list[str]]
    copies: set[tuple[int, int]] = field(default_factory=set)
    name: str = ""
    """How messages name the table when a file has several (第2个表格, 工作表「第二页」)."""
    heading: str = ""
    """A web page's heading (h1–h6) right before the table: its title, if it has one."""

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


@dataclass
class Source:
    preamble: list[str]
    tables: list[Table]
    fallback_title: str = ""
    """A web page's <title>: the title when nothing before the table gives one."""
    encoding: str = ""
    """The encoding a text file or web page was read with, when it was not UTF-8."""


def read(path: Path) -> Source:
    """The tables of `path`, by its suffix; UnreadableTable when it is none of ours."""
    suffix = path.suffix.lower()
    if path.is_dir():
        raise UnreadableTable(f"{path}: 这是一个目录，请给出要导入的文件")
    if not path.exists():  # before python-docx, which says "Package not found" instead
        raise UnreadableTable(f"{path}: 文件不存在")
    readers = {
        ".docx": read_docx,
        ".xlsx": read_xlsx,
        ".html": read_html,
        ".htm": read_html,
        ".txt": read_text,
        ".tsv": read_text,
    }
    if suffix not in readers:
        raise UnreadableTable(
            f"{path}: 不支持的文件类型「{suffix or '无扩展名'}」；"
            f"可导入 {'、'.join(SUFFIXES)}（.doc/.xls 请先另存为 .docx/.xlsx）"
        )
    try:
        source = readers[suffix](path)
    except FileNotFoundError:
        raise UnreadableTable(f"{path}: 文件不存在") from None
    except UnicodeDecodeError:
        raise UnreadableTable(
            f"{path}: 既不是 UTF-8 也不是 GBK 编码的文本；请用 UTF-8 另存后再导入"
            "（WPS/记事本“另存为”时选择 UTF-8）"
        ) from None
    except (OSError, ValueError, KeyError) as exc:
        raise UnreadableTable(f"{path}: 无法读取（{type(exc).__name__}: {exc}）") from None
    except Exception as exc:
        # zipfile.BadZipFile (openpyxl), docx's PackageNotFoundError, openpyxl's
        # InvalidFileException: an empty or damaged file, or another format renamed.
        if type(exc).__name__ not in _DAMAGED:
            raise
        raise UnreadableTable(
            f"{path}: 不是有效的 {suffix} 文件（文件为空、已损坏，或是改了扩展名的其他格式）"
        ) from None
    if not any(t.rows for t in source.tables):
        raise UnreadableTable(f"{path}: 文件中没有找到表格")
    return source


_DAMAGED = {"BadZipFile", "PackageNotFoundError", "InvalidFileException"}


def clean(text: str) -> str:
    """A cell as people read it: line breaks inside a cell joined, outer spaces trimmed."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    return "".join(line for line in lines if line)


# --- .txt -------------------------------------------------------------------------

_FLAT_CELL = re.compile(r"^\t[^\t]*$")
_TSV_ROW = re.compile(r"[^\t]\t|\t[^\t]*\t")


def read_text(path: Path) -> Source:
    text, encoding = decode(path.read_bytes(), None)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    flat = sum(1 for line in lines if _FLAT_CELL.match(line))
    tsv = sum(1 for line in lines if _TSV_ROW.search(line))
    source = parse_tsv(lines) if tsv > flat else parse_flat(lines)
    source.encoding = "" if encoding == "utf-8" else encoding
    return source


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


def parse_tsv(lines: list[str]) -> Source:
    """Tab-separated rows as Excel/WPS save them: a cell holding a line break, a tab or a
    quote is quoted, its quotes doubled ("" ), so rows are read with the csv module."""
    import csv
    import io

    preamble: list[str] = []
    rows: list[list[str]] = []
    for record in csv.reader(io.StringIO("\n".join(lines)), delimiter="\t"):
        cells = [clean(cell) for cell in record]
        if len(cells) > 1:
            rows.append(cells)
        elif any(cells) and not rows:
            preamble.append(cells[0])
        elif any(cells):
            rows.append(cells)  # one cell on its own line: a heading (一、标准目录编制)
        elif rows:
            rows.append([])
    return Source(preamble, [Table(rows)])


# Labels that name a subset of GB 18030: decoding with the superset reads what pages
# labelled gb2312 actually hold (GBK characters such as 镕 are common in names).
_GB_LABELS = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "csgb2312", "cp936", "windows-936", "gb18030"}


def decode(raw: bytes, declared: str | None) -> tuple[str, str]:
    """Text and the encoding it was read with: the declared one, else UTF-8, else GB 18030
    (what Chinese Windows and WPS save as ANSI)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8"
    if declared and declared.lower() in _GB_LABELS:
        declared = "gb18030"
    for encoding in dict.fromkeys([declared or "utf-8", "utf-8", "gb18030"]):
        try:
            return raw.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8"), "utf-8"  # raises the UnicodeDecodeError read() reports


# --- .docx ------------------------------------------------------------------------


def read_docx(path: Path) -> Source:
    import docx  # python-docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    body = document.element.body
    preamble: list[str] = []
    tables: list[Table] = []
    for child in body.iterchildren():
        if child.tag == qn("w:p") and not tables:
            text = clean("".join(t.text or "" for t in child.iter(qn("w:t"))))
            if text:
                preamble.append(text)
        elif child.tag == qn("w:tbl"):
            tables.append(_docx_table(docx.table.Table(child, document)))
            tables[-1].name = f"第{len(tables)}个表格"
    return Source(preamble, tables)


def _docx_table(table: object) -> Table:
    """Grid of the table; horizontally and vertically merged cells copied where they span."""
    rows: list[list[str]] = []
    copies: set[tuple[int, int]] = set()
    seen: set[object] = set()  # the <w:tc> elements themselves: holding them keeps them unique
    for r, row in enumerate(table.rows):  # type: ignore[attr-defined]
        cells = []
        for c, cell in enumerate(row.cells):
            if cell._tc in seen:
                copies.add((r, c))
            else:
                seen.add(cell._tc)
            cells.append(clean("\n".join(p.text for p in cell.paragraphs)))
        rows.append(cells)
    return Table(rows, copies)


# --- .xlsx ------------------------------------------------------------------------


def read_xlsx(path: Path) -> Source:
    import openpyxl

    book = openpyxl.load_workbook(str(path), read_only=False, data_only=True)
    tables = [_sheet_table(sheet) for sheet in book.worksheets]
    return Source([], [t for t in tables if t.rows])


def _sheet_table(sheet: object) -> Table:
    grid = [[_xlsx_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]  # type: ignore[attr-defined]
    copies: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:  # type: ignore[attr-defined]
        top, left = merged.min_row - 1, merged.min_col - 1
        for r in range(top, merged.max_row):
            for c in range(left, merged.max_col):
                if (r, c) != (top, left) and r < len(grid) and c < len(grid[r]):
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


# --- .html ------------------------------------------------------------------------


class _HtmlTables(HTMLParser):
    """Collects <table> cells (rowspan and colspan expanded) and the text before them."""

    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    _HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.preamble: list[str] = []
        self.tables: list[Table] = []
        self._raw: list[list[tuple[str, int, int]]] | None = None
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._text: list[str] = []
        self._depth = 0
        self._skip = 0
        self._title: list[str] | None = None
        self.title = ""
        self._heading: list[str] | None = None
        self._last_heading = ""  # since the last table: the heading of the next one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "title":
            self._title = []
        elif tag in self._HEADINGS and not self._depth:
            self._newline()
            self._heading = []
        elif tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._raw = []
        elif self._depth == 1 and tag == "tr" and self._raw is not None:
            self._raw.append([])
        elif self._depth == 1 and tag in ("td", "th") and self._raw is not None:
            if not self._raw:
                self._raw.append([])
            values = dict(attrs)
            self._span = (_span(values.get("rowspan")), _span(values.get("colspan")))
            self._cell = []
        elif tag in self._BREAKS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "title" and self._title is not None:
            self.title = clean("".join(self._title).replace("\n", " "))
            self._title = None
        elif tag in self._HEADINGS and self._heading is not None:
            self._last_heading = clean("".join(self._heading).replace("\n", " "))
            self._heading = None
            self._newline()
        elif tag == "table" and self._depth:
            self._depth -= 1
            if self._depth == 0 and self._raw is not None:
                table = _expand(self._raw)
                table.name, table.heading = f"第{len(self.tables) + 1}个表格", self._last_heading
                self.tables.append(table)
                self._raw = None
                self._last_heading = ""
        elif self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif tag in self._BREAKS:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._title is not None:
            self._title.append(data)
            return
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell.append(data)
        elif self._depth == 0 and not self.tables:
            self._text.append(data)

    def _newline(self) -> None:
        if self._cell is not None:
            self._cell.append("\n")
        elif self._depth == 0 and not self.tables:
            line = clean("".join(self._text).replace("\n", " "))
            if line:
                self.preamble.append(line)
            self._text = []

    def _end_cell(self) -> None:
        if self._cell is not None and self._raw is not None:
            self._raw[-1].append((clean("".join(self._cell)), *self._span))
        self._cell = None

    def close(self) -> None:
        super().close()
        self._newline()


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _expand(raw: list[list[tuple[str, int, int]]]) -> Table:
    """Lay cells with rowspan/colspan onto a grid, copying each into the positions it covers."""
    grid: dict[tuple[int, int], str] = {}
    copies: set[tuple[int, int]] = set()
    for r, cells in enumerate(raw):
        c = 0
        for text, rowspan, colspan in cells:
            while (r, c) in grid:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = text
                    if dr or dc:
                        copies.add((r + dr, c + dc))
            c += colspan
    height = len(raw)
    width = max((c + 1 for (r, c) in grid if r < height), default=0)
    rows = [[grid.get((r, c), "") for c in range(width)] for r in range(height)]
    return Table(rows, {(r, c) for (r, c) in copies if r < height})


def read_html(path: Path) -> Source:
    parser = _HtmlTables()
    raw = path.read_bytes()
    charset = re.search(rb"charset=[\"']?([\w-]+)", raw[:2048])
    try:
        text, encoding = decode(raw, charset.group(1).decode("ascii") if charset else None)
    except UnicodeDecodeError:
        text, encoding = raw.decode("utf-8", errors="replace"), "utf-8"
    parser.feed(text)
    parser.close()
    return Source(parser.preamble, parser.tables, parser.title, "" if encoding == "utf-8" else encoding)
