"""One task compared across two versions: its deadlines, rules, units, cells and other fields.

Tasks are the same task when they have the same id (the 序号: progress records name tasks by it,
so a renumbered task is one removed and another added). Schedule items are paired by
`gpstd.review.items`; a pair of dated items with different dates is a deadline *moved*, a pair
of recurring items whose rule, range or dates differ is a rule *changed*, and an item on one
side only adds or removes its deadline or rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from gpstd.model import Cells, ScheduleItem, Task, to_plain
from gpstd.obligations.owners import Role
from gpstd.review import items, textdiff
from gpstd.review.changes import (
    CellChange,
    DeadlineChange,
    FieldChange,
    Rule,
    RuleChange,
    TaskDiff,
    UnitChange,
)
from gpstd.review.side import Side
from gpstd.schedule.occurrences import item_dates
from gpstd.schedule.recurrence import describe_rule

CELLS = tuple(f.name for f in fields(Cells))
_ITEM_FIELDS = tuple(f.name for f in fields(ScheduleItem))


@dataclass
class Context:
    """What every task's comparison shares: both sides, the window, and where removed tasks were."""

    before: Side
    after: Side
    window: tuple[dt.date, dt.date]
    removed_at: dict[int, int]
    """For each task only the older version has, the line of the newer file where it was."""


def compare(ctx: Context, old: Task | None, new: Task | None) -> TaskDiff | None:
    """The changes to one task (None when nothing a reviewer would see changed)."""
    one = new or old
    assert one is not None
    at = _Lines(ctx, new.id if new else None, ctx.removed_at.get(one.id, 0))
    deadlines: list[DeadlineChange] = []
    rules: list[RuleChange] = []
    changed: list[FieldChange] = []
    for i, j in items.pair(old.schedule if old else [], new.schedule if new else []):
        a = old.schedule[i] if old is not None and i is not None else None
        b = new.schedule[j] if new is not None and j is not None else None
        _item(ctx, at, (a, i), (b, j), deadlines, rules, changed)
    owners_old = _owners(ctx.before, old)
    owners_new = _owners(ctx.after, new)
    had, has = set(owners_old), set(owners_new)
    diff = TaskDiff(
        id=one.id,
        change="added" if old is None else "removed" if new is None else "changed",
        section=one.section,
        task=one.cells.task,
        line=at(),
        deadlines=tuple(deadlines),
        rules=tuple(rules),
        units=tuple(_units(at, old, new)),
        owners_added=tuple(u for u in owners_new if u not in had),
        owners_removed=tuple(u for u in owners_old if u not in has),
        cells=tuple(_cells(at, old, new)),
        fields=tuple(_task_fields(at, old, new)) + tuple(changed),
    )
    parts = (diff.deadlines, diff.rules, diff.units, diff.owners_added, diff.owners_removed, diff.cells)
    return diff if any(parts) or diff.fields or diff.change != "changed" else None


class _Lines:
    """Lines in the newer file for a task's fields; where the task was, for a removed task."""

    def __init__(self, ctx: Context, task_id: int | None, fallback: int):
        self.side, self.task_id, self.fallback = ctx.after, task_id, fallback

    def __call__(self, *loc: Any) -> int:
        if self.task_id is None:
            return self.fallback
        return self.side.task_line(self.task_id, *loc)


def _item(
    ctx: Context,
    at: _Lines,
    old: tuple[ScheduleItem | None, int | None],
    new: tuple[ScheduleItem | None, int | None],
    deadlines: list[DeadlineChange],
    rules: list[RuleChange],
    changed: list[FieldChange],
) -> None:
    """The changes one pair of items makes (or one item, added or removed)."""
    (a, i), (b, j) = old, new
    if a == b and not _dates_differ(ctx, a, b):
        return
    handled: set[str] = set()
    if _is(a, "dated") or _is(b, "dated"):
        deadline = _deadline(at, old, new)
        if deadline is not None:
            deadlines.append(deadline)
            handled |= {"due", "text"}
    if _is(a, "recurring") or _is(b, "recurring"):
        rule = _rule(ctx, at, old, new)
        if rule is not None:
            rules.append(rule)
            handled |= {"rrule", "start", "until", "assumed", "text"}
    if a is None or b is None:
        if not handled:  # an item that gives no date (长期, 不定期, 起始 …): the whole item
            index = i if a is not None else j
            where = at("schedule", j) if b is not None else at("schedule")
            changed.append(FieldChange(f"schedule[{index}]", _written(a), _written(b), where))
        return
    for name in _ITEM_FIELDS:
        if name not in handled and getattr(a, name) != getattr(b, name):
            line = at("schedule", j, name)
            changed.append(
                FieldChange(f"schedule[{j}].{name}", _plain(getattr(a, name)), _plain(getattr(b, name)), line)
            )


def _is(item: ScheduleItem | None, kind: str) -> bool:
    return item is not None and item.kind == kind


def _dates_differ(ctx: Context, a: ScheduleItem | None, b: ScheduleItem | None) -> bool:
    """Whether an item identical in both versions still falls on other days (another meta.start or end)."""
    if a is None or b is None or a.kind != "recurring":
        return False
    return _dates(ctx.before, ctx, a) != _dates(ctx.after, ctx, b)


def _dates(side: Side, ctx: Context, item: ScheduleItem) -> list[dt.date]:
    return item_dates(side.register, item, *ctx.window)


def _deadline(
    at: _Lines, old: tuple[ScheduleItem | None, int | None], new: tuple[ScheduleItem | None, int | None]
) -> DeadlineChange | None:
    (a, i), (b, j) = old, new
    due_a = a.due if _is(a, "dated") and a is not None else None
    due_b = b.due if _is(b, "dated") and b is not None else None
    if due_a == due_b:
        return None
    old_text = a.text if a is not None else None
    if due_a is None and b is not None:
        return DeadlineChange("added", None, due_b, b.text, None, j, None, at("schedule", j, "due"))
    assert a is not None
    if due_b is None:
        return DeadlineChange("removed", due_a, None, a.text, None, None, i, at("schedule"))
    assert b is not None
    other = old_text if old_text != b.text else None
    return DeadlineChange("moved", due_a, due_b, b.text, other, j, i, at("schedule", j, "due"))


def _rule(
    ctx: Context,
    at: _Lines,
    old: tuple[ScheduleItem | None, int | None],
    new: tuple[ScheduleItem | None, int | None],
) -> RuleChange | None:
    (a, i), (b, j) = old, new
    a = a if _is(a, "recurring") else None
    b = b if _is(b, "recurring") else None
    dates_a = _dates(ctx.before, ctx, a) if a is not None else []
    dates_b = _dates(ctx.after, ctx, b) if b is not None else []
    rule_a, rule_b = _rule_of(a), _rule_of(b)
    if rule_a == rule_b and dates_a == dates_b:
        return None
    set_a, set_b = set(dates_a), set(dates_b)
    gone = tuple(d for d in dates_a if d not in set_b)
    come = tuple(d for d in dates_b if d not in set_a)
    if a is None:
        assert b is not None
        return RuleChange(
            "added", None, rule_b, b.text, None, j, None, gone, come, at("schedule", j, "rrule")
        )
    if b is None:
        return RuleChange("removed", rule_a, None, a.text, None, None, i, gone, come, at("schedule"))
    other = a.text if a.text != b.text else None
    return RuleChange("changed", rule_a, rule_b, b.text, other, j, i, gone, come, at("schedule", j, "rrule"))


def _rule_of(item: ScheduleItem | None) -> Rule | None:
    if item is None or not item.rrule:
        return None
    return Rule(item.rrule, describe_rule(item.rrule), item.start, item.until, item.assumed)


def _roles(task: Task | None) -> dict[str, Role]:
    found: dict[str, Role] = {}
    if task is not None:
        for name in task.units.lead:
            found.setdefault(name, "lead")
        for name in task.units.cooperating:
            found.setdefault(name, "cooperating")
    return found


def _units(at: _Lines, old: Task | None, new: Task | None) -> list[UnitChange]:
    before, after = _roles(old), _roles(new)
    out = []
    for name, role in after.items():
        listed = (new.units.lead if role == "lead" else new.units.cooperating) if new else []
        line = at("units", role, listed.index(name))
        if name not in before:
            out.append(UnitChange("added", name, role, None, line))
        elif before[name] != role:
            out.append(UnitChange("role", name, role, before[name], line))
    out += [UnitChange("removed", n, r, None, at("units", r)) for n, r in before.items() if n not in after]
    return out


def _owners(side: Side, task: Task | None) -> list[str]:
    return [] if task is None else [o.unit for o in side.owners.of_task(task)]


def _cells(at: _Lines, old: Task | None, new: Task | None) -> list[CellChange]:
    out = []
    for name in CELLS:
        a = getattr(old.cells, name) if old else None
        b = getattr(new.cells, name) if new else None
        if a != b:
            out.append(CellChange(name, a, b, textdiff.segments(a or "", b or ""), at("cells", name)))
    return out


def _task_fields(at: _Lines, old: Task | None, new: Task | None) -> list[FieldChange]:
    names = ("section", "note") if old and new else ("note",)
    out = []
    for name in names:
        a, b = getattr(old, name, None), getattr(new, name, None)
        if a != b:
            out.append(FieldChange(name, a, b, at(name)))
    return out


def _written(item: ScheduleItem | None) -> dict[str, Any] | None:
    """An item's fields as a register would have them written: those left unset are left out."""
    return None if item is None else {k: v for k, v in to_plain(item).items() if v is not None}


def _plain(value: Any) -> Any:
    return None if value is None else to_plain(value)
