"""The questions people ask of a register, answered from its ledger: what falls due when, what is
late, what a unit owes, what a task's next deadline is.

Every answer is a filter or a grouping of the ledger's obligations (`gpstd.obligations`): two
views never work a date or a state out twice. Pure functions of (ledger, options, today); the
renderers and exports lay the rows out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from gpstd.dates import check_window
from gpstd.days import add_months, years_later
from gpstd.errors import GpstdError, NotFound
from gpstd.model import Group, Register, ScheduleItem, Task, Unit
from gpstd.numerals import chinese_numeral, to_int
from gpstd.obligations import Ledger, Obligation, Owner, State, states
from gpstd.schedule.occurrences import Occurrence


@dataclass(frozen=True)
class Filters:
    unit: str | None = None
    """A unit or collective term as typed: only what it owes (a term: what its members owe)."""
    section: str | None = None
    direct: bool = False
    """With `unit`: only tasks that name it, not those reaching it through a collective term."""


class DeadlineRow(NamedTuple):
    """One deadline as the views list it (a named tuple: a 10,000-task view makes thousands)."""

    occurrence: Occurrence
    state: State
    """Of the whole deadline, or of `unit`'s part of it."""
    owners: tuple[Owner, ...]
    """Who owes it (those `unit` stands for, when given)."""
    waiting: tuple[str, ...]
    """Of them, the units that have not delivered."""
    late: tuple[str, ...]
    """Of those, the units whose part is overdue: whom to chase."""
    done: int
    """How many of `owners` have delivered."""
    item: ScheduleItem

    @property
    def task_id(self) -> int:
        return self.occurrence.task_id

    @property
    def due(self) -> dt.date:
        return self.occurrence.due

    @property
    def via(self) -> str | None:
        """For one unit's rows: the collective term the deadline reaches it through."""
        return self.owners[0].via if len(self.owners) == 1 else None


@dataclass(frozen=True)
class TaskRow:
    """One task as the task views list it: its next open deadline and state."""

    task: Task
    next: Occurrence | None
    """The earliest deadline past and not done, else the first to come not done."""
    state: State
    owner: Owner | None = None
    """For a unit's view: how the task falls to that unit (role, and the term it came through)."""
    last: Occurrence | None = None
    """With no open deadline: the latest one (all done), which the 下一期限 column shows."""

    @property
    def shown(self) -> Occurrence | None:
        return self.next or self.last


# --- choosing tasks -----------------------------------------------------------------------


def resolve_unit(register: Register, name: str) -> Unit | Group:
    from gpstd.units import resolve

    return resolve(register, name)


def normalize_section(register: Register, text: str) -> str:
    """七, 7, （七）, (七), 第七 → 七; NotFound if the register has no such section, saying so when
    the plan's numbering passes over it (（五） between （四） and （六））."""
    key = text.strip().strip("（）() ").removeprefix("第")
    if key.isdecimal() and len(key) <= 2 and int(key) > 0:  # 7, 07, ７; not ², 100 or 10**5000
        key = chinese_numeral(int(key))
    listed = "、".join(register.meta.sections)
    if skipped_section(register, key):
        raise NotFound(f"方案项目（{key}）在原文中没有（方案跳过了这个编号）；本登记册的方案项目：{listed}")
    if key not in register.meta.sections:
        raise NotFound(f"没有方案项目「{text}」；本登记册的方案项目：{listed}")
    return key


def skipped_section(register: Register, key: str) -> bool:
    """Whether `key` is a numeral the plan passes over (五 between 四 and 六): the plan's own
    numbering has it, and it has no tasks; a number past the last section is still unknown."""
    if key in register.meta.sections:
        return False
    if not 0 < len(key) <= 3 or not set(key) <= set("一二三四五六七八九十"):
        return False
    n = to_int(key)
    if n is None or chinese_numeral(n) != key:
        return False
    return n < max((to_int(s) or 0 for s in register.meta.sections), default=0)


def unit_name(ledger: Ledger, filters: Filters) -> str | None:
    """The declared name of the filter's unit (NotFound, with the closest names, if none)."""
    return None if filters.unit is None else resolve_unit(ledger.register, filters.unit).name


def select_tasks(ledger: Ledger, filters: Filters) -> list[Task]:
    """The tasks of the filter's section that its unit owes something of."""
    register = ledger.register
    tasks = register.tasks
    if filters.section is not None:  # "" is a section to look up (and not find), not "no filter"
        section = normalize_section(register, filters.section)
        tasks = [t for t in tasks if t.section == section]
    unit = unit_name(ledger, filters)
    if unit is not None:
        tasks = [
            t
            for t in tasks
            if (owner := ledger.owners.of_task_for(t, unit)) is not None
            and not (filters.direct and owner.via is not None)
        ]
    return tasks


# --- deadlines ----------------------------------------------------------------------------


def rows(
    ledger: Ledger, found: Iterable[Occurrence], today: dt.date, unit: str | None = None
) -> list[DeadlineRow]:
    """Each deadline with its state, its owners (`unit`'s part) and whom to chase."""
    out = []
    by_date: dict[dt.date, State] = {}  # with nothing recorded, the date alone decides
    for occ in found:
        task = ledger.register.task(occ.task_id)
        assert task is not None
        item = task.schedule[occ.item]
        owners = ledger.owners_for(occ, unit)
        if not ledger.recorded(occ):
            state = by_date.get(occ.due) or by_date.setdefault(
                occ.due, states.of_deadline(occ.due, None, today)
            )
            waiting = tuple(o.unit for o in owners)
            out.append(
                DeadlineRow(occ, state, owners, waiting, waiting if state.code == "overdue" else (), 0, item)
            )
            continue
        parts = ledger.obligations(occ, unit)
        part_states = [ob.state(today) for ob in parts]
        state = states.combined(part_states) if parts else states.of_deadline(occ.due, None, today)
        waiting = tuple(ob.unit for ob, s in zip(parts, part_states) if not s.done)
        late = tuple(ob.unit for ob, s in zip(parts, part_states) if s.code == "overdue")
        out.append(DeadlineRow(occ, state, owners, waiting, late, len(parts) - len(waiting), item))
    return out


def due(
    ledger: Ledger,
    filters: Filters,
    after: dt.date | None,
    before: dt.date | None,
    today: dt.date,
    default_days: int = 30,
) -> list[DeadlineRow]:
    """Deadlines in [after, before], done or not; with neither bound, the next `default_days` days."""
    if after is None and before is None:
        after, before = today, today + dt.timedelta(days=default_days)
    check_window(after, before)
    end = before or years_later(after or today, 10)
    unit = unit_name(ledger, filters)
    return rows(ledger, ledger.deadlines(after, end, select_tasks(ledger, filters), unit), today, unit)


def overdue(ledger: Ledger, filters: Filters, today: dt.date) -> list[DeadlineRow]:
    """Deadlines past and not done (by the unit's part, with a unit filter)."""
    unit = unit_name(ledger, filters)
    found = ledger.open_deadlines(
        None, today - dt.timedelta(days=1), today, select_tasks(ledger, filters), unit
    )
    return rows(ledger, found, today, unit)


def agenda(ledger: Ledger, filters: Filters, today: dt.date, days: int) -> list[DeadlineRow]:
    """What is to be done: everything overdue first, then today's, then the next `days` days."""
    unit = unit_name(ledger, filters)
    found = ledger.open_deadlines(
        None, today + dt.timedelta(days=days), today, select_tasks(ledger, filters), unit
    )
    return rows(ledger, found, today, unit)


# --- tasks --------------------------------------------------------------------------------


def task_rows(
    ledger: Ledger, tasks: Sequence[Task], today: dt.date, unit: str | None = None
) -> list[TaskRow]:
    """Each task with its next open deadline (`unit`'s own, when given) and its state."""
    out = []
    each = ledger.ahead_of_each(tasks, today, unit)
    for task in tasks:
        ahead = each[task.id]
        nxt = ledger.next_open(task, today, unit, ahead)
        last = None
        if nxt is None:
            done = [o for o in ahead if o.due <= today]
            last = done[-1] if done else None
        state = (
            ledger.state(nxt, today, unit) if nxt is not None else ledger.task_state(task, today, unit, ahead)
        )
        out.append(TaskRow(task, nxt, state, ledger.owners.of_task_for(task, unit) if unit else None, last))
    return out


def upcoming(
    ledger: Ledger, task: Task, today: dt.date, count: int = 5, cap_years: int = 10
) -> list[Occurrence]:
    """The next `count` deadlines from today: two years ahead, or up to `cap_years` for a task due
    rarely (a three-yearly review still shows what is coming)."""
    found = ledger.deadlines(today, years_later(today, 2), [task])
    if len(found) < count:
        found = ledger.deadlines(today, years_later(today, cap_years), [task])
    return found[:count]


def sections(register: Register) -> list[tuple[str, int]]:
    counts = {s: 0 for s in register.meta.sections}
    for task in register.tasks:
        counts[task.section] = counts.get(task.section, 0) + 1
    return list(counts.items())


# --- the timeline -------------------------------------------------------------------------

MAX_TIMELINE_MONTHS = 60


@dataclass(frozen=True)
class Timeline:
    months: list[tuple[int, int]]  # (year, month), in order
    counts: dict[int, list[int]]  # task id → deadlines per month, aligned with `months`
    done: dict[int, list[int]]  # task id → of them, done per month
    found: list[Occurrence]


def timeline(
    ledger: Ledger, filters: Filters, first: dt.date, last: dt.date | None, today: dt.date
) -> Timeline:
    """Deadlines per task and month, from `first`'s month to `last` (default: 12 months)."""
    first = first.replace(day=1)
    last = last or add_months(first, 12) - dt.timedelta(days=1)
    check_window(first, last, ("--from", "--to"))
    months: list[tuple[int, int]] = []
    while (cur := add_months(first, len(months))) <= last:
        months.append((cur.year, cur.month))
        if len(months) > MAX_TIMELINE_MONTHS:
            raise GpstdError(f"时间轴最多显示 {MAX_TIMELINE_MONTHS} 个月，请缩小 --from/--to 的范围")
    unit = unit_name(ledger, filters)
    found = ledger.deadlines(first, last, select_tasks(ledger, filters), unit)
    index = {ym: i for i, ym in enumerate(months)}
    counts: dict[int, list[int]] = {}
    done: dict[int, list[int]] = {}
    for occ in found:
        month = index[(occ.due.year, occ.due.month)]
        counts.setdefault(occ.task_id, [0] * len(months))[month] += 1
        done.setdefault(occ.task_id, [0] * len(months))[month] += ledger.is_done(occ, today, unit)
    return Timeline(months, counts, done, found)


# --- the ledger (工作台账) -------------------------------------------------------------------


def ledger_rows(ledger: Ledger, filters: Filters, after: dt.date | None, before: dt.date) -> list[Obligation]:
    """One row per unit and deadline in [after, before], grouped by unit (in the register's order),
    then by date: what an office keeps and sends."""
    from gpstd.units import ids

    unit = unit_name(ledger, filters)
    found = ledger.deadlines(after, before, select_tasks(ledger, filters), unit)
    order = ids(ledger.register)
    parts = ledger.unit_parts(found, unit)
    return sorted(
        parts, key=lambda ob: (order.get(ob.unit, len(order)), ob.occurrence.due, ob.occurrence.task_id)
    )


def unit_counts(ledger: Ledger) -> tuple[dict[str, int], dict[str, int]]:
    """Per unit, the tasks it owes something of as named (direct) and only through a collective
    term (via), as `gpstd unit` lists them; per collective term, the tasks that name it (direct)."""
    direct: dict[str, int] = {e.name: 0 for e in ledger.register.entries()}
    via: dict[str, int] = {u.name: 0 for u in ledger.register.units}
    for task in ledger.register.tasks:
        for owner in ledger.owners.of_task(task):
            counts = via if owner.via else direct
            counts[owner.unit] = counts.get(owner.unit, 0) + 1
        for name in {ledger.owners.canonical(n) for n in task.units.all}:
            if name in direct and name not in via:  # a collective term, named
                direct[name] += 1
    return direct, via
