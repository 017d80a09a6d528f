"""`gpstd diff` for a terminal or a log: a heading, a one-line summary, then each task's changes.

Plain text without colour or control characters, one change a line under a four-character label;
a cell's changes are marked as git's word diff marks them: [-删去的-]{+新增的+}.
"""

from __future__ import annotations

from gpstd.render import diffwords as words
from gpstd.review import Review

INDENT = "  "
GAP = "  "


def render(review: Review) -> str:
    lines = [
        f"gpstd diff：{words.title(review.old)} → {words.title(review.new)}　{review.new.path}",
        words.summary(review),
    ]
    if not review.changed:
        return "\n".join(lines) + "\n"
    lines.append(words.window(review))
    if review.register:
        lines += ["", "登记册（meta、units、groups）", *_entries(words.register_entries(review, words.PLAIN))]
    for task in review.tasks:
        lines += ["", words.task_heading(task, words.PLAIN), *_entries(words.task_entries(task, words.PLAIN))]
    return "\n".join(lines) + "\n"


def _entries(entries: list[words.Entry]) -> list[str]:
    out = []
    under = INDENT + " " * 8 + GAP  # four CJK characters are eight columns wide
    for entry in entries:
        out.append(f"{INDENT}{entry.label}{GAP}{entry.text}")
        out += [under + more for more in entry.more]
    return out
