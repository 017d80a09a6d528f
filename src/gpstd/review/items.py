"""Which schedule item of a task's newer version is which of the older: the pairs a change is read from.

By position alone, an item inserted at the head of a schedule would make every later item look
rewritten. A reviewer expects one item added and the rest untouched, and a date edited in place
to be *moved*, not one deadline removed and another added. So items are paired, in three passes:

1. items identical in both versions, in order (a longest common subsequence);
2. then items whose verbatim `text` is the same (the clause is the item: its date or rule moved);
3. then items of the same kind from the same cell whose texts are alike (half their characters
   or more) or that give the same date or rule: a clause reworded around its date. Best first.

What is left over was added (in the newer version only) or removed (in the older only).
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from gpstd.model import ScheduleItem

Pair = tuple[int | None, int | None]
"""(index in the older schedule, index in the newer): None on the side that lacks the item."""

ALIKE = 0.5


def pair(old: Sequence[ScheduleItem], new: Sequence[ScheduleItem]) -> list[Pair]:
    """Every item of both schedules once, paired where they are the same item, in the newer
    schedule's order (a removed item after the item it followed)."""
    matched: dict[int, int] = {}
    for block in SequenceMatcher(None, list(old), list(new), autojunk=False).get_matching_blocks():
        for k in range(block.size):
            matched[block.a + k] = block.b + k
    _by_text(old, new, matched)
    _by_likeness(old, new, matched)
    pairs: list[tuple[float, Pair]] = [(float(j), (i, j)) for i, j in matched.items()]
    newer = dict(matched)
    for i in range(len(old)):
        if i not in newer:
            before = [newer[k] for k in range(i) if k in newer]
            pairs.append(((before[-1] if before else -1) + 0.5, (i, None)))
    taken = set(matched.values())
    pairs += [(float(j), (None, j)) for j in range(len(new)) if j not in taken]
    return [p for _key, p in sorted(pairs, key=lambda kp: (kp[0], kp[1][0] is None))]


def _by_text(old: Sequence[ScheduleItem], new: Sequence[ScheduleItem], matched: dict[int, int]) -> None:
    taken = set(matched.values())
    for i, item in enumerate(old):
        if i in matched:
            continue
        for j, other in enumerate(new):
            if j not in taken and other.text == item.text:
                matched[i] = j
                taken.add(j)
                break


def _by_likeness(old: Sequence[ScheduleItem], new: Sequence[ScheduleItem], matched: dict[int, int]) -> None:
    taken = set(matched.values())
    scored = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            if i in matched or j in taken or (a.kind, a.source) != (b.kind, b.source):
                continue
            score = _likeness(a, b)
            if score >= ALIKE:
                scored.append((-score, i, j))
    for _score, i, j in sorted(scored):
        if i not in matched and j not in taken:
            matched[i] = j
            taken.add(j)


def _likeness(a: ScheduleItem, b: ScheduleItem) -> float:
    """How alike two items' texts are (0 to 1); 1 when they give the same date or rule."""
    if (a.due, a.rrule, a.start) == (b.due, b.rrule, b.start) and (a.due or a.rrule or a.start):
        return 1.0
    return SequenceMatcher(None, a.text, b.text, autojunk=False).ratio()
