"""Progress: which units have delivered which occurrence, and what is still to come.

Completion: an occurrence (task, due date) falls to the units that deliver it — the
schedule item's `by` if it names one, else the task's lead units (配合单位 help the lead
and are not counted). A collective term with an explicit member list (各镇（街）) counts
member by member; one known only by the kinds it covers (区各有关部门: "有关" means not
every department) counts as a single unit. A record without a unit covers them all.

The records live in their own file (data/progress.yaml), read and written by
`gpstd.progress.file`; this module answers questions about them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gpstd.errors import BadRecord, Problem, ProgressInvalid
from gpstd.model import Group, Register, Unit
from gpstd.progress.file import Progress, Record, load
from gpstd.progress.location import existing
from gpstd.schedule.occurrences import Occurrence

# --- who an occurrence falls to, and whether it is done -----------------------------------

DONE_STATES = ("ontime", "late")


@dataclass(frozen=True)
class UnitState:
    """One unit's part in one occurrence: ontime / late (done after the due date) /
    overdue (not done, due date passed) / pending (not done, not yet due)."""

    unit: str
    state: str
    record: Record | None


class Tracker:
    """Completion of occurrences against one register and one set of records."""

    def __init__(self, register: Register, records: Progress | Iterable[Record]):
        from gpstd.units import names

        self.register = register
        self.source = records if isinstance(records, Progress) else None  # the file, for warnings
        self._names: dict[str, Unit | Group] = names(register)
        self._by_occurrence: dict[tuple[int, dt.date], list[Record]] = {}
        for r in records.records if isinstance(records, Progress) else records:
            self._by_occurrence.setdefault((r.task, r.due), []).append(r)
        self._slots: dict[tuple[int, str | None], list[str]] = {}

    def _entry(self, name: str) -> Unit | Group | None:
        """The unit a name stands for, read as the CLI reads it: a hand-written record may
        say 沙头 or 司法局 as well as 沙头街道."""
        if name not in self._names:
            from gpstd.errors import NotFound
            from gpstd.units import resolve

            try:
                self._names[name] = resolve(self.register, name)
            except NotFound:
                return None
        return self._names[name]

    def canonical(self, name: str) -> str:
        entry = self._entry(name)
        return entry.name if entry else name

    def expand(self, name: str) -> list[str]:
        """What a name counts as: a group with listed members, each member; else itself."""
        from gpstd.units import members

        entry = self._entry(name)
        if isinstance(entry, Group) and entry.members:
            return [u.name for u in members(self.register, entry)]
        return [entry.name if entry else name]

    def units(self, occurrence: Occurrence) -> list[str]:
        """The units the occurrence falls to, each counted once."""
        key = (occurrence.task_id, occurrence.by)
        if key not in self._slots:
            task = self.register.task(occurrence.task_id)
            named = [occurrence.by] if occurrence.by else (task.units.lead if task else [])
            found: list[str] = []
            for name in named:
                found += [u for u in self.expand(self.canonical(name)) if u not in found]
            self._slots[key] = found
        return self._slots[key]

    def record(self, occurrence: Occurrence, unit: str) -> Record | None:
        """The record that covers `unit`'s part (one for the whole occurrence counts)."""
        for r in self._by_occurrence.get((occurrence.task_id, occurrence.due), []):
            if r.unit is None or unit in self.expand(self.canonical(r.unit)):
                return r
        return None

    def state(self, occurrence: Occurrence, unit: str, today: dt.date) -> UnitState:
        r = self.record(occurrence, unit)
        if r is not None:
            return UnitState(unit, "ontime" if r.done <= occurrence.due else "late", r)
        return UnitState(unit, "overdue" if occurrence.due < today else "pending", None)

    def relevant(self, occurrence: Occurrence, unit: str | None) -> list[str]:
        """The units of the occurrence that `unit` stands for (all of them for None)."""
        slots = self.units(occurrence)
        if unit is None:
            return slots
        return self.part_of(slots, unit) or slots

    def part_of(self, slots: list[str], unit: str) -> list[str]:
        """Those of `slots` that `unit` counts in: itself, its members, or a group covering it."""
        mine = self.expand(self.canonical(unit))
        return [s for s in slots if s in mine or self._covers(s, mine)]

    def _covers(self, slot: str, units: list[str]) -> bool:
        from gpstd.units import members

        entry = self._names.get(slot)
        return isinstance(entry, Group) and any(u.name in units for u in members(self.register, entry))

    def is_done(self, occurrence: Occurrence, unit: str | None = None) -> bool:
        return all(self.record(occurrence, u) is not None for u in self.relevant(occurrence, unit))

    def pending(self, occurrences: Iterable[Occurrence], unit: str | None = None) -> list[Occurrence]:
        """The occurrences not yet done (by `unit`'s part, when given), in their order."""
        return [o for o in occurrences if not self.is_done(o, unit)]

    def completed(
        self, occurrences: Iterable[Occurrence], unit: str | None = None
    ) -> frozenset[tuple[int, dt.date, int]]:
        """(task id, due, item) of those done by every unit (by `unit`'s part, when given)."""
        return frozenset((o.task_id, o.due, o.item) for o in occurrences if self.is_done(o, unit))

    def covering(self, record: Record, records: list[Record]) -> Record | None:
        """Another of `records` for the same occurrence that already counts every unit of
        `record` done: one for all units, one for a group holding it, or an earlier equal one."""
        mine = set(self.expand(self.canonical(record.unit))) if record.unit else None
        earlier = True
        for other in records:
            if other is record:
                earlier = False
                continue
            if (other.task, other.due) != (record.task, record.due):
                continue
            theirs = set(self.expand(self.canonical(other.unit))) if other.unit else None
            if theirs is None and (mine is not None or earlier):
                return other
            if mine is not None and theirs is not None and mine <= theirs and (mine != theirs or earlier):
                return other
        return None


def tracker(
    register: Register, register_file: str | None, progress_file: str | Path | None = None
) -> Tracker | None:
    """What the register's progress file records as done: the one way every query, export and
    the web page look it up. None when there is nothing done (see `existing`), found without
    importing gpstd.progress or a YAML reader."""
    path = existing(register_file, progress_file)
    if path is None:
        return None
    return Tracker(register, load(path))


def is_done(
    register: Register, progress: Progress | Iterable[Record], occurrence: Occurrence, unit: str | None = None
) -> bool:
    """Whether every unit the occurrence falls to (or `unit`'s part of it) is recorded done."""
    return Tracker(register, progress).is_done(occurrence, unit)


def pending(
    register: Register,
    progress: Progress | Iterable[Record],
    occurrences: Iterable[Occurrence],
    unit: str | None = None,
) -> list[Occurrence]:
    """The occurrences not yet done (by `unit`, when given), in their order."""
    return Tracker(register, progress).pending(occurrences, unit)


def problems(register: Register, progress: Progress) -> list[Problem]:
    """Warnings about hand-written records: those that match no occurrence or responsible unit
    of the register (they count for nothing), and those another record already covers."""
    from gpstd.errors import GpstdError

    tracker = Tracker(register, progress)
    found = []
    for index, r in enumerate(progress.records):
        try:
            occ = occurrence(register, r.task, r.due)
            if r.unit is not None:
                responsible_unit(register, occ, r.unit)
            message = _covered_note(tracker.covering(r, progress.records))
        except GpstdError as exc:
            message = f"该记录不起作用：{exc.message}"
        if message:
            found.append(Problem(str(progress.path), r.line or 0, 1, f"records[{index}]", message, "warning"))
    return found


def is_progress_file(path: str | Path) -> bool:
    """Whether `path` is a progress file rather than a register: a regular file with a
    top-level `records:` key (a register has `tasks:`)."""
    import re

    try:
        if not Path(path).is_file() or Path(path).stat().st_size > 64 * 1048576:
            return False
        text = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    return re.search(r"^records\s*:", text, re.M) is not None and re.search(r"^tasks\s*:", text, re.M) is None


def register_for(path: str | Path) -> str | None:
    """The register a progress file is checked against: tasks.yaml beside it, else None
    (the default register)."""
    beside = Path(path).parent / "tasks.yaml"
    return str(beside) if beside.is_file() else None


def inspect_file(path: str | Path) -> list[Problem]:
    """`inspect` against the register that goes with the file (`register_for`); a register
    that cannot be read is one problem of the progress file, so that a check of several
    files still reports every one of them."""
    from gpstd import register as register_mod
    from gpstd.errors import GpstdError, RegisterInvalid

    source = register_for(path)
    try:
        reg = register_mod.load(source)
    except GpstdError as exc:
        errors = (
            [p for p in exc.problems if p.severity == "error"] if isinstance(exc, RegisterInvalid) else []
        )
        first = errors[0].format() if errors else exc.message.splitlines()[0]
        more = f"（另有 {len(errors) - 1} 个问题）" if len(errors) > 1 else ""
        name = source or "默认登记册"
        return [Problem(str(path), 0, 1, "", f"对照的登记册 {name} 无法读取：{first}{more}")]
    return inspect(reg, path)


def inspect(register: Register, path: str | Path) -> list[Problem]:
    """Every problem of a progress file, as `gpstd check` lists a register's: what keeps it
    from being read (errors), else the records that count for nothing or twice (warnings)."""
    from dataclasses import replace

    try:
        found = problems(register, load(path))
    except ProgressInvalid as exc:
        found = exc.problems
    return [replace(p, file=str(path)) for p in found]  # named as the user typed it (./p4.yaml)


def _covered_note(other: Record | None) -> str | None:
    if other is None:
        return None
    return f"与{describe(other)}重复：该事项的这一部分已由那条记录登记完成"


def describe(record: Record) -> str:
    """A record as messages name it: 第 19 行的记录（「市桥街道」，2020-08-30 完成）."""
    where = f"第 {record.line} 行的" if record.line else "另一条"
    who = f"「{record.unit}」" if record.unit else "全部责任单位"
    return f"{where}记录（{who}，{record.done} 完成）"


# --- checking what a user asks to record -------------------------------------------------

# A done date more than a year before the register starts is a typo (1900-01-01, 2002 for 2020).
EARLIEST_DONE = dt.timedelta(days=366)


def check_done_day(register: Register, done_day: dt.date, today: dt.date) -> None:
    """BadRecord for a completion date in the future or long before the register starts."""
    if done_day > today:
        raise BadRecord(f"完成日期 {done_day} 晚于今天（{today}）")
    if done_day < register.meta.start - EARLIEST_DONE:
        raise BadRecord(
            f"完成日期 {done_day} 早于登记册起始日期（{register.meta.start}）一年以上，请检查 --on"
        )


def refuse_covered(register: Register, progress: Progress, record: Record) -> None:
    """BadRecord if another record already counts `record`'s part done: decided before
    writing, since a second record would count for nothing (`gpstd done --force` skips it)."""
    other = Tracker(register, progress).covering(record, [*progress.records, record])
    if other is not None:
        raise BadRecord(
            f"{describe(other)}已登记该事项的这一部分，这条记录是重复的，未写入；"
            "确需另记一条（如不同的完成日期）请加 --force"
        )


def occurrence(register: Register, task_id: int, due: dt.date) -> Occurrence:
    """The occurrence of task `task_id` due on `due`; NotFound / BadRecord with the dates it has."""
    from gpstd.query import get_task
    from gpstd.schedule.occurrences import expand

    task = get_task(register, task_id)
    found = expand(register, due, due, [task])
    if found:
        return found[0]
    near = expand(register, due - dt.timedelta(days=800), due + dt.timedelta(days=800), [task])
    near.sort(key=lambda o: abs((o.due - due).days))
    if not near:
        raise BadRecord(f"任务 {task_id} 没有具体的到期日（持续开展或不定期的工作），无法按到期日登记")
    listed = "、".join(sorted({o.due.isoformat() for o in near[:4]}))
    raise BadRecord(f"任务 {task_id} 在 {due} 没有到期事项；相近的到期日：{listed}")


def responsible_unit(register: Register, occ: Occurrence, name: str) -> str:
    """The canonical name of `name` if the occurrence falls to it (or to its members)."""
    from gpstd.units import resolve

    entry = resolve(register, name)
    tracker = Tracker(register, [])
    slots = tracker.units(occ)
    if set(tracker.expand(entry.name)) & set(slots):
        return entry.name
    where = f"任务 {occ.task_id}（{occ.due} 到期）"
    task = register.task(occ.task_id)
    named = [occ.by] if occ.by else (task.units.lead if task else slots)
    if task and entry.name in {tracker.canonical(n) for n in task.units.cooperating}:
        raise BadRecord(
            f"「{entry.name}」是任务 {occ.task_id} 的配合单位；完成情况按牵头单位（{'、'.join(slots)}）登记"
        )
    groups = [s for s in slots if tracker._covers(s, [entry.name])]
    if groups:
        raise BadRecord(
            f"{where}由「{groups[0]}」整体计算（原文未列其成员单位），请用 --unit {groups[0]} 登记"
        )
    raise BadRecord(f"「{entry.name}」不是{where}的责任单位（责任单位：{'、'.join(named)}）")


# --- status: a task's units × occurrences, and a summary per unit ------------------------


@dataclass(frozen=True)
class Matrix:
    task_id: int
    units: list[str]
    occurrences: list[Occurrence]
    cells: dict[tuple[str, int], UnitState]  # (unit, index in occurrences); absent: not its part

    def done(self, index: int) -> bool:
        states = [s for (u, i), s in self.cells.items() if i == index]
        return all(s.state in DONE_STATES for s in states)


@dataclass(frozen=True)
class UnitSummary:
    id: int  # the unit's id in `gpstd units --json` (its row in the register's units, then groups)
    unit: str
    ontime: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0


def matrix(
    register: Register,
    progress: Progress | Iterable[Record],
    task_id: int,
    occurrences: list[Occurrence],
    today: dt.date,
    unit: str | None = None,
) -> Matrix:
    """The task's units × occurrences; with `unit`, only its rows (BadRecord if the task does
    not fall to it). Whether an occurrence is done still counts every unit."""
    tracker = Tracker(register, progress)
    units: list[str] = []
    cells = {}
    for index, occ in enumerate(occurrences):
        for slot in tracker.units(occ):
            units += [] if slot in units else [slot]
            cells[(slot, index)] = tracker.state(occ, slot, today)
    if unit is not None and units:
        units = tracker.part_of(units, unit)
        if not units:
            _not_responsible(register, tracker, task_id, unit)
    return Matrix(task_id, units, occurrences, cells)


def _not_responsible(register: Register, tracker: Tracker, task_id: int, unit: str) -> None:
    from gpstd.units import resolve

    name = resolve(register, unit).name  # an unknown name says so, with the closest ones
    task = register.task(task_id)
    leads = "、".join(task.units.lead) if task else ""
    raise BadRecord(f"「{name}」不是任务 {task_id} 的责任单位（责任单位：{leads}）")


def summary(
    register: Register,
    progress: Progress | Iterable[Record],
    occurrences: Iterable[Occurrence],
    today: dt.date,
) -> list[UnitSummary]:
    """Per unit, in the register's order: how many of its parts are on time, late, overdue, pending."""
    tracker = Tracker(register, progress)
    counts: dict[str, dict[str, int]] = {}
    for occ in occurrences:
        for unit in tracker.units(occ):
            state = tracker.state(occ, unit, today).state
            counts.setdefault(unit, {})[state] = counts.get(unit, {}).get(state, 0) + 1
    from gpstd.units import ids

    order = ids(register)
    ranked = sorted(counts, key=lambda u: order.get(u, len(order) + 1))
    unknown = iter(range(len(order) + 1, len(order) + 1 + len(ranked)))  # a lead the register does not list
    return [UnitSummary(order.get(u) or next(unknown), u, **counts[u]) for u in ranked]
