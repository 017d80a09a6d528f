"""The register as one self-contained web page: the context, and the page rendered from it.

`context()` is plain data (what each row, section and month shows, as of `today`, with every state
from the selection's ledger as for every export); `render()` fills the Jinja2 template with
autoescaping on, so nothing from the register can become markup. The page loads nothing: its
CSS and JS are inline in the template.

A page for the public shows the plan itself unless the office asks for states (`with_status`):
without progress records every past deadline would read 逾期, which says nothing about the work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gpstd.exports.selection import Selection
from gpstd.model import Register
from gpstd.obligations import State
from gpstd.obligations.states import CODE_LABELS
from gpstd.progress.evidence import classify, url_problem

TEMPLATE = "page.html.j2"

# A state's class on the page → (label, symbol): the text says what the colour says.
STATUS = {
    "overdue": (CODE_LABELS["overdue"], "●"),
    "soon": ("即将到期", "▲"),
    "later": (CODE_LABELS["later"], "○"),
    "ongoing": ("长期", "—"),
    "irregular": ("不定期", "—"),
    "unscheduled": (CODE_LABELS["unscheduled"], "—"),
    "done": ("已完成", "✓"),
}


# Rows and entries hold the strings the template writes, worked out here: at 10,000 tasks the
# template's attribute lookups through models were half the page's time.


@dataclass(slots=True)
class Row:
    id: int
    seq: str
    responsible: str
    cooperating: str
    text: str
    deadline: str
    units: str  # " 3 7 ": indexes into Context.units, for the filter
    next_due: str | None  # ISO date
    status: str
    label: str
    symbol: str
    recurring: bool
    assumed: bool
    """The next deadline is the register's reading of a date the source does not fix."""


@dataclass(slots=True)
class Entry:
    """One deadline in the calendar."""

    due: str  # ISO date
    day: str  # 11月30日
    task_id: int
    seq: str
    text: str
    recurring: bool
    assumed: bool
    """The register's reading of a date the source does not fix (每季度 → the quarter's end)."""
    status: str
    label: str
    symbol: str
    units: str
    evidence: list[tuple[str, str | None]] = field(default_factory=list)
    """What the progress records give as evidence: (text shown, link where it is a web address)."""


@dataclass
class Section:
    key: str
    label: str
    rows: list[Row]


@dataclass
class Month:
    key: str  # 2020-08
    label: str  # 2020年8月
    entries: list[Entry] = field(default_factory=list)
    current: bool = False
    """The month the calendar opens on: this month, else the nearest one with deadlines."""


@dataclass
class Context:
    register: Register
    today: dt.date
    sections: list[Section]
    units: list[tuple[str, str]]  # (filter value, unit or group name)
    months: list[Month]
    counts: dict[str, int]
    statuses: dict[str, tuple[str, str]]
    filtered: str | None = None
    with_status: bool = False
    """States (逾期, 已完成 …) on the page: only when the office asks for them."""
    source: str = ""
    """The source document, as the public knows it."""

    @property
    def total(self) -> int:
        return sum(len(s.rows) for s in self.sections)


def page_status(state: State) -> str:
    """The page's class of a state: overdue, soon (today's too), later, done, ongoing, irregular,
    unscheduled."""
    if state.done:
        return "done"
    return "soon" if state.code == "today" else state.code


def context(sel: Selection, filtered: str | None = None, with_status: bool = False) -> Context:
    """What the page shows, as of `sel.today`: the plan, and with `with_status` every task's and
    deadline's state from the selection's ledger."""
    register = sel.register
    entries = register.entries()
    owners = sel.ledger.owners
    positions: dict[str, list[int]] = {}
    for i, e in enumerate(entries):
        positions.setdefault(e.name, []).append(i)
    reach: dict[int, list[str]] = {}
    for task in sel.tasks:
        owing = owners.of_task(task)
        named = {o.unit for o in owing} | {o.via for o in owing if o.via}
        reach[task.id] = [str(i) for i in sorted(i for n in named for i in positions.get(n, ()))]
    rows = {}
    for task in sel.tasks:
        row = sel.rows[task.id]
        status = page_status(row.state)
        label = row.state.label if status not in ("done",) else "已完成"
        c = task.cells
        rows[task.id] = Row(
            task.id,
            c.seq or str(task.id),
            c.responsible,
            "、".join(task.units.cooperating),
            c.task,
            c.deadline,
            f" {' '.join(reach[task.id])} ",
            row.shown.due.isoformat() if row.shown else None,
            status,
            label,
            STATUS[status][1],
            bool(row.shown and row.shown.recurring),
            bool(row.shown and task.schedule[row.shown.item].assumed),
        )
    used = sorted({int(i) for units in reach.values() for i in units})
    sections = [
        Section(key, f"（{key}）", [rows[t.id] for t in sel.tasks if t.section == key])
        for key in register.meta.sections
    ]
    counts: dict[str, int] = {}
    for r in rows.values():
        counts[r.status] = counts.get(r.status, 0) + 1
    return Context(
        register,
        sel.today,
        [s for s in sections if s.rows],
        [(str(i), entries[i].name) for i in used],
        _months(sel, rows),
        counts,
        STATUS,
        filtered,
        with_status,
        public_source(register.meta.source),
    )


def _months(sel: Selection, rows: dict[int, Row]) -> list[Month]:
    """The deadlines by month, each with its state and the evidence recorded for it."""
    proofs: dict[tuple[int, dt.date], list[tuple[str, str | None]]] = {}
    for record in sel.ledger.records:
        for text in record.evidence:
            who = f"{record.unit}：" if record.unit else ""
            href = text if classify(text) == "url" and not url_problem(text) else None
            proofs.setdefault((record.task, record.due), []).append((who + text, href))
    months: dict[str, Month] = {}
    for r in sel.deadlines:
        due = r.due
        key = f"{due.year:04d}-{due.month:02d}"
        month = months.get(key)
        if month is None:
            month = months[key] = Month(key, f"{due.year}年{due.month}月")
        status = page_status(r.state)
        row = rows[r.task_id]
        month.entries.append(
            Entry(
                due.isoformat(),
                f"{due.month}月{due.day}日",
                r.task_id,
                row.seq,
                r.occurrence.text,
                r.occurrence.recurring,
                r.item.assumed,
                status,
                r.state.label if status != "done" else "已完成",
                STATUS[status][1],
                row.units,
                proofs.get((r.task_id, r.due), []),
            )
        )
    found = list(months.values())
    _mark_current(found, sel.today)
    return found


def _mark_current(months: list[Month], today: dt.date) -> None:
    """The month the calendar opens on: today's, else the first after it with deadlines, else the
    last (a plan whose dates have all passed)."""
    if not months:
        return
    key = f"{today:%Y-%m}"
    later = [m for m in months if m.key >= key]
    (later[0] if later else months[-1]).current = True


def public_source(source: str) -> str:
    """The source document without a file path in brackets, which means something in the register's
    repository but not on a public page: 工作方案 附件1（data/sources/x.txt） → 工作方案 附件1."""
    import re

    path = r"[（(]\s*[\w.\-]*(?:/[\w.\-]+)+\.\w{1,5}\s*[)）]"
    return re.sub(r"\s+", " ", re.sub(path, "", source)).strip()


def render(ctx: Context, generated: str | None = None) -> str:
    """The page as HTML text (Jinja2, autoescape on)."""
    from gpstd.templating import render as fill

    return fill(TEMPLATE, ctx=ctx, meta=ctx.register.meta, generated=generated or ctx.today.isoformat())
