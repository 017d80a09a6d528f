"""`gpstd diff --format github`: notices at the changed lines, and a Markdown summary for the job
summary ($GITHUB_STEP_SUMMARY) or a pull request comment.

One notice per task that changed, at its first changed line of the newer file, its message the
same lines as the text output. GitHub keeps ten notices a step: past nine tasks, the tenth says
how many more there are. The Markdown stops before GitHub's size limits (a comment holds 65,536
characters) and says how many tasks it left out.
"""

from __future__ import annotations

import html
import re

from gpstd.render import diffwords as words
from gpstd.render.workflow import PER_STEP, command
from gpstd.review import Review
from gpstd.review.changes import TaskDiff

MAX_MARKDOWN = 60_000
# Mid-line, only these make Markdown of text: verbatim text is never at the start of a line.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")


def _md(text: str) -> str:
    """Text shown as itself in GitHub Markdown: HTML escaped, Markdown punctuation backslashed."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


MARKDOWN = words.Style(
    quote=lambda t: f"「{_md(t)}」",
    deleted=lambda t: f"<del>{_md(t)}</del>",
    inserted=lambda t: f"<ins>{_md(t)}</ins>",
    escape=_md,
)


def notices(review: Review) -> str:
    notes = []
    if review.register:
        lines = [f"{e.label}：{e.text}" for e in words.register_entries(review, words.PLAIN)]
        notes.append((min(f.line for f in review.register), "登记册（meta、units、groups）", lines))
    for task in review.tasks:
        notes.append((_first_line(task), words.task_heading(task, words.PLAIN), _lines(task)))
    if len(notes) > PER_STEP:
        rest = len(notes) - (PER_STEP - 1)
        notes = notes[: PER_STEP - 1]
        tail = command(
            "notice", f"另有 {rest} 处变化未在此标注，见作业摘要或 gpstd diff 的输出。", title="gpstd diff"
        )
    else:
        tail = ""
    path = review.new.path
    return (
        "".join(command("notice", "\n".join(body), path, line, title=head) for line, head, body in notes)
        + tail
    )


def _first_line(task: TaskDiff) -> int:
    lines = [
        x.line for group in (task.deadlines, task.rules, task.units, task.cells, task.fields) for x in group
    ]
    return min(lines) if task.change == "changed" and lines else task.line


def _lines(task: TaskDiff) -> list[str]:
    out = []
    for entry in words.task_entries(task, words.PLAIN):
        out.append(f"{entry.label}：{entry.text}")
        out += [f"　{more}" for more in entry.more]
    return out


def markdown(review: Review) -> str:
    head = [
        "## 登记册的变化（gpstd diff）",
        "",
        f"{_md(words.title(review.old))} → {_md(words.title(review.new))}，`{review.new.path}`。"
        f"**{words.summary(review)}**",
    ]
    if not review.changed:
        return "\n".join(head) + "\n"
    blocks = []
    if review.register:
        blocks.append(_block("登记册（meta、units、groups）", words.register_entries(review, MARKDOWN)))
    blocks += [
        _block(
            words.task_heading(t, MARKDOWN),
            words.task_entries(t, MARKDOWN),
            f"原在第 {t.line} 行处" if t.change == "removed" else f"第 {t.line} 行",
        )
        for t in review.tasks
    ]
    foot = f"<sub>{_md(words.window(review))}</sub>"
    return "\n".join(head) + "\n\n" + _fit(blocks, foot) + "\n"


def _block(heading: str, entries: list[words.Entry], where: str = "") -> str:
    lines = [f"### {heading}" + (f" <sub>{where}</sub>" if where else ""), ""]
    for entry in entries:
        lines.append(f"- **{entry.label}** {entry.text}")
        lines += [f"  - {more}" for more in entry.more]
    return "\n".join(lines) + "\n"


def _fit(blocks: list[str], foot: str) -> str:
    """As many blocks as fit in MAX_MARKDOWN characters, then how many were left out."""
    kept: list[str] = []
    size = len(foot)
    for block in blocks:
        if size + len(block) > MAX_MARKDOWN:
            left = len(blocks) - len(kept)
            kept.append(
                f"*另有 {left} 项变化未列出（超出 GitHub 的篇幅限制），请运行 gpstd diff 查看全部。*\n"
            )
            break
        kept.append(block)
        size += len(block) + 1
    return "\n".join([*kept, foot])
