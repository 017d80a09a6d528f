"""Who owes each schedule item: the units it falls to, their role, and the term they came through.

An item with `by` is owed by that unit alone (任务16 “区政府办每半年…” is 区政府办's, not the task's
units'). Otherwise the task's units owe it as the source names them: 牵头 units lead, 配合 units
(“会同”“组织”“配合” in the cell) cooperate. A collective term (各镇（街）, 区各有关部门) is owed by
each of its members (`gpstd.units.members`, the one membership rule), or by itself where the
register cannot list them. A unit named directly keeps that over a term that also reaches it,
and lead over cooperating. The recipient of a report never owes it to itself: 区各有关部门 reaches
区政府办, but “报区政府办（调研科）” is not 区政府办's to deliver.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from gpstd.model import Group, Register, ScheduleItem, Task, Unit
from gpstd.units import members, names

Role = Literal["lead", "cooperating"]
ROLE_NAMES: dict[Role, str] = {"lead": "牵头", "cooperating": "配合"}


@dataclass(frozen=True)
class Owner:
    unit: str
    """The unit's declared name; a collective term's own name where it owes as itself."""
    role: Role
    via: str | None
    """The collective term the item reaches this unit through; None when named directly."""


class Owners:
    """The owners of one register's schedule items, each worked out once."""

    def __init__(self, register: Register):
        self.register = register
        self._names: dict[str, Unit | Group] = names(register)
        self._members = {g.name: [u.name for u in members(register, g)] for g in register.groups}
        self._items: dict[tuple[int, int], tuple[Owner, ...]] = {}
        self._tasks: dict[int, tuple[Owner, ...]] = {}
        # A merged register repeats a few dozen ways of naming units thousands of times.
        self._named_alike: dict[tuple[Any, ...], tuple[Owner, ...]] = {}
        self._named_once: dict[tuple[str | None, ...], tuple[Owner, ...]] = {}
        self._task_alike: dict[tuple[Any, ...], tuple[Owner, ...]] = {}
        self._wanted: dict[str, frozenset[str]] = {}
        self._task_for: dict[tuple[str, int], Owner | None] = {}

    def canonical(self, name: str) -> str:
        """The declared name a name stands for: itself, an alias's unit, or the one unit whose name
        holds it (a hand-written record may say 沙头 for 沙头街道); else the name as written."""
        entry = self._names.get(name)
        if entry is None:
            from gpstd.errors import NotFound
            from gpstd.units import resolve

            try:
                entry = self._names[name] = resolve(self.register, name)
            except NotFound:
                return name
        return entry.name

    def stands_for(self, name: str) -> list[str]:
        """The units a name counts as: a term's members (or the term itself), else the unit."""
        canonical = self.canonical(name)
        return self._members.get(canonical) or [canonical]

    def wanted(self, name: str) -> frozenset[str]:
        """`stands_for(name)` as a set, worked out once: filters ask it for every task."""
        found = self._wanted.get(name)
        if found is None:
            found = self._wanted[name] = frozenset(self.stands_for(name))
        return found

    def of(self, task: Task, index: int) -> tuple[Owner, ...]:
        """Who owes `task.schedule[index]`, leads first, each unit once."""
        key = (task.id, index)
        if key not in self._items:
            self._items[key] = self._owners(task, task.schedule[index])
        return self._items[key]

    def of_task(self, task: Task) -> tuple[Owner, ...]:
        """Everyone `task` falls to: who owes any of its items, and the units its 责任单位 names
        that owe none (任务22 dates only the summary 区政务服务数据管理局 sends; 各镇（街） still carry
        the work, without a deadline of their own). A recipient of its reports is not among them."""
        known = self._tasks.get(task.id)
        if known is None:
            # What decides the answer: each item's by and recipient, and the units named.
            key = (
                *((i.by, i.recipient) for i in task.schedule),
                None,
                *task.units.lead,
                None,
                *task.units.cooperating,
            )
            known = self._task_alike.get(key)
            if known is None:
                known = self._task_alike[key] = self._of_task(task)
            self._tasks[task.id] = known
        return known

    def of_task_for(self, task: Task, unit: str) -> Owner | None:
        """How `task` falls to `unit` (a term: to any of its members), or None: named directly over
        through a term, lead over cooperating; for a term, as the term itself."""
        everyone = self.of_task(task)
        key = (unit, id(everyone))  # tasks named alike share one tuple, kept alive in `_task_alike`
        if key not in self._task_for:
            self._task_for[key] = self._pick(everyone, unit)
        return self._task_for[key]

    def _pick(self, everyone: tuple[Owner, ...], unit: str) -> Owner | None:
        wanted = self.wanted(unit)
        found = [o for o in everyone if o.unit in wanted]
        if not found:
            return None
        best = min(found, key=lambda o: (o.via is not None, o.role != "lead"))
        return best if len(wanted) == 1 else Owner(unit, best.role, None)

    def _of_task(self, task: Task) -> tuple[Owner, ...]:
        found: dict[str, Owner] = {}
        for index in range(len(task.schedule)):
            for owner in self.of(task, index):
                found[owner.unit] = _better(found.get(owner.unit), owner)
        recipients = {self.canonical(i.recipient) for i in task.schedule if i.recipient}
        for owner in self._responsible(task):
            if owner.unit not in recipients:
                found[owner.unit] = _better(found.get(owner.unit), owner)
        return tuple(found.values())

    def _responsible(self, task: Task) -> tuple[Owner, ...]:
        """The units the task's 责任单位 names, lead then cooperating, terms expanded."""
        key = (*task.units.lead, None, *task.units.cooperating)
        known = self._named_once.get(key)
        if known is None:
            named = self._named(task.units.lead, "lead") + self._named(task.units.cooperating, "cooperating")
            known = self._named_once[key] = tuple(named)
        return known

    def _owners(self, task: Task, item: ScheduleItem) -> tuple[Owner, ...]:
        key = (item.by, item.recipient, *task.units.lead, None, *task.units.cooperating)
        known = self._named_alike.get(key)
        if known is None:
            known = self._named_alike[key] = self._work_out(task, item)
        return known

    def _work_out(self, task: Task, item: ScheduleItem) -> tuple[Owner, ...]:
        if item.by:
            named = self._named([item.by], "lead")
        else:
            named = self._named(task.units.lead, "lead") + self._named(task.units.cooperating, "cooperating")
        recipient = self.canonical(item.recipient) if item.recipient else None
        found: dict[str, Owner] = {}
        for owner in named:
            if owner.unit != recipient:
                found[owner.unit] = _better(found.get(owner.unit), owner)
        return tuple(sorted(found.values(), key=lambda o: o.role != "lead"))

    def _named(self, written: list[str], role: Role) -> list[Owner]:
        out = []
        for name in written:
            canonical = self.canonical(name)
            listed = self._members.get(canonical)
            if listed:
                out += [Owner(unit, role, canonical) for unit in listed]
            else:
                out.append(Owner(canonical, role, None))
        return out


def _better(known: Owner | None, new: Owner) -> Owner:
    """Of two ways a unit owes an item: named directly over through a term, lead over cooperating."""
    if known is None:
        return new
    rank = (new.via is not None, new.role != "lead")
    return new if rank < (known.via is not None, known.role != "lead") else known
