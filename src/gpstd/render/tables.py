"""Terminal views with rich: tables aligned for Chinese text, traffic lights with a legend.

Colour is only a second channel: every status is also written out in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from itertools import groupby
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from gpstd.model import Register, Task
from gpstd.query import STATUS_LABELS, Timeline, done_counts, status
from gpstd.schedule.occurrences import Occurrence
from gpstd.schedule.workdays import day_off, uncovered, weekday
from gpstd.units import Assignment

_STYLES = {"overdue": "bold red", "soon": "yellow", "later": "green", "done": "dim"}
STATUS = {key: (STATUS_LABELS[key], style) for key, style in _STYLES.items()}
DoneKeys = Collection[tuple[int, dt.date, int]]  # (task id, due, item), as Tracker.completed
EMPTY = "没有符合条件的任务"


def _table(*columns: str, **kwargs: Any) -> Table:
    kwargs.setdefault("pad_edge", False)
    table = Table(show_header=True, header_style="bold", show_lines=False, expand=False, **kwargs)
    for name in columns:
        table.add_column(name, overflow="fold")
    return table


def status_text(state: str) -> Text:
    label, style = STATUS[state]
    return Text(label, style=style)


def legend(today: dt.date, shown: Iterable[dt.date] = ()) -> Text:
    """The statuses in words, and the years shown whose holidays the calendar does not know."""
    text = Text("图例：")
    for key in ("overdue", "soon", "later", "done"):
        label, style = STATUS[key]
        text.append("● ", style=style).append(label + (" " if key != "done" else ""))
    text.append(f"\n今天为 {today.isoformat()}；“休”指周末或法定节假日。", style="dim")
    missing = uncovered(shown)
    if missing:  # a flag that silently vanished would read as "a working day"
        text.append(f"\n{'、'.join(map(str, missing))}年的法定节假日尚无数据，只标出周末。", style="dim")
    return text


def _units(register: Register, task_id: int) -> str:
    task = register.task(task_id)
    return "、".join(task.units.all) if task else ""


def _units_via(register: Register, task_id: int, via: str | None) -> Text:
    text = Text(_units(register, task_id))
    if via:
        text.append(f"\n经「{via}」", style="dim")
    return text


def _due_cell(due: dt.date) -> Text:
    off = day_off(due)
    text = Text(f"{due.isoformat()} {weekday(due)}")
    if off:
        text.append(f" 休:{off}", style="magenta")
    return text


def occurrences(
    register: Register,
    found: list[Occurrence],
    today: dt.date,
    done: DoneKeys = (),
    via: dict[int, str | None] | None = None,
) -> Group:
    """Occurrences grouped by month, each month a table; `via` labels the collective term each
    task reaches the unit asked about through (as `gpstd unit` does)."""
    parts: list[Any] = []
    for (year, month), occs in groupby(found, key=lambda o: (o.due.year, o.due.month)):
        table = _table(
            "期限",
            "状态",
            "编号",
            "责任单位",
            "应完成事项",
            title=f"{year}年{month}月",
            title_justify="left",
            title_style="bold",
        )
        for occ in occs:
            units = _units_via(register, occ.task_id, (via or {}).get(occ.task_id))
            table.add_row(
                _due_cell(occ.due),
                status_text(_state(occ, today, done)),
                str(occ.task_id),
                units,
                _what(register, occ),
            )
        parts.append(table)
    parts.append(legend(today, (o.due for o in found)))
    return Group(*parts)


def _state(occ: Occurrence, today: dt.date, done: DoneKeys) -> str:
    return "done" if (occ.task_id, occ.due, occ.item) in done else status(occ.due, today)


def _what(register: Register, occ: Occurrence) -> str:
    """What is due: the clause's action, else the task itself (a bare date says nothing)."""
    if occ.action:
        return occ.action
    task = register.task(occ.task_id)
    return task.cells.task if task else occ.text


NextRow = tuple[Occurrence | None, bool]  # the next deadline not done, and whether done ones came first


def tasks(register: Register, rows: list[tuple[Task, NextRow]], today: dt.date) -> Group:
    table = _table("编号", "项目", "责任单位", "工作任务", "完成时间及方式", "下一期限")
    for task, nxt in rows:
        table.add_row(
            str(task.id),
            task.cells.section,
            task.cells.responsible,
            task.cells.task,
            task.cells.deadline,
            _next(nxt, today),
        )
    return Group(table, legend(today, _next_days(rows)))


def _next_days(rows: list[tuple[Any, NextRow]]) -> list[dt.date]:
    return [nxt.due for _row, (nxt, _skipped) in rows if nxt is not None]


def _next(row: NextRow, today: dt.date) -> Text:
    nxt, skipped = row
    if nxt is None:
        return status_text("done") if skipped else Text("—", style="dim")
    label, style = STATUS[status(nxt.due, today)]
    return Text(f"{nxt.due.isoformat()} {label}", style=style)


def unit(register: Register, entry: Any, rows: list[tuple[Assignment, NextRow]], today: dt.date) -> Group:
    title = f"{entry.name}（{getattr(entry, 'kind', '集合称谓')}）"
    table = _table(
        "编号", "角色", "途径", "工作任务", "下一期限", title=title, title_justify="left", title_style="bold"
    )
    for assignment, nxt in rows:
        role = "牵头" if assignment.role == "lead" else "配合"
        via = f"经「{assignment.via}」" if assignment.via else "直接"
        table.add_row(str(assignment.task.id), role, via, assignment.task.cells.task, _next(nxt, today))
    return Group(table, legend(today, _next_days(rows)))


def units_table(register: Register, counts: dict[str, int], via: dict[str, int]) -> Table:
    """Each unit's tasks named directly and those reaching it through a collective term."""
    table = _table("名称", "类别", "别名", "直接任务数", "经集合称谓")
    for u in register.units:
        table.add_row(
            u.name, u.kind, "、".join(u.aliases), str(counts.get(u.name, 0)), str(via.get(u.name, 0))
        )
    for g in register.groups:
        table.add_row(g.name, "集合称谓", "、".join(g.aliases), str(counts.get(g.name, 0)), "—")
    return table


def sections_table(rows: list[tuple[str, int]]) -> Table:
    table = _table("方案项目", "任务数")
    for section, count in rows:
        table.add_row(f"（{section}）", str(count))
    return table


def show(
    register: Register,
    task: Task,
    past: list[Occurrence],
    upcoming: list[Occurrence],
    today: dt.date,
    done: DoneKeys = (),
) -> Group:
    cells = Table.grid(padding=(0, 2))
    cells.add_column(style="bold", no_wrap=True)
    cells.add_column(overflow="fold")
    for label, value in (
        ("序号", task.cells.seq),
        ("责任单位", task.cells.responsible),
        ("工作任务", task.cells.task),
        ("完成时间及方式", task.cells.deadline),
        ("方案项目", task.cells.section),
        ("牵头单位", "、".join(task.units.lead) or "—"),
        ("配合单位", "、".join(task.units.cooperating) or "—"),
    ):
        cells.add_row(label, value)
    if task.note:
        cells.add_row("说明", task.note)
    schedule = _table("类型", "原文", "解读", title="时间安排", title_justify="left", title_style="bold")
    for item in task.schedule:
        schedule.add_row(_KINDS.get(item.kind, item.kind), item.text, _reading(item))
    if not past and not upcoming:  # an empty table (and a legend of statuses) would say nothing
        return Group(Text(f"任务 {task.id}", style="bold"), cells, schedule, Text(_no_deadline(task)))
    occ = _table(
        "期限", "状态", "应完成事项", title="期限（过去与接下来）", title_justify="left", title_style="bold"
    )
    for o in [*past, *upcoming]:
        occ.add_row(_due_cell(o.due), status_text(_state(o, today, done)), o.action or o.text)
    return Group(
        Text(f"任务 {task.id}", style="bold"),
        cells,
        schedule,
        occ,
        legend(today, (o.due for o in [*past, *upcoming])),
    )


def _no_deadline(task: Task) -> str:
    kinds = dict.fromkeys(_KINDS[i.kind] for i in task.schedule if i.kind in ("ongoing", "irregular"))
    return f"该任务没有具体期限（{'/'.join(kinds)}）。" if kinds else "该任务没有具体期限。"


_KINDS = {"dated": "定期", "recurring": "周期", "start": "起始", "ongoing": "长期", "irregular": "不定期"}


def _reading(item: Any) -> str:
    bits = []
    if item.due:
        bits.append(f"截止 {item.due}")
    if item.rrule:
        bits.append(f"规则 {item.rrule}")
    if item.start:
        bits.append(f"自 {item.start} 起")
    if item.action:
        bits.append(f"事项：{item.action}")
    if item.by:
        bits.append(f"由 {item.by}")
    return "；".join(bits) or "—"


def timeline(plan: Timeline, done: DoneKeys = frozenset()) -> Group:
    """Rows are tasks, columns months: the count of deadlines in each cell (✓ when all of
    them are done), totals below."""
    months = plan.months
    first, last = months[0], months[-1]
    # Above the table, not its title: a title wraps at the table's width, mid-date for a few months.
    title = Text(f"各月期限分布（{first[0]}年{first[1]}月—{last[0]}年{last[1]}月）", style="bold")
    # Month numbers only, so twelve columns fit 80; a year's first column carries the year.
    table = _table(
        "编号",
        *[f"{y % 100}年{m}" if i == 0 or m == 1 else str(m) for i, (y, m) in enumerate(months)],
        "合计",
        padding=(0, 1),
    )
    per_task = plan.counts
    finished = done_counts(plan, frozenset(done)) if done else {}
    totals = [0] * len(months)
    for task_id in sorted(per_task):
        row = per_task[task_id]
        totals = [a + b for a, b in zip(totals, row)]
        closed = finished.get(task_id, [0] * len(row))
        table.add_row(str(task_id), *[_cell(n, d) for n, d in zip(row, closed)], str(sum(row)))
    table.add_section()
    table.add_row(
        Text("合计", style="bold"),
        *[Text(str(n), style="bold") for n in totals],
        Text(str(sum(totals)), style="bold"),
    )
    note = "每格为该月到期的次数；“·”表示没有" + ("；“✓”表示该月的期限都已完成。" if finished else "。")
    return Group(title, table, Text(note, style="dim"))


def _cell(n: int, done: int = 0) -> Text:
    if n == 0:
        return Text("·", style="dim")
    if done == n:
        return Text("✓", style="green")
    return Text("●" if n == 1 else str(n), style="cyan")
