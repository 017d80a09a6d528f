"""What `gpstd diff` says about each change, in Chinese: shared by the text and GitHub renderers.

Each change becomes an `Entry`: a four-character label (期限改期, 规则改动 …), a line, and lines
under it. A `Style` decides how verbatim text and the runs of a cell's diff look: plain text
quotes with 「」 and marks runs as git's word diff does ([-删去-]{+新增+}); Markdown escapes the text
and uses <del> and <ins>.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from gpstd.obligations.owners import ROLE_NAMES
from gpstd.review import Review, Version
from gpstd.review.changes import CellChange, DeadlineChange, FieldChange, RuleChange, TaskDiff, UnitChange

CELL_NAMES = {
    "seq": "序号",
    "responsible": "责任单位",
    "task": "工作任务",
    "deadline": "完成时间及方式",
    "section": "方案项目",
}
CHANGE_NAMES = {"added": "新增", "removed": "删除", "changed": "修改"}
KIND_NAMES = {"dated": "定期", "recurring": "周期", "start": "起始", "ongoing": "长期", "irregular": "不定期"}
FIELD_NAMES = {
    "kind": "类型",
    "text": "原文片段",
    "source": "出处",
    "due": "期限",
    "start": "起始日期",
    "until": "截止日期",
    "rrule": "规则",
    "action": "事项",
    "recipient": "报送对象",
    "by": "执行单位",
    "assumed": "推定",
    "override": "另读理由",
    "note": "备注",
    "section": "方案项目",
    "aliases": "别名",
    "members": "成员",
    "covers": "涵盖类别",
}
META_NAMES = {
    "title": "标题",
    "source": "来源",
    "district": "地区",
    "start": "起始日期",
    "end": "截止日期",
    "sections": "方案项目编号",
    "timezone": "时区",
    "notes": "说明",
    "version": "格式版本",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SHOWN_DATES = 3
SHOWN_UNITS = 8


@dataclass(frozen=True)
class Style:
    quote: Callable[[str], str]
    """Verbatim text of the register."""
    deleted: Callable[[str], str]
    inserted: Callable[[str], str]
    escape: Callable[[str], str]
    """Any other text taken from the register (unit names, dates are safe)."""


PLAIN = Style(
    quote=lambda t: f"「{t}」",
    deleted=lambda t: f"[-{t}-]",
    inserted=lambda t: f"{{+{t}+}}",
    escape=lambda t: t,
)


@dataclass(frozen=True)
class Entry:
    label: str
    text: str
    more: tuple[str, ...] = ()


def title(version: Version) -> str:
    """How a heading names a version: HEAD（1a2b3c4）, 工作区, or the file."""
    if version.revision is not None and version.commit is not None:
        short = version.commit[:7]
        return version.revision if short in version.revision else f"{version.revision}（{short}）"
    return "工作区" if version.worktree else version.label


def summary(review: Review) -> str:
    """One sentence of how much changed."""
    if not review.changed:
        if review.same_bytes:
            return "两个版本的登记册完全相同。"
        return "没有影响任务、期限或单位的改动（两个版本只在注释、空行、格式或次序上不同）。"
    n = review.counts()
    parts = []
    tasks = _counted([("新增", n["tasks_added"]), ("删除", n["tasks_removed"]), ("修改", n["tasks_changed"])])
    if tasks:
        parts.append(f"{len(review.tasks)} 项任务有变化（{tasks}）")
    deadlines = _counted(
        [("新增", n["deadlines_added"]), ("删除", n["deadlines_removed"]), ("改期", n["deadlines_moved"])]
    )
    if deadlines:
        parts.append(f"期限{deadlines}")
    for name, key in (
        ("规则改动", "rules_changed"),
        ("单位改动", "units_changed"),
        ("原文改动", "cells_changed"),
    ):
        if n[key]:
            parts.append(f"{name} {n[key]}")
    if n["register_changed"]:
        parts.append(f"登记册整体改动 {n['register_changed']}")
    return "；".join(parts) + "。"


def _counted(pairs: Sequence[tuple[str, int]]) -> str:
    return "、".join(f"{name} {count}" for name, count in pairs if count)


def window(review: Review) -> str:
    start, end = review.window
    return f"周期规则的期限在 {start} 至 {end} 之间比较（见 docs/cli.md 的 gpstd diff 一节）。"


def task_heading(task: TaskDiff, style: Style) -> str:
    return f"任务 {task.id}（{CHANGE_NAMES[task.change]}）{style.escape(task.task)}"


def task_entries(task: TaskDiff, style: Style) -> list[Entry]:
    """Every change to one task, in the order a reviewer reads it: when, who, what the source says."""
    out = [_deadline(d, style, not task.cells) for d in task.deadlines]
    out += [_rule(r, style) for r in task.rules]
    out += [_unit(u, style) for u in task.units]
    owners = _owners(task, style)
    if owners is not None:
        out.append(owners)
    if task.change == "added":
        out += [Entry("原文内容", f"{CELL_NAMES[c.cell]}：{style.quote(c.new or '')}") for c in task.cells]
    elif task.change == "changed":
        out += [_cell(c, style) for c in task.cells]
    out += [_field(f, style) for f in task.fields]
    return out


def register_entries(review: Review, style: Style) -> list[Entry]:
    return [_register_field(f, style) for f in review.register]


def _deadline(d: DeadlineChange, style: Style, cells_same: bool) -> Entry:
    if d.change == "moved":
        was = f"（原为{style.quote(d.old_text)}）" if d.old_text and cells_same else ""
        return Entry("期限改期", f"{d.old} → {d.new}　{style.quote(d.text)}{was}")
    if d.change == "added":
        return Entry("期限新增", f"{d.new}　{style.quote(d.text)}")
    return Entry("期限删除", f"{d.old}　{style.quote(d.text)}")


def _rule(r: RuleChange, style: Style) -> Entry:
    gone, come = _dates(r.removed_dates), _dates(r.added_dates)
    if r.change == "added" and r.new is not None:
        return Entry(
            "规则新增", f"{_words(r.new)}　{style.quote(r.text)}", (f"首次：{come or '窗口内没有期限'}",)
        )
    if r.change == "removed" and r.old is not None:
        return Entry(
            "规则删除", f"{_words(r.old)}　{style.quote(r.text)}", (f"不再有：{gone or '窗口内没有期限'}",)
        )
    assert r.old is not None and r.new is not None
    more = []
    if r.old == r.new:
        head = _words(r.new)
        more.append("规则未改，登记册的起止日期（meta.start、meta.end）改了")
    elif r.old.words != r.new.words or (r.old.start, r.old.until) != (r.new.start, r.new.until):
        head = f"{_words(r.old)} → {_words(r.new)}"
    else:
        head = _words(r.new)
        more.append(_rule_detail(r))
    more += [f"不再有：{gone}" if gone else "", f"新有：{come}" if come else ""]
    if not (gone or come):
        more.append("窗口内的期限不变")
    return Entry("规则改动", f"{head}　{style.quote(r.text)}", tuple(m for m in more if m))


def _words(rule: Any) -> str:
    start = f"，{rule.start} 起" if rule.start else ""
    until = f"，至 {rule.until} 止" if rule.until else ""
    return f"{rule.words}{start}{until}{'（推定）' if rule.assumed else ''}"


def _rule_detail(r: RuleChange) -> str:
    assert r.old is not None and r.new is not None
    if r.old.rrule != r.new.rrule:
        return f"规则的写法改了：{r.old.rrule} → {r.new.rrule}"
    return "推定改为确定" if r.old.assumed else "改为推定"


def _dates(days: Sequence[dt.date]) -> str:
    shown = "、".join(str(d) for d in days[:SHOWN_DATES])
    return f"{shown} 等 {len(days)} 个" if len(days) > SHOWN_DATES else shown


def _unit(u: UnitChange, style: Style) -> Entry:
    name = style.escape(u.unit)
    if u.change == "role" and u.old_role is not None:
        return Entry("单位改任", f"{name}：{ROLE_NAMES[u.old_role]} → {ROLE_NAMES[u.role]}")
    return Entry("单位新增" if u.change == "added" else "单位删除", f"{name}（{ROLE_NAMES[u.role]}）")


def _owners(task: TaskDiff, style: Style) -> Entry | None:
    """Who owes the task's items now, where that says more than the units it names: a collective
    term's members, a unit that joined a term, an item's `by`."""
    named_added = {u.unit for u in task.units if u.change == "added"}
    named_removed = {u.unit for u in task.units if u.change == "removed"}
    if task.change != "changed" or (
        set(task.owners_added) == named_added and set(task.owners_removed) == named_removed
    ):
        return None
    parts = []
    if task.owners_added:
        parts.append(f"新增 {len(task.owners_added)} 个：{_units(task.owners_added, style)}")
    if task.owners_removed:
        parts.append(f"不再承担 {len(task.owners_removed)} 个：{_units(task.owners_removed, style)}")
    return Entry("承担单位", "；".join(parts)) if parts else None


def _units(names: Sequence[str], style: Style) -> str:
    shown = "、".join(style.escape(n) for n in names[:SHOWN_UNITS])
    return f"{shown} 等" if len(names) > SHOWN_UNITS else shown


def _cell(c: CellChange, style: Style) -> Entry:
    runs = "".join(
        style.escape(s.text)
        if s.op == "equal"
        else (style.deleted if s.op == "delete" else style.inserted)(s.text)
        for s in c.segments
    )
    return Entry("原文改动", f"{CELL_NAMES[c.cell]}：{runs}")


def _field(f: FieldChange, style: Style) -> Entry:
    if f.path.startswith("schedule[") and f.path.endswith("]"):
        number = int(f.path[9:-1]) + 1
        item = f.new if f.new is not None else f.old
        kind = KIND_NAMES.get(item.get("kind", ""), item.get("kind", ""))
        start = f"，{item['start']} 起" if item.get("start") else ""
        label = "日程新增" if f.old is None else "日程删除"
        return Entry(label, f"第 {number} 条：{kind}{start}　{style.quote(item.get('text', ''))}")
    return Entry("其他改动", f"{_field_name(f.path)}：{_change(f.old, f.new, style)}")


def _field_name(path: str) -> str:
    head, _, name = path.rpartition(".")
    label = f"{FIELD_NAMES.get(name, name)}（{name}）"
    if head.startswith("schedule["):
        return f"日程第 {int(head[9:-1]) + 1} 条的{label}"
    return label


def _change(old: Any, new: Any, style: Style) -> str:
    """old → new; for two lists, what was taken out and what was put in."""
    if isinstance(old, list) and isinstance(new, list):
        gone = [v for v in old if v not in new]
        come = [v for v in new if v not in old]
        parts = [f"删去{_value(gone, style)}" if gone else "", f"加上{_value(come, style)}" if come else ""]
        return "；".join(p for p in parts if p) or "次序改了"
    return f"{_value(old, style)} → {_value(new, style)}"


def _value(value: Any, style: Style) -> str:
    if value is None:
        return "（无）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_value(v, style) for v in value) if value else "（空）"
    if isinstance(value, str):
        return value if _ISO_DATE.fullmatch(value) else style.quote(value)
    return style.escape(str(value))


def _register_field(f: FieldChange, style: Style) -> Entry:
    key, _, rest = f.path.partition("[")
    if key in ("units", "groups"):
        name, _, field = rest.partition("]")
        kind = "单位" if key == "units" else "称谓"
        if not field:
            entry = f.new if f.new is not None else f.old
            what = f"（{style.escape(entry.get('kind', ''))}）" if key == "units" else ""
            return Entry(f"{kind}{'新增' if f.old is None else '删除'}", f"{style.escape(name)}{what}")
        field = field.lstrip(".")
        label = "类别（kind）" if field == "kind" else _field_name(field)
        return Entry(f"{kind}改动", f"{style.escape(name)}的{label}：{_change(f.old, f.new, style)}")
    name = f.path.rpartition(".")[2]
    return Entry(
        "基本信息",
        f"{META_NAMES.get(name, name)}（{f.path}）：{_change(f.old, f.new, style)}",
    )
