"""A task's schedule, read by the project's phrase parser (the code `gpstd check` reads with).

The time cell is read whole; the task text is read too, for what a list writes there (每年7月
组织评估调整, or, in a list without a time column, 2021年底前制定……): such an item is marked as
coming from the task text and listed for review, as the task text may say what the work is
rather than when it is due. Nothing is re-dated here: the parser's reading is taken or left.

Two guards: a date the text gives without a year is read in the list's own year, and when the
list names no year anywhere it is not dated at all (a wrong date is worse than none); and a
cell longer than `limits.PARSED_CELL` is kept verbatim without being parsed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from gpstd.importer import limits
from gpstd.importer.reviews import MANY, Reviews

Parse = Callable[[str, dt.date], list[Any]]
KINDS = ("dated", "recurring", "start", "ongoing", "irregular")
_FIELDS = ("due", "start", "until", "rrule", "workday", "action", "recipient", "by", "assumed")
_FROM_TASK = ("dated", "recurring", "start")


class Reader:
    def __init__(
        self,
        parse: Parse,
        year: int | None,
        reviews: Reviews,
        today: dt.date,
        span: tuple[int, int] | None = None,
        seen: int | None = None,
    ):
        """`year`: the list's, None when it names none or spans several (`span`, 2023—2025);
        `seen`: the year the parser reads from when there is none (the span's first, or the
        earliest the task text writes), so that a written year is not refused as long past."""
        self.parse = parse
        self.year = year
        self.span = span
        self.base = dt.date(year or seen or today.year, 1, 1)
        self.reviews = reviews
        self.dates: list[dt.date] = []
        self.understood = 0
        self.with_schedule = 0
        self.undated = False  # the last cell read had a time only a year would date

    def read(
        self, task_id: int, deadline: str, task: str, has_time_column: bool, notes: list[str]
    ) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        unknown: list[str] = []
        self.undated = False
        if deadline.strip():
            self.with_schedule += 1
            for part in self._parts(task_id, deadline, "完成时间栏", notes):
                if part.kind in KINDS and not part.problem:
                    items.append(self._item(task_id, part, "deadline"))
                elif part.text.strip("，。；、,.; "):
                    unknown.append(part.text)
            if items and not unknown:
                self.understood += 1
        undated = self.undated
        kinds = _FROM_TASK if not has_time_column else ("recurring", "start")
        for part in self._parts(task_id, task, "工作任务栏", notes):
            if part.kind in kinds and not part.problem and not self._past(part):
                item = self._item(task_id, part, "task")
                if not any(_same_dates(item, other) for other in items):
                    items.append(item)
                    self._from_task(task_id, part, item)
        if unknown:
            quoted = "」「".join(unknown)
            notes.append(f"完成时间栏中未能识别的表述：「{quoted}」，原文保留在 cells.deadline，待人工处理。")
            self.reviews.add(task_id, f"未能识别的时间表述：「{quoted}」")
        if not items and has_time_column and not undated:
            what = f"「{deadline}」" if deadline else "（完成时间栏为空）"
            self.reviews.add(task_id, f"没有读出任何时间安排：{what}")
        return items

    def _parts(self, task_id: int, text: str, where: str, notes: list[str]) -> list[Any]:
        """The parser's parts, without those that hang on a year the list never names."""
        self.undated = False
        if not text.strip():
            return []
        if len(text) > limits.PARSED_CELL:
            notes.append(f"{where}有 {len(text)} 字，超过 {limits.PARSED_CELL} 字，未解读时间。")
            self.reviews.add(task_id, f"{where}过长（{len(text)} 字），未解读其中的时间，请人工核对")
            return []
        parts = self.parse(text, self.base)
        if self.year is not None:
            return parts
        # A part whose dates move with the base year hangs on a year the list never names. The
        # second base is earlier, not later: the parser refuses a year long before its base as a
        # typo, and a later base would turn 2021年3月31日 (year written) into "no year".
        other = self.parse(text, self.base.replace(year=self.base.year - 4))
        kept = [p for p, q in zip(parts, other) if _dates(p) == _dates(q)] if len(other) == len(parts) else []
        why = f"清单跨 {self.span[0]}—{self.span[1]} 年、不知是哪一年" if self.span else "清单中也没有年份"
        for part in parts:
            if part not in kept and part.kind in KINDS and not part.problem:
                self.undated = True  # already a doubt of its own: not also "nothing read"
                notes.append(f"「{part.text}」未写年份，而{why}，未定日期。")
                self.reviews.add_kind(
                    "no-year",
                    "{n} 处时间未写年份，" + why + "，未定日期（{tasks}）：{examples}；请查明年份后补上",
                    task_id,
                    f"「{part.text}」未写年份，{why}，未定日期；请查明年份后补上",
                    f"「{part.text}」",
                )
        return kept

    def _past(self, part: Any) -> bool:
        """A date in the task text before the list's year is background (比2015年下降), not a deadline."""
        day = part.due or part.start
        return self.year is not None and day is not None and day < self.base

    def _from_task(self, task_id: int, part: Any, item: dict[str, Any]) -> None:
        """A schedule read from the task text: it may be what the work is rather than a
        deadline, and its date may be the parser's default (每年 → 12月31日)."""
        reading = part.describe or item.get("due") or item.get("start", "")
        item["note"] = f"出自工作任务栏，读作{reading}（导入时推定，请核对是否为期限）。"
        self.reviews.add_kind(
            "from-task",
            "工作任务栏中读出 {n} 处时间，已加为期限（{tasks}），请核对是否为期限：{examples}",
            task_id,
            f"工作任务栏中的「{part.text}」读作 {reading}，已加为期限，请核对",
            f"「{part.text[:20]}」读作 {reading}",
            many=MANY,
        )

    def _item(self, task_id: int, part: Any, source: str) -> dict[str, Any]:
        item: dict[str, Any] = {"kind": part.kind, "text": part.text}
        if source != "deadline":
            item["source"] = source
        for name in _FIELDS:
            value = getattr(part, name, None)
            if value is not None and value != "" and value is not False:
                item[name] = value
            if isinstance(value, dt.date) and name in ("due", "start"):
                self.dates.append(value)
        if part.kind == "dated" and not _names_year(part.text) and item.get("due"):
            item["note"] = f"原文此句未写年份，读作{item['due'].year}年（导入时推定，请核对）。"
            self.reviews.add_kind(
                "year-assumed",
                "{n} 处日期未写年份，按清单年份读（{tasks}）：{examples}",
                task_id,
                f"「{part.text}」未写年份，读作 {item['due']}",
                f"「{part.text[:20]}」读作 {item['due']}",
            )
        return item


_WRITTEN_YEAR = re.compile(r"年|(?<!\d)\d{4}(?!\d)")


def _names_year(text: str) -> bool:
    """Whether a dated phrase writes its year: 2021年3月31日, and 2021-03-31, 2021/3/31, 2021.3.31
    as an Excel date cell or a numeric date reads (full-width digits too)."""
    return bool(_WRITTEN_YEAR.search(unicodedata.normalize("NFKC", text)))


def _dates(part: Any) -> tuple[Any, ...]:
    return (part.kind, part.due, part.start, part.until, part.rrule)


def _same_dates(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Two items that put the same dates in the calendar, whatever their wording."""
    keys = ("kind", "due", "start", "until", "rrule")
    return all(one.get(k) == other.get(k) for k in keys)
