"""The register as an Excel/WPS workbook (openpyxl) that prints like the source table.

Sheet 重点任务清单: the title, then the source columns plus 下一期限 and 状态, frozen
header, wrapped text, widths sized for Chinese, landscape A4 fitted to the page width
with the header row repeated on every page. Sheet 全部期限: every deadline by date.
A text cell that a spreadsheet would run as a formula (= + - @ …) is written as an explicit
string with the quote prefix, the hidden apostrophe Excel/WPS set when one types '=…: the
cell shows and gives back its text unchanged and is never calculated.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from typing import Any

from gpstd.exports.selection import Selection
from gpstd.exports.table import Cell, Table, is_formula_like, ledger_table, occurrence_table, task_table

FONT = "宋体"
LINE_HEIGHT = 15.0  # points per wrapped line at 11 pt
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

    wb = Workbook()
    wb.properties.title = sel.register.meta.title
    wb.properties.creator = "gpstd"
    for style in _named_styles():
        wb.add_named_style(style)
    if ledger:
        _fill_sheet(wb.active, ledger_table(sel), title=f"{sel.register.meta.title}（工作台账）")
    else:
        _fill_sheet(wb.active, task_table(sel), title=sel.register.meta.title)
        _fill_sheet(wb.create_sheet(), occurrence_table(sel), title=None)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


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


def _style_name(column: str, value: Cell, code: str) -> str:
    if column == "状态" and code in STATUS_FILLS:
        return f"gpstd-{code}"
    if isinstance(value, dt.date):
        return "gpstd-date"
    return "gpstd-center" if column in CENTERED else "gpstd-left"


def _fill_sheet(ws: Any, table: Table, title: str | None) -> None:
    ws.title = table.title
    header_row = 1
    if title:
        _title_row(ws, title, len(table.columns))
        header_row = 2
    widths = _widths(table)
    _header(ws, table.columns, header_row)
    for offset, (row, state) in enumerate(zip(table.rows, table.states), start=1):
        _data_row(ws, header_row + offset, table.columns, row, state.coarse, widths)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[_letter(index)].width = width
    last = header_row + len(table.rows)
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{_letter(len(table.columns))}{max(last, header_row)}"
    _print_setup(ws, header_row)


def _title_row(ws: Any, title: str, ncols: int) -> None:
    from openpyxl.styles import Alignment, Font

    cell = ws.cell(row=1, column=1, value=_clean(title))
    if is_formula_like(title):  # a title is text like any cell: never a formula
        cell.data_type = "s"
        cell.quotePrefix = True
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    cell.font = Font(name=FONT, size=16, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 32


def _header(ws: Any, columns: tuple[str, ...], row: int) -> None:
    for index, name in enumerate(columns, start=1):
        ws.cell(row=row, column=index, value=name).style = "gpstd-header"
    ws.row_dimensions[row].height = 22


def _data_row(
    ws: Any, row: int, columns: tuple[str, ...], values: tuple[Cell, ...], code: str, widths: list[float]
) -> None:
    for index, (name, value) in enumerate(zip(columns, values), start=1):
        cell = ws.cell(row=row, column=index, value=_clean(value))
        cell.style = _style_name(name, value, code)
        if is_formula_like(value):
            cell.data_type = "s"  # openpyxl made "=…" a formula
            cell.quotePrefix = True
    lines = max((_lines(v, w) for v, w in zip(values, widths)), default=1)
    ws.row_dimensions[row].height = max(1, lines) * LINE_HEIGHT + 4


def _print_setup(ws: Any, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


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
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _as_text(value: Cell) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _widths(table: Table) -> list[float]:
    widths = []
    for index, name in enumerate(table.columns):
        low, high = WIDTHS.get(name, (8, 30))
        longest = max(
            (display_width(line) for row in table.rows for line in _as_text(row[index]).split("\n")),
            default=0,
        )
        widths.append(float(min(high, max(low, longest + 2, display_width(name) + 2))))
    return widths


def _lines(value: Cell, width: float) -> int:
    usable = max(1.0, width - 1.5)
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in _as_text(value).split("\n"))
