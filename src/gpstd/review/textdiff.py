"""A verbatim text against its edit, in runs a reader of Chinese can follow.

Chinese has no spaces to split words at, so the text is compared character by character, except
that a number or a Latin word is one piece: 2020年10月 against 2020年11月 shows 10 → 11, not
0 → 1. A single character left equal between two changes is folded into them
(“[-10月31-]{+11月30+}日” rather than “[-10-]{+11+}月[-31-]{+30+}日”).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from gpstd.review.changes import Segment

_PIECE = re.compile(r"[0-9]+|[A-Za-z]+|\s+|.", re.S)


def segments(old: str, new: str) -> tuple[Segment, ...]:
    """The runs of `old` and `new`: equal, deleted (old only) and inserted (new only), in order."""
    a, b = _PIECE.findall(old), _PIECE.findall(new)
    runs: list[tuple[str, str, str]] = []  # (equal, deleted, inserted): one of the three, or both changes
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("".join(a[i1:i2]), "", ""))
        else:
            runs.append(("", "".join(a[i1:i2]), "".join(b[j1:j2])))
    return tuple(_flatten(_fold(runs)))


def _fold(runs: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Fold a one-character equal run lying between two changes into them."""
    out: list[tuple[str, str, str]] = []
    for run in runs:
        if run[0] or not out:
            out.append(run)
            continue
        deleted = inserted = ""
        if len(out) >= 2 and len(out[-1][0]) == 1 and not out[-2][0]:
            kept, prev = out.pop(), out.pop()
            deleted, inserted = prev[1] + kept[0], prev[2] + kept[0]
        elif not out[-1][0]:
            prev = out.pop()
            deleted, inserted = prev[1], prev[2]
        out.append(("", deleted + run[1], inserted + run[2]))
    return out


def _flatten(runs: list[tuple[str, str, str]]) -> list[Segment]:
    out: list[Segment] = []
    for equal, deleted, inserted in runs:
        if equal:
            out.append(Segment("equal", equal))
        if deleted:
            out.append(Segment("delete", deleted))
        if inserted:
            out.append(Segment("insert", inserted))
    return out
