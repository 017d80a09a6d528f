"""The register as one self-contained web page: the context, and the page rendered from it.

`context()` is plain data (what each row, section and month shows, as of `today`, and
what the progress file records as done, through `gpstd.progress.Tracker` as for every
export); `render()` fills the Jinja2 template with autoescaping on, so nothing from the
register can become markup. The page loads nothing: its CSS and JS are inline in the template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gpstd.days import add_months
from gpstd.model import Register, Task
from gpstd.query import STATUS_LABELS

if TYPE_CHECKING:
    from gpstd.exports import DoneKey
    from gpstd.progress import Tracker
    from gpstd.schedule.occurrences import Occurrence

TEMPLATE = "page.html.j2"
TIMELINE_MONTHS_AHEAD = 6

# status → (label, symbol): the text says what the colour says. The words are the
# exports' (STATUS_LABELS); the page also tells 长期, 不定期 and 持续开展 apart.
STATUS = {
    "overdue": (STATUS_LABELS["overdue"], "●"),
    "soon": (STATUS_LABELS["soon"], "▲"),
    "later": (STATUS_LABELS["later"], "○"),
    "ongoing": ("长期", "—"),
    "irregular": ("不定期", "—"),
    "start": ("持续开展", "—"),
    "none": (STATUS_LABELS["none"], "—"),
    "done": (STATUS_LABELS["done"], "✓"),
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


def context(
    register: Register,
    tasks: list[Task],
    today: dt.date,
    filtered: str | None = None,
    progress: Tracker | None = None,
    after: dt.date | None = None,
    before: dt.date | None = None,
) -> Context:
    """What the page shows; `progress` what is done (see `gpstd.progress.tracker`; None: nothing);
    the timeline lists deadlines between `after` and `before` when they are given."""
    from gpstd import units as units_mod

    entries = register.entries()
    names = [e.name for e in entries]
    reach: dict[int, list[str]] = {t.id: [] for t in register.tasks}
    for index, entry in enumerate(entries):
        for assignment in units_mod.assignments(register, entry):
            reach[assignment.task.id].append(str(index))
    basis = {t.id: _basis(register, t, today) for t in tasks}
    found = _timeline_occurrences(register, tasks, today, after, before)
    shown = [*(o for o in basis.values() if o), *found]
    done = progress.completed(shown) if progress is not None else frozenset()
    rows = {t.id: _row(t, basis[t.id], today, reach.get(t.id, []), done) for t in tasks}
    used = sorted({int(i) for r in rows.values() for i in r.units})
    sections = [
        Section(key, f"（{key}）", [rows[t.id] for t in tasks if t.section == key])
        for key in register.meta.sections
    ]
    counts: dict[str, int] = {}
    for row in rows.values():
        counts[row.status] = counts.get(row.status, 0) + 1
    return Context(
        register,
        today,
        [s for s in sections if s.rows],
        [(str(i), names[i]) for i in used],
        timeline(found, tasks, today, rows, done),
        counts,
        STATUS,
        filtered,
    )


def _basis(register: Register, task: Task, today: dt.date) -> Occurrence | None:
    """The occurrence the row's status rests on: the next deadline, else the last past one."""
    from gpstd.schedule.occurrences import expand, next_due

    upcoming = next_due(register, task, today)
    if upcoming is not None:
        return upcoming
    past = expand(register, None, today - dt.timedelta(days=1), [task])
    return past[-1] if past else None


def _row(
    task: Task, occ: Occurrence | None, today: dt.date, units: list[str], done: frozenset[DoneKey]
) -> Row:
    from gpstd.query import status

    if occ is not None:
        done_key = (occ.task_id, occ.due, occ.item)
        state = "done" if done_key in done else status(occ.due, today)
        due, recurring = occ.due, occ.recurring
    else:
        kinds = [i.kind for i in task.schedule]
        state = next((k for k in _KIND_STATUS if k in kinds), "none")
        due, recurring = None, False
    label, symbol = STATUS[state]
    return Row(task, units, due, state, label, symbol, recurring)


def _timeline_occurrences(
    register: Register,
    tasks: list[Task],
    today: dt.date,
    after: dt.date | None = None,
    before: dt.date | None = None,
) -> list[Occurrence]:
    """Every occurrence from the register's start (or `after`) to a few months past the
    last deadline (or `before`)."""
    from gpstd.schedule.occurrences import expand

    dated = [i.due for t in tasks for i in t.schedule if i.due]
    last = max([today, *dated])
    end = before or add_months(last, TIMELINE_MONTHS_AHEAD)
    if register.meta.end:
        end = min(end, register.meta.end)
    return expand(register, after or register.meta.start, end, tasks)


def timeline(
    found: list[Occurrence],
    tasks: list[Task],
    today: dt.date,
    rows: dict[int, Row],
    done: frozenset[DoneKey] = frozenset(),
) -> list[Month]:
    """The occurrences by month, each with its status (done when the progress file says so)."""
    from gpstd.query import status

    by_id = {t.id: t for t in tasks}
    months: dict[str, Month] = {}
    for occ in found:
        key = f"{occ.due:%Y-%m}"
        month = months.setdefault(key, Month(key, f"{occ.due.year}年{occ.due.month}月"))
        state = "done" if (occ.task_id, occ.due, occ.item) in done else status(occ.due, today)
        month.entries.append(
            {
                "due": occ.due,
                "task": by_id[occ.task_id],
                "text": occ.text,
                "recurring": occ.recurring,
                "status": state,
                "label": STATUS[state][0],
                "symbol": STATUS[state][1],
                "units": rows[occ.task_id].units,
            }
        )
    return list(months.values())


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
