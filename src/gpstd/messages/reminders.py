"""A unit's reminder as a block to paste into 政务微信、钉钉 or an SMS: plain text, Markdown, JSON.

One block per unit (`gpstd.supervision.reminders.Reminder`): a heading naming the unit and the
day, then what is overdue and what falls due soon, each with its task number, date and state and
the source's words. Long task texts are cut to `TASK_CHARS` characters (the notice carries them
whole); `markdown_parts` splits a block that a robot would refuse as too long.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from gpstd.days import cn_date
from gpstd.supervision.reminders import Item, Reminder

TASK_CHARS = 60
TITLE = "督办提醒"


def days_label(item: Item) -> str:
    """已逾期86天 / 今天到期 / 还有2天."""
    state = item.state
    if state.code == "overdue":
        return f"已逾期{state.days}天"
    if state.code == "today":
        return "今天到期"
    return f"还有{state.days}天" if state.days else state.label


def heading(reminder: Reminder) -> str:
    return f"{TITLE}：{reminder.unit}"


def summary(reminder: Reminder, today: dt.date, days: int) -> str:
    """截至2020年11月25日，逾期未完成3项，3天内到期1项。"""
    parts = []
    if reminder.overdue:
        parts.append(f"逾期未完成{len(reminder.overdue)}项")
    if reminder.soon:
        parts.append(f"{_window(days)}到期{len(reminder.soon)}项")
    return f"截至{cn_date(today)}，{'，'.join(parts)}。"


def _window(days: int) -> str:
    return "今天" if days == 0 else f"{days}天内"


def _task(item: Item) -> str:
    text = " ".join(item.task.split())
    return text if len(text) <= TASK_CHARS else text[: TASK_CHARS - 1] + "…"


def _when(item: Item) -> str:
    assumed = "（推定日期）" if item.assumed else ""
    return f"{cn_date(item.due)}到期{assumed}，{days_label(item)}{_via(item)}"


def _via(item: Item) -> str:
    """Why the unit is chased for it when the source names a collective term, not the unit."""
    return f"；经「{item.via}」" if item.via else ""


# --- plain text (SMS, 政务微信 without Markdown) ---------------------------------------------


def text(reminder: Reminder, today: dt.date, days: int) -> str:
    lines = [f"【{TITLE}】{reminder.unit}", summary(reminder, today, days)]
    number = 0
    for title, items in (("逾期未完成", reminder.overdue), (f"{_window(days)}到期", reminder.soon)):
        if not items:
            continue
        lines.append(f"{title}：")
        for item in items:
            number += 1
            lines.append(f"{number}. 任务{item.task_id}（{_when(item)}）：{_task(item)}")
            lines.append(f"   原文：{item.text}")
    lines.append("请抓紧办理；已完成的请报送完成情况。")
    return "\n".join(lines) + "\n"


# --- Markdown (group robots) -------------------------------------------------------------


def _markdown_head(reminder: Reminder, today: dt.date, days: int, part: str = "") -> list[str]:
    return [f"### {heading(reminder)}{part}", summary(reminder, today, days)]


def _markdown_items(reminder: Reminder, days: int) -> list[tuple[str, list[str]]]:
    """(section title, the lines of one item) for every item, in order."""
    out = []
    number = 0
    for title, items in (("逾期未完成", reminder.overdue), (f"{_window(days)}到期", reminder.soon)):
        for item in items:
            number += 1
            label = f"**{days_label(item)}**"
            assumed = "（推定日期）" if item.assumed else ""
            out.append(
                (
                    title,
                    [
                        f"{number}. 任务{item.task_id}：{_task(item)}",
                        f"> {cn_date(item.due)}到期{assumed}，{label}{_via(item)}；原文：{item.text}",
                    ],
                )
            )
    return out


def _assemble(head: list[str], items: list[tuple[str, list[str]]], closing: bool) -> str:
    lines = [*head]
    current = None
    for title, body in items:
        if title != current:
            lines += ["", f"**{title}**"]
            current = title
        lines += body
    if closing:
        lines += ["", "请抓紧办理；已完成的请报送完成情况。"]
    return "\n".join(lines)


def markdown(reminder: Reminder, today: dt.date, days: int) -> str:
    return _assemble(_markdown_head(reminder, today, days), _markdown_items(reminder, days), True) + "\n"


def markdown_parts(reminder: Reminder, today: dt.date, days: int, fits: Callable[[str], bool]) -> list[str]:
    """The Markdown block, or as few parts as `fits` accepts (each with the heading, marked
    （1/2）…), items never split. A single item too long for a part is cut to fit."""
    whole = markdown(reminder, today, days).rstrip("\n")
    if fits(whole):
        return [whole]
    items = _markdown_items(reminder, days)
    groups: list[list[tuple[str, list[str]]]] = [[]]
    for item in items:
        trial = groups[-1] + [item]
        if groups[-1] and not fits(
            _assemble(_markdown_head(reminder, today, days, "（99/99）"), trial, True)
        ):
            groups.append([item])
        else:
            groups[-1] = trial
    total = len(groups)
    parts = []
    for n, group in enumerate(groups, 1):
        head = _markdown_head(reminder, today, days, f"（{n}/{total}）")
        part = _assemble(head, group, n == total)
        while not fits(part) and len(part) > 1:  # one item alone too long: cut it, say so
            part = part[: int(len(part) * 0.9)] + "…（内容过长，已截断）"
        parts.append(part)
    return parts


# --- JSON ------------------------------------------------------------------------------------


def item_json(item: Item) -> dict[str, Any]:
    return {
        "id": item.task_id,
        "due": item.due.isoformat(),
        "state": item.state.code,
        "label": item.state.label,
        "days": item.state.days,
        "text": item.text,
        "task": item.task,
        "action": item.action,
        "recipient": item.recipient,
        "assumed": item.assumed,
        "role": item.role,
        "via": item.via,
    }


def reminder_json(reminder: Reminder, today: dt.date, days: int) -> dict[str, Any]:
    """One unit's block: its items and the text and Markdown as `remind` prints them."""
    return {
        "unit_id": reminder.unit_id,
        "unit": reminder.unit,
        "today": today.isoformat(),
        "days": days,
        "overdue": [item_json(i) for i in reminder.overdue],
        "soon": [item_json(i) for i in reminder.soon],
        "text": text(reminder, today, days),
        "markdown": markdown(reminder, today, days),
    }
