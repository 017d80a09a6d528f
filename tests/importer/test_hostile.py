"""Hostile files (issue 14): every one ends in a Chinese message naming the file and exit 1, never
an internal error, a MemoryError or a machine brought down. The files are built here."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gpstd.errors import UnreadableTable
from gpstd.importer import limits, packages, reader

HEADER = ["序号", "责任单位", "工作任务", "完成时限"]
ROW = ["1", "区司法局", "制定制度。", "2021年2月20日前"]


@functools.cache  # one package for every example: hypothesis replays its draws against it
def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("某某区重点任务清单")
    table = document.add_table(rows=2, cols=4)
    for r, row in enumerate((HEADER, ROW)):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@functools.cache
def _xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(ROW)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _replace_part(package: bytes, name: str, text: bytes) -> bytes:
    """The package with one part's content replaced (and everything else as it was)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, text if info.filename == name else old.read(info))
    return out.getvalue()


XXE = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""


def _import(run, path: Path):
    result = run("import", str(path))
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith(f"gpstd: {path}: "), result.stderr
    assert "内部错误" not in result.stderr
    return result.stderr


def test_docx_with_an_external_entity_is_refused(run, tmp_path: Path) -> None:
    path = tmp_path / "xxe.docx"
    path.write_bytes(_replace_part(_docx_bytes(), "word/document.xml", XXE))
    message = _import(run, path)
    assert "部件 word/document.xml 含有文档类型声明（DOCTYPE/ENTITY）" in message
    assert "root:" not in message


def test_xlsx_with_entity_expansion_is_refused(run, tmp_path: Path) -> None:
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(_replace_part(_xlsx_bytes(), "xl/worksheets/sheet1.xml", LAUGHS))
    assert "部件 xl/worksheets/sheet1.xml 含有文档类型声明" in _import(run, path)


def test_a_doctype_in_utf16_is_found_too(tmp_path: Path) -> None:
    package = _replace_part(
        _docx_bytes(), "word/document.xml", XXE.decode().replace("UTF-8", "UTF-16").encode("utf-16")
    )
    with pytest.raises(UnreadableTable, match="含有文档类型声明"):
        packages.check(package, ".docx")


def test_zip_bomb_of_a_gibibyte_is_refused_before_it_is_inflated(run, tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package,
        package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part,
    ):
        zeros = b"\0" * (16 << 20)
        for _ in range(64):  # 1 GiB, written as a stream
            part.write(zeros)
    message = _import(run, path)
    assert "展开后 1024 MB，超过 120 MB 的上限，拒绝导入" in message


def test_a_part_that_lies_about_its_size_is_stopped_while_it_inflates(monkeypatch, tmp_path: Path) -> None:
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("word/document.xml", os.urandom(3 << 20))  # packs badly: no ratio to see
    monkeypatch.setattr(packages, "_declared", lambda parts: None)  # as if the directory said less
    monkeypatch.setattr(packages, "PART_BYTES", 2 << 20)
    with pytest.raises(UnreadableTable, match="展开后"):
        packages.check(package.getvalue(), ".docx")


def test_an_absurd_compression_ratio_is_a_bomb(tmp_path: Path) -> None:
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("xl/sharedStrings.xml", b" " * (20 << 20))
    with pytest.raises(UnreadableTable, match="压缩比异常"):
        packages.check(package.getvalue(), ".xlsx")


def test_rows_of_a_sheet_are_counted_before_openpyxl_builds_them(monkeypatch) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    for i in range(120):
        book.active.append([str(i), "区司法局", "任务", "长期"])
    out = io.BytesIO()
    book.save(out)
    monkeypatch.setattr(limits, "TABLE_ROWS", 100)
    with pytest.raises(UnreadableTable, match="表格超过 100 行"):
        packages.check(out.getvalue(), ".xlsx")
    monkeypatch.setattr(limits, "TABLE_ROWS", 1000)
    monkeypatch.setattr(packages, "CELLS", 400)
    with pytest.raises(UnreadableTable, match="表格超过 400 格"):
        packages.check(out.getvalue(), ".xlsx")


def test_a_large_file_is_refused_by_its_size(run, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(limits, "FILE_BYTES", 1 << 20)
    path = tmp_path / "big.html"
    path.write_bytes(b"<table>" + b"<tr><td>1</td><td>x</td></tr>" * 50_000 + b"</table>")
    assert "文件过大（1.4 MB）：导入的清单最大 1 MB" in _import(run, path)


@pytest.mark.parametrize("suffix", [".html", ".txt", ".csv"])
def test_too_many_rows_are_refused_while_reading(run, monkeypatch, tmp_path: Path, suffix: str) -> None:
    monkeypatch.setattr(limits, "TABLE_ROWS", 100)
    rows = [HEADER, *([str(i), "区司法局", "任务", "长期"] for i in range(1, 200))]
    path = tmp_path / f"many{suffix}"
    if suffix == ".html":
        path.write_text(
            "<table>" + "".join(f"<tr><td>{'</td><td>'.join(r)}</td></tr>" for r in rows) + "</table>"
        )
    else:
        path.write_text("\n".join(("," if suffix == ".csv" else "\t").join(r) for r in rows))
    assert "表格超过 100 行，不像是一份任务清单" in _import(run, path)


def test_a_cell_of_ninety_thousand_characters_is_kept_not_parsed(run, tmp_path: Path) -> None:
    long = "2021年3月31日前，" * 7500  # 90,000 characters of dates: the parser's worst case
    path = tmp_path / "long.html"
    path.write_text(
        "<h1>某某区清单</h1><table>"
        + "".join(
            f"<tr><td>{'</td><td>'.join(r)}</td></tr>" for r in (HEADER, ["1", "区司法局", "任务", long])
        )
        + "</table>",
        encoding="utf-8",
    )
    result = run("import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 0, result.stderr
    assert "任务 1：完成时间栏过长（90000 字），未解读其中的时间，请人工核对" in result.stderr


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".html"])
def test_control_characters_in_cells_become_breaks_or_nothing(run, tmp_path: Path, suffix: str) -> None:
    """A vertical tab (Word's manual line break) is a line break; an ESC or NUL is nothing a reader
    sees: the imported register passes check instead of carrying "\\e[31m" in its cells."""
    rows = (HEADER, ["1", "区司法局\v区民政局", "做好\x1b[31m公开\x00工作\u202e", "2021年3月31日前"])
    path = tmp_path / f"list{suffix}"
    if suffix != ".html":
        separator = "," if suffix == ".csv" else "\t"
        path.write_text("某某区清单\n" + "\n".join(separator.join(r) for r in rows) + "\n", encoding="utf-8")
    else:
        body = "".join(f"<tr><td>{'</td><td>'.join(r)}</td></tr>" for r in rows)
        path.write_text(f"<h1>某某区清单\x07</h1><table>{body}</table>", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = run("import", str(path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "做好[31m公开工作" in text and "\\e" not in text and "\\x" not in text and "\u202e" not in text
    assert "responsible: 区司法局区民政局" in text  # the vertical tab broke a line in its cell, not the row
    assert run("check", str(out)).exit_code == 0


def test_a_fifo_is_not_waited_on(run, tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert "不是普通文件" in _import(run, path)


# --- fuzz: whatever the bytes, a result or a message -----------------------------------


def _read(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with contextlib.suppress(UnreadableTable):
        reader.read(path)


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from([".docx", ".doc", ".xlsx", ".xls", ".html", ".txt", ".csv"]))
def test_any_bytes_end_in_tables_or_a_message(tmp_path: Path, data: bytes, suffix: str) -> None:
    _read(tmp_path, f"fuzz{suffix}", data)


# The first bytes each kind is known by (importer/formats.py), so that fuzzing reaches every reader
# whatever the file is called.
_MARKS = [
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"%PDF-",
    b"{\\rtf1",
    b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n",
    b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
    b'<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body>',
    b"<html><table><tr><td>",
]


@FUZZ
@given(st.sampled_from(_MARKS), st.binary(max_size=1000), st.sampled_from([".doc", ".xls", ".txt", ""]))
def test_any_bytes_after_a_known_mark_end_in_tables_or_a_message(
    tmp_path: Path, mark: bytes, tail: bytes, suffix: str
) -> None:
    _read(tmp_path, f"fuzz{suffix}", mark + tail)


@FUZZ
@given(st.data())
def test_damaged_office_files_end_in_tables_or_a_message(tmp_path: Path, data: st.DataObject) -> None:
    suffix = data.draw(st.sampled_from([".docx", ".doc", ".xlsx", ".xls"]))
    made = {".docx": _docx_bytes, ".doc": _doc_bytes, ".xlsx": _xlsx_bytes, ".xls": _xls_bytes}
    package = bytearray(made[suffix]())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(package) - 1))
        package[at] = data.draw(st.integers(0, 255))
    _read(tmp_path, f"damaged{suffix}", bytes(package))


def test_an_xls_whose_sector_chain_loops_is_refused_not_read_forever(tmp_path: Path) -> None:
    """files/looping-chain.xls is list.xls with a few bytes changed (found by fuzzing): a chain of
    its short sectors loops, and xlrd's own container code appends sectors for ever, growing."""
    import subprocess
    import sys

    path = Path(__file__).parent / "files" / "looping-chain.xls"
    command = [sys.executable, "-m", "gpstd", "import", str(path), "-o", str(tmp_path / "out.yaml")]
    result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "不是有效的 .xls 文件" in result.stderr


def _xls_bytes() -> bytes:
    return (Path(__file__).parent / "files" / "list.xls").read_bytes()


@pytest.mark.parametrize("fake", ["text", "empty", "damaged"])
def test_a_file_that_is_no_xls_says_so(run, tmp_path: Path, fake: str) -> None:
    path = tmp_path / "list.xls"
    damaged = _xls_bytes()[:600]  # the container's header, its sectors cut off
    path.write_bytes({"text": "序号\t责任单位\n".encode(), "empty": b"", "damaged": damaged}[fake])
    assert "不是有效的 .xls 文件" in _import(run, path)


def _doc_bytes() -> bytes:
    return (Path(__file__).parent / "files" / "list.doc").read_bytes()


def _doc_with(fib_changes: dict[int, bytes]) -> bytes:
    """list.doc with bytes of its Word stream's header (FIB) changed: the stream starts at the
    file's only "\xec\xa5", Word's mark."""
    raw = bytearray(_doc_bytes())
    assert raw.count(b"\xec\xa5") == 1
    start = raw.index(b"\xec\xa5")
    for offset, value in fib_changes.items():
        raw[start + offset : start + offset + len(value)] = value
    return bytes(raw)


@pytest.mark.parametrize(
    ("fake", "message"),
    [
        ("text", "不是有效的 .doc 文件"),
        ("empty", "不是有效的 .doc 文件"),
        ("password", "设了打开密码"),
        ("word95", "Word 95 或更早的格式"),
        ("truncated", "不是有效的 .doc 文件"),
    ],
)
def test_a_doc_that_cannot_be_read_says_why(run, tmp_path: Path, fake: str, message: str) -> None:
    path = tmp_path / "list.doc"
    made = {
        "text": "序号\t责任单位\n".encode,
        "empty": lambda: b"",
        "password": lambda: _doc_with({0x0B: b"\x01"}),  # fEncrypted
        "word95": lambda: _doc_with({0: b"\xdc\xa5\x65\x00"}),  # Word 6/95's mark and version
        "truncated": lambda: _doc_bytes()[:6000],
    }
    path.write_bytes(made[fake]())
    assert message in _import(run, path)


@pytest.mark.parametrize(("fixture", "stream"), [("list.doc", "WordDocument"), ("list.xls", "Workbook")])
def test_a_stream_claiming_more_than_the_file_is_refused_not_read(
    run, tmp_path: Path, fixture: str, stream: str
) -> None:
    """A directory entry whose size says 2 GB: olefile would follow the sectors until it had read
    that much (fuzzing found a 20 kB .doc that took 9 s and 2.9 GB)."""
    raw = bytearray((Path(__file__).parent / "files" / fixture).read_bytes())
    entry = raw.index(stream.encode("utf-16-le") + b"\x00\x00")  # the name opens its 128-byte entry
    raw[entry + 0x78 : entry + 0x7C] = (0x7FFFFFF0).to_bytes(4, "little")
    path = tmp_path / fixture
    path.write_bytes(bytes(raw))
    assert "其中一个数据流声称比整个文件还大" in _import(run, path)


def test_a_wps_not_in_words_format_says_so(run, tmp_path: Path) -> None:
    path = tmp_path / "清单.wps"
    path.write_bytes(b"\x00WPS\x00" * 100)
    assert "这个 .wps 文件不是 Word 97–2003 格式" in _import(run, path)


def test_a_doc_claiming_more_text_than_it_holds_reads_what_it_holds(tmp_path: Path) -> None:
    """ccpText, the main text's length, set to 2³⁰ characters: the text is read as far as the
    piece table holds it (never more than the stream), so the tables are those of the file."""
    path = tmp_path / "list.doc"
    path.write_bytes(_doc_bytes())
    honest = reader.read(path)
    at = 32 + 2 + 2 * 14 + 2 + 4 * 3  # past the 14 shorts and to the fourth long of the FIB
    path.write_bytes(_doc_with({at: (1 << 30).to_bytes(4, "little")}))
    assert [t.rows for t in reader.read(path).tables] == [t.rows for t in honest.tables]


def test_the_rows_of_a_doc_are_counted_while_reading(run, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(limits, "TABLE_ROWS", 3)
    path = tmp_path / "list.doc"
    path.write_bytes(_doc_bytes())
    assert "表格超过 3 行，不像是一份任务清单" in _import(run, path)


_SHEET = (
    '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="s"><Table>{rows}</Table>'
    "</Worksheet></Workbook>"
)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        # 60 cells each merged over 5,000 rows and 100 columns: a few lines of XML, thirty million cells
        (
            '<Row><Cell ss:MergeDown="5000" ss:MergeAcross="99"><Data ss:Type="String">x</Data></Cell></Row>'
            * 60,
            "表格超过 200000 格",
        ),
        (
            '<Row ss:Index="999999999"><Cell><Data ss:Type="String">x</Data></Cell></Row>',
            "ss:Index「999999999」超出范围",
        ),
        ('<Row><Cell ss:MergeDown="-1"><Data ss:Type="String">x</Data></Cell></Row>', "不是数字"),
    ],
)
def test_an_excel_2003_xml_sheet_cannot_claim_the_machine(
    run, tmp_path: Path, rows: str, message: str
) -> None:
    path = tmp_path / "导出.xls"
    path.write_text(_SHEET.format(rows=rows), encoding="utf-8")
    assert message in _import(run, path)


def test_an_excel_2003_xml_sheet_with_entities_is_refused(run, tmp_path: Path) -> None:
    laughs = '<!DOCTYPE Workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = tmp_path / "导出.xls"
    body = _SHEET.format(rows='<Row><Cell><Data ss:Type="String">&b;</Data></Cell></Row>')
    path.write_text(body.replace("?>", "?>" + laughs, 1), encoding="utf-8")
    assert "不是有效的 Excel 2003 XML 表格" in _import(run, path)


_WORD_ML = (
    '<?xml version="1.0"?>{doctype}<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">'
    "<w:body><w:tbl>{rows}</w:tbl></w:body></w:wordDocument>"
)


def test_a_word_2003_xml_document_with_entities_is_refused(run, tmp_path: Path) -> None:
    laughs = (
        '<!DOCTYPE w:wordDocument [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    path = tmp_path / "清单.doc"
    path.write_text(
        _WORD_ML.format(doctype=laughs, rows="<w:tr><w:tc><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:tc></w:tr>")
    )
    assert "不是有效的 Word 2003 XML 文档" in _import(run, path)


def test_cells_spanning_the_page_are_counted_in_a_word_2003_xml_document(run, tmp_path: Path) -> None:
    row = '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="999"/></w:tcPr><w:p/></w:tc></w:tr>'
    path = tmp_path / "清单.doc"
    path.write_text(_WORD_ML.format(doctype="", rows=row * 4000))  # 4,000 rows of 100 columns
    assert "表格超过 200000 格" in _import(run, path)


# gpstd.numerals.to_int raises on digits that are not decimal (², ①), which gpstd check meets in
# a 序号 cell too: reported to its owner, left out here until it is fixed there.
_CELL = st.text(alphabet=st.characters(exclude_categories=["No"]), max_size=30)


@FUZZ
@given(st.lists(st.lists(_CELL, max_size=6), max_size=12))
def test_any_table_imports_or_says_why(tmp_path: Path, rows: list[list[str]]) -> None:
    from gpstd.importer import build, tables

    source = tables.Source(["某某区清单"], [tables.Table([HEADER, *rows])])
    with contextlib.suppress(UnreadableTable):
        build.build(source, "fuzz.txt")


def test_a_cell_naming_many_thousand_units_is_read_in_linear_time() -> None:
    # Each new unit was looked up by scanning every unit declared so far: 10,000 units in one
    # cell took 6 s more than reading them, 100,000 ten minutes.
    import time

    from gpstd.importer import build, tables

    many = "、".join(f"单位{i}局" for i in range(20000))
    rows = [["序号", "责任单位", "工作任务", "完成时间"], ["1", many, "做某事。", "2021年3月31日前"]]
    started = time.perf_counter()
    result = build.build(tables.Source([], [tables.Table(rows)]), "清单.tsv")
    assert time.perf_counter() - started < 10  # 0.5 s; quadratic it took 23
    assert len(result.data["units"]) == 20000
    assert result.data["tasks"][0]["units"]["lead"][-1] == "单位19999局"
