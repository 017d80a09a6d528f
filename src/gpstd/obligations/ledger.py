"""The ledger (工作台账): each deadline of each task, who owes it, and whether they have delivered.

One `Obligation` is one row of an office's ledger: a task's schedule item, due on a date, owed by
one unit (`gpstd.obligations.owners`), with the progress record that covers it, if any. A deadline
several units owe is done when every one of them is. Everything that says what is due, late or
done -- the views, the exports, the counts, the web page -- asks a `Ledger`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gpstd.days import years_later
from gpstd.model import Register, Task
from gpstd.obligations import states
from gpstd.obligations.owners import Owner, Owners, Role
from gpstd.obligations.states import State
from gpstd.progress.record import Record
from gpstd.schedule.occurrences import Occurrence, expand

HORIZON_YEARS = 3


@dataclass(frozen=True)
class Obligation:
    occurrence: Occurrence
    owner: Owner
    record: Record | None
    """The progress record that counts this unit's part done, if any."""

    @property
    def unit(self) -> str:
        return self.owner.unit

    @property
    def role(self) -> Role:
        return self.owner.role

    def counted(self, today: dt.date) -> Record | None:
        """The record as of `today`: one dated after it does not count yet (looking back with
        --today), and its date is not shown beside a state that says 逾期."""
        return self.record if self.record and self.record.done <= today else None

    def state(self, today: dt.date) -> State:
        record = self.counted(today)
        return states.of_deadline(self.occurrence.due, record.done if record else None, today)


class Ledger:
    """Deadlines, owners and records of one register, read together."""

    def __init__(self, register: Register, records: Iterable[Record] = (), source: str | None = None):
        self.register = register
        self.source = source
        """The progress file the records came from, for messages."""
        self.owners = Owners(register)
        self.records: list[Record] = list(records)
        self._by_deadline: dict[tuple[int, dt.date], list[Record]] = {}
        self._owners_for: dict[tuple[int, int, str | None], tuple[Owner, ...]] = {}
        self._owes: dict[tuple[str, int, int], bool] = {}
        for r in self.records:
            self._by_deadline.setdefault((r.task, r.due), []).append(r)

    # --- who -----------------------------------------------------------------------------

    def owners_of(self, occ: Occurrence) -> tuple[Owner, ...]:
        task = self.register.task(occ.task_id)
        return self.owners.of(task, occ.item) if task is not None else ()

    def owners_for(self, occ: Occurrence, unit: str | None = None) -> tuple[Owner, ...]:
        """The owners of a deadline that `unit` stands for (all of them for None)."""
        key = (occ.task_id, occ.item, unit)
        found = self._owners_for.get(key)
        if found is None:
            owners = self.owners_of(occ)
            if unit is not None:
                wanted = self.owners.wanted(unit)
                owners = tuple(o for o in owners if o.unit in wanted)
            found = self._owners_for[key] = owners
        return found

    def recorded(self, occ: Occurrence) -> bool:
        """Whether any record names this deadline (if none, the date alone decides its state)."""
        return (occ.task_id, occ.due) in self._by_deadline

    def owes(self, unit: str | None, task: Task, index: int) -> bool:
        """Whether `unit` (a unit, or a term: any of its members) owes `task.schedule[index]`."""
        if unit is None:
            return True
        key = (unit, task.id, index)
        known = self._owes.get(key)
        if known is None:
            wanted = self.owners.wanted(unit)
            known = self._owes[key] = any(o.unit in wanted for o in self.owners.of(task, index))
        return known

    # --- what ----------------------------------------------------------------------------

    def obligations(self, occ: Occurrence, unit: str | None = None) -> list[Obligation]:
        """The units' parts of one deadline (only those `unit` stands for, when given)."""
        if not self.recorded(occ):
            return [Obligation(occ, owner, None) for owner in self.owners_for(occ, unit)]
        return [Obligation(occ, owner, self.record(occ, owner.unit)) for owner in self.owners_for(occ, unit)]

    def record(self, occ: Occurrence, unit: str) -> Record | None:
        """The record that counts `unit`'s part of the deadline done: one for it, for a term it is
        a member of, or for the whole deadline (no unit); of several, the earliest done (the first
        written for a tie): a town's own record of 08-20 is when it finished, whatever a record
        for all the towns of 09-20 says."""
        found: Record | None = None
        for r in self._by_deadline.get((occ.task_id, occ.due), ()):
            if (r.unit is None or unit in self.owners.wanted(r.unit)) and (
                found is None or r.done < found.done
            ):
                found = r
        return found

    def state(self, occ: Occurrence, today: dt.date, unit: str | None = None) -> State:
        """The state of a deadline: of `unit`'s part, else of every owner's together."""
        if not self._by_deadline.get((occ.task_id, occ.due)):  # nothing recorded: the date decides
            return states.of_deadline(occ.due, None, today)
        return states.combined([o.state(today) for o in self.obligations(occ, unit)])

    def is_done(self, occ: Occurrence, today: dt.date, unit: str | None = None) -> bool:
        return (occ.task_id, occ.due) in self._by_deadline and self.state(occ, today, unit).done

    # --- when ----------------------------------------------------------------------------

    def deadlines(
        self,
        start: dt.date | None,
        end: dt.date,
        tasks: Iterable[Task] | None = None,
        unit: str | None = None,
    ) -> list[Occurrence]:
        """The deadlines due in [start, end] (all tasks', or `tasks`'), by date; with `unit`, only
        those it owes."""
        if unit is None:
            return expand(self.register, start, end, tasks)
        return expand(self.register, start, end, tasks, lambda task, index: self.owes(unit, task, index))

    def open_deadlines(
        self,
        start: dt.date | None,
        end: dt.date,
        today: dt.date,
        tasks: Iterable[Task] | None = None,
        unit: str | None = None,
    ) -> list[Occurrence]:
        """The deadlines in [start, end] not done (by `unit`'s part, when given)."""
        return [o for o in self.deadlines(start, end, tasks, unit) if not self.is_done(o, today, unit)]

    def ahead(self, task: Task, today: dt.date, unit: str | None = None) -> list[Occurrence]:
        """A task's deadlines (`unit`'s, when given) up to three years from today, by date: all that
        its row in a task view is worked out from."""
        return self.deadlines(None, years_later(today, HORIZON_YEARS), [task], unit)

    def ahead_of_each(
        self, tasks: Sequence[Task], today: dt.date, unit: str | None = None
    ) -> dict[int, list[Occurrence]]:
        """`ahead()` of each task by id, in one expansion: a city's task view has thousands."""
        found: dict[int, list[Occurrence]] = {t.id: [] for t in tasks}
        for occ in self.deadlines(None, years_later(today, HORIZON_YEARS), tasks, unit):
            found[occ.task_id].append(occ)
        return found

    def next_open(
        self, task: Task, today: dt.date, unit: str | None = None, ahead: Sequence[Occurrence] | None = None
    ) -> Occurrence | None:
        """The deadline a task's row shows: the earliest one past and not done, else the first from
        today not done (within three years), else None. `ahead`: the task's `ahead()`, if known."""
        for occ in self.ahead(task, today, unit) if ahead is None else ahead:
            if not self.is_done(occ, today, unit):  # by date: any past one comes first
                return occ
        return None

    def task_state(
        self, task: Task, today: dt.date, unit: str | None = None, ahead: Sequence[Occurrence] | None = None
    ) -> State:
        """A task's state: that of its next open deadline; 按时/逾期完成 when every one so far is
        done; 长期/不定期 for work without dates; 本单位无期限 for a unit the task names that owes
        none of its items."""
        every = self.ahead(task, today, unit) if ahead is None else ahead
        nxt = self.next_open(task, today, unit, every)
        if nxt is not None:
            return self.state(nxt, today, unit)
        if every:  # all of them done (some perhaps before they fell due)
            return states.combined([self.state(o, today, unit) for o in every])
        if (
            unit is not None
            and task.schedule
            and not any(self.owes(unit, task, i) for i in range(len(task.schedule)))
        ):
            return states.State("unscheduled")
        kinds = [i.kind for i in task.schedule]
        return states.of_undated("irregular" if kinds and all(k == "irregular" for k in kinds) else "ongoing")

    def unit_parts(self, found: Sequence[Occurrence], unit: str | None = None) -> list[Obligation]:
        """Every owner's part of each deadline in `found` (or `unit`'s parts), in order."""
        return [ob for occ in found for ob in self.obligations(occ, unit)]
