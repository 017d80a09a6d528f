"""Completion views: a task's units × deadlines matrix, and each unit's tally."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from gpstd.model import Scoring
from gpstd.obligations.scores import score
from gpstd.obligations.summary import Matrix, UnitTally
from gpstd.progress.evidence import listed
from gpstd.render.grid import Cell, Column, paint, table, width
from gpstd.render.tables import Screen

MARKS = {
    "ontime": ("✓", "done"),
    "late": ("✓迟", "soon"),
    "overdue": ("逾期", "overdue"),
    "today": ("待办", "today"),
    "soon": ("待办", None),
    "later": ("待办", None),
}
NOT_ITS_PART = "—"
LEGEND = (
    "图例：✓ 按时完成  ✓迟 逾期后完成  逾期 已过到期日未完成\n      待办 未到期未完成  — 不是该单位的事项"
)
MAX_COLUMNS = 8
EMPTY = "没有符合条件的到期事项"


def matrix(view: Matrix, screen: Screen) -> str:
    if not view.deadlines:
        return f"任务 {view.task_id}：{EMPTY}\n"
    shown = list(range(len(view.deadlines)))[-MAX_COLUMNS:]
    out = paint(f"任务 {view.task_id} 完成情况", "bold", screen.color) + "\n"
    for block in _blocks(view, shown, screen.width):
        columns = [
            Column("单位", max_width=30),
            *(Column(view.deadlines[i].due.isoformat(), wrap=False) for i in block),
        ]
        body: list[list[Cell | str]] = [[unit, *(_mark(view, unit, i) for i in block)] for unit in view.units]
        body.append(["（事项）", *("已全部完成" if view.done(i) else "未完成" for i in block)])
        out += table(columns, body, screen.width, screen.color)
    hidden = len(view.deadlines) - len(shown)
    proofs = listed(
        r
        for i in shown
        for unit in view.units
        if (ob := view.cells.get((unit, i))) and (r := ob.counted(view.today))
    )
    if proofs:
        out += paint("佐证材料：", "bold", screen.color) + "\n" + "".join(f"  {line}\n" for line in proofs)
    notes = [LEGEND] + ([f"较早的 {hidden} 期未显示，可用 --after 指定起始日期"] if hidden else [])
    return out + paint("\n".join(notes), "dim", screen.color) + "\n"


def _blocks(view: Matrix, shown: list[int], total: int) -> list[list[int]]:
    """As many date columns side by side as fit the screen; the rest in further tables below."""
    first = max([width("单位"), *(width(u) for u in view.units)]) + 4
    blocks: list[list[int]] = [[]]
    used = first
    for i in shown:
        need = 13  # a date and its frame
        if blocks[-1] and used + need > total:
            blocks.append([])
            used = first
        blocks[-1].append(i)
        used += need
    return blocks


def _mark(view: Matrix, unit: str, index: int) -> Cell:
    state = view.state(unit, index)
    if state is None:
        return Cell(NOT_ITS_PART, "dim")
    mark, style = MARKS.get(state.code, ("待办", None))
    return Cell(mark, style)


def tally(
    rows: list[UnitTally], screen: Screen, weights: Scoring | None = None, limit: int | None = None
) -> str:
    """Each unit's counts; with `weights` (status --score) also its score, and how it is worked out.
    `limit`: the first units only; the 合计 row still counts every unit."""
    if not rows:
        return EMPTY + "\n"
    keys = ("ontime", "late", "overdue", "pending")
    body: list[list[Cell | str]] = [
        [r.unit, *(str(getattr(r, k)) for k in keys), *_score_cells(r, weights)] for r in rows[:limit]
    ]
    total = UnitTally(0, "合计", *(sum(getattr(r, k) for r in rows) for k in keys))
    body.append(
        [Cell("合计", "bold"), *(str(getattr(total, k)) for k in keys), *_score_cells(total, weights)]
    )
    headings = ("按时完成", "逾期完成", "逾期未完成", "待办") + (("得分",) if weights else ())
    columns = [Column("单位", max_width=30), *(Column(h, align="right", wrap=False) for h in headings)]
    note = "逾期完成、逾期未完成都算逾期；待办为尚未到期的事项。"
    if weights:
        note += (
            f"\n得分：已到期事项的平均分，按时完成 {weights.ontime:g} 分、逾期完成 {weights.late:g} 分、"
            f"逾期未完成 {weights.overdue:g} 分（登记册 meta.scoring）；没有已到期事项的记作 —。"
        )
    return (
        table(columns, body, screen.width, screen.color, title="各单位完成情况")
        + paint(note, "dim", screen.color)
        + "\n"
    )


def _score_cells(row: UnitTally, weights: Scoring | None) -> list[Cell | str]:
    if weights is None:
        return []
    value = score(row, weights)
    return ["—" if value is None else f"{value:.1f}"]


def matrix_json(view: Matrix) -> list[dict[str, Any]]:
    """One object per deadline: `id` (the task), `due`, `text`, `done`, and each unit's part."""
    out = []
    for index, occ in enumerate(view.deadlines):
        units = []
        for unit in view.units:
            ob = view.cells.get((unit, index))
            if ob is None:
                continue
            record = ob.counted(view.today)
            units.append(
                {
                    "unit": unit,
                    "role": ob.role,
                    "via": ob.owner.via,
                    "state": _legacy(ob.state(view.today).code),
                    "code": ob.state(view.today).code,
                    "label": ob.state(view.today).label,
                    "done": record.done.isoformat() if record else None,
                    "note": record.note if record else None,
                    "recorded_by": record.recorded_by if record else None,
                    "evidence": list(record.evidence) if record else [],
                }
            )
        out.append(
            {
                "id": view.task_id,
                "due": occ.due.isoformat(),
                "text": occ.text,
                "done": view.done(index),
                "units": units,
            }
        )
    return out


def _legacy(code: str) -> str:
    """`state` as status --json gave it before: ontime / late / overdue / pending."""
    return code if code in ("ontime", "late", "overdue") else "pending"


def tally_json(rows: list[UnitTally], weights: Scoring | None = None) -> list[dict[str, Any]]:
    """One object per unit; with `weights` also `score` (null when nothing fell due)."""
    if weights is None:
        return [asdict(r) for r in rows]
    return [asdict(r) | {"score": score(r, weights)} for r in rows]
