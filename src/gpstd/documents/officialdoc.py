"""A .docx laid out as GB/T 9704-2012 (党政机关公文格式) lays out an official document.

- A4 (210 × 297 mm); 版心 156 × 225 mm: 天头 (top margin) 37 mm, 订口 (left) 28 mm, so right 26 mm
  and bottom 35 mm.
- 22 lines of 28 characters a page: lines exactly 28.95 pt apart (225 mm / 22) on a line grid of
  the same pitch, and characters narrowed by 0.25 pt (a 三号 character is 16 pt; 156 mm / 28 =
  15.79 pt), so that 28 Chinese characters fill a line and a 29th does not. A character grid
  (docGrid linesAndChars) would do it in Word, but LibreOffice snaps each 16 pt character to two
  15.79 pt cells of it (14 a line): the narrowing prints the same in Word, WPS and LibreOffice.
- Title 二号 (22 pt) 小标宋, centred; body 三号 (16 pt) 仿宋, first line indented two characters;
  headings 一、 in 黑体 and （一） in 楷体.
- Page numbers 四号 (14 pt) 宋体 Arabic numerals between 一字线 (— 1 —), odd pages right and even
  pages left, one character in from the edge of the 版心, about 7 mm below it.
- 成文日期 in Arabic numerals with 年月日, its first character two characters right of the
  first of the 发文机关署名 above it (7.3.5.2, 不加盖印章的公文); 发文字号 under a red 发文机关标志
  and a red line as wide as the 版心 when a 红头 is asked for, else at the top right (as the 信函格式).

Fonts are named as offices' computers have them (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312),
set for East Asian text (w:eastAsia) as well as Latin; the document's font table gives each an
alternative every Windows has (宋体, 仿宋, 黑体, 楷体) and the GB2312 character set, so that a
computer without them substitutes a Chinese font of the same kind and the document still prints.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from gpstd.days import cn_date

PAGE = (Mm(210), Mm(297))
TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TYPE_AREA = (Mm(156), Mm(225))
LINES, CHARS = 22, 28
LINE_PITCH = 579
"""Twips (1/20 pt) between lines: 225 mm / 22 lines = 578.9."""
NARROWING = -5
"""Twentieths of a point between characters: 16 pt − 0.25 pt = 15.75 pt, 28 to 156 mm (441 pt)."""
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE, TABLE_SIZE = Pt(16), Pt(22), Pt(14), Pt(12)
RED = RGBColor(0xFF, 0x00, 0x00)


@dataclass(frozen=True)
class Fonts:
    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading: str = "黑体"
    subheading: str = "楷体_GB2312"
    page_number: str = "宋体"


FONTS = Fonts()
# What Word, WPS and LibreOffice may use where the named font is missing: fonts every Chinese
# Windows has, of the same kind (serif 宋, 仿宋, 楷, sans 黑).
FALLBACKS = {
    "方正小标宋简体": ("宋体", "roman"),
    "仿宋_GB2312": ("仿宋", "modern"),
    "楷体_GB2312": ("楷体", "script"),
    "黑体": ("SimHei", "swiss"),
    "宋体": ("SimSun", "roman"),
}


@dataclass(frozen=True)
class Head:
    """What goes above the title: optional 红头 and 发文字号."""

    issuer: str | None = None
    """发文机关 (署名, and the 发文机关标志 of a 红头)."""
    number: str | None = None
    """发文字号, e.g. 番府办督〔2020〕12号."""
    red: bool = False
    """Print the 发文机关标志 in red with the red line under it (红头)."""


class OfficialDocument:
    """A GB/T 9704 document under construction; `bytes()` gives the .docx."""

    def __init__(self, title: str, fonts: Fonts = FONTS, created: dt.date | None = None):
        import docx

        self.fonts = fonts
        self.doc: DocxDocument = docx.Document()
        props = self.doc.core_properties
        props.title, props.author, props.comments = title, "gpstd", "按 GB/T 9704-2012 排版"
        if created is not None:
            stamp = dt.datetime(created.year, created.month, created.day)
            props.created = props.modified = stamp
        props.last_modified_by = "gpstd"
        props.revision = 1
        self._styles()
        self._language()
        self._font_table()
        self._page(self.doc.sections[0])
        self.doc.settings.odd_and_even_pages_header_footer = True

    # --- page, grid, styles ------------------------------------------------------------------

    def _page(self, section: object) -> None:
        from docx.section import Section

        assert isinstance(section, Section)
        section.page_width, section.page_height = PAGE
        section.top_margin, section.bottom_margin = TOP, BOTTOM
        section.left_margin, section.right_margin = LEFT, RIGHT
        section.header_distance = Mm(15)
        # The number's top 7 mm below the 版心: the 35 mm margin less 7 mm less a 四号 line.
        section.footer_distance = Mm(23)
        sect = section._sectPr
        grid = sect.find(qn("w:docGrid"))
        if grid is None:
            grid = _place(sect, OxmlElement("w:docGrid"), _SECT_ORDER)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE_PITCH))
        self._page_numbers(section)

    def _page_numbers(self, section: object) -> None:
        from docx.section import Section

        assert isinstance(section, Section)
        section.footer.is_linked_to_previous = False
        section.even_page_footer.is_linked_to_previous = False
        for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
            paragraph = footer.paragraphs[0]
            fmt = paragraph.paragraph_format
            fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align == "right" else WD_ALIGN_PARAGRAPH.LEFT
            fmt.first_line_indent = Pt(0)
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
            if align == "right":
                fmt.right_indent = PAGE_NUMBER_SIZE  # 单页码居右空一字
            else:
                fmt.left_indent = PAGE_NUMBER_SIZE  # 双页码居左空一字
            self._run(paragraph, "— ", self.fonts.page_number, PAGE_NUMBER_SIZE)
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE")
            inner = OxmlElement("w:r")
            inner.append(_run_properties(self.fonts.page_number, PAGE_NUMBER_SIZE))
            text = OxmlElement("w:t")
            text.text = "1"
            inner.append(text)
            field.append(inner)
            paragraph._p.append(field)
            self._run(paragraph, " —", self.fonts.page_number, PAGE_NUMBER_SIZE)

    def _styles(self) -> None:
        styles = self.doc.styles
        # docDefaults name theme fonts (a Japanese one for East Asian text in python-docx's template):
        # theme attributes outrank named fonts, so every run names its fonts outright.
        defaults = styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            for fonts in defaults.iter(qn("w:rFonts")):
                for key in list(fonts.attrib):
                    fonts.attrib.pop(key)
                _name_fonts(fonts, self.fonts.body)
        normal = styles["Normal"]
        normal.font.size = BODY_SIZE
        normal.font.name = self.fonts.body
        _name_fonts(normal.element.get_or_add_rPr().get_or_add_rFonts(), self.fonts.body)
        spacing = _place(normal.element.get_or_add_rPr(), OxmlElement("w:spacing"), _RPR_ORDER)
        spacing.set(qn("w:val"), str(NARROWING))
        fmt = normal.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PITCH / 20)
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.widow_control = False

    def _language(self) -> None:
        settings = self.doc.settings.element
        lang = settings.find(qn("w:themeFontLang"))
        if lang is not None:
            lang.set(qn("w:eastAsia"), "zh-CN")
        normal = self.doc.styles["Normal"].element.get_or_add_rPr()
        tag = normal.find(qn("w:lang"))
        if tag is None:
            tag = _place(normal, OxmlElement("w:lang"), _RPR_ORDER)
        tag.set(qn("w:val"), "en-US")
        tag.set(qn("w:eastAsia"), "zh-CN")

    def _font_table(self) -> None:
        """Declare each font with its alternative and the GB2312 character set (see module doc)."""
        from lxml import etree

        part = next(p for p in self.doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
        root = etree.fromstring(part.blob)
        names = {
            self.fonts.title,
            self.fonts.body,
            self.fonts.heading,
            self.fonts.subheading,
            self.fonts.page_number,
        }
        for name in sorted(names):
            alt, family = FALLBACKS.get(name, ("宋体", "roman"))
            font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
            if alt != name:
                etree.SubElement(font, qn("w:altName"), {qn("w:val"): alt})
            etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})  # GB2312
            etree.SubElement(font, qn("w:family"), {qn("w:val"): family})
            etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    # --- paragraphs ----------------------------------------------------------------------------

    def _paragraph(self, align: str = "justify", indent: bool = False) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        if indent:
            _chars(paragraph, "firstLineChars", 2)
        return paragraph

    def _run(self, paragraph: Paragraph, text: str, font: str, size: object, **style: object) -> None:
        run = paragraph.add_run(text)
        run.font.size = size  # type: ignore[assignment]
        run.font.name = font
        _name_fonts(run._r.get_or_add_rPr().get_or_add_rFonts(), font)
        if style.get("bold"):
            run.font.bold = True
        if style.get("color") is not None:
            run.font.color.rgb = style["color"]

    def blank(self) -> None:
        self._paragraph()

    def head(self, head: Head) -> None:
        """红头 (发文机关标志, 发文字号, red line) or a 发文字号 at the top right, as asked."""
        if head.red and head.issuer:
            self._red_head(head)
        elif head.number:
            paragraph = self._paragraph("right")
            self._run(paragraph, head.number, self.fonts.body, BODY_SIZE)
            self.blank()

    def _red_head(self, head: Head) -> None:
        assert head.issuer is not None
        # 发文机关标志 centred, red 小标宋, as large as fits the 版心 (at most 小初, 36 pt).
        width_pt = 156 / 25.4 * 72
        size = Pt(min(36, int(width_pt * 0.95 / max(len(head.issuer), 1))))
        # 7.2.2: its top 35 mm below the top of the 版心; 7.2.3: the 发文字号 two lines below it;
        # 7.2.6: the red line 4 mm under the 发文字号; 7.3.1: the title two lines below the line.
        mark = self._paragraph("center")
        mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        mark.paragraph_format.line_spacing = size
        mark.paragraph_format.space_before = Mm(35)
        self._run(mark, head.issuer, self.fonts.title, size, color=RED)
        self.blank()
        self.blank()
        number = self._paragraph("center")
        self._run(number, head.number or "", self.fonts.body, BODY_SIZE)
        _bottom_rule(number)
        self.blank()
        self.blank()

    def title(self, text: str) -> None:
        """二号小标宋, centred; a title too long for one line is broken into balanced lines (回行时
        排列对称), the upper no shorter than the lower, never before punctuation or inside a number."""
        paragraph = self._paragraph("center")
        for n, line in enumerate(title_lines(text)):
            if n:
                paragraph.add_run().add_break()
            self._run(paragraph, line, self.fonts.title, TITLE_SIZE)
        self.blank()

    def addressee(self, text: str) -> None:
        """主送机关: 顶格, a full-width colon after it."""
        paragraph = self._paragraph("left")
        self._run(paragraph, text.rstrip("：:") + "：", self.fonts.body, BODY_SIZE)

    def body(self, text: str, indent: bool = True) -> Paragraph:
        paragraph = self._paragraph("justify", indent)
        self._run(paragraph, text, self.fonts.body, BODY_SIZE)
        return paragraph

    def heading(self, text: str) -> None:
        """一级标题 (一、…) in 黑体."""
        paragraph = self._paragraph("justify", True)
        self._run(paragraph, text, self.fonts.heading, BODY_SIZE)

    def subheading(self, text: str, rest: str = "") -> None:
        """二级标题 (（一）…) in 楷体, followed in the same paragraph by `rest` in the body font."""
        paragraph = self._paragraph("justify", True)
        self._run(paragraph, text, self.fonts.subheading, BODY_SIZE)
        if rest:
            self._run(paragraph, rest, self.fonts.body, BODY_SIZE)

    def signature(self, issuer: str | None, date: dt.date, keep: int = 0) -> None:
        """发文机关署名 and 成文日期 (7.3.5.2): the date's first character two characters right of the
        signature's; the longer of the two two characters in from the right edge. The `keep`
        paragraphs before it stay on its page: a signature never stands alone on a page."""
        written = cn_date(date)
        for paragraph in self.doc.paragraphs[len(self.doc.paragraphs) - keep :] if keep else []:
            paragraph.paragraph_format.keep_with_next = True
        self.blank()
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        if issuer:
            sig_indent, date_indent = indents(_width(issuer), _width(written))
            signature = self._paragraph("right")
            signature.paragraph_format.keep_with_next = True
            _chars(signature, "rightChars", sig_indent)
            self._run(signature, issuer, self.fonts.body, BODY_SIZE)
            dated = self._paragraph("right")
            _chars(dated, "rightChars", date_indent)
        else:
            dated = self._paragraph("right")
            _chars(dated, "rightChars", 2)
        self._run(dated, written, self.fonts.body, BODY_SIZE)

    def caption(self, text: str) -> None:
        """A figure's caption, centred under it, in the body font."""
        paragraph = self._paragraph("center")
        self._run(paragraph, text, self.fonts.body, TABLE_SIZE)

    def page_break(self) -> None:
        """A new section, its page numbers starting again at 1 (one notice a unit in one file)."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(section)
        number = section._sectPr.find(qn("w:pgNumType"))
        if number is None:
            number = _place(section._sectPr, OxmlElement("w:pgNumType"), _SECT_ORDER)
        number.set(qn("w:start"), "1")

    def table(self, headings: list[str], rows: list[list[str]], widths_mm: list[float]) -> None:
        """A ruled table in 小四 仿宋, headings in 黑体, numbers right-aligned."""
        from docx.shared import Mm as _Mm

        table = self.doc.add_table(rows=1 + len(rows), cols=len(headings))
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        for col, width in zip(table.columns, widths_mm):
            col.width = _Mm(width)  # the grid (LibreOffice reads it) as well as each cell (Word)
        heading_row = table.rows[0]._tr.get_or_add_trPr()
        heading_row.append(OxmlElement("w:tblHeader"))  # repeated at the top of each page
        # Row by row: table.cell(r, c) walks the whole table each time (a 1,000-row 逾期清单 took 20 s)
        for row_index, (row, values) in enumerate(zip(table.rows, [headings, *rows])):
            cells = row.cells
            for col, value in enumerate(values):
                cell = cells[col]
                cell.width = _Mm(widths_mm[col])
                paragraph = cell.paragraphs[0]
                fmt = paragraph.paragraph_format
                fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
                _off_grid(paragraph)  # single lines of 小四, not one 28.95 pt grid line each
                fmt.alignment = (
                    WD_ALIGN_PARAGRAPH.CENTER
                    if row_index == 0
                    else (WD_ALIGN_PARAGRAPH.RIGHT if _numeric(value) else WD_ALIGN_PARAGRAPH.LEFT)
                )
                font = self.fonts.heading if row_index == 0 else self.fonts.body
                self._run(paragraph, value, font, TABLE_SIZE)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


TITLE_CHARS = 19
"""Characters of a title line before it is broken: 二号 (22 pt) fits 20 in the 版心; one spare."""
# Words a title is best broken before (词意完整): a break never splits them, and one before them
# is preferred to one a character nearer the middle.
_TITLE_WORDS = ("关于", "重点任务", "落实情况", "有关事项", "工作", "催办通知", "情况", "通报", "通知")
_TITLE_DATES = r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?|第[一二三四]季度|[上下]半年)?"


def title_lines(text: str) -> list[str]:
    """`text` as one line, or as lines of at most TITLE_CHARS, balanced, upper lines longer."""
    if _width(text) <= TITLE_CHARS:
        return [text]
    parts = -(-_width(text) // TITLE_CHARS)
    target = _width(text) / parts
    lines: list[str] = []
    rest = text
    while len(lines) < parts - 1:
        cut = _best_cut(rest, target)
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest]


def _best_cut(text: str, target: float) -> int:
    """Where to break: the allowed place whose upper part is nearest `target` wide, not narrower."""
    found = [m for w in (*_TITLE_WORDS, _TITLE_DATES) for m in re.finditer(w, text)]
    inside = {i for m in found for i in range(m.start() + 1, m.end())}
    starts = {m.start() for m in found}
    best, best_cost = len(text) - 1, float("inf")
    for i in range(1, len(text)):
        if i in inside:
            continue
        if (
            text[i] in "，。、；：）》”’」』！？"
            or (text[i - 1].isdigit() and text[i].isdigit())
            or text[i - 1] in "（《“‘「『"
        ):
            continue
        width = _width(text[:i])
        cost = abs(width - target) + (0.5 if width < target else 0) - (1.5 if i in starts else 0)
        if cost < best_cost:
            best, best_cost = i, cost
    return best


def indents(signature: float, date: float) -> tuple[float, float]:
    """Right indents (characters) of the 署名 and the 成文日期, of those widths: the 署名 two in from the
    edge and the date starting two right of it; a date too long for that two in, the 署名 left of it."""
    date_indent = signature - date
    if date_indent >= 2:
        return 2, date_indent
    return date + 4 - signature, 2


def _width(text: str) -> float:
    """Width in 三号 characters: Chinese full, Arabic numerals and Latin letters half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)


def _numeric(value: str) -> bool:
    return value.replace(".", "", 1).replace("%", "").isdigit()


def _name_fonts(fonts: object, name: str) -> None:
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), name)  # type: ignore[attr-defined]
    for key in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(key), None)  # type: ignore[attr-defined]


def _run_properties(font: str, size: object) -> object:
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    _name_fonts(fonts, font)
    rpr.append(fonts)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(size.pt * 2)))  # type: ignore[attr-defined]
        rpr.append(el)
    return rpr


def _chars(paragraph: Paragraph, key: str, chars: float) -> None:
    """An indent in characters (w:firstLineChars, w:rightChars: hundredths of a character)."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn(f"w:{key}"), str(int(chars * 100)))
    # Readers without character units: the same in twips of a 三号 character.
    plain = {"firstLineChars": "w:firstLine", "rightChars": "w:right", "leftChars": "w:left"}[key]
    ind.set(qn(plain), str(int(chars * 320)))


def _off_grid(paragraph: Paragraph) -> None:
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    _place(paragraph._p.get_or_add_pPr(), snap, _PPR_ORDER)


def _bottom_rule(paragraph: Paragraph) -> None:
    """The 红头's red line: a bottom border on the 发文字号's paragraph, 4 mm (≈ 11 pt) below it."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "11"), ("w:color", "FF0000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    _place(ppr, borders, _PPR_ORDER)


# The order the schema gives an element's children (Word refuses a document out of order).
_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
_RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
_SECT_ORDER = [
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
]


def _place(parent: Any, child: Any, order: list[str]) -> Any:
    """Insert `child` among `parent`'s children where `order` puts it; return it."""
    rank = order.index(child.tag.rpartition("}")[2])
    for existing in parent:
        name = existing.tag.rpartition("}")[2]
        if name in order and order.index(name) > rank:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child
