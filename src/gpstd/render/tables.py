"""What the terminal shows for each view: deadlines, tasks, a unit's tasks, one task, the lists.

Every function takes the rows a query made (`gpstd.query`) and a `Screen` (width, colour, today)
and returns text; nothing here decides a date or a state. States are always written in words
(逾期3天, 今天到期, 5天内 …); colour only repeats them, so the legend is shown only with colour.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from gpstd.days import cn_date
from gpstd.model import Group, Register, ScheduleItem, Task, Unit
from gpstd.obligations import Obligation, State
from gpstd.obligations.owners import ROLE_NAMES
from gpstd.obligations.states import CODE_LABELS
from gpstd.progress.record import Record
from gpstd.query import DeadlineRow, TaskRow, Timeline
from gpstd.render.grid import Cell, Column, Section, pad, paint, table, wrap
from gpstd.schedule.workdays import day_off, uncovered, weekday

EMPTY = "没有符合条件的事项"
EMPTY_TASKS = "没有符合条件的任务"
_STATE_STYLE = {
    "ontime": "done",
    "late": "done",
    "overdue": "overdue",
    "today": "today",
    "soon": "soon",
    "later": "later",
    "ongoing": "dim",
    "irregular": "dim",
    "unscheduled": "dim",
}
KIND_NAMES = {"dated": "定期", "recurring": "周期", "start": "起始", "ongoing": "长期", "irregular": "不定期"}


@dataclass(frozen=True)
class Screen:
    width: int
    color: bool
    today: dt.date


@functools.lru_cache(maxsize=4096)
def state_cell(state: State) -> Cell:
    return Cell(state.label, _STATE_STYLE[state.code])


@functools.lru_cache(maxsize=4096)
def due_cell(due: dt.date) -> Cell:
    off = day_off(due)
    return Cell(f"{due.isoformat()} {weekday(due)}" + (f" 休:{off}" if off else ""))


def _what(row: DeadlineRow, task: Task) -> str:
    """What is due: the clause's action, else the task itself; a date the register assumed says so."""
    text = row.occurrence.action or task.cells.task
    return text + ("（推定日期）" if row.item.assumed else "")


def _who(row: DeadlineRow, task: Task, unit: str | None) -> str:
    if unit is not None:
        names = "、".join(o.unit for o in row.owners) or unit
        return names + (f"\n经「{row.via}」" if row.via else "")
    named = row.item.by or "、".join(task.units.all)
    owed = len(row.owners)
    if owed <= 1 or (not row.done and not row.state.done and len(row.late) in (0, owed)):
        return named + (f"（{owed}个单位）" if owed > 1 and named.count("、") + 1 != owed else "")
    if row.state.done:
        return f"{named}（{owed}个单位均已完成）"
    shown = "、".join(row.waiting[:6]) + (f" 等{len(row.waiting)}个" if len(row.waiting) > 6 else "")
    return f"{named}\n已完成 {row.done}/{owed}，{'逾期未交' if row.late else '待交'}：{shown}"


def deadlines(
    register: Register, rows: Sequence[DeadlineRow], screen: Screen, unit: str | None = None
) -> str:
    """Deadlines in one table, a row across it where each month begins."""
    columns = [
        Column("期限", min_width=10),
        Column("状态", min_width=6),
        Column("编号", align="right", wrap=False),
        Column("责任单位", min_width=10, max_width=36),
        Column("应完成事项", min_width=12, max_width=48),
    ]
    body: list[Sequence[Cell | str] | Section] = []
    for (year, month), group in groupby(rows, key=lambda r: (r.due.year, r.due.month)):
        body.append(Section(f"{year}年{month}月"))
        for row in group:
            task = register.task(row.task_id)
            assert task is not None
            body.append(
                [
                    due_cell(row.due),
                    state_cell(row.state),
                    str(row.task_id),
                    _who(row, task, unit),
                    _what(row, task),
                ]
            )
    return table(columns, body, screen.width, screen.color) + footer(register, screen, [r.due for r in rows])


def _next_cell(row: TaskRow) -> Cell:
    if row.shown is None:
        return state_cell(row.state)
    assumed = "（推定日期）" if row.task.schedule[row.shown.item].assumed else ""
    return Cell(f"{row.shown.due.isoformat()} {row.state.label}{assumed}", _STATE_STYLE[row.state.code])


def tasks(register: Register, rows: Sequence[TaskRow], screen: Screen) -> str:
    columns = [
        Column("编号", align="right", wrap=False),
        Column("项目", wrap=False),
        Column("责任单位", min_width=8, max_width=24),
        Column("工作任务", min_width=12, max_width=40),
        Column("完成时间及方式", min_width=12, max_width=36),
        Column("下一期限", min_width=10),
    ]
    body: list[Sequence[Cell | str]] = [
        [
            str(r.task.id),
            r.task.cells.section,
            r.task.cells.responsible,
            r.task.cells.task,
            r.task.cells.deadline,
            _next_cell(r),
        ]
        for r in rows
    ]
    return table(columns, body, screen.width, screen.color) + footer(register, screen, _next_days(rows))


def _next_days(rows: Iterable[TaskRow]) -> list[dt.date]:
    return [r.next.due for r in rows if r.next is not None]


def unit_tasks(register: Register, entry: Unit | Group, rows: Sequence[TaskRow], screen: Screen) -> str:
    kind = entry.kind if isinstance(entry, Unit) else "集合称谓"
    columns = [
        Column("编号", align="right", wrap=False),
        Column("角色", min_width=4, max_width=14),
        Column("途径", min_width=8),
        Column("工作任务", min_width=12, max_width=44),
        Column("下一期限", min_width=10),
    ]
    body: list[Sequence[Cell | str]] = []
    for r in rows:
        owner = r.owner
        role = ROLE_NAMES[owner.role] if owner else "—"
        via = f"经「{owner.via}」" if owner and owner.via else "直接"
        body.append([str(r.task.id), role, via, r.task.cells.task, _next_cell(r)])
    return table(columns, body, screen.width, screen.color, title=f"{entry.name}（{kind}）") + footer(
        register, screen, _next_days(rows)
    )


def reading(item: ScheduleItem) -> str:
    """A schedule item's reading in words: 截止2020年11月30日; 每年11月30日，2021年1月1日起 …"""
    from gpstd.schedule.recurrence import describe_rule

    if item.kind == "dated" and item.due:
        bits = [f"截止{cn_date(item.due)}" + (f"（{cn_date(item.start)}起）" if item.start else "")]
    elif item.kind == "recurring" and item.rrule:
        bits = [describe_rule(item.rrule)]
        if item.start:
            bits.append(f"{cn_date(item.start)}起")
        if item.until:
            bits.append(f"至{cn_date(item.until)}")
    elif item.kind == "start" and item.start:
        bits = [f"{cn_date(item.start)}起持续开展"]
    else:
        bits = [KIND_NAMES[item.kind]]
    if item.by:
        bits.append(f"由{item.by}执行")
    if item.action:
        bits.append(f"事项：{item.action}")
    if item.assumed:
        bits.append("推定：原文未定具体日期" + (f"（{item.note}）" if item.note else ""))
    return "；".join(bits)


def _remarks(record: Record | None) -> str:
    """The ledger's 备注: the record's note and its evidence."""
    if record is None:
        return ""
    parts = [record.note] if record.note else []
    if record.evidence:
        parts.append("佐证：" + "；".join(record.evidence))
    return "；".join(parts)


def show(
    register: Register,
    task: Task,
    shown: Sequence[DeadlineRow],
    screen: Screen,
    owners: Sequence[tuple[str, str]],
    proofs: Sequence[str] = (),
) -> str:
    """One task: its five cells, the units, the schedule read in words, its deadlines and the
    evidence recorded for them."""
    label_width = 14
    lines = [paint(f"任务 {task.id}", "bold", screen.color)]
    fields = [
        ("序号", task.cells.seq),
        ("责任单位", task.cells.responsible),
        ("工作任务", task.cells.task),
        ("完成时间及方式", task.cells.deadline),
        ("方案项目", task.cells.section),
        ("牵头单位", "、".join(task.units.lead) or "—"),
        ("配合单位", "、".join(task.units.cooperating) or "—"),
    ]
    if task.note:
        fields.append(("说明", task.note))

    for label, value in fields:
        for n, line in enumerate(wrap(value, max(screen.width - label_width - 2, 20))):
            lines.append(
                pad(label if n == 0 else "", label_width, "left", "bold" if n == 0 else None, screen.color)
                + "  "
                + line
            )
    out = "\n".join(lines) + "\n"
    schedule: list[Sequence[Cell | str]] = [[KIND_NAMES[i.kind], i.text, reading(i)] for i in task.schedule]
    out += table(
        [
            Column("类型", wrap=False),
            Column("原文", min_width=10, max_width=40),
            Column("解读", min_width=12, max_width=60),
        ],
        schedule,
        screen.width,
        screen.color,
        title="时间安排",
    )
    if not shown:
        kinds = dict.fromkeys(
            KIND_NAMES[i.kind] for i in task.schedule if i.kind in ("ongoing", "irregular", "start")
        )
        return out + (f"该任务没有具体期限（{'/'.join(kinds)}）。\n" if kinds else "该任务没有具体期限。\n")
    body: list[Sequence[Cell | str]] = [
        [due_cell(r.due), state_cell(r.state), _what(r, task), f"{r.done}/{len(r.owners)}"] for r in shown
    ]
    out += table(
        [
            Column("期限", min_width=10),
            Column("状态", min_width=6),
            Column("应完成事项", min_width=12, max_width=50),
            Column("完成", align="right", wrap=False),
        ],
        body,
        screen.width,
        screen.color,
        title="期限（最近的过去和接下来的）",
    )
    if owners:
        out += (
            paint("责任单位：", "bold", screen.color) + "；".join(f"{u}（{why}）" for u, why in owners) + "\n"
        )
    if proofs:
        out += paint("佐证材料：", "bold", screen.color) + "\n" + "".join(f"  {line}\n" for line in proofs)
    return out + footer(register, screen, [r.due for r in shown])


def units_table(register: Register, counts: dict[str, int], via: dict[str, int], screen: Screen) -> str:
    """Each unit's tasks named directly and those reaching it through a collective term."""
    body: list[Sequence[Cell | str]] = [
        [u.name, u.kind, "、".join(u.aliases), str(counts.get(u.name, 0)), str(via.get(u.name, 0))]
        for u in register.units
    ]
    body += [
        [g.name, "集合称谓", "、".join(g.aliases), str(counts.get(g.name, 0)), "—"] for g in register.groups
    ]
    columns = [
        Column("名称", max_width=30),
        Column("类别", wrap=False),
        Column("别名", max_width=30),
        Column("直接任务数", align="right", wrap=False),
        Column("经集合称谓", align="right", wrap=False),
    ]
    return table(columns, body, screen.width, screen.color)


def sections_table(rows: list[tuple[str, int]], screen: Screen) -> str:
    return table(
        [Column("方案项目", wrap=False), Column("任务数", align="right", wrap=False)],
        [[f"（{s}）", str(n)] for s, n in rows],
        screen.width,
        screen.color,
    )


def timeline(plan: Timeline, screen: Screen) -> str:
    """Rows are tasks, columns months: the deadlines in each cell (✓ when all are done), totals below."""
    months = plan.months
    first, last = months[0], months[-1]
    title = f"各月期限分布（{first[0]}年{first[1]}月—{last[0]}年{last[1]}月）"
    heads = [f"{y % 100}年{m}" if i == 0 or m == 1 else str(m) for i, (y, m) in enumerate(months)]
    columns = [
        Column("编号", align="right", wrap=False),
        *(Column(h, align="center", wrap=False) for h in heads),
        Column("合计", align="right", wrap=False),
    ]
    totals = [0] * len(months)
    body: list[Sequence[Cell | str] | Section] = []
    for task_id in sorted(plan.counts):
        row, done = plan.counts[task_id], plan.done[task_id]
        totals = [a + b for a, b in zip(totals, row)]
        body.append([str(task_id), *(_month_cell(n, d) for n, d in zip(row, done)), str(sum(row))])
    body.append(Section(""))
    body.append([Cell("合计", "bold"), *(str(n) for n in totals), str(sum(totals))])
    note = "每格为该月到期的次数；“·”表示没有" + (
        "；“✓”表示该月的期限都已完成。" if any(any(d) for d in plan.done.values()) else "。"
    )
    return (
        table(columns, body, screen.width, screen.color, title=title)
        + paint(note, "dim", screen.color)
        + "\n"
    )


def _month_cell(n: int, done: int) -> Cell:
    if n == 0:
        return Cell("·", "dim")
    if done == n:
        return Cell("✓", "done")
    return Cell("●" if n == 1 else str(n), "later")


def footer(register: Register, screen: Screen, shown: Iterable[dt.date] = ()) -> str:
    """Below a view: the legend (only where colour carries it), what today is, and what the
    register's period is when today lies past it."""
    days = list(shown)
    lines = []
    if screen.color:
        lines.append(
            "图例："
            + " ".join(
                paint(f"● {CODE_LABELS[c]}", _STATE_STYLE[c], True)
                for c in ("overdue", "today", "soon", "later", "ontime")
            )
        )
    lines.append(f"今天为 {screen.today.isoformat()}；“休”指周末或法定节假日。")
    missing = uncovered(days)
    if missing:  # a flag that silently vanished would read as "a working day"
        lines.append(f"{year_spans(missing)}年的法定节假日尚无数据，只标出周末。")
    period = period_note(register, screen.today)
    if period:
        lines.append(period)
    return paint("\n".join(lines), "dim", screen.color) + "\n"


def year_spans(years: list[int]) -> str:
    """Sorted years as runs: 2027、2029—2031 (a view today in 2999 names 973 years in one line)."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return "、".join(str(r[0]) if len(r) == 1 else f"{r[0]}—{r[-1]}" for r in runs)


def period_note(register: Register, today: dt.date) -> str | None:
    """Where today is past every dated deadline the register names: say the register is an old plan,
    and how to look at it as of its own time."""
    dated = [i.due for t in register.tasks for i in t.schedule if i.due]
    if not dated or today <= max(dated) + dt.timedelta(days=90):
        return None
    start = register.meta.start
    return (
        f"注意：本登记册是 {start.year}年{start.month}月起的计划，最后一个具体期限为 {max(dated)}；"
        f"各期逾期天数按今天计。要看当时的情况，可加 --today，例如 --today {start.year}-11-01。"
    )


def ledger(register: Register, obligations: Sequence[Obligation], screen: Screen) -> str:
    """The ledger: a section per unit, a row per deadline it owes, its state and record."""
    columns = [
        Column("期限", min_width=10),
        Column("编号", align="right", wrap=False),
        Column("应完成事项", min_width=12, max_width=44),
        Column("角色", min_width=4, max_width=14),
        Column("状态", min_width=6),
        Column("完成日期", wrap=False),
        Column("备注", min_width=6, max_width=24),
    ]
    body: list[Sequence[Cell | str] | Section] = []
    for unit, group in groupby(obligations, key=lambda ob: ob.unit):
        body.append(Section(unit))
        for ob in group:
            task = register.task(ob.occurrence.task_id)
            assert task is not None
            item = task.schedule[ob.occurrence.item]
            what = (ob.occurrence.action or task.cells.task) + ("（推定日期）" if item.assumed else "")
            role = ROLE_NAMES[ob.role] + (f"·经{ob.owner.via}" if ob.owner.via else "")
            record = ob.counted(screen.today)
            body.append(
                [
                    due_cell(ob.occurrence.due),
                    str(task.id),
                    what,
                    role,
                    state_cell(ob.state(screen.today)),
                    record.done.isoformat() if record else "",
                    _remarks(record),
                ]
            )
    return table(columns, body, screen.width, screen.color) + footer(
        register, screen, [o.occurrence.due for o in obligations]
    )
