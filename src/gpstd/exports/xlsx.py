"""The register as an Excel/WPS workbook (openpyxl) that prints like the source table.

Sheet 重点任务清单: the title, then the source columns plus 下一期限 and 状态, frozen
header, wrapped text, widths sized for Chinese, landscape A4 fitted to the page width
with the header row repeated on every page. Sheet 全部期限: every deadline by date.
A text cell that a spreadsheet would run as a formula (= + - @ …) is written as an explicit
string with the quote prefix, the hidden apostrophe Excel/WPS set when one types '=…: the
cell shows and gives back its text unchanged and is never calculated.

openpyxl writes the workbook -- styles, sheets, title, header, print setup -- in its write-only
mode, and the data rows are written here as SpreadsheetML text into each sheet's `sheetData`, with
the style ids openpyxl registered for them: at 10,000 tasks (300,000 cells) openpyxl's cell objects
took three times the whole budget of an export. Every cell of a row is written, empty ones too, so
the grid has its borders.

Row heights are written here, since LibreOffice keeps a row without one at the default height
(wrapped lines then print over the next row). Each cell's text is broken into lines as the
application breaks it: 宋体 sets every Chinese character one em wide and Latin characters half
an em, the widths `gpstd.render.grid` counts; lines break by the Chinese rules (no “）。” at a
line's start), and a column's width in Excel's units holds about 0.9 half-ems of 11 pt 宋体 (a
unit is the width of a digit of the default 11 pt font, 7 px; half an em of 11 pt is 7.3 px,
and the cell's padding takes some). The count of characters this replaces left rows holding a
line of only “）。” and clipped long cells in a real 宋体 (issue 18); LibreOffice measures every
row of the exported workbook in tests/exports/test_xlsx.py.

Printing: margins leave the footer room inside the bottom margin, and pages count per sheet.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from typing import Any

from gpstd.exports.selection import Selection
from gpstd.exports.table import Cell, Table, is_formula_like, ledger_table, occurrence_table, task_table

FONT = "宋体"
TITLE_HEIGHT = 32  # points: a merged cell is never sized by the application
LINE_HEIGHT = 14.5  # points a line of 11 pt 宋体 takes in a row (Excel: 14.25)
ROW_PADDING = 4.0  # points above and below the lines
HALF_EMS_PER_UNIT = 0.9  # 11 pt 宋体 half-ems a unit of column width holds, padding taken off
# Inches. Excel's "Normal" margins: the footer sits 0.3 in from the paper's edge inside a 0.75 in
# bottom margin, so it is never cut (a footer margin of 0.5 in a 0.6 in margin left it 0.1 in).
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.75, "bottom": 0.75, "header": 0.3, "footer": 0.3}
FOOTER = "&A　第 &P 页"
PAPER_A4 = 9  # ECMA-376 paperSize
STATUS_FILLS = {"overdue": "FFC7CE", "soon": "FFEB9C", "later": "C6EFCE", "done": "DDEBF7"}
CENTERED = {"序号", "方案项目", "下一期限", "状态", "期限", "周期性"}

# (min, max) widths in Excel character units; a Chinese character counts 2.
WIDTHS = {
    "序号": (6, 6),
    "责任单位": (14, 24),
    "工作任务": (24, 48),
    "完成时间及方式": (20, 36),
    "方案项目": (9, 9),
    "下一期限": (12, 12),
    "期限": (12, 12),
    "期限条款": (16, 32),
    "办理事项": (12, 28),
    "报送对象": (10, 18),
    "执行单位": (10, 14),
    "周期性": (7, 7),
    "推定": (6, 6),
    "状态": (14, 16),
    "已交单位": (12, 30),
    "未交单位": (12, 30),
    "单位": (14, 24),
    "角色": (8, 24),
    "应完成事项": (16, 36),
    "完成日期": (12, 12),
    "备注": (10, 24),
    "登记人": (8, 12),
}


def build(sel: Selection, ledger: bool = False) -> bytes:
    """The workbook as .xlsx bytes: the list as the source lays it out and every deadline, or
    (`ledger`) the ledger, a row per unit and deadline."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    wb.properties.title = sel.register.meta.title
    wb.properties.creator = "gpstd"
    for style in _named_styles():
        wb.add_named_style(style)
    tables: list[tuple[Table, str | None]]
    if ledger:
        tables = [(ledger_table(sel), f"{sel.register.meta.title}（工作台账）")]
    else:
        tables = [(task_table(sel), sel.register.meta.title), (occurrence_table(sel), None)]
    for table, _title in tables:
        _refuse_overlong(table)
    rows = [_fill_sheet(wb, table, title) for table, title in tables]
    buffer = io.BytesIO()
    wb.save(buffer)
    return _with_rows(buffer.getvalue(), rows)


CELL_LIMIT = 32767  # characters in a cell: Excel reports a longer one as damaged content


def _refuse_overlong(table: Table) -> None:
    """GpstdError for a text longer than a spreadsheet cell holds (a 责任单位 cell naming
    10,000 units): Excel would cut it or call the file damaged; nothing is written."""
    from gpstd.errors import GpstdError

    seq = table.columns.index("序号") if "序号" in table.columns else None
    for row in table.rows:
        for index, value in enumerate(row):
            if isinstance(value, str) and len(value) > CELL_LIMIT:
                which = f"序号 {row[seq]} 的" if seq is not None else ""
                raise GpstdError(
                    f"{which}「{table.columns[index]}」有 {len(value)} 个字符，超过表格单元格的上限 "
                    f"{CELL_LIMIT}，Excel/WPS 会截断或报告文件损坏；未导出。请改用 gpstd export csv 或 json"
                )


def _with_rows(book: bytes, rows: list[bytes]) -> bytes:
    """The workbook openpyxl wrote, each sheet's data rows put at the end of its sheetData."""
    import zipfile

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(book)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            for number, sheet_rows in enumerate(rows, start=1):
                if info.filename == f"xl/worksheets/sheet{number}.xml":
                    head, end, tail = data.rpartition(b"</sheetData>")
                    assert end, info.filename
                    data = head + sheet_rows + end + tail
            target.writestr(info, data)
    return out.getvalue()


def _named_styles() -> list[Any]:
    """Named styles, registered once: setting one per cell is ten times cheaper than
    building fonts, borders and alignments per cell."""
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill

    def style(
        name: str,
        horizontal: str,
        fill: str | None = None,
        bold: bool = False,
        number_format: str = "General",
    ) -> Any:
        named = NamedStyle(name=name, number_format=number_format)
        named.font = Font(name=FONT, size=11, bold=bold)
        named.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        named.border = _border()
        if fill:
            named.fill = PatternFill("solid", fgColor=fill)
        return named

    styles = [
        style("gpstd-header", "center", "D9D9D9", bold=True),
        style("gpstd-left", "left"),
        style("gpstd-center", "center"),
        style("gpstd-date", "center", number_format="yyyy-mm-dd"),
    ]
    styles += [style(f"gpstd-{code}", "center", fill) for code, fill in STATUS_FILLS.items()]
    return styles


def _fill_sheet(wb: Any, table: Table, title: str | None) -> bytes:
    """One sheet: layout, title and header by openpyxl; its data rows returned as SpreadsheetML."""
    ws = wb.create_sheet(table.title)
    ncols = len(table.columns)
    header_row = 2 if title else 1
    widths = _widths(table)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[_letter(index)].width = width
    last = header_row + len(table.rows)
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{_letter(ncols)}{max(last, header_row)}"
    _print_setup(ws, header_row)
    if title:
        ws.merged_cells.add(f"A1:{_letter(ncols)}1")
        ws.row_dimensions[1].height = TITLE_HEIGHT
        ws.append([_title_cell(ws, title)])
    ws.row_dimensions[header_row].height = _height(table.columns, widths)
    ws.append([_cell(ws, name, "gpstd-header") for name in table.columns])
    return _rows(table, header_row + 1, widths, _style_ids(ws))


def _style_ids(ws: Any) -> dict[tuple[str, bool], int]:
    """(named style, quote prefix) → its index in the workbook's cell formats, registered now."""
    from openpyxl.cell import WriteOnlyCell

    ids = {}
    names = ["gpstd-left", "gpstd-center", "gpstd-date", *(f"gpstd-{code}" for code in STATUS_FILLS)]
    for name in names:
        for quoted in (False, True):
            cell = WriteOnlyCell(ws)
            cell.style = name
            cell.quotePrefix = quoted
            ids[(name, quoted)] = cell.style_id
    return ids


def _rows(table: Table, first: int, widths: list[float], ids: dict[tuple[str, bool], int]) -> bytes:
    """The table's rows as SpreadsheetML `<row>` elements, from row `first`."""
    letters = [_letter(i) for i in range(1, len(table.columns) + 1)]
    plain = _column_styles(table.columns)
    status = table.columns.index("状态") if "状态" in table.columns else -1
    # A long table repeats its texts (unit names, a task's text on each of its deadlines): each
    # cell's markup and line count is worked out once per text.
    markup: dict[tuple[Cell, int], str] = {}
    counts: dict[tuple[Cell, int], int] = {}
    out = []
    for number, (row, state) in enumerate(zip(table.rows, table.states), start=first):
        code = state.coarse
        cells = []
        tallest = 1
        for index, value in enumerate(row):
            name = plain[index]
            if index == status and code in STATUS_FILLS:
                name = f"gpstd-{code}"
            elif isinstance(value, dt.date):
                name = "gpstd-date"
            style = ids[(name, is_formula_like(value))]
            tail = markup.get((value, style))
            if tail is None:
                tail = markup[(value, style)] = _cell_xml(value, style)
            cells.append(f'<c r="{letters[index]}{number}"{tail}')
            found = counts.get((value, index))
            if found is None:
                found = counts[(value, index)] = lines(value, widths[index])
            tallest = max(tallest, found)
        height = tallest * LINE_HEIGHT + ROW_PADDING
        out.append(f'<row r="{number}" ht="{height:g}" customHeight="1">{"".join(cells)}</row>')
    return "".join(out).encode("utf-8")


_EPOCH = dt.date(1899, 12, 30)  # day 0 of a spreadsheet's date numbers (1900 date system)


def _cell_xml(value: Cell, style: int) -> str:
    """A cell's markup after its reference (`<c r="A3"` comes before)."""
    if value is None or value == "":
        return f' s="{style}"/>'
    if isinstance(value, dt.date):
        return f' s="{style}"><v>{(value - _EPOCH).days}</v></c>'
    if isinstance(value, int):
        return f' s="{style}"><v>{value}</v></c>'
    return f' s="{style}" t="inlineStr"><is><t xml:space="preserve">{_xml_text(value)}</t></is></c>'


def _xml_text(value: str) -> str:
    """Text for an XML element: markup escaped, CR kept as a reference (a parser would make a raw
    one LF), characters XML cannot hold dropped."""
    text = str(_clean(value))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _title_cell(ws: Any, title: str) -> Any:
    from openpyxl.styles import Alignment, Font

    cell = _cell(ws, title, None)
    cell.font = Font(name=FONT, size=16, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def _cell(ws: Any, value: Cell, style: str | None) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, _clean(value))
    if style is not None:
        cell.style = style
    if is_formula_like(value):  # text like any other: never a formula
        cell.data_type = "s"  # openpyxl made "=…" a formula
        cell.quotePrefix = True
    return cell


def _column_styles(columns: tuple[str, ...]) -> list[str]:
    return ["gpstd-center" if name in CENTERED else "gpstd-left" for name in columns]


def _print_setup(ws: Any, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    # Each sheet counts its own pages (LibreOffice would go on counting from the sheet before).
    ws.page_setup.firstPageNumber = 1
    ws.page_setup.useFirstPageNumber = True
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    for side, inches in MARGINS.items():
        setattr(ws.page_margins, side, inches)
    ws.oddFooter.center.text = FOOTER


def _border() -> Any:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="000000")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _clean(value: Cell) -> Cell:
    """Control characters XML cannot hold (openpyxl would refuse the whole workbook)."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub("", value))


def display_width(text: str) -> int:
    """Width in Excel character units: full-width (Chinese) characters count 2."""
    from gpstd.render.grid import width

    return width(text)


def _as_text(value: Cell) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _widths(table: Table) -> list[float]:
    widths = []
    for index, name in enumerate(table.columns):
        low, high = WIDTHS.get(name, (8, 30))
        texts = {_as_text(row[index]) for row in table.rows}  # a long table repeats its texts
        longest = max((display_width(line) for text in texts for line in text.split("\n")), default=0)
        widths.append(float(min(high, max(low, longest + 2, display_width(name) + 2))))
    return widths


def _height(values: tuple[Cell, ...], widths: list[float]) -> float:
    """Points for a row: its tallest cell's lines, as the application breaks them."""
    return max((lines(v, w) for v, w in zip(values, widths)), default=1) * LINE_HEIGHT + ROW_PADDING


def lines(value: Cell, width: float) -> int:
    """The lines a cell's text takes in a column `width` units wide, in 11 pt 宋体."""
    text = _as_text(value)
    room = int(width * HALF_EMS_PER_UNIT)
    if text.isascii() and "\n" not in text and len(text) <= room:
        return 1
    return _lines(text, room)


@functools.lru_cache(maxsize=65536)  # a long register repeats its texts and unit names
def _lines(text: str, room: int) -> int:
    from gpstd.render.grid import wrap

    return max(1, len(wrap(text, max(room, 2))))
