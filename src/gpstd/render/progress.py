"""Completion views: a task's units × occurrences matrix, and the summary per unit.

On a terminal these are rich tables with colour as a second channel; piped, they are
plain aligned text (no box drawing) that diff, grep and e-mail keep intact. `*_json`
return the stable machine form.
"""

from __future__ import annotations

import json
from typing import Any

from gpstd.progress.tracker import Matrix, UnitSummary

MARKS = {
    "ontime": ("✓", "green"),
    "late": ("✓迟", "yellow"),
    "overdue": ("逾期", "bold red"),
    "pending": ("待办", ""),
}
NOT_ITS_PART = "—"
LEGEND = (
    "图例：✓ 按时完成  ✓迟 逾期后完成  逾期 已过到期日未完成",  # two lines: 80 columns
    "      待办 未到期未完成  — 不是该单位的事项",
)
MAX_COLUMNS = 8
SUMMARY_HEADERS = ("单位", "按时完成", "逾期完成", "逾期未完成", "待办")
EMPTY = "没有符合条件的到期事项"
WIDTH = 80  # every view must read at 80 columns (issue #4)
GAP = 2  # spaces between columns, piped and on a terminal alike

Block = tuple[list[str], list[list[str]]]  # a header and its rows


def matrix(view: Matrix, terminal: bool) -> Any:
    if not view.occurrences:
        return f"任务 {view.task_id}：{EMPTY}\n"
    shown = list(range(len(view.occurrences)))[-MAX_COLUMNS:]
    labels = ["单位", *view.units, "（事项）"]
    columns = [
        [
            view.occurrences[i].due.isoformat(),
            *(_mark(view, unit, i) for unit in view.units),
            "已全部完成" if view.done(i) else "未完成",
        ]
        for i in shown
    ]
    title = f"任务 {view.task_id} 完成情况"
    hidden = len(view.occurrences) - len(shown)
    notes = [*LEGEND] + ([f"较早的 {hidden} 期未显示，可用 --after 指定起始日期"] if hidden else [])
    return _table(title, _fit(labels, columns), notes, terminal)


def _fit(labels: list[str], columns: list[list[str]]) -> list[Block]:
    """The unit column, then as many date columns as fit in WIDTH; the rest in further blocks
    below, each repeating the unit column (8 dates side by side would need ~140 columns)."""
    from rich.cells import cell_len

    first = max(map(cell_len, labels))
    blocks: list[list[list[str]]] = [[]]
    used = first
    for column in columns:
        width = GAP + max(map(cell_len, column))
        if blocks[-1] and used + width > WIDTH:
            blocks.append([])
            used = first
        blocks[-1].append(column)
        used += width
    return [
        (
            [labels[0], *(c[0] for c in block)],
            [[label, *(c[row] for c in block)] for row, label in enumerate(labels[1:], start=1)],
        )
        for block in blocks
    ]


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
    return _table("各单位完成情况", [(list(SUMMARY_HEADERS), body)], [note], terminal)


def _table(title: str, blocks: list[Block], notes: list[str], terminal: bool) -> Any:
    if not terminal:
        return _plain(title, blocks, notes)
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    styles = {mark: style for mark, style in MARKS.values()}
    tables = []
    for number, (header, rows) in enumerate(blocks):
        # No vertical rules: columns are GAP apart, as in the plain text _fit measured.
        table = Table(
            title=title if number == 0 else None,
            title_justify="left",
            box=box.SIMPLE_HEAD,
            show_header=True,
            header_style="bold",
            pad_edge=False,
            padding=(0, GAP // 2),
        )
        for name in header:
            table.add_column(name, no_wrap=True)
        for row in rows:
            table.add_row(row[0], *(Text(cell, style=styles.get(cell, "")) for cell in row[1:]))
        tables.append(table)
    return Group(*tables, *(Text(n, style="dim") for n in notes))


def _plain(title: str, blocks: list[Block], notes: list[str]) -> str:
    return "\n".join([title, "\n\n".join(_plain_block(*block) for block in blocks), *notes]) + "\n"


def _plain_block(header: list[str], rows: list[list[str]]) -> str:
    from rich.cells import cell_len

    widths = [max(cell_len(row[c]) for row in [header, *rows]) for c in range(len(header))]

    def line(cells: list[str]) -> str:
        return (" " * GAP).join(cell + " " * (w - cell_len(cell)) for cell, w in zip(cells, widths)).rstrip()

    return "\n".join([line(header), *(line(r) for r in rows)])


def matrix_json(view: Matrix) -> str:
    """An array, one object per occurrence: `id` (the task), `due`, `text`, `done`, `units`."""
    occurrences = []
    for index, occ in enumerate(view.occurrences):
        units = [_state_json(view.cells[(u, index)]) for u in view.units if (u, index) in view.cells]
        occurrences.append(
            {
                "id": view.task_id,
                "due": occ.due.isoformat(),
                "text": occ.text,
                "done": view.done(index),
                "units": units,
            }
        )
    return json.dumps(occurrences, ensure_ascii=False, indent=2)


def _state_json(cell: Any) -> dict[str, Any]:
    record = cell.record
    return {
        "unit": cell.unit,
        "state": cell.state,
        "done": record.done.isoformat() if record else None,
        "note": record.note if record else None,
        "recorded_by": record.recorded_by if record else None,
    }


def summary_json(rows: list[UnitSummary]) -> str:
    from dataclasses import asdict

    return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2)
