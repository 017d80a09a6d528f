"""Completion views: a task's units × occurrences matrix, and the summary per unit.

On a terminal these are rich tables with colour as a second channel; piped, they are
plain aligned text (no box drawing) that diff, grep and e-mail keep intact. `*_json`
return the stable machine form.
"""

from __future__ import annotations

import json
from typing import Any

from gpstd.progress import Matrix, UnitSummary

MARKS = {"ontime": ("✓", "green"), "late": ("✓迟", "yellow"), "overdue": ("逾期", "bold red"),
         "pending": ("待办", "")}
NOT_ITS_PART = "—"
LEGEND = "图例：✓ 按时完成  ✓迟 逾期后完成  逾期 已过到期日未完成  待办 未到期未完成  — 不是该单位的事项"
MAX_COLUMNS = 8
SUMMARY_HEADERS = ("单位", "按时完成", "逾期完成", "逾期未完成", "待办")
EMPTY = "没有符合条件的到期事项"


def matrix(view: Matrix, terminal: bool) -> Any:
    if not view.occurrences:
        return f"任务 {view.task_id}：{EMPTY}\n"
    shown = list(range(len(view.occurrences)))[-MAX_COLUMNS:]
    header = ["单位", *(view.occurrences[i].due.isoformat() for i in shown)]
    rows = [[unit, *(_mark(view, unit, i) for i in shown)] for unit in view.units]
    done = ["已全部完成" if view.done(i) else "未完成" for i in shown]
    rows.append(["（事项）", *done])
    title = f"任务 {view.task_id} 完成情况"
    hidden = len(view.occurrences) - len(shown)
    notes = [LEGEND] + ([f"较早的 {hidden} 期未显示，可用 --after 指定起始日期"] if hidden else [])
    return _table(title, header, rows, notes, terminal)


def _mark(view: Matrix, unit: str, index: int) -> str:
    cell = view.cells.get((unit, index))
    return NOT_ITS_PART if cell is None else MARKS[cell.state][0]


def summary(rows: list[UnitSummary], terminal: bool) -> Any:
    if not rows:
        return EMPTY + "\n"
    body = [[r.unit, str(r.ontime), str(r.late), str(r.overdue), str(r.pending)] for r in rows]
    totals = [sum(getattr(r, k) for r in rows) for k in ("ontime", "late", "overdue", "pending")]
    body.append(["合计", *map(str, totals)])
    note = "逾期完成、逾期未完成都算逾期；待办为尚未到期的事项。"
    return _table("各单位完成情况", list(SUMMARY_HEADERS), body, [note], terminal)


def _table(title: str, header: list[str], rows: list[list[str]], notes: list[str],
           terminal: bool) -> Any:
    if not terminal:
        return _plain(title, header, rows, notes)
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_header=True, header_style="bold", pad_edge=False)
    for name in header:
        table.add_column(name, no_wrap=True)
    styles = {mark: style for mark, style in MARKS.values()}
    for row in rows:
        table.add_row(row[0], *(Text(cell, style=styles.get(cell, "")) for cell in row[1:]))
    return Group(table, *(Text(n, style="dim") for n in notes))


def _plain(title: str, header: list[str], rows: list[list[str]], notes: list[str]) -> str:
    from rich.cells import cell_len

    widths = [max(cell_len(row[c]) for row in [header, *rows]) for c in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell + " " * (w - cell_len(cell)) for cell, w in zip(cells, widths)).rstrip()

    return "\n".join([title, line(header), *(line(r) for r in rows), *notes]) + "\n"


def matrix_json(view: Matrix) -> str:
    occurrences = []
    for index, occ in enumerate(view.occurrences):
        units = [_state_json(view.cells[(u, index)]) for u in view.units if (u, index) in view.cells]
        occurrences.append({"due": occ.due.isoformat(), "text": occ.text, "done": view.done(index),
                            "units": units})
    return json.dumps({"task": view.task_id, "occurrences": occurrences}, ensure_ascii=False, indent=2)


def _state_json(cell: Any) -> dict[str, Any]:
    record = cell.record
    return {"unit": cell.unit, "state": cell.state,
            "done": record.done.isoformat() if record else None,
            "note": record.note if record else None,
            "recorded_by": record.recorded_by if record else None}


def summary_json(rows: list[UnitSummary]) -> str:
    from dataclasses import asdict

    return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2)
