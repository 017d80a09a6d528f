"""`gpstd diff --json`: the review as plain records, the contract documented in docs/cli.md.

Keys are English and stable (new ones may be added; none renamed or removed); dates are ISO text;
`line` is a line of the newer file (1-based). Each task's record is its `TaskDiff`, field for
field, so that nothing the text shows is missing here.
"""

from __future__ import annotations

from typing import Any

from gpstd.model import to_plain
from gpstd.review import Review, Version


def record(review: Review) -> dict[str, Any]:
    start, end = review.window
    return {
        "old": _version(review.old),
        "new": _version(review.new),
        "window": {"start": start.isoformat(), "end": end.isoformat()},
        "changed": review.changed,
        "summary": review.counts(),
        "register": [to_plain(f) for f in review.register],
        "tasks": [to_plain(t) for t in review.tasks],
    }


def _version(version: Version) -> dict[str, Any]:
    return {
        "label": version.label,
        "path": version.path,
        "revision": version.revision,
        "commit": version.commit,
        "worktree": version.worktree,
    }
