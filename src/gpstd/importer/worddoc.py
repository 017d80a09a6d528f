"""Word 97–2003 documents (.doc) to tables, read from the format itself ([MS-DOC]).

Government sites publish many task lists as .doc attachments, and a fresh machine has no converter.
olefile opens the container (it is written for hostile files); the piece table gives the main
text; the paragraph properties say which cell mark ends a row, and each row's table definition
where its cells stand and which continue a vertical merge. Everything read is bounded by the file
itself: an offset past a stream, a table that does not parse or text longer than the stream that
holds it is a damaged file, never a loop or a guess.
"""

from __future__ import annotations

import bisect
import io
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gpstd.errors import UnreadableTable
from gpstd.importer import limits
from gpstd.importer.tables import Source, Table, clean

_DAMAGED = "不是有效的 .doc 文件（文件为空、已损坏，或是改了扩展名的其他格式）"

# Paragraph properties (sprms) read: in a table, the row's end, and the row's cell definitions.
_IN_TABLE = 0x2416
_ROW_END = 0x2417
_DEPTH = 0x6649
_TABLE_DEF = 0xD608
_HUGE = 0x6646  # the properties are in the Data stream, at this offset (a long row definition)
_CHANGE_TABS = 0xC615  # the one sprm besides _TABLE_DEF whose operand size is not one byte
_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by the sprm's top three bits

# Characters of the main text that are no text: pictures, drawn objects, note references,
# optional hyphens; Word's manual line and page breaks are line breaks.
_NOT_TEXT = str.maketrans(
    {
        "\x01": None,
        "\x02": None,
        "\x05": None,
        "\x08": None,
        "\x1f": None,
        "\x00": None,
        "\x1e": "-",
        "\x0b": "\n",
        "\x0c": "\n",
        "\x0e": "\n",
    }
)
_MARK = re.compile("[\r\x07]")


def read_doc(raw: bytes, path: Path | None = None) -> Source:
    """The document's tables, and the paragraphs before the first as its preamble (title, year)."""
    try:
        return _read(raw)
    except (UnreadableTable, MemoryError):
        raise
    except Exception:  # noqa: BLE001 - a damaged file meets struct, olefile and slicing with any kind of error
        raise UnreadableTable(_DAMAGED) from None


def read_wps(raw: bytes, path: Path | None = None) -> Source:
    """A .wps file whose bytes are not Word's (a .wps in Word 97's format is read as a .doc)."""
    raise UnreadableTable(
        "这个 .wps 文件不是 Word 97–2003 格式（可能是 WPS 自己的早期格式，或已损坏）；请用 WPS 另存为 .docx 后再导入"
    )


def _read(raw: bytes) -> Source:
    import olefile

    with olefile.OleFileIO(io.BytesIO(raw)) as container:
        if not container.exists("WordDocument"):
            raise UnreadableTable("这个文件里没有 Word 文档（可能是改了扩展名的 .xls 等其他 Office 文件）")
        word = limits.ole_stream(container, "WordDocument", len(raw))
        fib = _Fib.read(word)
        if not container.exists(fib.table_stream):
            raise UnreadableTable(_DAMAGED)
        table = limits.ole_stream(container, fib.table_stream, len(raw))
        data = limits.ole_stream(container, "Data", len(raw)) if container.exists("Data") else b""
    text, marks, spans = _main_text(word, _pieces(table, fib.clx), fib.text_chars)
    text = _without(text, _deleted(word, table, fib.chpx, spans))
    return _Assembler(_Properties(word, table, data, fib.papx)).source(text, marks)


@dataclass(frozen=True)
class _Fib:
    """What the file information block says: where the tables and texts are."""

    table_stream: str
    text_chars: int
    clx: tuple[int, int]  # the piece table (offset, size) in the table stream
    papx: tuple[int, int]  # the paragraph properties' page index (offset, size)
    chpx: tuple[int, int]  # the character properties' page index

    @classmethod
    def read(cls, word: bytes) -> _Fib:
        ident, version = struct.unpack_from("<HH", word, 0)
        if ident == 0xA5DC or (ident == 0xA5EC and version < 0x00C1):  # Word 6 and Word 95
            raise UnreadableTable("这是 Word 95 或更早的格式；请用 Word 或 WPS 另存为 .docx 后再导入")
        if ident != 0xA5EC:
            raise UnreadableTable(_DAMAGED)
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & 0x0100:
            raise UnreadableTable("这个 .doc 文件设了打开密码；请去掉密码（或另存为 .docx）后再导入")
        at = 32
        words = struct.unpack_from("<H", word, at)[0]
        at += 2 + 2 * words
        longs = struct.unpack_from("<H", word, at)[0]
        text_chars = struct.unpack_from("<i", word, at + 2 + 4 * 3)[0]  # ccpText
        at += 2 + 4 * longs + 2  # past the longs and the count of offset pairs
        pairs = struct.unpack_from("<68I", word, at)  # FibRgFcLcb97: 34 (offset, size) pairs
        return cls(
            "1Table" if flags & 0x0200 else "0Table", text_chars, pairs[66:68], pairs[26:28], pairs[24:26]
        )


@dataclass(frozen=True)
class _Piece:
    start: int  # first character position (CP) of the piece
    end: int
    offset: int  # byte offset of its first character in the WordDocument stream
    narrow: bool  # one byte a character (cp1252), else UTF-16


def _pieces(table: bytes, where: tuple[int, int]) -> list[_Piece]:
    offset, size = where
    clx = table[offset : offset + size]
    i = 0
    while i < len(clx) and clx[i] == 1:  # property changes of pieces: not needed for the text
        i += 3 + struct.unpack_from("<H", clx, i + 1)[0]
    if i >= len(clx) or clx[i] != 2:
        raise UnreadableTable(_DAMAGED)
    plc_size = struct.unpack_from("<I", clx, i + 1)[0]
    plc = clx[i + 5 : i + 5 + plc_size]
    n = (len(plc) - 4) // 12
    if n < 1 or len(plc) != 4 + 12 * n:
        raise UnreadableTable(_DAMAGED)
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    pieces = []
    for k in range(n):
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
        narrow = bool(fc & 0x40000000)
        fc &= 0x3FFFFFFF
        pieces.append(_Piece(cps[k], cps[k + 1], fc // 2 if narrow else fc, narrow))
    return pieces


_Span = tuple[int, int, int, int]  # text index, characters, byte offset of the first, bytes each


def _main_text(
    word: bytes, pieces: list[_Piece], chars: int
) -> tuple[str, list[tuple[int, int]], list[_Span]]:
    """The main document's text; for each paragraph or cell mark in it, its index and its byte
    offset in the stream (what the paragraph properties are indexed by); and where each stretch
    of it lies in the stream (what the character properties are indexed by)."""
    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    spans: list[_Span] = []
    length = 0
    for piece in pieces:
        start, end = max(piece.start, 0), min(piece.end, chars)
        if start >= end:
            continue
        step = 1 if piece.narrow else 2
        first = piece.offset + (start - piece.start) * step
        data = word[first : first + (end - start) * step]
        if len(data) != (end - start) * step or length + end - start > len(word):
            raise UnreadableTable(_DAMAGED)  # past the stream, or more text than it can hold
        text = data.decode("cp1252", "replace") if piece.narrow else data.decode("utf-16-le", "replace")
        marks += [(length + m.start(), first + m.start() * step) for m in _MARK.finditer(text)]
        spans.append((length, len(text), first, step))
        parts.append(text)
        length += len(text)
    return "".join(parts), marks, spans


_DELETED = 0x0800  # a character property: deleted with changes tracked


def _deleted(word: bytes, table: bytes, where: tuple[int, int], spans: list[_Span]) -> list[tuple[int, int]]:
    """The stretches of the text deleted with changes tracked, as [start, end) indices: Word keeps
    them in the text, marked, and shows the document without them (with 12月底前 deleted and
    6月底前 inserted, the cell reads 6月底前, never both). Only the pages of character properties
    that cover the text are read."""
    offset, size = where
    plc = table[offset : offset + size]
    n = (len(plc) - 4) // 8
    if n <= 0 or len(plc) != 4 + 8 * n:
        return []
    bounds = struct.unpack_from(f"<{n + 1}I", plc, 0)
    pages = struct.unpack_from(f"<{n}I", plc, 4 * (n + 1))
    ranges = _merged([(first, first + count * step) for _, count, first, step in spans])
    runs: list[tuple[int, int]] = []
    read: set[int] = set()
    for k, page in enumerate(pages):
        if page in read or not _overlaps(ranges, bounds[k], bounds[k + 1]):
            continue
        read.add(page)
        for start, end, grpprl in _page_runs(word, (page & 0x3FFFFF) * 512, paragraphs=False):
            if any(sprm == _DELETED and operand[:1] == b"\x01" for sprm, operand in _sprms(grpprl)):
                runs.append((start, end))
    return _indices(spans, _merged(runs))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`ranges` sorted and joined where they overlap or touch: disjoint, so their ends are sorted too."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    return merged


def _overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) meets any of the disjoint, sorted `ranges`."""
    k = bisect.bisect_left(ranges, (end, end)) - 1  # the last range starting before `end`
    return k >= 0 and ranges[k][1] > start


def _indices(spans: list[_Span], deleted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The text indices of the stream's `deleted` byte ranges (disjoint, sorted), span by span:
    what is found lies inside the spans' own stretches of text, so it is never more than the text."""
    found = []
    for at, count, first, step in spans:
        end = first + count * step
        k = max(0, bisect.bisect_right(deleted, (first, first)) - 1)
        while k < len(deleted) and deleted[k][0] < end:
            a, b = max(deleted[k][0], first), min(deleted[k][1], end)
            if a < b:
                found.append((at + (a - first) // step, at + -(-(b - first) // step)))
            k += 1
    return found


def _without(text: str, deleted: list[tuple[int, int]]) -> str:
    """`text` with the deleted stretches blanked (NUL, which no reader keeps); the marks in them
    stay, so that the cells and rows they end keep their places."""
    if not deleted:
        return text
    chars = list(text)
    for start, end in _merged(deleted):  # joined first: a hostile file may repeat a range at will
        for i in range(start, min(end, len(chars))):
            if chars[i] not in "\r\x07":
                chars[i] = "\x00"
    return "".join(chars)


@dataclass
class _Para:
    in_table: bool = False
    row_end: bool = False
    depth: int = 0
    cells: list[tuple[int, int, int]] = field(default_factory=list)  # (left, right, flags) each


class _Properties:
    """Each paragraph's properties, found by the byte offset of its mark. A page of them is read
    when a mark first falls in it, and each distinct set parsed once: what is read grows with the
    text, whatever the index claims."""

    def __init__(self, word: bytes, table: bytes, data: bytes, where: tuple[int, int]):
        self.word, self.data = word, data
        offset, size = where
        plc = table[offset : offset + size]
        n = (len(plc) - 4) // 8
        if n < 0 or len(plc) != 4 + 8 * n:
            raise UnreadableTable(_DAMAGED)
        self.bounds = struct.unpack_from(f"<{n + 1}I", plc, 0)  # the byte range of each page's runs
        self.pages = struct.unpack_from(f"<{n}I", plc, 4 * (n + 1))
        self.read: dict[int, tuple[list[int], list[tuple[int, bytes]]]] = {}
        self.parsed: dict[bytes, _Para] = {}

    def of(self, offset: int) -> _Para:
        p = bisect.bisect_right(self.bounds, offset) - 1
        if not 0 <= p < len(self.pages):
            return _Para()
        if p not in self.read:
            page = _page_runs(self.word, (self.pages[p] & 0x3FFFFF) * 512, paragraphs=True)
            self.read[p] = ([r[0] for r in page], [(r[1], r[2]) for r in page])
        starts, runs = self.read[p]
        k = bisect.bisect_right(starts, offset) - 1
        if k < 0 or offset >= runs[k][0]:
            return _Para()
        grpprl = runs[k][1]
        if grpprl not in self.parsed:
            self.parsed[grpprl] = _paragraph(grpprl, self.data)
        return self.parsed[grpprl]


def _page_runs(word: bytes, at: int, paragraphs: bool) -> list[tuple[int, int, bytes]]:
    """The (start, end, properties) runs of one 512-byte page of paragraph or character
    properties: the same page, but a paragraph's entry is 13 bytes and its properties are counted
    in words after a style index, a character's entry one byte and its properties in bytes."""
    page = word[at : at + 512]
    if len(page) != 512:
        raise UnreadableTable(_DAMAGED)
    count = page[511]
    bounds = struct.unpack_from(f"<{count + 1}I", page, 0)
    runs = []
    for j in range(count):
        where = 2 * page[4 * (count + 1) + (13 if paragraphs else 1) * j]
        grpprl = b""
        if where and not paragraphs:
            grpprl = page[where + 1 : where + 1 + page[where]]
        elif where:
            size = page[where]
            grpprl = (
                page[where + 1 : where + 2 * size]
                if size
                else page[where + 2 : where + 2 + 2 * page[where + 1]]
            )
            grpprl = grpprl[2:]  # past the style index
        runs.append((bounds[j], bounds[j + 1], grpprl))
    return runs


def _paragraph(grpprl: bytes, data: bytes, para: _Para | None = None) -> _Para:
    para = para or _Para()
    for sprm, operand in _sprms(grpprl):
        if sprm == _HUGE and data:  # read once: the properties there do not point on
            at = struct.unpack_from("<I", operand)[0]
            size = struct.unpack_from("<H", data, at)[0]
            _paragraph(data[at + 2 : at + 2 + size], b"", para)
        elif sprm == _IN_TABLE:
            para.in_table = operand[0] == 1
        elif sprm == _ROW_END:
            para.row_end = operand[0] == 1
        elif sprm == _DEPTH:
            para.depth = struct.unpack_from("<i", operand)[0]
        elif sprm == _TABLE_DEF:
            para.cells = _cell_definitions(operand)
    return para


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    i = 0
    while i + 2 < len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        size = _OPERAND_SIZE.get(sprm >> 13)
        if size is None:  # a variable operand: its size first
            if sprm == _TABLE_DEF:
                size = struct.unpack_from("<H", grpprl, i)[0] - 1
                i += 2
            elif sprm == _CHANGE_TABS and grpprl[i] == 255:
                return  # a rare long form, after everything read here
            else:
                size = grpprl[i]
                i += 1
        yield sprm, grpprl[i : i + size]
        i += size


def _cell_definitions(operand: bytes) -> list[tuple[int, int, int]]:
    """Each cell's left and right edge (in twips) and its merge flags, from a row's definition."""
    count = operand[0]
    edges = struct.unpack_from(f"<{count + 1}h", operand, 1)
    at = 1 + 2 * (count + 1)
    cells = []
    for c in range(count):
        flags = struct.unpack_from("<H", operand, at + 20 * c)[0] if at + 20 * c + 2 <= len(operand) else 0
        cells.append((edges[c], edges[c + 1], flags))
    return cells


_MERGED_LEFT = 0x0002  # the cell is merged into the one before it
_MERGED_UP = 0x0020  # the cell is part of a vertical merge…
_MERGE_STARTS = 0x0040  # …and this is its first cell
_PREAMBLE = 200  # paragraphs kept before the first table: a title and a date are among the first
_SNAP = 30  # twips (half a millimetre): edges closer than this are one column edge


class _Assembler:
    """Paragraphs and cell marks into a preamble and tables, merged cells copied where they span."""

    def __init__(self, properties: _Properties):
        self.properties = properties
        self.fields: list[bool] = []  # open fields, True while in their instructions
        self.hidden = 0  # how many of them are (a count: a file may open a million)
        self.preamble: list[str] = []
        self.tables: list[Table] = []
        self.rows: list[tuple[list[str], list[tuple[int, int, int]]]] = []
        self.cells: list[str] = []
        self.lines: list[str] = []
        self.total_rows = 0

    def source(self, text: str, marks: list[tuple[int, int]]) -> Source:
        at = 0
        for index, offset in marks:
            para = self.properties.of(offset)
            self._paragraph(self._visible(text[at:index]), text[index], para)
            at = index + 1
        self._end_table()
        return Source(self.preamble, self.tables)

    def _paragraph(self, text: str, mark: str, para: _Para) -> None:
        if mark == "\x07" and para.row_end:
            self._row(para.cells)
        elif mark == "\x07":  # the end of a cell
            if len(self.cells) < limits.TABLE_COLUMNS:
                self.cells.append(clean("\n".join([*self.lines, text])))
            self.lines = []
        elif para.in_table or para.depth > 0:  # a paragraph of a cell (or of a table inside one)
            self.lines.append(text)
        else:
            self._end_table()
            if not self.tables and clean(text) and len(self.preamble) < _PREAMBLE:
                self.preamble.append(clean(text).replace("\n", ""))

    def _row(self, cells: list[tuple[int, int, int]]) -> None:
        self.total_rows += 1
        if self.total_rows > limits.TABLE_ROWS:
            raise limits.too_many_rows()
        self.rows.append((self.cells, cells))
        self.cells, self.lines = [], []

    def _end_table(self) -> None:
        if self.rows:
            table = _grid(self.rows)
            table.name = f"第{len(self.tables) + 1}个表格"
            self.tables.append(table)
        self.rows, self.cells, self.lines = [], [], []

    def _visible(self, text: str) -> str:
        """`text` without field instructions (a TOC's or a page number's code), results kept."""
        if not self.fields and "\x13" not in text:
            return text.translate(_NOT_TEXT)
        out = []
        for ch in text:
            if ch == "\x13":
                self.fields.append(True)
                self.hidden += 1
            elif ch == "\x14" and self.fields:
                self.hidden -= self.fields[-1]
                self.fields[-1] = False
            elif ch == "\x15" and self.fields:
                self.hidden -= self.fields.pop()
            elif not self.hidden:
                out.append(ch)
        return "".join(out).translate(_NOT_TEXT)


def _grid(rows: list[tuple[list[str], list[tuple[int, int, int]]]]) -> Table:
    """The rows on one grid of columns: the edges of every row's cells, a cell spanning several
    columns copied into each; a cell merged up or left takes the text it continues."""
    edges = _column_edges([c for _, cells in rows for c in cells])
    grid: list[list[str]] = []
    copies: set[tuple[int, int]] = set()
    for r, (texts, cells) in enumerate(rows):
        if len(cells) != len(texts) or not edges:  # no usable definition: the cells in order
            grid.append(list(texts))
            continue
        row: list[str] = []
        for text, (left, right, flags) in zip(texts, cells):
            c = len(row)
            span = min(max(1, _edge(edges, right) - _edge(edges, left)), limits.TABLE_COLUMNS - c)
            if span <= 0:
                break
            shown = text
            if flags & _MERGED_LEFT and row:
                shown = row[-1]
                copies.add((r, c))
            elif flags & _MERGED_UP and not flags & _MERGE_STARTS and r and c < len(grid[r - 1]):
                shown = grid[r - 1][c]
                copies.add((r, c))
            row += [shown] * span
            copies.update((r, k) for k in range(c + 1, c + span))
        grid.append(row)
    width = max(map(len, grid), default=0)
    return Table([row + [""] * (width - len(row)) for row in grid], copies)


def _column_edges(cells: list[tuple[int, int, int]]) -> list[int]:
    edges: list[int] = []
    for x in sorted({x for left, right, _ in cells for x in (left, right)}):
        if not edges or x - edges[-1] >= _SNAP:
            edges.append(x)
    return edges


def _edge(edges: list[int], x: int) -> int:
    """The index of the column edge nearest `x`."""
    k = bisect.bisect_left(edges, x)
    if k == len(edges) or (k and x - edges[k - 1] < edges[k] - x):
        k -= 1
    return k
