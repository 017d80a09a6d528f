"""Records to a register document.

The pipeline: `layout` says which column is which, `rows` turns the rows into records,
`sections` gives each its section, and here each record becomes a task: cells kept verbatim,
units split by `names` (every name not declared by a reference register is declared, kind
未分类), schedules read by `schedules`. What needs a human look goes to the review list.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gpstd.errors import UnreadableTable
from gpstd.importer import layout as layouts
from gpstd.importer import names, rows, sections, tables
from gpstd.importer.headers import squash
from gpstd.importer.reviews import Review, Reviews
from gpstd.importer.schedules import Parse, Reader
from gpstd.importer.tables import flat

UNSORTED_KIND = "未分类"
_DISTRICT = re.compile(r"^(?:[^\s]{0,6}?[省市])?([^\s省市]{1,6}?(?:自治县|新区|区|县|市|旗))")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
# A page's or a document's own date line: 发布时间：2022-07-14, 发文日期 2022/7/14, 成文日期：2022年7月14日,
# and a sheet's 填报日期：2023年12月5日.
_ISSUED = re.compile(r"(?:发布|印发|发文|成文|填报|制表)(?:时间|日期)\s*[:：]?\s*((?:19|20)\d\d)\s*[-/.年]")

__all__ = ["Result", "Review", "build"]


@dataclass
class Result:
    data: dict[str, Any]
    rows: int
    layout: layouts.Layout
    schedules_understood: int
    cells_with_schedule: int
    units_found: list[str]
    new_names: list[str]
    reviews: list[Review] = field(default_factory=list)
    tables: list[tables.Table] = field(default_factory=list)
    """The tables read (a list may continue over several)."""


def build(
    source: tables.Source,
    origin: str,
    reference: dict[str, Any] | None = None,
    parse: Parse | None = None,
    forced: layouts.Forced | None = None,
    today: dt.date | None = None,
) -> Result:
    """The register document for `source`; `reference` supplies already declared units."""
    from gpstd.phrases import parse_phrase

    layout = _layout(source, forced)
    read, ignored = gather(source.tables, layout)
    found = rows.records(source.tables, read)
    if not found.records:
        raise UnreadableTable("表头下面没有任务行")
    # all the text outside the list, a page's date line and a sheet's 填报日期 line included
    around = [*source.preamble, *_above_header(source, read[0])]
    source = _with_title_lines(source, read[0])
    reviews = Reviews()
    span = title_span(source)
    year = None if span else list_year(source, found.records, origin, around)
    seen = span[0] if span else year or earliest_year(found.records)
    reader = Reader(parse or parse_phrase, year, reviews, today or dt.date.today(), span, seen)
    builder = _Builder(reader, reference or {}, reviews, layout)
    builder.spelled = _spelled(found.records, reference or {})
    builder.first_leads = _first_leads(layout, [*around, *found.notes], reviews)
    for what in ignored:
        reviews.add(None, f"{what}，请核对是否遗漏任务")
    plan = sections.plan(found.records, "section" in layout.columns)
    tasks = [builder.task(record, section) for record, section in zip(found.records, plan.sections)]
    data = builder.document(source, origin, tasks, plan, found.notes, year)
    return Result(
        data,
        len(found.records),
        layout,
        reader.understood,
        reader.with_schedule,
        list(builder.used),
        builder.new_names,
        reviews.items(),
        [source.tables[x.table] for x in read],
    )


def _first_leads(layout: layouts.Layout, around: list[str], reviews: Reviews) -> bool:
    """Whether the list says the first unit of a cell leads (责任单位（列第一位的为牵头单位）, or
    a note under or above the table): then it is read so, and the review says why."""
    column = layout.columns.get("responsible")
    named = layout.header.names[column] if column is not None and column < len(layout.header.names) else ""
    if not any(names.FIRST_LEADS.search(squash(text)) for text in [named, *around]):
        return False
    reviews.add(
        None, "清单写明列第一位的单位为牵头单位：每格第一个单位记为责任单位，其余记为配合单位，请核对"
    )
    return True


def _layout(source: tables.Source, forced: layouts.Forced | None) -> layouts.Layout:
    try:
        return layouts.find(source.tables, forced)
    except UnreadableTable as exc:
        if source.guessed_encoding:  # the guess may be why no column name was recognised
            raise UnreadableTable(
                f"{exc.message}（文件没有声明编码，也不是 UTF-8 编码，已按 {source.guessed_encoding.upper()}"
                "（GBK 的超集）读取；若仍有乱码，请用 UTF-8 另存后再导入）"
            ) from None
        raise


def gather(all_tables: list[tables.Table], main: layouts.Layout) -> tuple[list[layouts.Layout], list[str]]:
    """Every table to read, with its layout, and what is left out (to list for review).

    A list that breaks across pages often comes as several tables (Word's 续表, one sheet
    per page, a web page per section): a table with a header of its own is read with it;
    one without a header that follows a read table with the same number of columns
    continues it. Anything else is named as left out, never dropped in silence.
    """
    from dataclasses import replace

    from gpstd.importer.headers import Header

    read: list[layouts.Layout] = []
    ignored: list[str] = []
    for t, table in enumerate(all_tables):
        if (table.container and t != main.table) or not any(any(row) for row in table.rows):
            continue  # a page's layout table is skipped, unless its own header is the list's
        own = main if t == main.table else layouts.for_table(all_tables, t)
        if own is not None and own is not main and _names(own) != _names(main):
            ignored.append(
                f"{table.name or f'第{t + 1}个表格'}的栏目与清单不同（{'、'.join(_names(own))}），未导入"
            )
            continue
        if own is None and read and all_tables[read[-1].table].width == table.width:
            own = replace(read[-1], table=t, header=Header([], read[-1].header.names))
        if own is None:
            first = next(c for row in table.rows for c in row if c).replace("\n", "")
            ignored.append(
                f"{table.name or f'第{t + 1}个表格'}（{len(table.rows)} 行，首格「{first[:20]}」）"
                "没有可识别的表头，未导入"
            )
        else:
            read.append(own)
    return read, ignored


def _names(layout: layouts.Layout) -> list[str]:
    """A header's column names: a table continues the list only under the same header."""
    return [n for n in (squash(x) for x in layout.header.names) if n]


def _with_title_lines(source: tables.Source, first: layouts.Layout) -> tables.Source:
    """The lines a title may be read from: the text before the tables, the rows above the
    first header (a spreadsheet's merged title row), and a web page's heading."""
    table = source.tables[first.table]
    lines = [line for line in [*source.preamble, *_above_header(source, first)] if not _CHROME.search(line)]
    if table.heading:
        lines = [table.heading]
    elif source.fallback_title and not any(_TITLE_WORDS.search(line) for line in lines):
        # A web page's text before its table is mostly the site's own (name, navigation).
        lines = [re.split(r"[_|｜]| - ", source.fallback_title)[0]]
    return tables.Source(lines, source.tables, source.fallback_title)


def _above_header(source: tables.Source, first: layouts.Layout) -> list[str]:
    """The rows above the first header, each as one line (a sheet's title, its 填报日期 line)."""
    table = source.tables[first.table]
    top = first.header_rows[0] if first.header_rows else 0
    above = [" ".join(dict.fromkeys(flat(c) for c in row if c)) for row in table.rows[:top]]
    return [a for a in above if a]


_TITLE_WORDS = re.compile(r"清单|任务|分工|台账|方案|要点|计划|责任|分解|一览表")


_TASK_TEXT = ("task", "detail")


def list_year(
    source: tables.Source, records: list[rows.Record], origin: str, around: list[str] | None = None
) -> int | None:
    """The year the list is for: the title's, else the earliest in its time cells, else the
    year of the date it was issued on (a web page's 发布时间：2022-07-14 above a list that names
    no year: its 4月底前 is that year's), else the earliest in the text around the table, its
    other cells or its file name; None when it names none. The task text is not looked at: its
    years are what the work refers to (比2020年下降, 到2025年), not the year the list is for.
    `around` is the text outside the tables before the title lines were picked from it (the date
    line is a web page's own, not a title line)."""
    title = _title(source.preamble)
    cells = [c for r in records for role, c in r.cells.items() if role not in _TASK_TEXT]
    places = [
        ([title], _YEAR),
        ([r.cells.get("deadline", "") for r in records], _YEAR),
        (around if around is not None else source.preamble, _ISSUED),
        ([*source.preamble, *cells, origin], _YEAR),
    ]
    for texts, pattern in places:
        years = [int(y) for t in texts for y in pattern.findall(t)]
        if years:
            return min(years)
    return None


def earliest_year(records: list[rows.Record]) -> int | None:
    """The earliest year the task text writes (比2020年下降, 到2025年): no year of the list's, but
    the time the list speaks of, so that 到2020年 in a list that names no year of its own is read
    as written rather than refused as a year long past."""
    years = [int(y) for r in records for role in _TASK_TEXT for y in _YEAR.findall(r.cells.get(role, ""))]
    return min(years, default=None)


# A span of years in a title: 三年行动（2023—2025年）, 2023-2025年, 2023年至2025年.
_SPAN = re.compile(r"((?:19|20)\d\d)\s*年?\s*[-－—–~～至到]{1,2}\s*((?:19|20)\d\d)\s*年")


def title_span(source: tables.Source) -> tuple[int, int] | None:
    """The years the title spans when it names no single year besides them (三年行动（2023—2025年）
    任务清单), or names two years (2022年工作总结和2023年工作计划): a 年底前 or 6月底前 in such a
    list may fall in any of them, so it is not dated."""
    title = _title(source.preamble)
    spans = [(int(a), int(b)) for a, b in _SPAN.findall(title) if int(a) < int(b)]
    single = {int(y) for y in _YEAR.findall(_SPAN.sub("", title))}
    if spans and not single:
        return min(a for a, _ in spans), max(b for _, b in spans)
    if len(single) > 1 and not spans:
        return min(single), max(single)
    return None


class _Builder:
    def __init__(self, reader: Reader, reference: dict[str, Any], reviews: Reviews, layout: layouts.Layout):
        self.reader = reader
        self.reviews = reviews
        self.layout = layout
        self.has_time_column = "deadline" in layout.columns
        self.units: list[dict[str, Any]] = [dict(u) for u in reference.get("units", [])]
        self.groups: list[dict[str, Any]] = [dict(g) for g in reference.get("groups", [])]
        self.known: dict[str, str] = {}
        self._entries: dict[str, dict[str, Any]] = {}  # by name: a cell of 10,000 units took a minute
        for entry in [*self.units, *self.groups]:
            self._entries.setdefault(entry["name"], entry)
            for spelling in [entry["name"], *entry.get("aliases", [])]:
                self.known.setdefault(spelling, entry["name"])
        self.spelled: set[str] = set()  # every name the list (or the reference) writes
        self.used: dict[str, None] = {}  # in order of first use
        self.new_names: list[str] = []
        self.last_id = 0
        self.first_leads = False  # the list says the first unit of a cell leads

    # --- tasks ------------------------------------------------------------------

    def task(self, record: rows.Record, section: sections.Section | None) -> dict[str, Any]:
        cells = record.cells
        seq = flat(cells.get("seq", ""))
        task_id = self._id(seq, record, "seq" in self.layout.columns)
        notes: list[str] = []
        seq = self._seq_cell(seq, task_id, section, notes)
        if section is None:
            self.reviews.add(task_id, "没有方案项目栏、标签栏或标题行，方案项目记为「未分」")
        task: dict[str, Any] = {
            "id": task_id,
            "section": section.key if section else sections.UNSORTED,
            "cells": {
                "seq": seq,
                "responsible": flat(cells.get("responsible", "")),
                "task": flat(cells.get("task", "")),
                "deadline": flat(cells.get("deadline", "")),
                "section": section.cell if section else sections.UNSORTED,
            },
            "units": self._units(task_id, cells, notes),
            "schedule": self.reader.read(
                task_id,
                flat(cells.get("deadline", "")),
                flat(cells.get("task", "")),
                self.has_time_column,
                notes,
            ),
        }
        self._notes(task_id, record, notes)
        if notes:
            task["note"] = "".join(notes)
        return task

    def _notes(self, task_id: int, record: rows.Record, notes: list[str]) -> None:
        if not self.has_time_column:
            notes.append("原表没有时间栏：时间安排未写明。")
        for name, text in record.people:
            notes.append(f"{name}：{flat(text)}。")
        if record.joined:
            where = "、".join(record.joined)
            notes.append(f"原表{where}序号为空，作为续行并入本任务。")
            self.reviews.add(task_id, f"原表{where}作为续行并入本任务，请核对")
        if record.filled:
            what = "、".join(
                {"responsible": "责任单位", "deadline": "完成时间", "section": "方案项目"}[r]
                for r in record.filled
            )
            notes.append(f"原表本行{what}栏为空，按上一行读（文本文件不保留合并单元格）。")
            self.reviews.add_kind(
                "filled",
                "{n} 行有空栏按上一行读（文本文件不保留合并单元格），请核对：{tasks}",
                task_id,
                f"{what}栏为空，按上一行读，请核对",
                str(task_id),
            )

    def _id(self, seq: str, record: rows.Record, numbered: bool) -> int:
        """The 序号, or the next number when the list has none (no doubt) or a wrong one."""
        from gpstd.numerals import to_int

        key = seq.strip().rstrip("．.、")
        if key.isdigit() and len(key) > 9:  # int() refuses 4,300 digits; no list has a billion rows
            raise UnreadableTable(f"{record.where}的序号有 {len(key)} 位数字，不是序号；请检查这一行")
        number = to_int(key) if key.isdecimal() or not any(c.isdigit() for c in key) else None
        if number is None or number <= self.last_id:
            number = self.last_id + 1
            if not numbered:
                self.last_id = number
                return number
            what = f"序号「{seq}」" if seq else "序号为空"
            self.reviews.add_kind(
                "renumbered",
                "{n} 行序号缺失或不递增，按顺序编号为{tasks}：{examples}",
                number,
                f"原表{record.where}{what}，编号记为 {number}",
                f"{record.where}{what}",
            )
        self.last_id = number
        return number

    @staticmethod
    def _seq_cell(seq: str, task_id: int, section: sections.Section | None, notes: list[str]) -> str:
        """The 序号 as written, unless it names another number than the task's id: a list that
        numbers each part afresh (一、 1 2 3, 二、 1 2) gives ids that go on counting, and
        gpstd check holds a 序号 to its id, so the cell then says which part it counts in (二.1)."""
        from gpstd.numerals import serial

        key = seq.strip().rstrip("．.、")
        number = serial(seq)  # the number check reads, 一、 as well as 1
        if number is None or number == task_id:
            return seq
        part = section.key if section is not None and len(section.key) <= 6 else "续"
        notes.append(
            f"原表序号为「{seq}」（各部分重新编号），cells.seq 记为「{part}.{key}」，任务编号 {task_id}。"
        )
        return f"{part}.{key}"

    # --- units ------------------------------------------------------------------

    def _units(self, task_id: int, cells: dict[str, str], notes: list[str]) -> dict[str, Any]:
        split = names.split(cells.get("responsible", ""), self.spelled)
        if self.first_leads:
            split = names.first_leads(cells.get("responsible", ""), split)
        lead = [self._declare(task_id, n) for n in split.lead]
        cooperating = [self._declare(task_id, n) for n in split.cooperating]
        dropped = list(split.dropped)
        if cells.get("cooperating"):
            extra = names.split(cells["cooperating"], self.spelled)
            cooperating += [self._declare(task_id, n) for n in [*extra.lead, *extra.cooperating]]
            dropped += extra.dropped
            notes.append(f"配合单位栏原文：“{flat(cells['cooperating'])}”。")
        if dropped:
            notes.append(f"单位栏“等{'、'.join(dropped)}”未具名，未登记。")
        if not lead:
            self.reviews.add(task_id, "责任单位栏为空，请补上责任单位")
        units: dict[str, Any] = {"lead": _unique(lead)}
        cooperating = [n for n in _unique(cooperating) if n not in units["lead"]]
        if cooperating:
            units["cooperating"] = cooperating
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
        self.used.setdefault(name)
        return name

    def _entry(self, name: str) -> dict[str, Any] | None:
        return self._entries.get(name)

    def _new_entry(self, task_id: int, name: str) -> None:
        self.known[name] = name
        self.new_names.append(name)
        if names.is_group(name):
            entry = {
                "name": name,
                "source": "import",
                "note": "导入时新建的集合称谓：成员（members）或涵盖的单位类别（covers）待补。",
            }
            self.groups.append(entry)
            self._entries.setdefault(name, entry)
            self.reviews.add_kind(
                "new-group",
                "{n} 个新的集合称谓，请补成员或涵盖的单位类别：{examples}",
                task_id,
                f"新的集合称谓「{name}」：请补成员或涵盖的单位类别",
                f"「{name}」",
                shown=1000,
            )
        else:
            self.units.append(unit := {"name": name, "kind": UNSORTED_KIND, "source": "import"})
            self._entries.setdefault(name, unit)
            self.reviews.add_kind(
                "new-unit",
                f"{{n}} 个新单位，类别记为“{UNSORTED_KIND}”，请核对名称并补类别：{{examples}}",
                task_id,
                f"新单位「{name}」：类别记为“{UNSORTED_KIND}”，请核对名称并补类别",
                f"「{name}」",
                shown=1000,
            )

    # --- the document -----------------------------------------------------------

    def document(
        self,
        source: tables.Source,
        origin: str,
        tasks: list[dict[str, Any]],
        plan: sections.Plan,
        notes_rows: list[str],
        year: int | None,
    ) -> dict[str, Any]:
        title = _title(source.preamble)
        district = _DISTRICT.match(re.sub(r"^\s*(?:19|20)\d\d\s*年度?", "", title))
        start = _start(year, self.reader)
        keys = list(dict.fromkeys(t["section"] for t in tasks))
        meta: dict[str, Any] = {
            "title": title or Path(origin).stem,
            "source": f"{origin}（由 gpstd import 导入）",
            "district": district.group(1) if district else "",
            "timezone": "Asia/Shanghai",
            "start": start,
            "sections": _ordered(keys),
            "notes": [
                f"由 gpstd import 从 {origin} 导入；cells 逐字照录原表，units 和 schedule "
                "为自动解读，请逐条核对后删去本说明。",
                _start_note(start, year, self.reader.span),
                *plan.notes,
                *(f"原表注：{n}" for n in notes_rows),
            ],
        }
        if not self.has_time_column:
            self.reviews.add(
                None, "原表没有时间栏：各任务的时间安排记为未写明（工作任务栏中读出的时间已列出，请核对）"
            )
        if not title:
            self.reviews.add(None, "原文没有找到清单标题，meta.title 暂用文件名")
        if not meta["district"]:
            self.reviews.add(None, "没能从标题读出地区，请填写 meta.district")
        return {"version": 1, "meta": meta, "units": self.units, "groups": self.groups, "tasks": tasks}


def _spelled(records: list[rows.Record], reference: dict[str, Any]) -> set[str]:
    """Every unit name the list's unit cells write, and the reference register's names."""
    found: set[str] = set()
    for record in records:
        for role in ("responsible", "cooperating"):
            split = names.split(record.cells.get(role, ""))
            found.update(split.lead, split.cooperating)
    for entry in [*reference.get("units", []), *reference.get("groups", [])]:
        found.update([entry["name"], *entry.get("aliases", [])])
    return found


def _start(year: int | None, reader: Reader) -> dt.date:
    """1 January of the list's year: a rule such as 每年1月31日前 falls due in the list's own
    year even when its first dated deadline is later (2021年3月底前)."""
    if year is not None:
        return dt.date(year, 1, 1)
    if reader.span:
        return dt.date(reader.span[0], 1, 1)
    return dt.date(min(reader.dates).year, 1, 1) if reader.dates else reader.base


def _start_note(start: dt.date, year: int | None, span: tuple[int, int] | None) -> str:
    if year is not None:
        return f"起始日期 {start} 取清单年份（{year}年）的1月1日：每年的规则从当年起展开；清单若年中才印发，请改为印发日期。"
    if span:
        return f"清单跨 {span[0]}—{span[1]} 年：起始日期 {start} 取首年的1月1日；清单若年中才印发，请改为印发日期。"
    return f"清单没有写明年份：起始日期 {start} 是推定，请改为清单的印发日期。"


def _title(preamble: list[str]) -> str:
    lines = [line for line in preamble if not re.fullmatch(r"附\s*件\s*\d*[:：]?", line)]
    lines = [line for line in lines if not _CHROME.search(line)]
    return (
        "".join(lines[-2:])
        if len(lines) > 1 and len("".join(lines[-2:])) <= 60
        else (lines[-1] if lines else "")
    )


# Lines of a web page around the article, and a sheet's 填报单位：… 填报日期：… line above its
# header, that are never its title.
_CHROME = re.compile(
    r"当前位置|发布时间|来源[:：]|字号|首页|浏览次数|打印|关闭窗口|ICP|(?:填报|制表)(?:单位|人|日期|时间)"
)


def _ordered(keys: list[str]) -> list[str]:
    """Numbered sections in their numbers' order (一, 二 … 二十), the others as they come."""
    from gpstd.numerals import to_int

    return sorted(keys, key=lambda s: (to_int(s) is None, to_int(s) or 0))


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
