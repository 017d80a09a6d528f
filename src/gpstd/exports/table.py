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

from gpstd.exports.selection import Selection
from gpstd.model import Task
from gpstd.obligations import State
from gpstd.schedule.occurrences import Occurrence

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
    "推定",
    "状态",
    "已完成单位",
    "未完成单位",
)
LEDGER_COLUMNS = (
    "单位",
    "角色",
    "期限",
    "序号",
    "工作任务",
    "应完成事项",
    "状态",
    "完成日期",
    "备注",
    "登记人",
    "佐证材料",
)


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: Sequence[tuple[Cell, ...]]
    states: list[State]
    """Per row, its state, for colouring."""


def neutralise(value: Cell) -> Cell:
    """A text cell a spreadsheet would run as a formula, made inert by a leading apostrophe."""
    if is_formula_like(value):
        return "'" + str(value)
    return value


def is_formula_like(value: Cell) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def task_table(sel: Selection) -> Table:
    rows, states = [], []
    for task in sel.tasks:
        row = sel.rows[task.id]
        c = task.cells
        rows.append(
            (
                c.seq,
                c.responsible,
                c.task,
                c.deadline,
                c.section,
                row.shown.due if row.shown else None,
                row.state.label + _assumed(task, row.shown),
            )
        )
        states.append(row.state)
    return Table("重点任务清单", TASK_COLUMNS, rows, states)


def _assumed(task: Task, shown: Occurrence | None) -> str:
    """The 下一期限 column holds a date a spreadsheet can sort; a date the register assumed says so
    beside it, in 状态."""
    return "（推定日期）" if shown is not None and task.schedule[shown.item].assumed else ""


def occurrence_table(sel: Selection) -> Table:
    rows, states = [], []
    for r in sel.deadlines:
        occ, task = r.occurrence, sel.task(r.task_id)
        done = [o.unit for o in r.owners if o.unit not in r.waiting]
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
                "是" if r.item.assumed else "",
                r.state.label,
                "、".join(done),
                "、".join(r.waiting),
            )
        )
        states.append(r.state)
    return Table("全部期限", OCCURRENCE_COLUMNS, rows, states)


def ledger_table(sel: Selection) -> Table:
    """The ledger (工作台账): a row per unit and deadline, grouped by unit."""
    from gpstd.obligations.owners import ROLE_NAMES
    from gpstd.units import ids

    order = ids(sel.register)
    parts = sel.ledger.unit_parts([r.occurrence for r in sel.deadlines], sel.unit)
    parts.sort(key=lambda ob: (order.get(ob.unit, len(order)), ob.occurrence.due, ob.occurrence.task_id))
    rows, states = [], []
    for ob in parts:
        task, occ, record, state = (
            sel.task(ob.occurrence.task_id),
            ob.occurrence,
            ob.counted(sel.today),
            ob.state(sel.today),
        )
        assumed = "（推定日期）" if task.schedule[occ.item].assumed else ""
        rows.append(
            (
                ob.unit,
                ROLE_NAMES[ob.role] + (f"（经{ob.owner.via}）" if ob.owner.via else ""),
                occ.due,
                task.cells.seq,
                task.cells.task,
                (occ.action or occ.text) + assumed,
                state.label,
                record.done if record else None,
                record.note if record else None,
                record.recorded_by if record else None,
                "；".join(record.evidence) if record and record.evidence else None,
            )
        )
        states.append(state)
    return Table("工作台账", LEDGER_COLUMNS, rows, states)


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
