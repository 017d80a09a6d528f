"""Makes list.doc, the Word 97–2003 fixture of tests/importer/test_import.py: a document laid out
with python-docx and saved as .doc by LibreOffice (`soffice --convert-to doc`), as a real client
writes the format. Run from this folder: `python make_doc.py` (needs soffice).

It holds what real lists hold: a title before the table, a unit merged over two rows, a section
row merged across the table, a cell of two paragraphs, and a link (a field in Word's format).
tracked.doc (and tracked.docx, the same before LibreOffice saves it) holds a list edited with
changes tracked: in a deadline cell 12月底前 deleted and 6月底前 inserted."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

HERE = Path(__file__).resolve().parent


def main() -> None:
    document = docx.Document()
    document.add_paragraph("某某区政务公开重点任务清单")
    rows = [
        ["序号", "责任单位", "工作任务", "完成时间", "方案项目"],
        ["1", "区财政局", "做好预算公开。", "2021年3月31日前", "（一）"],
        ["2", "", "做好决算公开。", "每季度末", "（一）"],
        ["二、公开平台", "", "", "", ""],
        ["3", "各镇（街）", "建设公开专区，", "长期", "（二）"],
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 1).merge(table.cell(2, 1)).text = "区财政局"
    table.cell(3, 0).merge(table.cell(3, 4)).text = "二、公开平台"
    cell = table.cell(4, 2)
    cell.add_paragraph("完善服务机制。")
    link = parse_xml(
        f"<w:fldSimple {nsdecls('w')} w:instr=' HYPERLINK \"http://www.example.gov.cn/\" '>"
        "<w:r><w:t>见政务公开专栏</w:t></w:r></w:fldSimple>"
    )
    cell.add_paragraph()._p.append(link)
    save_as_doc(document, "list")
    tracked = docx.Document()
    rows = [
        ["序号", "责任单位", "工作任务", "完成时间", "方案项目"],
        ["1", "区审计局", "审计结果公开。", "2023年", "（一）"],
    ]
    table = tracked.add_table(rows=2, cols=5)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    change = 'w:id="{}" w:author="某某" w:date="2023-05-01T00:00:00Z"'
    paragraph = table.cell(1, 3).paragraphs[0]._p
    paragraph.append(
        parse_xml(
            f"<w:del {nsdecls('w')} {change.format(1)}><w:r><w:delText>12月底前</w:delText></w:r></w:del>"
        )
    )
    paragraph.append(
        parse_xml(f"<w:ins {nsdecls('w')} {change.format(2)}><w:r><w:t>6月底前</w:t></w:r></w:ins>")
    )
    tracked.save(HERE / "tracked.docx")
    save_as_doc(tracked, "tracked")


def save_as_doc(document: object, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{name}.docx"
        document.save(source)  # type: ignore[attr-defined]
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "doc", "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
        )
        shutil.copy(Path(tmp) / f"{name}.doc", HERE / f"{name}.doc")


if __name__ == "__main__":
    main()
