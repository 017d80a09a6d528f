"""The register as one self-contained web page: the context, and the page rendered from it.

`context()` is plain data (what each row, section and month shows, as of `today`);
`render()` fills the Jinja2 template with autoescaping on, so nothing from the register
can become markup. The page loads nothing: its CSS and JS are inline in the template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from gpstd.model import Register, Task

TEMPLATE = "page.html.j2"
TIMELINE_MONTHS_AHEAD = 6

# status → (label, symbol): the text says what the colour says.
STATUS = {
    "overdue": ("已逾期", "●"),
    "soon": ("7天内到期", "▲"),
    "later": ("未到期", "○"),
    "ongoing": ("长期", "—"),
    "irregular": ("不定期", "—"),
    "start": ("持续开展", "—"),
    "none": ("无期限", "—"),
}
_KIND_STATUS = ("ongoing", "irregular", "start")


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

    @property
    def total(self) -> int:
        return sum(len(s.rows) for s in self.sections)


def context(register: Register, tasks: list[Task], today: dt.date, filtered: str | None = None) -> Context:
    from gpstd import units as units_mod

    entries = [*register.units, *register.groups]
    names = [e.name for e in entries]
    reach: dict[int, list[str]] = {t.id: [] for t in register.tasks}
    for index, entry in enumerate(entries):
        for assignment in units_mod.assignments(register, entry):
            reach[assignment.task.id].append(str(index))
    rows = {t.id: _row(register, t, today, reach.get(t.id, [])) for t in tasks}
    used = sorted({int(i) for r in rows.values() for i in r.units})
    sections = [
        Section(key, f"（{key}）", [rows[t.id] for t in tasks if t.section == key])
        for key in register.meta.sections
    ]
    counts: dict[str, int] = {}
    for row in rows.values():
        counts[row.status] = counts.get(row.status, 0) + 1
    return Context(register, today, [s for s in sections if s.rows],
                   [(str(i), names[i]) for i in used],
                   timeline(register, tasks, today, rows), counts, STATUS, filtered)


def _row(register: Register, task: Task, today: dt.date, units: list[str]) -> Row:
    from gpstd.occurrences import expand, next_due
    from gpstd.query import status

    upcoming = next_due(register, task, today)
    if upcoming is not None:
        state, due, recurring = status(upcoming.due, today), upcoming.due, upcoming.recurring
    else:
        past = expand(register, None, today - dt.timedelta(days=1), [task])
        if past:
            state, due, recurring = "overdue", past[-1].due, past[-1].recurring
        else:
            kinds = [i.kind for i in task.schedule]
            state = next((k for k in _KIND_STATUS if k in kinds), "none")
            due, recurring = None, False
    label, symbol = STATUS[state]
    return Row(task, units, due, state, label, symbol, recurring)


def timeline(register: Register, tasks: list[Task], today: dt.date, rows: dict[int, Row]) -> list[Month]:
    """Every occurrence from the register's start to a few months past the last deadline, by month."""
    from gpstd.occurrences import expand
    from gpstd.query import status

    dated = [i.due for t in tasks for i in t.schedule if i.due]
    last = max([today, *dated])
    end = _add_months(last, TIMELINE_MONTHS_AHEAD)
    if register.meta.end:
        end = min(end, register.meta.end)
    by_id = {t.id: t for t in tasks}
    months: dict[str, Month] = {}
    for occ in expand(register, register.meta.start, end, tasks):
        key = f"{occ.due:%Y-%m}"
        month = months.setdefault(key, Month(key, f"{occ.due.year}年{occ.due.month}月"))
        state = status(occ.due, today)
        month.entries.append({
            "due": occ.due, "task": by_id[occ.task_id], "text": occ.text, "recurring": occ.recurring,
            "status": state, "label": STATUS[state][0], "symbol": STATUS[state][1],
            "units": rows[occ.task_id].units,
        })
    return list(months.values())


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, 1)


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
    return env.get_template(TEMPLATE).render(ctx=ctx, meta=ctx.register.meta,
                                             generated=generated or ctx.today.isoformat())
