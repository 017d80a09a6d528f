"""Which reader reads a file, within the limits that keep a hostile file from taking the machine."""

from __future__ import annotations

from pathlib import Path

from gpstd.errors import UnreadableTable
from gpstd.importer import formats, limits, office, textfiles, webpages, worddoc, wordml, xmlsheet
from gpstd.importer.tables import Source

SUFFIXES = (".docx", ".doc", ".wps", ".xlsx", ".xls", ".xml", ".html", ".htm", ".mht", ".txt", ".tsv", ".csv")


def read(path: Path) -> Source:
    """The tables of `path`, by what its bytes are (`formats.sniff`), else by its suffix;
    UnreadableTable when it is none of ours."""
    readers = {
        ".docx": office.read_docx,
        ".doc": worddoc.read_doc,
        ".wps": worddoc.read_wps,
        ".xlsx": office.read_xlsx,
        ".xls": office.read_xls,
        ".wordml": wordml.read_wordml,  # Word 2003 XML, which systems generate and name .doc
        ".xml": xmlsheet.read_xml_sheet,  # Excel 2003 XML, which systems export and name .xls
        ".html": webpages.read_html,
        ".htm": webpages.read_html,
        ".mht": webpages.read_mht,
        ".mhtml": webpages.read_mht,
        ".txt": textfiles.read_text,
        ".tsv": textfiles.read_text,
        ".csv": textfiles.read_csv,
    }
    suffix = path.suffix.lower()
    if path.is_dir():
        raise UnreadableTable(f"{path}: 这是一个目录，请给出要导入的文件")
    raw = limits.read_file(path)
    kind = formats.sniff(raw)
    if kind in formats.NOT_READ:
        raise UnreadableTable(f"{path}: {formats.NOT_READ[kind]}")
    if kind not in readers:
        kind = suffix  # text, or bytes too damaged to show a kind: the name decides
    if kind not in readers:
        raise UnreadableTable(
            f"{path}: 不支持的文件类型「{suffix or '无扩展名'}」；"
            f"可导入 {'、'.join(SUFFIXES)}（.et 请先另存为 .xlsx，PDF 请找原始的 Word 或 Excel 文件）"
        )
    try:
        source = readers[kind](raw, path)
    except UnreadableTable as exc:
        raise UnreadableTable(f"{path}: {exc.message}") from None
    except UnicodeDecodeError:
        raise UnreadableTable(
            f"{path}: 既不是 UTF-8 也不是 GBK 编码的文本；请用 UTF-8 另存后再导入"
            "（WPS/记事本“另存为”时选择 UTF-8）"
        ) from None
    except MemoryError:
        raise UnreadableTable(f"{path}: 文件展开后过大，超出导入的内存限制") from None
    if kind != suffix and readers[kind] is not readers.get(suffix):
        source.read_as = formats.NAMES.get(kind, "")
    if not any(t.rows for t in source.tables):
        raise UnreadableTable(f"{path}: 文件中没有找到表格")
    return source
