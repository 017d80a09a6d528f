"""Render the real task lists in ``tests/corpus/lists/*.yaml`` as the files a user receives.

Each list becomes five files, ``<key>.docx``, ``<key>.xlsx``, ``<key>.html``, ``<key>.txt`` and ``<key>.csv``:

* docx: the title as a centred paragraph, then one table: the header row(s), group rows as one
  cell merged across the table, and merged cells where the list merges them (python-docx);
* xlsx: a title row merged across all columns, the header, the rows and the same merges (openpyxl);
* html: the table inside a typical government web page (site header and navigation, breadcrumb
  ``当前位置：首页 > 政务公开 > …``, article title, ``发布时间：… 来源：…``, footer with 主办单位 and
  ICP备案), written in the charset the list's ``html_charset`` names (gb2312 or utf-8) and declared in
  a ``<meta>`` tag;
* txt: tab-separated rows as Excel/WPS "save as text" writes them (UTF-8, CRLF line ends, a cell
  holding a tab, line break or ``"`` is quoted with the quote doubled; a merged cell's text only in
  its top-left cell; the title line first);
* csv: comma-separated rows as Excel/WPS "CSV (逗号分隔)" writes them on Chinese Windows (GB 18030, no BOM,
  CRLF line ends, quoting as the txt, the title row padded with commas).

A list whose stored page had no title (``title: null``) is rendered without one. The page chrome
of the html (site name, navigation, ICP number) is generic and not taken from the source page.

Only python-docx, openpyxl and the standard library are used to write the files; the YAML files are
read with PyYAML, which the project already depends on. Run ``python render_lists.py OUT_DIR`` to
render every list into OUT_DIR.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

LISTS_DIR = Path(__file__).resolve().parent / "lists"
FORMATS = ("docx", "xlsx", "html", "txt", "csv")

Merge = tuple[int, int, int, int]  # first row, first col, last row, last col (inclusive), table coordinates


# --------------------------------------------------------------------------- layout


def layout(spec: dict) -> tuple[list[list[str]], list[str], list[Merge]]:
    """The table as a grid: rows of cell texts (a merged area repeats its text in every cell it
    covers), the kind of each row ("header", "group" or "data") and the merged areas."""
    header = [list(r) for r in spec["header"]]
    ncols = len(header[0])
    rows: list[list[str]] = []
    kinds: list[str] = []
    merges: list[Merge] = []
    for h in header:
        rows.append(list(h))
        kinds.append("header")
    for r0, c0, rs, cs in spec.get("header_spans") or []:
        text = rows[r0][c0]
        for r in range(r0, r0 + rs):
            for c in range(c0, c0 + cs):
                rows[r][c] = text
        merges.append((r0, c0, r0 + rs - 1, c0 + cs - 1))
    merge_down = set(spec.get("merge_down") or [])
    open_runs: dict[int, int] = {}  # column -> first row of the run that is still growing
    prev: dict | None = None
    for item in spec["rows"]:
        r = len(rows)
        if "group" in item:
            rows.append([item["group"]] * ncols)
            kinds.append("group")
            merges.append((r, 0, r, ncols - 1))
            open_runs = {}
            prev = None
            continue
        cells = [str(c) for c in item["cells"]]
        if len(cells) != ncols:
            raise ValueError(f"{spec['key']}: row {r} has {len(cells)} cells, the header {ncols}")
        explicit = set(item.get("merged_above") or [])
        for c in range(ncols):
            cont = prev is not None and (
                c in explicit or (c in merge_down and cells[c] == prev["cells"][c] and cells[c] != "")
            )
            if cont:
                if cells[c] != str(prev["cells"][c]):
                    raise ValueError(f"{spec['key']}: row {r} col {c} is merged with the row above but differs")
                open_runs.setdefault(c, r - 1)
            elif c in open_runs:
                merges.append((open_runs.pop(c), c, r - 1, c))
        rows.append(cells)
        kinds.append("data")
        prev = item
    last = len(rows) - 1
    for c, start in open_runs.items():
        merges.append((start, c, last, c))
    return rows, kinds, merges


def _covered(merges: list[Merge]) -> set[tuple[int, int]]:
    """Cells inside a merged area other than its top-left cell."""
    out = set()
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    out.add((r, c))
    return out


def _site(spec: dict) -> str:
    place = re.sub(r"（[^）]*）", "", spec.get("place") or "")
    return f"{place}人民政府" if place else "政府门户网站"


# --------------------------------------------------------------------------- docx


def _east_asian(run, name: str) -> None:
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _set_cell_text(cell, text: str, bold: bool = False) -> None:
    lines = text.split("\n")
    paragraphs = cell.paragraphs
    for extra in paragraphs[1:]:  # a merge leaves the covered cells' paragraphs behind
        extra._element.getparent().remove(extra._element)
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        run = p.add_run(line)
        run.bold = bold
        run.font.size = Pt(10.5)
        _east_asian(run, "仿宋_GB2312")


def _render_docx(spec: dict, path: Path) -> None:
    rows, kinds, merges = layout(spec)
    ncols = len(rows[0])
    doc = Document()
    if spec.get("title"):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(spec["title"])
        run.bold = True
        run.font.size = Pt(16)
        _east_asian(run, "方正小标宋简体")
    table = doc.add_table(rows=len(rows), cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, kind in enumerate(kinds):  # header rows repeat on every page, as in the originals
        if kind == "header":
            trpr = table.rows[r]._tr.get_or_add_trPr()
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            trpr.append(el)
    for r0, c0, r1, c1 in merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    covered = _covered(merges)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            _set_cell_text(table.cell(r, c), text, bold=kinds[r] != "data")
    doc.save(str(path))


# --------------------------------------------------------------------------- xlsx


def _render_xlsx(spec: dict, path: Path) -> None:
    rows, kinds, merges = layout(spec)
    ncols = len(rows[0])
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    offset = 1
    if spec.get("title"):
        cell = ws.cell(row=1, column=1, value=spec["title"])
        cell.font = Font(name="方正小标宋简体", size=16, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
        ws.row_dimensions[1].height = 36
        offset = 2
    covered = _covered(merges)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = ws.cell(row=r + offset, column=c + 1)
            cell.border = border
            if (r, c) in covered or text == "":
                continue
            # a sequence number typed into Excel is a number
            cell.value = int(text) if kinds[r] == "data" and re.fullmatch(r"[1-9][0-9]{0,3}", text) else text
            cell.alignment = Alignment(wrap_text=True, vertical="center",
                                       horizontal="center" if kinds[r] != "data" or len(text) <= 12 else "left")
            if kinds[r] != "data":
                cell.font = Font(bold=True)
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(start_row=r0 + offset, start_column=c0 + 1, end_row=r1 + offset, end_column=c1 + 1)
    for c in range(ncols):
        longest = max(len(row[c]) for row in rows)
        ws.column_dimensions[get_column_letter(c + 1)].width = max(8, min(60, longest * 2 // 3 + 4))
    wb.save(str(path))


# --------------------------------------------------------------------------- html

_HTML_STYLE = """\
body{margin:0;font-family:"Microsoft YaHei","SimSun",sans-serif;background:#f3f3f3;color:#333}
.header{background:#b40000;color:#fff;padding:10px 40px}
.site-name{font-size:26px;font-weight:bold;letter-spacing:2px}
.nav{list-style:none;margin:8px 0 0;padding:0}
.nav li{display:inline;margin-right:24px}.nav a{color:#fff;text-decoration:none}
.main{width:1100px;margin:0 auto;background:#fff;padding:10px 30px 30px}
.breadcrumb{font-size:13px;border-bottom:1px solid #ddd;padding:8px 0}
.article-title{text-align:center;font-size:22px;margin:24px 0 10px}
.article-info{text-align:center;font-size:13px;color:#666;border-bottom:1px dashed #ccc;padding-bottom:10px}
.article-content table{border-collapse:collapse;margin:16px auto}
.article-content td{border:1px solid #000;padding:4px 6px;font-size:14px}
.footer{text-align:center;font-size:12px;color:#666;padding:20px}
"""


def _render_html(spec: dict, path: Path) -> None:
    rows, kinds, merges = layout(spec)
    charset = (spec.get("html_charset") or "utf-8").lower()
    covered = _covered(merges)
    anchors = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in merges}
    site = _site(spec)
    esc = html.escape
    title = spec.get("title")
    out = io.StringIO()
    w = out.write
    w("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
      "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n")
    w("<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n")
    if charset == "utf-8":
        w("<meta charset=\"utf-8\">\n")
    else:
        w(f"<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\n")
    w(f"<title>{esc(title or '信息公开')}_{esc(site)}</title>\n")
    w(f"<style type=\"text/css\">\n{_HTML_STYLE}</style>\n")
    w("<script type=\"text/javascript\">var _siteId = \"0000\"; /* 访问统计 */</script>\n")
    w("</head>\n<body>\n")
    w("<div class=\"header\">\n")
    w(f"  <div class=\"site-name\">{esc(site)}</div>\n")
    w("  <ul class=\"nav\">\n")
    for label, href in (("首页", "/"), ("政务公开", "/zwgk/"), ("政务服务", "/zwfw/"),
                        ("互动交流", "/hdjl/"), ("走进本地", "/zjbd/")):
        w(f"    <li><a href=\"{href}\">{label}</a></li>\n")
    w("  </ul>\n</div>\n")
    w("<div class=\"main\">\n")
    w("<div class=\"breadcrumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; "
      "<a href=\"/zwgk/zdgz/\">重点工作</a></div>\n")
    w("<div class=\"article\">\n")
    if title:
        w(f"<h1 class=\"article-title\">{esc(title)}</h1>\n")
    info = []
    if spec.get("issued"):
        info.append(f"发布时间：{spec['issued']}")
    if spec.get("publisher"):
        info.append(f"来源：{esc(spec['publisher'])}")
    info.append("字号：[大 中 小]")
    w(f"<div class=\"article-info\">{'&nbsp;&nbsp;&nbsp;&nbsp;'.join(info)}</div>\n")
    w("<div class=\"article-content\">\n")
    w("<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"100%\">\n<tbody>\n")
    for r, row in enumerate(rows):
        w("<tr>")
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            attrs = ""
            if (r, c) in anchors:
                rs, cs = anchors[(r, c)]
                if rs > 1:
                    attrs += f" rowspan=\"{rs}\""
                if cs > 1:
                    attrs += f" colspan=\"{cs}\""
            body = esc(text).replace("\n", "<br />")
            if kinds[r] == "header":
                w(f"<td{attrs} align=\"center\"><strong>{body}</strong></td>")
            elif kinds[r] == "group":
                w(f"<td{attrs}><strong>{body}</strong></td>")
            else:
                w(f"<td{attrs}>{body}</td>")
        w("</tr>\n")
    w("</tbody>\n</table>\n</div>\n</div>\n")
    w("<div class=\"share\">【<a href=\"javascript:window.print()\">打印本页</a>】【<a href=\"javascript:window.close()\">关闭窗口</a>】</div>\n")
    w("</div>\n")
    owner = spec.get("publisher") or site
    w(f"<div class=\"footer\"><p>主办单位：{esc(owner)}&nbsp;&nbsp;&nbsp;&nbsp;ICP备案：X ICP备00000000号</p>"
      "<p>本页由测试语料渲染生成，页面框架为通用样式</p></div>\n")
    w("</body>\n</html>\n")
    path.write_bytes(out.getvalue().encode(charset))  # strict: a character outside the charset is an error


# --------------------------------------------------------------------------- txt


def _render_txt(spec: dict, path: Path) -> None:
    path.write_bytes(_delimited(spec, "\t").encode("utf-8"))


def _render_csv(spec: dict, path: Path) -> None:
    path.write_bytes(_delimited(spec, ",").encode("gb18030"))


def _delimited(spec: dict, delimiter: str) -> str:
    rows, _kinds, merges = layout(spec)
    ncols = len(rows[0])
    covered = _covered(merges)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, quotechar='"', quoting=csv.QUOTE_MINIMAL,
                        doublequote=True, lineterminator="\r\n")
    if spec.get("title"):
        writer.writerow([spec["title"]] + [""] * (ncols - 1))
    for r, row in enumerate(rows):
        writer.writerow(["" if (r, c) in covered else text for c, text in enumerate(row)])
    return buf.getvalue()


# --------------------------------------------------------------------------- entry points

_RENDERERS = {
    "docx": _render_docx,
    "xlsx": _render_xlsx,
    "html": _render_html,
    "txt": _render_txt,
    "csv": _render_csv,
}


def render(spec: dict, fmt: str, out_dir: Path) -> Path:
    """Write one list (a parsed YAML file) in one format into ``out_dir``; return the file's path."""
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{spec['key']}.{fmt}"
    _RENDERERS[fmt](spec, path)
    return path


def load_specs(lists_dir: Path = LISTS_DIR) -> list[dict]:
    """Every list YAML in ``lists_dir``, sorted by file name."""
    import yaml  # PyYAML, a dependency of the project

    specs = []
    for f in sorted(Path(lists_dir).glob("*.yaml")):
        spec = yaml.safe_load(f.read_text(encoding="utf-8"))
        if isinstance(spec.get("issued"), dt.date):
            spec["issued"] = spec["issued"].isoformat()
        specs.append(spec)
    return specs


def render_all(out_dir: Path) -> list[Path]:
    """Render every list in every format into ``out_dir``."""
    return [render(spec, fmt, out_dir) for spec in load_specs() for fmt in FORMATS]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python render_lists.py OUT_DIR")
    for p in render_all(Path(sys.argv[1])):
        print(p)
