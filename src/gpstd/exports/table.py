"""The register as rows and columns, shared by the xlsx and CSV exports; CSV itself.

Two tables: `task_table` laid out like the source list (序号, 责任单位, 工作任务,
完成时间及方式, 方案项目) plus the computed 下一期限 and 状态, and `occurrence_table`
with every deadline in the window by date (the 全部期限 sheet). 状态 says 已完成 for a
deadline the progress file records as done (for a task: its next, or else last, deadline).

Spreadsheets run cells that start with = + - @ (and tab or CR, which some of them
strip first) as formulas. The tables hold the text as it is; `to_csv` passes every cell
through `neutralise`, which prefixes such a cell with an apostrophe, as OWASP recommends
for CSV injection (CSV has no other way to say "this is text"). The xlsx export instead
stores such a cell as a string with the hidden quote prefix (see `gpstd.exports.xlsx`),
so the text stays intact and imports back unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from gpstd.exports import STATUS_LABELS, Selection

Cell = str | dt.date | int | None

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

TASK_COLUMNS = ("序号", "责任单位", "工作任务", "完成时间及方式", "方案项目", "下一期限", "状态")
OCCURRENCE_COLUMNS = (
    "期限",
    "序号",
    "责任单位",
    "工作任务",
    "期限条款",
    "办理事项",
    "报送对象",
    "执行单位",
    "周期性",
    "状态",
)


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: Sequence[tuple[Cell, ...]]
    statuses: list[str]
    """Per row, the status code (overdue/soon/later/none/done), for colouring."""


def neutralise(value: Cell) -> Cell:
    """A text cell a spreadsheet would run as a formula, made inert by a leading apostrophe."""
    if is_formula_like(value):
        return "'" + str(value)
    return value


def is_formula_like(value: Cell) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def task_table(sel: Selection) -> Table:
    rows, statuses = [], []
    for task in sel.tasks:
        shown = sel.shown_due(task)
        code = sel.task_state(task)
        c = task.cells
        rows.append(
            (
                c.seq,
                c.responsible,
                c.task,
                c.deadline,
                c.section,
                shown.due if shown else None,
                STATUS_LABELS[code],
            )
        )
        statuses.append(code)
    return Table("重点任务清单", TASK_COLUMNS, rows, statuses)


def occurrence_table(sel: Selection) -> Table:
    rows, statuses = [], []
    for occ in sel.occurrences:
        task = sel.task(occ.task_id)
        code = sel.occurrence_state(occ)
        rows.append(
            (
                occ.due,
                task.cells.seq,
                task.cells.responsible,
                task.cells.task,
                occ.text,
                occ.action,
                occ.recipient,
                occ.by,
                "是" if occ.recurring else "否",
                STATUS_LABELS[code],
            )
        )
        statuses.append(code)
    return Table("全部期限", OCCURRENCE_COLUMNS, rows, statuses)


def to_csv(table: Table, bom: bool = True) -> bytes:
    """RFC 4180 CSV (CRLF, fields quoted when needed), UTF-8, with a BOM so Excel/WPS read
    Chinese correctly unless `bom` is False."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows([[_text(neutralise(c)) for c in row] for row in table.rows])
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
