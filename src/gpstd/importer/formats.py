"""What a file's bytes say it is, whatever its name says.

Lists downloaded from government sites are often misnamed: a web page or an Excel 2003 XML sheet
saved as .xls by the system that exported it, a .docx served as .doc, an attachment with no
extension at all. The importer reads what the bytes are; the name decides only when the bytes do
not say (plain text and CSV carry no mark).
"""

from __future__ import annotations

import io
import zipfile

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEAD = 2048  # a text file says what it is in its first lines

# What each kind is called when a file turns out to be one under another name.
NAMES = {
    ".docx": "Word 文档（.docx）",
    ".doc": "Word 97–2003 文档（.doc）",
    ".xlsx": "Excel 工作簿（.xlsx）",
    ".xls": "Excel 97–2003 工作簿（.xls）",
    ".wordml": "Word 2003 XML 文档",
    ".xml": "Excel 2003 XML 表格",
    ".html": "网页",
    ".mht": "单个文件网页（MHT）",
}

# Kinds read by no reader, each with what to do instead.
NOT_READ = {
    ".pdf": "这是 PDF 文件，其中的表格无法可靠读出；请找原始的 Word 或 Excel 文件，或把表格复制成文本后再导入",
    ".rtf": "这是 RTF 格式的文件；请用 Word 或 WPS 另存为 .docx 后再导入",
    ".ofd": "这是 OFD 版式文件（如 PDF），其中的表格无法可靠读出；请找原始的 Word 或 Excel 文件后再导入",
}


def sniff(raw: bytes) -> str | None:
    """The kind the bytes show (".docx", ".xlsx", ".doc", ".xls", ".xml" for an Excel 2003 XML
    sheet, ".wordml" for a Word 2003 XML document, ".html", ".mht" for a single-file web page, or one of NOT_READ), or None when they
    show none."""
    if raw.startswith(b"PK\x03\x04"):
        return _package(raw)
    if raw.startswith(_OLE):
        return _container(raw)
    if raw.startswith(b"%PDF-"):
        return ".pdf"
    head = _text_head(raw)
    if head.startswith("{\\rtf"):
        return ".rtf"
    if head.startswith("mime-version:") or "content-type: multipart/related" in head:
        return ".mht"
    if (
        head.startswith("<")
        and "urn:schemas-microsoft-com:office:spreadsheet" in head
        and "<html" not in head
    ):
        return ".xml"
    if head.startswith("<") and "schemas.microsoft.com/office/word/2003/wordml" in head:
        return ".wordml"
    if head.startswith("<") and any(tag in head for tag in ("<html", "<table", "<!doctype html")):
        return ".html"
    return None


def _package(raw: bytes) -> str | None:
    """.docx or .xlsx by the parts the zip lists (its directory only: `packages.check` looks at
    the parts themselves before any library reads them)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError, RuntimeError):
        return None
    if "word/document.xml" in names:
        return ".docx"
    if "xl/workbook.xml" in names:
        return ".xlsx"
    if "OFD.xml" in names:
        return ".ofd"
    return None


def _container(raw: bytes) -> str | None:
    """.doc or .xls by the streams an OLE2 container holds (olefile: written for hostile files)."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(raw)) as container:
            if container.exists("WordDocument"):
                return ".doc"
            if container.exists("Workbook") or container.exists("Book"):
                return ".xls"
    except Exception:  # noqa: BLE001 - a damaged container: the name decides, and its reader says so
        return None
    return None


def _text_head(raw: bytes) -> str:
    """The first characters, lower-cased, past a byte-order mark and leading space."""
    head = raw[:_HEAD]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "replace")
    else:
        text = head.decode("utf-8", "replace")
    return text.lstrip("\ufeff \t\r\n").lower()
