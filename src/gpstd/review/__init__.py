"""Reviewing an edit to the register: what it changes in who owes what by when (`gpstd diff`).

The pipeline reads top to bottom: `versions` picks the two versions and reads their bytes (from
disk or through git), `side` opens each as a validated register, `window` fixes the days rules are
compared over, `register` compares the register's own parts and `task` each task (pairing
schedule items with `items`, cells with `textdiff`); `changes` holds the answer.
"""

from __future__ import annotations

from gpstd.review.changes import Review
from gpstd.review.side import Side
from gpstd.review.versions import Version, pick

__all__ = ["Review", "Version", "compare", "pick"]


def compare(old: Version, new: Version, lines: bool = True) -> Review:
    """What changed from `old` to `new`: VersionInvalid (naming the side) if either is not a valid register.

    `lines=False` leaves every `line` 0 and skips reading the newer file's positions, which takes
    seconds for a city's register: for output that shows none."""
    from gpstd.review import register, task
    from gpstd.review.window import window

    before, after = Side(old, "old", lines=False), Side(new, "new", lines)
    span = window(before.register, after.register)
    ctx = task.Context(before, after, span, _removed_at(before, after))
    olds = {t.id: t for t in before.register.tasks}
    news = {t.id: t for t in after.register.tasks}
    everything = _reaches_every_task(before, after)
    found = []
    for task_id in sorted(olds.keys() | news.keys()):
        a, b = olds.get(task_id), news.get(task_id)
        if a == b and not everything:
            continue
        diff = task.compare(ctx, a, b)
        if diff is not None:
            found.append(diff)
    return Review(old, new, span, tuple(register.changes(before, after)), tuple(found))


def _reaches_every_task(before: Side, after: Side) -> bool:
    """Whether a change outside the tasks may change an unchanged task's dates or owners."""
    old, new = before.register, after.register
    return (
        (old.meta.start, old.meta.end) != (new.meta.start, new.meta.end)
        or old.units != new.units
        or old.groups != new.groups
    )


def _removed_at(before: Side, after: Side) -> dict[int, int]:
    """For each task only the older version has, the line of the newer file where it stood: at the
    next task that is still there, else the last one before it, else where the tasks are."""
    out: dict[int, int] = {}
    gone: list[int] = []
    for t in before.register.tasks:
        if t.id not in after.index:
            gone.append(t.id)
            continue
        out.update((g, after.task_line(t.id)) for g in gone)
        gone = []
    kept = [t for t in after.register.tasks if t.id in before.index]
    tail = after.task_line(kept[-1].id) if kept else after.line("tasks")
    out.update((g, tail) for g in gone)
    return out
