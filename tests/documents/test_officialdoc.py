"""GB/T 9704-2012 layout, read back with python-docx and, where LibreOffice is installed, printed."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Length, Pt

from documents.pdf import info, lines, needs_office, pages, to_pdf
from gpstd.documents.officialdoc import Head, OfficialDocument, indents, title_lines

CJK = "政务公开标准化规范化工作重点任务清单逐项落实到位"  # 24 different characters


def _read(data: bytes, tmp_path: Path, name: str = "doc.docx") -> docx.document.Document:
    path = tmp_path / name
    path.write_bytes(data)
    return docx.Document(str(path))


def _sample() -> OfficialDocument:
    doc = OfficialDocument("测试", created=dt.date(2020, 11, 25))
    doc.head(Head("番禺区人民政府办公室", "番府办督〔2020〕12号", red=True))
    doc.title("关于抓紧办理重点任务有关事项的催办通知")
    doc.addressee("市桥街道")
    doc.body("正文。")
    doc.heading("一、逾期未完成事项")
    doc.subheading("（一）任务3：", "编制本镇（街）政务公开事项标准目录。")
    doc.signature("番禺区人民政府办公室", dt.date(2020, 11, 25))
    return doc


def test_page_setup_is_a4_with_the_type_area(tmp_path: Path) -> None:
    section = _read(_sample().bytes(), tmp_path).sections[0]

    def mm(length: int) -> float:  # Word keeps lengths in twips: a mm is 56.7 of them
        return round(Length(length).mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.left_margin)) == (37, 28)  # 天头, 订口
    assert mm(section.page_width - section.left_margin - section.right_margin) == 156
    assert mm(section.page_height - section.top_margin - section.bottom_margin) == 225
    grid = section._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "579")


def test_fonts_sizes_and_lines(tmp_path: Path) -> None:
    doc = _read(_sample().bytes(), tmp_path)
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)  # 三号
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(28.95)  # 225 mm / 22 lines
    texts = {p.text: p for p in doc.paragraphs if p.text}
    title = texts["关于抓紧办理重点任务有关事项的催办通知"].runs[0]
    assert title.font.size == Pt(22)  # 二号
    fonts = title._r.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == fonts.get(qn("w:ascii")) == "方正小标宋简体"
    body = texts["正文。"]
    assert body.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.paragraph_format.element.pPr.ind.get(qn("w:firstLineChars")) == "200"  # 首行缩进二字
    assert texts["一、逾期未完成事项"].runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    heading2 = texts["（一）任务3：编制本镇（街）政务公开事项标准目录。"].runs
    assert heading2[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    assert heading2[1]._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert texts["市桥街道："].text == "市桥街道："  # 主送机关, full-width colon


def test_red_head_and_document_number(tmp_path: Path) -> None:
    doc = _read(_sample().bytes(), tmp_path)
    mark = doc.paragraphs[0]
    assert mark.text == "番禺区人民政府办公室"
    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    assert round(mark.paragraph_format.space_before.mm) == 35
    number = next(p for p in doc.paragraphs if p.text == "番府办督〔2020〕12号")
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"


def test_date_in_arabic_numerals_two_characters_right_of_the_signature(tmp_path: Path) -> None:
    doc = _read(_sample().bytes(), tmp_path)
    signature, dated = doc.paragraphs[-2], doc.paragraphs[-1]
    assert (signature.text, dated.text) == ("番禺区人民政府办公室", "2020年11月25日")
    # 署名 10 characters wide, the date 7 (numerals half width): 署名 2 in, date 3 in.
    assert signature._p.pPr.ind.get(qn("w:rightChars")) == "200"
    assert dated._p.pPr.ind.get(qn("w:rightChars")) == "300"


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("关于抓紧办理重点任务有关事项的催办通知", ["关于抓紧办理重点任务有关事项的催办通知"]),
        ("关于2020年第三季度重点任务落实情况的通报", ["关于2020年第三季度", "重点任务落实情况的通报"]),
        (
            "关于2020年1月1日至2020年3月31日重点任务落实情况的通报",
            ["关于2020年1月1日至2020年3月31日", "重点任务落实情况的通报"],
        ),
    ],
)
def test_long_titles_break_between_words(title, lines) -> None:
    assert title_lines(title) == lines


@pytest.mark.parametrize(
    ("signature", "date", "expected"),
    [(10, 7, (2, 3)), (4, 7, (7, 2)), (9, 7, (2, 2))],
)
def test_signature_indents(signature, date, expected) -> None:
    sig_indent, date_indent = indents(signature, date)
    assert (sig_indent, date_indent) == expected
    assert (156 - sig_indent - signature) + 2 == 156 - date_indent - date or date_indent == 2


def test_page_numbers_odd_right_even_left(tmp_path: Path) -> None:
    doc = _read(_sample().bytes(), tmp_path)
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for footer in (odd, even):
        assert footer._p.find(qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"
        assert footer.runs[0].text == "— " and footer.runs[-1].text == " —"
        assert footer.runs[0].font.size == Pt(14)  # 四号
    assert odd.alignment == 2 and even.alignment == 0  # right, left


def test_font_table_gives_every_font_a_fallback(tmp_path: Path) -> None:
    from lxml import etree

    path = tmp_path / "doc.docx"
    path.write_bytes(_sample().bytes())
    part = next(
        p for p in docx.Document(str(path)).part.package.iter_parts() if p.partname == "/word/fontTable.xml"
    )
    fonts = {f.get(qn("w:name")): f for f in etree.fromstring(part.blob).findall(qn("w:font"))}
    for name, alt in (("方正小标宋简体", "宋体"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体")):
        assert fonts[name].find(qn("w:altName")).get(qn("w:val")) == alt
        assert fonts[name].find(qn("w:charset")).get(qn("w:val")) == "86"


@needs_office
def test_prints_22_lines_of_28_characters_on_a4(tmp_path: Path) -> None:
    doc = OfficialDocument("版面")
    doc.body(CJK * 4 + CJK[:12], indent=False)  # 108 characters: three lines of 28 and one of 24
    for n in range(40):
        doc.body(CJK[n % 24], indent=False)
    path = tmp_path / "grid.docx"
    path.write_bytes(doc.bytes())
    pdf = to_pdf(path)
    assert info(pdf)["Page size"].startswith("595.3")  # A4: 595.3 × 841.9 pt
    first = lines(pages(pdf)[0])
    assert [len(line) for line in first[:4]] == [28, 28, 28, 24]
    assert len([line for line in first if not line.startswith("—")]) == 22
    assert first[-1] == "—1—"
    assert lines(pages(pdf)[1])[-1] == "—2—"


def test_a_long_table_is_built_in_linear_time() -> None:
    # table.cell(r, c) walks the whole table: a report whose 逾期清单 had 200 rows took 19 s.
    import time

    doc = OfficialDocument("情况通报")
    rows = [
        [str(i), "区发展改革局", "2021-02-01", "相应编制本领域政务公开事项标准目录。", "12"]
        for i in range(600)
    ]
    started = time.perf_counter()
    doc.table(["序号", "单位", "期限", "事项", "天数"], rows, [15, 30, 25, 60, 15])
    assert time.perf_counter() - started < 8  # about 1 s; quadratic it is minutes
    table = docx.Document(io.BytesIO(doc.bytes())).tables[0]
    assert [c.text for c in table.rows[600].cells] == rows[599]
