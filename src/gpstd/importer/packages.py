"""A .docx or .xlsx looked at before any library parses it (issue 14).

Both are zip packages of XML parts. python-docx parses them with lxml and openpyxl with
ElementTree or lxml; neither is meant for hostile input: a part may declare a DTD whose
entities expand to gigabytes ("billion laughs") or reach out to files (external entities), and
a small zip may inflate to a gigabyte. So every part is inflated here first, as a stream and
within limits, whatever sizes the zip directory claims, and any XML part with a document
type declaration is refused: Office never writes one, so refusing costs no real file.
"""

from __future__ import annotations

import codecs
import io
import zipfile
import zlib

from gpstd.errors import UnreadableTable
from gpstd.importer.limits import MB

PART_BYTES = 50 * MB
"""The largest part, inflated (a sheet of ten thousand rows is a few megabytes)."""
TOTAL_BYTES = 120 * MB
"""All parts together, inflated."""
RATIO = 200
"""Inflated size over stored size beyond which a part of a megabyte or more is a zip bomb
(real Office XML packs 5–30 times; a bomb packs about a thousand)."""
PARTS = 5_000
CELLS = 200_000
"""Table cells in all parts together: what the libraries build in memory grows with them
(openpyxl keeps an object per cell), so they are counted before either library parses a part."""
# How a row and a cell begin in the XML each library parses into tables.
_ROW_TAGS = ("<row", "<w:tr")
_CELL_TAGS = ("<c ", "<c>", "<w:tc>", "<w:tc ")
_CHUNK = 1 * MB
_FORBIDDEN = ("<!DOCTYPE", "<!ENTITY")
_MEDIA = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".emf", ".wmf", ".tif", ".tiff", ".bin", ".wdp")


def check(raw: bytes, suffix: str) -> None:
    """UnreadableTable with the reason when the package is damaged, too large or hostile."""
    damaged = UnreadableTable(f"不是有效的 {suffix} 文件（文件为空、已损坏，或是改了扩展名的其他格式）")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            parts = package.infolist()
            _declared(parts)
            total = 0
            counts = _Counts()
            for part in parts:
                total += _inflate(package, part, TOTAL_BYTES - total, counts)
    except UnreadableTable:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError, OSError):
        # RuntimeError: an encrypted part; NotImplementedError: an unknown compression.
        raise damaged from None


def _declared(parts: list[zipfile.ZipInfo]) -> None:
    """What the zip directory says, refused before anything is inflated."""
    if len(parts) > PARTS:
        raise UnreadableTable(f"压缩包内有 {len(parts)} 个部件，超过 {PARTS} 个，不是正常的 Office 文件")
    if sum(p.file_size for p in parts) > TOTAL_BYTES:
        raise _too_large("全部部件", sum(p.file_size for p in parts), TOTAL_BYTES)
    for part in parts:
        if part.file_size > PART_BYTES:
            raise _too_large(f"部件 {part.filename}", part.file_size, PART_BYTES)
        if part.file_size >= MB and part.file_size > RATIO * max(part.compress_size, 1):
            raise _bomb(part.filename, part.file_size, part.compress_size)


class _Counts:
    """Rows and cells of every part so far, refused past the budget while still inflating."""

    def __init__(self) -> None:
        self.rows = 0
        self.cells = 0

    def add(self, rows: int, cells: int) -> None:
        from gpstd.importer import limits

        self.rows += rows
        self.cells += cells
        if self.rows > limits.TABLE_ROWS:
            raise limits.too_many_rows()
        if self.cells > CELLS:
            raise UnreadableTable(f"表格超过 {CELLS} 格，不像是一份任务清单；请只保留清单所在的表格后再导入")


def _inflate(package: zipfile.ZipFile, part: zipfile.ZipInfo, budget: int, counts: _Counts) -> int:
    """Inflate one part as a stream, never past its limits; look for a DTD in XML parts."""
    scan = _Scanner(counts) if not part.filename.lower().endswith(_MEDIA) else None
    size = 0
    with package.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > PART_BYTES:
                raise _too_large(f"部件 {part.filename}", size, PART_BYTES)
            if size > budget:
                raise _too_large("全部部件", TOTAL_BYTES - budget + size, TOTAL_BYTES)
            if size >= MB and size > RATIO * max(part.compress_size, 1):
                raise _bomb(part.filename, size, part.compress_size)
            if scan is not None and scan.feed(chunk):
                raise UnreadableTable(
                    f"部件 {part.filename} 含有文档类型声明（DOCTYPE/ENTITY），"
                    "可能用来读取本机文件或耗尽内存；Office 不会写出这样的文件，拒绝导入"
                )
    return size


class _Scanner:
    """Finds <!DOCTYPE or <!ENTITY, and counts rows and cells, across chunk boundaries, in
    UTF-8 or UTF-16 text."""

    def __init__(self, counts: _Counts) -> None:
        self._decoder: codecs.IncrementalDecoder | None = None
        self._tail = ""
        self._counts = counts

    def feed(self, chunk: bytes) -> bool:
        if self._decoder is None:
            self._decoder = codecs.getincrementaldecoder(_encoding(chunk))(errors="replace")
        text = self._tail + self._decoder.decode(chunk)
        # What starts in the tail was counted with the chunk before: count only what ends after it.
        self._counts.add(_count(text, _ROW_TAGS, len(self._tail)), _count(text, _CELL_TAGS, len(self._tail)))
        self._tail = text[-16:]
        upper = text.upper()
        return any(word in upper for word in _FORBIDDEN)


def _count(text: str, tags: tuple[str, ...], seen: int) -> int:
    return sum(text.count(tag) - text[:seen].count(tag) for tag in tags)


def _encoding(start: bytes) -> str:
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if start.startswith(b"<\x00"):
        return "utf-16-le"
    if start.startswith(b"\x00<"):
        return "utf-16-be"
    return "utf-8"


def _too_large(what: str, size: int, limit: int) -> UnreadableTable:
    return UnreadableTable(f"{what}展开后 {size / MB:.0f} MB，超过 {limit // MB} MB 的上限，拒绝导入")


def _bomb(name: str, size: int, stored: int) -> UnreadableTable:
    return UnreadableTable(
        f"部件 {name} 压缩比异常（{stored} 字节展开为 {size / MB:.0f} MB 以上），疑为压缩炸弹，拒绝导入"
    )
