"""The review list: what needs a human look, one item per doubt.

A doubt repeated on many rows is one doubt (a 12-row list with no time column has one item
saying so, not twelve): the same message on several tasks becomes one item naming them, and
a kind of doubt found more than a few times (new units, years read from the list's own year)
is summarised in one item with examples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MANY = 3  # examples a summary shows


@dataclass
class Review:
    """One item of the list, with the task it concerns (None: several tasks or the register)."""

    task: int | None
    message: str


@dataclass
class _Kind:
    summary: str  # "{n} 个新单位……：{examples}"
    shown: int  # examples a summary shows
    many: int  # more details than this are summarised
    details: dict[str, list[int | None]] = field(default_factory=dict)  # message → tasks
    examples: dict[str, str] = field(default_factory=dict)  # message → its short form


class Reviews:
    def __init__(self) -> None:
        self._plain: dict[str, list[int | None]] = {}
        self._kinds: dict[str, _Kind] = {}
        self._order: list[tuple[str, str]] = []  # ("plain", message) or ("kind", name)

    def add(self, task: int | None, message: str) -> None:
        """A doubt; the same message on another task joins it."""
        if message not in self._plain:
            self._plain[message] = []
            self._order.append(("plain", message))
        self._plain[message].append(task)

    def add_kind(
        self,
        kind: str,
        summary: str,
        task: int | None,
        message: str,
        example: str,
        shown: int = MANY,
        many: int = 1,
    ) -> None:
        """A doubt of a kind that, found more than `many` times, is listed once: `summary`
        takes {n}, {tasks} and {examples} (the first `shown` short forms)."""
        if kind not in self._kinds:
            self._kinds[kind] = _Kind(summary, shown, many)
            self._order.append(("kind", kind))
        self._kinds[kind].details.setdefault(message, []).append(task)
        self._kinds[kind].examples[message] = example

    def items(self) -> list[Review]:
        found: list[Review] = []
        for what, key in self._order:
            if what == "plain":
                found.append(_item(self._plain[key], key))
                continue
            kind = self._kinds[key]
            if len(kind.details) <= kind.many:
                found += [_item(tasks, detail) for detail, tasks in kind.details.items()]
            else:
                tasks = sorted({t for ts in kind.details.values() for t in ts if t is not None})
                shown = list(kind.examples.values())
                examples = "、".join(shown[: kind.shown]) + ("……" if len(shown) > kind.shown else "")
                found.append(
                    Review(
                        None,
                        kind.summary.format(n=len(kind.details), tasks=task_list(tasks), examples=examples),
                    )
                )
        return found


def _item(tasks: list[int | None], message: str) -> Review:
    named = sorted({t for t in tasks if t is not None})
    if len(named) <= 1:
        return Review(named[0] if named else None, message)
    return Review(None, f"{task_list(named)}：{message}")


def task_list(ids: list[int]) -> str:
    """任务 1–3、7: runs of consecutive ids shortened."""
    runs: list[list[int]] = []
    for i in sorted(set(ids)):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    text = "、".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else "、".join(map(str, r)) for r in runs)
    return f"任务 {text}"
