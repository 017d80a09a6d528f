"""Records to a register document, and the register document to YAML text.

Cells are kept verbatim. Units come from `names.split`; every name not declared by a
reference register is declared here with kind 未分类 and a warning. Schedules come from
the phrase parser, the same code `gpstd check` reads the register with; a clause it
does not understand stays in the cell and is listed in the task's note and as a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gpstd.importer import headers, names, tables

UNSORTED_KIND = "未分类"
_SCHEDULE_KINDS = ("dated", "recurring", "start", "ongoing", "irregular")
_FIELDS = ("due", "start", "until", "rrule", "action", "recipient", "by", "assumed")
_SECTION = re.compile(r"[（(]([一二三四五六七八九十百零〇]+|\d+)[）)]")
_HEADING_NUM = re.compile(r"^[（(]?([一二三四五六七八九十百]+)[）)、.．]")
_DISTRICT = re.compile(r"^(?:[^\s]{0,6}?[省市])?([^\s省市]{1,6}?(?:自治县|新区|区|县|市|旗))")

Parse = Callable[[str, dt.date], list[Any]]


@dataclass
class Review:
    """What needs a human look, with the task it concerns (None for the whole register)."""

    task: int | None
    message: str


@dataclass
class Result:
    data: dict[str, Any]
    rows: int
    layout: headers.Layout
    schedules_understood: int
    cells_with_schedule: int
    units_found: list[str]
    new_names: list[str]
    reviews: list[Review] = field(default_factory=list)
    tables: list[tables.Table] = field(default_factory=list)
    """The tables read (a list may continue over several)."""


def build(
    source: tables.Source, origin: str, reference: dict[str, Any] | None = None, parse: Parse | None = None
) -> Result:
    """The register document for `source`; `reference` supplies already declared units."""
    from gpstd.phrases import parse_phrase

    try:
        layout = headers.find_layout(source.tables)
    except tables.UnreadableTable as exc:
        if source.encoding:  # the guess may be why no column name was recognised
            raise tables.UnreadableTable(
                f"{exc.message}（文件不是 UTF-8 编码，已按 {source.encoding.upper()}"
                "（GBK 的超集）读取；若仍有乱码，请用 UTF-8 另存后再导入）"
            ) from None
        raise
    layouts, ignored = headers.gather(source.tables, layout)
    records = headers.records(source.tables, layouts)
    if not records:
        raise tables.UnreadableTable("表头下面没有任务行")
    source = _with_title_lines(source, layouts[0])
    builder = _Builder(parse or parse_phrase, reference or {}, _base_date(source, records))
    builder.reviews += [Review(None, f"{what}，请核对是否遗漏任务") for what in ignored]
    tasks = [builder.task(i, record) for i, record in enumerate(records, start=1)]
    data = builder.document(source, origin, tasks)
    return Result(
        data,
        len(records),
        layout,
        builder.understood,
        builder.with_schedule,
        builder.used,
        builder.new_names,
        builder.reviews,
        [source.tables[x.table] for x in layouts],
    )


def _with_title_lines(source: tables.Source, first: headers.Layout) -> tables.Source:
    """The lines a title may be read from: the text before the tables, the rows above the
    first header (a spreadsheet's merged title row), and a web page's heading."""
    table = source.tables[first.table]
    top = first.header_rows[0] if first.header_rows else 0
    above = [" ".join(dict.fromkeys(c for c in row if c)) for row in table.rows[:top]]
    lines = [*source.preamble, *(a for a in above if a)]
    if table.heading:
        lines = [table.heading]
    elif not lines and source.fallback_title:
        lines = [source.fallback_title]
    return tables.Source(lines, source.tables, source.fallback_title)


def _base_date(source: tables.Source, records: list[headers.Record]) -> dt.date:
    """1 January of the earliest year written anywhere: how yearless dates are first read."""
    text = " ".join([*source.preamble, *(c for r in records for c in r.cells.values())])
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)\s*年", text)]
    return dt.date(min(years) if years else dt.date.today().year, 1, 1)


class _Builder:
    def __init__(self, parse: Parse, reference: dict[str, Any], base: dt.date):
        self.parse = parse
        self.base = base
        self.units: list[dict[str, Any]] = [dict(u) for u in reference.get("units", [])]
        self.groups: list[dict[str, Any]] = [dict(g) for g in reference.get("groups", [])]
        self.known: dict[str, str] = {}
        for entry in [*self.units, *self.groups]:
            for spelling in [entry["name"], *entry.get("aliases", [])]:
                self.known.setdefault(spelling, entry["name"])
        self.used: list[str] = []
        self.new_names: list[str] = []
        self.sections: list[str] = []
        self.dates: list[dt.date] = []
        self.understood = 0
        self.with_schedule = 0
        self.reviews: list[Review] = []
        self.last_id = 0
        self.headings_as_sections = False

    # --- tasks ------------------------------------------------------------------

    def task(self, index: int, record: headers.Record) -> dict[str, Any]:
        cells = record.cells
        task_id = self._id(cells.get("seq", ""), record)
        notes: list[str] = []
        section = self._section(task_id, cells.get("section", ""), record.heading)
        self.headings_as_sections |= "section" not in cells
        task: dict[str, Any] = {
            "id": task_id,
            "section": section,
            "cells": {
                "seq": cells.get("seq", ""),
                "responsible": cells.get("responsible", ""),
                "task": cells.get("task", ""),
                "deadline": cells.get("deadline", ""),
                # No 方案项目 column: the cell holds the number read from the heading row
                # (一、标准目录编制 → 一), which meta.notes explains, so check agrees.
                "section": cells.get("section", section),
            },
            "units": self._units(task_id, cells, notes),
            "schedule": self._schedule(task_id, cells, notes),
        }
        if record.joined:
            rows = "、".join(record.joined)
            notes.append(f"原表{rows}序号为空，作为续行并入本任务。")
            self.reviews.append(Review(task_id, f"原表{rows}作为续行并入本任务，请核对"))
        if notes:
            task["note"] = "".join(notes)
        return task

    def _id(self, seq: str, record: headers.Record) -> int:
        from gpstd.numerals import to_int

        number = to_int(seq.strip().rstrip("．.、"))
        if number is None or number <= self.last_id:
            number = self.last_id + 1
            what = f"序号「{seq}」" if seq else "序号为空"
            self.reviews.append(Review(number, f"原表{record.where}{what}，编号记为 {number}"))
        self.last_id = number
        return number

    def _section(self, task_id: int, cell: str, heading: str | None) -> str:
        from gpstd.numerals import chinese_numeral

        key = cell.strip().strip("（）() ")
        found = _SECTION.search(cell) or (_HEADING_NUM.match(heading) if heading else None)
        if key and re.fullmatch(r"[一二三四五六七八九十百零〇]+|\d+", key):
            section = key
        elif found:
            section = found.group(1)
        else:
            section = "未分"
            self.reviews.append(
                Review(task_id, f"没有可识别的方案项目编号（「{cell or heading or ''}」），记为「未分」")
            )
        if section.isdigit():
            section = chinese_numeral(int(section))
        if section not in self.sections:
            self.sections.append(section)
        return section

    # --- units ------------------------------------------------------------------

    def _units(self, task_id: int, cells: dict[str, str], notes: list[str]) -> dict[str, Any]:
        split = names.split(cells.get("responsible", ""))
        lead = [self._declare(task_id, n) for n in split.lead]
        cooperating = [self._declare(task_id, n) for n in split.cooperating]
        if cells.get("cooperating"):
            extra = names.split(cells["cooperating"])
            cooperating += [self._declare(task_id, n) for n in [*extra.lead, *extra.cooperating]]
            notes.append(f"配合单位栏原文：“{cells['cooperating']}”。")
        if split.dropped:
            notes.append(f"责任单位栏“等{'、'.join(split.dropped)}”未具名，未登记。")
        if not lead:
            self.reviews.append(Review(task_id, "责任单位栏为空，请补上责任单位"))
        units: dict[str, Any] = {"lead": _unique(lead)}
        if cooperating:
            units["cooperating"] = _unique(cooperating)
        return units

    def _declare(self, task_id: int, spelling: str) -> str:
        """The declared name for `spelling`, declaring it (kind 未分类) when it is new."""
        if spelling in self.known:
            name = self.known[spelling]
        else:
            base = names.base_unit(spelling)
            name = self.known.get(base, base) if base else spelling
            entry = self._entry(name)
            if entry is None:
                self._new_entry(task_id, name)
                entry = self._entry(name)
            if spelling != name and entry is not None:
                entry.setdefault("aliases", []).append(spelling)
            self.known[spelling] = name
        if name not in self.used:
            self.used.append(name)
        return name

    def _entry(self, name: str) -> dict[str, Any] | None:
        return next((e for e in [*self.units, *self.groups] if e["name"] == name), None)

    def _new_entry(self, task_id: int, name: str) -> None:
        self.known[name] = name
        self.new_names.append(name)
        if names.is_group(name):
            self.groups.append(
                {
                    "name": name,
                    "source": "import",
                    "note": "导入时新建的集合称谓：成员（members）或涵盖的单位类别（covers）待补。",
                }
            )
            self.reviews.append(Review(task_id, f"新的集合称谓「{name}」：请补成员或涵盖的单位类别"))
        else:
            self.units.append({"name": name, "kind": UNSORTED_KIND, "source": "import"})
            self.reviews.append(
                Review(task_id, f"新单位「{name}」：类别记为“{UNSORTED_KIND}”，请核对名称并补类别")
            )

    # --- schedules --------------------------------------------------------------

    def _schedule(self, task_id: int, cells: dict[str, str], notes: list[str]) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        deadline = cells.get("deadline", "")
        unknown: list[str] = []
        for part in self.parse(deadline, self.base) if deadline.strip() else []:
            if part.kind in _SCHEDULE_KINDS and not getattr(part, "problem", None):
                items.append(self._item(task_id, part, "deadline"))
            elif str(part.text).strip("，。；、,.; "):
                unknown.append(part.text)
        for part in self.parse(cells.get("task", ""), self.base):
            if part.kind in ("recurring", "start") and not getattr(part, "problem", None):
                item = self._item(task_id, part, "task")
                if not any(_same_dates(item, other) for other in items):
                    items.append(item)
                    self._from_task(task_id, part, item)
        if deadline.strip():
            self.with_schedule += 1
            if items and not unknown:
                self.understood += 1
        if unknown:
            quoted = "」「".join(unknown)
            notes.append(f"完成时间栏中未能识别的表述：「{quoted}」，原文保留在 cells.deadline，待人工处理。")
            self.reviews.append(Review(task_id, f"未能识别的时间表述：「{quoted}」"))
        if not items:
            what = f"「{deadline}」" if deadline else "（完成时间栏为空）"
            self.reviews.append(Review(task_id, f"没有读出任何时间安排：{what}"))
        return items

    def _from_task(self, task_id: int, part: Any, item: dict[str, Any]) -> None:
        """A schedule read from the task text, not the 完成时间 cell: it may be what the
        work is rather than a deadline, and its date may be the parser's default (每年 →
        12月31日), so it is never taken silently."""
        reading = getattr(part, "describe", "") or item.get("start", "")
        item["note"] = f"出自工作任务栏，读作{reading}（导入时推定，请核对是否为期限）。"
        self.reviews.append(
            Review(task_id, f"工作任务栏中的「{part.text}」读作 {reading}，已加为期限，请核对")
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
        if part.kind == "dated" and "年" not in part.text and item.get("due"):
            item["note"] = f"原文此句未写年份，读作{item['due'].year}年（导入时推定，请核对）。"
            self.reviews.append(Review(task_id, f"「{part.text}」未写年份，读作 {item['due']}"))
        return item

    # --- the document -----------------------------------------------------------

    def document(self, source: tables.Source, origin: str, tasks: list[dict[str, Any]]) -> dict[str, Any]:
        title = _title(source.preamble)
        district = _DISTRICT.match(title)
        start = (self.dates and min(self.dates).replace(day=1)) or self.base
        meta: dict[str, Any] = {
            "title": title or Path(origin).stem,
            "source": f"{origin}（由 gpstd import 导入）",
            "district": district.group(1) if district else "",
            "timezone": "Asia/Shanghai",
            "start": start,
            "sections": _ordered_sections(self.sections),
            "notes": [
                f"由 gpstd import 从 {origin} 导入；cells 逐字照录原表，units 和 schedule "
                "为自动解读，请逐条核对后删去本说明。",
                f"起始日期 {start} 取自原文最早日期所在月份的1日（无日期时取最早年份的1月1日）。",
            ],
        }
        if self.headings_as_sections:
            meta["notes"].append(
                "原表没有方案项目栏：section 和 cells.section 记的是任务上方标题行的编号"
                "（如“一、标准目录编制”记为“一”），没有标题行的任务记为“未分”。"
            )
        if not title:
            self.reviews.append(Review(None, "原文没有找到清单标题，meta.title 暂用文件名"))
        if not meta["district"]:
            self.reviews.append(Review(None, "没能从标题读出地区，请填写 meta.district"))
        return {"version": 1, "meta": meta, "units": self.units, "groups": self.groups, "tasks": tasks}


def _same_dates(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Two items that put the same dates in the calendar, whatever their wording."""
    keys = ("kind", "due", "start", "until", "rrule")
    return all(one.get(k) == other.get(k) for k in keys)


def _title(preamble: list[str]) -> str:
    lines = [line for line in preamble if not re.fullmatch(r"附\s*件\s*\d*[:：]?", line)]
    return (
        "".join(lines[-2:])
        if len(lines) > 1 and len("".join(lines[-2:])) <= 60
        else (lines[-1] if lines else "")
    )


def _ordered_sections(sections: list[str]) -> list[str]:
    from gpstd.numerals import to_int

    return sorted(sections, key=lambda s: (to_int(s) is None, to_int(s) or 0))


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
