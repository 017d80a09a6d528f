"""A `Chart` as a native Word chart (DrawingML, the chart part of a .docx).

Word, WPS and LibreOffice draw it themselves, with the document's fonts: vector lines and real
text, sharp in print and Chinese wherever the reader has Chinese fonts (a PNG would carry the
fonts of the machine that drew it, or none). The figures sit in the chart part's caches beside
formulas into a sheet that is not embedded: the chart shows and prints as is, and Word says the
data cannot be edited if one tries -- the figures come from the register, not from a workbook.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Length, Mm

from gpstd.documents.charts import Chart

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


WIDTH = Mm(156)
"""As wide as the 版心."""


def add(doc: Document, chart: Chart, font: str, width: Length = WIDTH, height: Length | None = None) -> None:
    """Append `chart` to `doc` as a paragraph holding the chart."""
    number = sum(1 for p in doc.part.package.iter_parts() if p.content_type == CONTENT_TYPE) + 1
    part = Part(
        PackURI(f"/word/charts/chart{number}.xml"), CONTENT_TYPE, chart_xml(chart, font), doc.part.package
    )
    rid = doc.part.relate_to(part, RT.CHART)
    if height is None:
        height = Mm(min(200, 30 + 7 * len(chart.categories))) if chart.horizontal else Mm(85)
    inline = parse_xml(
        f'<wp:inline distT="0" distB="0" distL="0" distR="0" '
        f'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        f'xmlns:a="{_A}" xmlns:c="{_C}" xmlns:r="{_R}">'
        f'<wp:extent cx="{int(width)}" cy="{int(height)}"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{1000 + number}" name="图表 {number}" descr="{escape(chart.title)}"/>'
        f"<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{_C}"><c:chart r:id="{rid}"/></a:graphicData></a:graphic>'
        f"</wp:inline>"
    )
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.alignment = 1  # centred
    paragraph.paragraph_format.line_spacing_rule = 0  # single: the drawing sets the height
    run = paragraph.add_run()
    drawing = parse_xml('<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    drawing.append(inline)
    run._r.append(drawing)


def _text_properties(font: str, size: int) -> str:
    return (
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size * 100}">'
        f'<a:latin typeface="{escape(font)}"/><a:ea typeface="{escape(font)}"/><a:cs typeface="{escape(font)}"/>'
        f'</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>'
    )


def _column(index: int) -> str:
    return chr(ord("B") + index)


def chart_xml(chart: Chart, font: str) -> bytes:
    """The chart part: a stacked bar chart with the figures in its caches."""
    n = len(chart.categories)
    cats = "".join(f'<c:pt idx="{i}"><c:v>{escape(c)}</c:v></c:pt>' for i, c in enumerate(chart.categories))
    series = []
    for k, s in enumerate(chart.series):
        values = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(s.values))
        col = _column(k)
        series.append(
            f'<c:ser><c:idx val="{k}"/><c:order val="{k}"/>'
            f'<c:tx><c:strRef><c:f>Sheet1!${col}$1</c:f><c:strCache><c:ptCount val="1"/>'
            f'<c:pt idx="0"><c:v>{escape(s.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
            f'<c:spPr><a:solidFill><a:srgbClr val="{s.colour.lstrip("#")}"/></a:solidFill></c:spPr>'
            f'<c:invertIfNegative val="0"/>'
            f"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${n + 1}</c:f><c:strCache>"
            f'<c:ptCount val="{n}"/>{cats}</c:strCache></c:strRef></c:cat>'
            f"<c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${n + 1}</c:f><c:numCache>"
            f'<c:formatCode>General</c:formatCode><c:ptCount val="{n}"/>{values}</c:numCache></c:numRef></c:val>'
            f"</c:ser>"
        )
    direction = "bar" if chart.horizontal else "col"
    # Units listed top to bottom read as in the table: the category axis runs downwards.
    orientation = "maxMin" if chart.horizontal else "minMax"
    cat_pos, val_pos = ("l", "b") if chart.horizontal else ("b", "l")
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<c:chartSpace xmlns:c="{_C}" xmlns:a="{_A}" xmlns:r="{_R}">'
        f'<c:lang val="zh-CN"/><c:roundedCorners val="0"/>'
        f"<c:chart>"
        f'<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1">'
        f'<a:latin typeface="{escape(font)}"/><a:ea typeface="{escape(font)}"/></a:defRPr></a:pPr>'
        f'<a:r><a:rPr lang="zh-CN" sz="1200" b="1"><a:latin typeface="{escape(font)}"/>'
        f'<a:ea typeface="{escape(font)}"/></a:rPr><a:t>{escape(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>'
        f'<c:overlay val="0"/></c:title>'
        f'<c:autoTitleDeleted val="0"/>'
        f"<c:plotArea><c:layout/>"
        f'<c:barChart><c:barDir val="{direction}"/><c:grouping val="stacked"/><c:varyColors val="0"/>'
        f"{''.join(series)}"
        f'<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>'
        f'<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="{orientation}"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{cat_pos}"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        f'<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f"{_text_properties(font, 9)}"
        f'<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        f'<c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{val_pos}"/><c:majorGridlines/>'
        f'<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/>{_text_properties(font, 9)}'
        f'<c:crossAx val="1001"/><c:crosses val="{"max" if chart.horizontal else "autoZero"}"/>'
        f'<c:crossBetween val="between"/><c:majorUnit val="{_major_unit(chart)}"/></c:valAx>'
        f"</c:plotArea>"
        f'<c:legend><c:legendPos val="t"/><c:overlay val="0"/>{_text_properties(font, 9)}</c:legend>'
        f'<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>'
        f"</c:chart>"
        f"{_text_properties(font, 9)}"
        f"</c:chartSpace>"
    )
    return xml.encode("utf-8")


def _major_unit(chart: Chart) -> int:
    top = max(chart.totals(), default=1)
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if top / step <= 8:
            return step
    return max(top // 5, 1)
