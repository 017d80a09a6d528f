"""The register as an RFC 5545 calendar.

One all-day VEVENT per dated milestone and one per recurring rule, carrying the rule as an RRULE
(not a copy per date), written in the shapes every major client takes (`gpstd.exports.icsrules`:
a quarterly rule is `FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1` from its first date; a rule no
client pattern holds becomes one event per month). UIDs are derived from the district, task id and
schedule item index, so importing the file again, or refreshing a subscription, updates events
instead of duplicating them. A VALARM reminds N days before, at 09:00.

Completion: a done milestone's SUMMARY starts with 【已完成】 and it has no alarm (every
calendar shows a title; few show STATUS). A recurring rule stays one event, whatever is
done: its DESCRIPTION lists the completed dates, since an EXDATE would make them vanish.
"""

from __future__ import annotations

import datetime as dt

from gpstd.exports import icstext as ical
from gpstd.exports.icsrules import Piece, pieces
from gpstd.exports.selection import Selection
from gpstd.model import ScheduleItem, Task

PRODID = "-//gpstd//gpstd 政务公开重点任务登记册//ZH"
DONE_PREFIX = "【已完成】"
REMIND_AT_HOUR = 9
HORIZON_YEARS = 50


def uid(district: str, task_id: int, item: int, piece: str | None = None) -> str:
    return f"gpstd-{one_line(district)}-task{task_id}-item{item}{f'-{piece}' if piece else ''}@gpstd"


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
    meta = sel.register.meta
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ical.text(one_line(calendar_name(sel)))}",
        f"X-WR-CALDESC:{ical.text(one_line(meta.title))}",
        f"X-WR-TIMEZONE:{ical.text(one_line(meta.timezone))}",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        "X-PUBLISHED-TTL:P1D",
    ]
    stamp = ical.utc(dtstamp(sel.today, meta.timezone))
    for task in sel.tasks:
        for index, item in enumerate(task.schedule):
            if sel.ledger.owes(sel.unit, task, index):  # a unit's calendar: what it owes, not the rest
                lines += _events(sel, task, index, item, stamp, remind_days)
    lines.append("END:VCALENDAR")
    return ical.serialise(lines)


def dtstamp(today: dt.date, timezone: str) -> dt.datetime:
    """DTSTAMP, a UTC instant: the start of `today` in the register's time zone (00:00 in
    Shanghai is 16:00 UTC the day before). Derived from --today, not the clock, so the
    same register and day give the same file."""
    from zoneinfo import ZoneInfo

    local = dt.datetime.combine(today, dt.time(0), tzinfo=ZoneInfo(timezone))
    return local.astimezone(dt.UTC)


def _events(
    sel: Selection, task: Task, index: int, item: ScheduleItem, stamp: str, remind_days: int
) -> list[str]:
    """The item's VEVENT lines: one for a milestone, one per piece of a rule (most rules: one)."""
    dates = _dates(sel, item)
    if not dates:
        return []
    if item.kind != "recurring" or not item.rrule:
        done = dates[0] in _done_dates(sel, task, index)
        return _event(sel, task, index, item, stamp, remind_days, dates[0], None, done)
    if item.workday is not None:
        # 每月第N个工作日 follows the State Council's holiday calendar, which no RRULE can say:
        # one event per date, for the years the calendar covers (others have no date at all).
        finished = set(_done_dates(sel, task, index))
        return [
            line
            for day in dates
            for line in _event(
                sel, task, index, item, stamp, remind_days, day, None, day in finished, f"{day:%Y%m%d}"
            )
        ]
    out = []
    for piece in pieces(item.rrule):
        first = next((d for d in dates if piece.holds(d)), None)
        if first is not None:
            out += _event(sel, task, index, item, stamp, remind_days, first, piece, False)
    return out


def _event(
    sel: Selection,
    task: Task,
    index: int,
    item: ScheduleItem,
    stamp: str,
    remind_days: int,
    first: dt.date,
    piece: Piece | None,
    done: bool,
    key: str | None = None,
) -> list[str]:
    title = ical.text((DONE_PREFIX if done else "") + summary(task, item))
    lines = [
        "BEGIN:VEVENT",
        f"UID:{ical.text(uid(sel.register.meta.district, task.id, index, piece.key if piece else key))}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{ical.date(first)}",
        f"DTEND;VALUE=DATE:{ical.date(first + dt.timedelta(days=1))}",
    ]
    if piece is not None:
        until = _until(sel, item)
        lines.append(f"RRULE:{piece.rule}" + (f";UNTIL={ical.date(until)}" if until else ""))
    lines += [
        f"SUMMARY:{title}",
        f"DESCRIPTION:{ical.text(description(sel, task, item, index, piece))}",
        f"CATEGORIES:{ical.texts([f'方案项目{task.cells.section}', *task.units.lead])}",
        "TRANSP:TRANSPARENT",
    ]
    if remind_days > 0 and not done:
        lines += _alarm(title, remind_days)
    lines.append("END:VEVENT")
    return lines


def _dates(sel: Selection, item: ScheduleItem) -> list[dt.date]:
    """The item's dates in the window: the first is DTSTART (a rule's pieces each start at their
    first)."""
    from gpstd.schedule.occurrences import item_dates

    window = sel.window
    return item_dates(sel.register, item, window.after or dt.date(1900, 1, 1), window.before or _far(sel))


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


def _alarm(title: str, days: int) -> list[str]:
    # Relative to the all-day start (00:00): N days earlier, at 09:00. `title` is escaped already.
    trigger = -dt.timedelta(days=days) + dt.timedelta(hours=REMIND_AT_HOUR)
    return [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{days}天后到期：{title}",
        f"TRIGGER:{ical.duration(trigger)}",
        "END:VALARM",
    ]


def summary(task: Task, item: ScheduleItem) -> str:
    what = task.cells.task.rstrip("。")
    return f"任务{task.id}：{what}" + (f"｜{item.action}" if item.action else "")


def _done_dates(sel: Selection, task: Task, index: int) -> list[dt.date]:
    """The item's deadlines in the window that every owner (or the --unit) has delivered."""
    return [r.due for r in sel.deadlines_of(task.id) if r.occurrence.item == index and r.state.done]


def _assumed(item: ScheduleItem) -> str:
    """The register's reason for a date the source does not fix: its note, a sentence of its own."""
    return "推定：原文未定具体日期" + (f"（{item.note}）" if item.note else "，按期末计")


def description(
    sel: Selection, task: Task, item: ScheduleItem, index: int, piece: Piece | None = None
) -> str:
    from gpstd.schedule.recurrence import describe_rule

    c = task.cells
    lines = [f"工作任务：{c.task}", f"期限：{item.text}"]
    if item.assumed and item.kind != "recurring":
        lines.append(_assumed(item))
    if item.kind == "recurring" and item.rrule:
        lines.append(f"周期：{describe_rule(item.rrule)}")
        if piece is not None and piece.key:
            lines.append(
                f"本事项：其中{describe_rule(piece.rule)}（整条规则日历软件装不下，按月份或日子分成几个事项）"
            )
        if item.assumed:
            lines.append(_assumed(item))
        low, high = sel.window.after or dt.date.min, sel.window.before or dt.date.max
        done = [
            d for d in _done_dates(sel, task, index) if low <= d <= high and (piece is None or piece.holds(d))
        ]
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
