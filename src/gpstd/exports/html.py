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
from typing import Any

from gpstd.exports.selection import Selection
from gpstd.model import Register, Task
from gpstd.obligations import State
from gpstd.obligations.states import CODE_LABELS

TEMPLATE = "page.html.j2"

# A state's class on the page → (label, symbol): the text says what the colour says.
STATUS = {
    "overdue": (CODE_LABELS["overdue"], "●"),
    "soon": ("即将到期", "▲"),
    "later": (CODE_LABELS["later"], "○"),
    "ongoing": ("长期", "—"),
    "irregular": ("不定期", "—"),
    "done": ("已完成", "✓"),
}


@dataclass
class Row:
    task: Task
    units: list[str]  # indexes into Context.units, as strings, for the filter
    next_due: dt.date | None
    status: str
    label: str
    symbol: str
    recurring: bool


@dataclass
class Section:
    key: str
    label: str
    rows: list[Row]


@dataclass
class Month:
    key: str  # 2020-08
    label: str  # 2020年8月
    entries: list[dict[str, Any]] = field(default_factory=list)
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
    """The page's class of a state: overdue, soon (today's too), later, done, ongoing, irregular."""
    if state.done:
        return "done"
    return {"today": "soon", "ongoing": "ongoing", "irregular": "irregular"}.get(state.code, state.code)


def context(sel: Selection, filtered: str | None = None, with_status: bool = False) -> Context:
    """What the page shows, as of `sel.today`: the plan, and with `with_status` every task's and
    deadline's state from the selection's ledger."""
    register = sel.register
    entries = register.entries()
    owners = sel.ledger.owners
    reach: dict[int, list[str]] = {}
    for task in sel.tasks:
        named = {o.unit for o in owners.of_task(task)} | {o.via for o in owners.of_task(task) if o.via}
        reach[task.id] = [str(i) for i, e in enumerate(entries) if e.name in named]
    rows = {}
    for task in sel.tasks:
        row = sel.rows[task.id]
        status = page_status(row.state)
        label = row.state.label if status not in ("done",) else "已完成"
        rows[task.id] = Row(
            task,
            reach[task.id],
            row.shown.due if row.shown else None,
            status,
            label,
            STATUS[status][1],
            bool(row.shown and row.shown.recurring),
        )
    used = sorted({int(i) for r in rows.values() for i in r.units})
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
    """The deadlines by month, each with its state."""
    months: dict[str, Month] = {}
    for r in sel.deadlines:
        key = f"{r.due:%Y-%m}"
        month = months.setdefault(key, Month(key, f"{r.due.year}年{r.due.month}月"))
        status = page_status(r.state)
        month.entries.append(
            {
                "due": r.due,
                "task": sel.task(r.task_id),
                "text": r.occurrence.text,
                "recurring": r.occurrence.recurring,
                "status": status,
                "label": r.state.label if status != "done" else "已完成",
                "symbol": STATUS[status][1],
                "units": rows[r.task_id].units,
            }
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
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("gpstd", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template(TEMPLATE).render(
        ctx=ctx, meta=ctx.register.meta, generated=generated or ctx.today.isoformat()
    )
