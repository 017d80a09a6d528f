"""Web pages to tables: the `<table>`s of a page, rowspan and colspan expanded, the text before
them (where the title is), its headings and its `<title>`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from gpstd.errors import UnreadableTable
from gpstd.importer import limits
from gpstd.importer.tables import Source, Table, clean
from gpstd.importer.textfiles import decode


@dataclass
class _Open:
    """A table being read: its rows of (text, rowspan, colspan), the cell open in it."""

    heading: str
    raw: list[list[tuple[str, int, int]]] = field(default_factory=list)
    cell: list[str] | None = None
    span: tuple[int, int] = (1, 1)
    container: bool = False  # holds another table: a page's layout, not a list


class _HtmlTables(HTMLParser):
    """Collects the cells of every <table> (rowspan and colspan expanded), also of a table
    nested in another (old sites lay the whole page out in one), and the text before them.
    A nested table's text belongs to it, not to the cell of the table around it."""

    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    _HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.preamble: list[str] = []
        self.tables: list[Table] = []
        self._open: list[_Open] = []
        self._text: list[str] = []
        self._skip = 0
        self._title: list[str] | None = None
        self.title = ""
        self._heading: list[str] | None = None
        self._last_heading = ""  # since the last table: the heading of the next one
        self._rows = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        top = self._open[-1] if self._open else None
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "title":
            self._title = []
        elif tag in self._HEADINGS:
            self._newline()
            self._heading = []
        elif tag == "table":
            if top is not None:
                top.container = True
            self._open.append(_Open(self._last_heading))
            self._last_heading = ""
        elif top is not None and tag == "tr":
            self._new_row(top)
        elif top is not None and tag in ("td", "th"):
            if not top.raw:
                self._new_row(top)
            values = dict(attrs)
            top.span = (_span(values.get("rowspan")), _span(values.get("colspan")))
            top.cell = []
        elif tag in self._BREAKS:
            self._newline()

    def _new_row(self, table: _Open) -> None:
        self._rows += 1
        if self._rows > limits.TABLE_ROWS:  # stop reading at once: memory stays bounded
            raise limits.too_many_rows()
        table.raw.append([])

    def handle_endtag(self, tag: str) -> None:
        top = self._open[-1] if self._open else None
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "title" and self._title is not None:
            self.title = _line("".join(self._title))
            self._title = None
        elif tag in self._HEADINGS and self._heading is not None:
            self._last_heading = _line("".join(self._heading))
            self._heading = None
            self._newline()
        elif tag == "table" and top is not None:
            self._end_cell(top)
            self._open.pop()
            table = _expand(top.raw)
            table.name, table.heading = f"第{len(self.tables) + 1}个表格", top.heading
            table.container = top.container
            if table.rows:
                self.tables.append(table)
        elif top is not None and tag in ("td", "th"):
            self._end_cell(top)
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
        top = self._open[-1] if self._open else None
        if top is not None and top.cell is not None:
            top.cell.append(data)
        elif top is None and not self.tables:
            self._text.append(data)

    def _newline(self) -> None:
        top = self._open[-1] if self._open else None
        if top is not None and top.cell is not None:
            top.cell.append("\n")
        elif top is None and not self.tables:
            line = _line("".join(self._text))
            if line:
                self.preamble.append(line)
            self._text = []

    def _end_cell(self, table: _Open) -> None:
        if table.cell is not None and table.raw:
            # A line break in the page's source is layout, not content (a browser shows none
            # between Chinese characters): only <br>, <p> and <div> break a cell's lines.
            text = "".join(part if part == "\n" else _SOURCE_BREAK.sub("", part) for part in table.cell)
            table.raw[-1].append((clean(text), *table.span))
        table.cell = None

    def close(self) -> None:
        super().close()
        self._newline()


_SOURCE_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def _line(text: str) -> str:
    return clean(text.replace("\n", " ")).replace("\n", "")


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), limits.TABLE_COLUMNS))
    except ValueError:
        return 1


def _expand(raw: list[list[tuple[str, int, int]]]) -> Table:
    """Lay cells with rowspan/colspan onto a grid, copying each into the positions it covers."""
    grid: dict[tuple[int, int], str] = {}
    copies: set[tuple[int, int]] = set()
    height = len(raw)
    for r, cells in enumerate(raw):
        c = 0
        for text, rowspan, colspan in cells:
            while (r, c) in grid:
                c += 1
            if c >= limits.TABLE_COLUMNS:
                break
            for dr in range(min(rowspan, height - r)):
                for dc in range(min(colspan, limits.TABLE_COLUMNS - c)):
                    grid[(r + dr, c + dc)] = text
                    if dr or dc:
                        copies.add((r + dr, c + dc))
            c += colspan
    width = max((c + 1 for (_r, c) in grid), default=0)
    rows = [[grid.get((r, c), "") for c in range(width)] for r in range(height)]
    return Table(rows, copies)


_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([\w.:-]+)""", re.I)


def read_html(raw: bytes, path: Path | None = None) -> Source:
    declared = _CHARSET.search(raw[:4096])
    return _page(*decode(raw, declared.group(1).decode("ascii") if declared else None))


def read_mht(raw: bytes, path: Path | None = None) -> Source:
    """A single-file web page (MHT, what Word's and Excel's "单个文件网页" save, often named .doc
    or .xls): the pages inside the MIME message, each in the charset its part declares. Excel
    puts each sheet in a page of its own after a page of tabs, so the tables of every page are
    read, and the preamble is that of the first page with a table."""
    import email

    pages = []
    for part in email.message_from_bytes(raw).walk():
        payload = part.get_payload(decode=True) if part.get_content_type() == "text/html" else None
        if isinstance(payload, bytes):
            pages.append(_page(*decode(payload, part.get_content_charset())))
    if not pages:
        raise UnreadableTable("这个单个文件网页（MHT）里没有网页；请用 Word 或 WPS 另存为 .docx 后再导入")
    first = next((page for page in pages if page.tables), pages[0])
    first.tables = [table for page in pages for table in page.tables]
    return first


def _page(text: str, guessed: str) -> Source:
    parser = _HtmlTables()
    parser.feed(text)
    parser.close()
    return Source(parser.preamble, parser.tables, parser.title, guessed)
