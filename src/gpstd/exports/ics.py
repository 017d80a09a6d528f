"""The register as an RFC 5545 calendar, built with the icalendar library.

One all-day VEVENT per dated milestone and one per recurring rule, carrying the rule
as an RRULE (not a copy per date). UIDs are derived from the district, task id and
schedule item index, so importing the file again, or refreshing a subscription,
updates events instead of duplicating them. A VALARM reminds N days before, at 09:00.

Completion: a done milestone's SUMMARY starts with 【已完成】 and it has no alarm (every
calendar shows a title; few show STATUS). A recurring rule stays one event, whatever is
done: its DESCRIPTION lists the completed dates, since an EXDATE would make them vanish.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gpstd.errors import GpstdError
from gpstd.exports.selection import Selection
from gpstd.model import ScheduleItem, Task

PRODID = "-//gpstd//gpstd 政务公开重点任务登记册//ZH"
DONE_PREFIX = "【已完成】"
REMIND_AT_HOUR = 9
HORIZON_YEARS = 50


def uid(district: str, task_id: int, item: int) -> str:
    return f"gpstd-{one_line(district)}-task{task_id}-item{item}@gpstd"


def one_line(text: str) -> str:
    """A value iCalendar keeps on one line (a name, a UID): line breaks and controls become spaces."""
    return " ".join("".join(" " if ch < " " or ch in "\u2028\u2029\x7f" else ch for ch in text).split())


def calendar_name(sel: Selection) -> str:
    unit = sel.filters.get("unit")
    section = sel.filters.get("section")
    scope = "".join(f"（{part}）" for part in (unit, f"方案项目{section}" if section else None) if part)
    return f"{sel.register.meta.district}政务公开重点任务{scope}"


def build(sel: Selection, remind_days: int = 7) -> bytes:
    """The calendar as bytes (CRLF lines, folded at 75 octets, UTF-8)."""
    from icalendar import Calendar

    cal = Calendar()
    meta = sel.register.meta
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", one_line(calendar_name(sel)))
    cal.add("x-wr-caldesc", one_line(meta.title))
    cal.add("x-wr-timezone", meta.timezone)
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    stamp = dtstamp(sel.today, meta.timezone)
    for task in sel.tasks:
        for index, item in enumerate(task.schedule):
            if not sel.ledger.owes(sel.unit, task, index):
                continue  # a unit's calendar holds what it owes, not the task's other parts
            event = _event(sel, task, index, item, stamp, remind_days)
            if event is not None:
                cal.add_component(event)
    return cal.to_ical()


def dtstamp(today: dt.date, timezone: str) -> dt.datetime:
    """DTSTAMP, a UTC instant: the start of `today` in the register's time zone (00:00 in
    Shanghai is 16:00 UTC the day before). Derived from --today, not the clock, so the
    same register and day give the same file."""
    from zoneinfo import ZoneInfo

    local = dt.datetime.combine(today, dt.time(0), tzinfo=ZoneInfo(timezone))
    return local.astimezone(dt.UTC)


def _event(
    sel: Selection, task: Task, index: int, item: ScheduleItem, stamp: dt.datetime, remind_days: int
) -> Any:
    first = _first_date(sel, item)
    if first is None:
        return None
    from icalendar import Event

    event = Event()
    event.add("uid", uid(sel.register.meta.district, task.id, index))
    event.add("dtstamp", stamp)
    event.add("dtstart", first)
    event.add("dtend", first + dt.timedelta(days=1))
    recurring = item.kind == "recurring" and bool(item.rrule)
    if recurring:
        event.add("rrule", _recur(sel, item))
    done = not recurring and first in _done_dates(sel, task, index)
    event.add("summary", _lf((DONE_PREFIX if done else "") + summary(task, item)))
    event.add("description", _lf(description(sel, task, item, index)))
    event.add("categories", [f"方案项目{task.cells.section}", *task.units.lead])
    event.add("transp", "TRANSPARENT")
    if remind_days > 0 and not done:
        event.add_component(_alarm(str(event["summary"]), remind_days))
    return event


def _first_date(sel: Selection, item: ScheduleItem) -> dt.date | None:
    """The item's first date in the window: DTSTART (synchronised with the RRULE)."""
    from gpstd.schedule.occurrences import item_dates

    window = sel.window
    start = window.after or dt.date(1900, 1, 1)
    end = window.before or _far(sel)
    dates = item_dates(sel.register, item, start, end)
    return dates[0] if dates else None


def _far(sel: Selection) -> dt.date:
    base = sel.register.meta.end or max(sel.today, sel.register.meta.start)
    return max(base, dt.date(base.year + HORIZON_YEARS, 1, 1))


def _until(sel: Selection, item: ScheduleItem) -> dt.date | None:
    """The earliest of the rule's own UNTIL, the item's until (or meta.end) and --before."""
    from gpstd.schedule.recurrence import rule_parts

    own = rule_parts(item.rrule or "").get("UNTIL")
    ends = [
        item.until or sel.register.meta.end,
        sel.window.before,
        dt.datetime.strptime(own[:8], "%Y%m%d").date() if own else None,
    ]
    found = [d for d in ends if d is not None]
    return min(found) if found else None


def _recur(sel: Selection, item: ScheduleItem) -> Any:
    from icalendar import vRecur

    from gpstd.schedule.recurrence import to_rrule_text

    assert item.rrule is not None
    text = to_rrule_text(item.rrule, until=_until(sel, item))
    try:
        return vRecur.from_ical(text)
    except (ValueError, TypeError) as exc:
        raise GpstdError(f"周期规则无法写入日历：{item.rrule}（{exc}）") from exc


def _alarm(summary_text: str, days: int) -> Any:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"{days}天后到期：{summary_text}")
    # Relative to the all-day start (00:00): N days earlier, at 09:00.
    alarm.add("trigger", -dt.timedelta(days=days) + dt.timedelta(hours=REMIND_AT_HOUR))
    return alarm


def _lf(text: str) -> str:
    """One kind of line break: icalendar escapes LF, but a lone CR would end up raw in the file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def summary(task: Task, item: ScheduleItem) -> str:
    what = task.cells.task.rstrip("。")
    return f"任务{task.id}：{what}" + (f"｜{item.action}" if item.action else "")


def _done_dates(sel: Selection, task: Task, index: int) -> list[dt.date]:
    """The item's deadlines in the window that every owner (or the --unit) has delivered."""
    return [
        r.due for r in sel.deadlines if r.task_id == task.id and r.occurrence.item == index and r.state.done
    ]


def description(sel: Selection, task: Task, item: ScheduleItem, index: int) -> str:
    from gpstd.schedule.recurrence import describe_rule

    c = task.cells
    lines = [f"工作任务：{c.task}", f"期限：{item.text}"]
    if item.assumed and item.kind != "recurring":
        lines.append("推定：原文未定具体日期" + (f"（{item.note}）" if item.note else ""))
    if item.kind == "recurring" and item.rrule:
        lines.append(f"周期：{describe_rule(item.rrule)}")
        if item.assumed:
            lines.append("推定：原文未定具体日期，按" + (item.note or "期末") + "计")
        low, high = sel.window.after or dt.date.min, sel.window.before or dt.date.max
        done = [d for d in _done_dates(sel, task, index) if low <= d <= high]
        if done:
            lines.append(f"已完成：{'、'.join(d.isoformat() for d in done)}")
    lines += [
        f"{label}：{value}"
        for label, value in (
            ("办理事项", item.action),
            ("报送对象", item.recipient),
            ("执行单位", item.by),
        )
        if value
    ]
    lines += [f"责任单位：{c.responsible}", f"牵头单位：{'、'.join(task.units.lead)}"]
    if task.units.cooperating:
        lines.append(f"配合单位：{'、'.join(task.units.cooperating)}")
    lines += [
        f"完成时间及方式：{c.deadline}",
        f"方案项目：{c.section}",
        f"序号：{c.seq}",
        f"来源：{sel.register.meta.title}",
    ]
    return "\n".join(lines)
