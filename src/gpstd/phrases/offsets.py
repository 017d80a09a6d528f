"""Reporting offsets and working-day rules: 季度结束后15日内, 次月5日前, 每月最后一个工作日.

`offset_rule` builds reporting offsets as fixed due days (季度结束后15日内 → 1月15日, 4月15日, …)
or, counted in working days, as a `workday` rule whose rrule names the months (季度结束后5个
工作日内 → the 5th working day of January, April, July, October); after a dated clause either is
one date. `workday_rule` reads 每月最后一个工作日, 每年3月第5个工作日, 次月第3个工作日 and
春节后第1个工作日. Working days come from gpstd.schedule.workdays: a year whose holidays are
not published gives no date, never a guess.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gpstd.days import cn_date, month_end, safe_date
from gpstd.phrases.dated import resolve
from gpstd.phrases.part import UnknownClause
from gpstd.phrases.points import Context, Run
from gpstd.phrases.rules import opens_rule
from gpstd.phrases.words import event_before
from gpstd.schedule import recurrence as rec
from gpstd.schedule import workdays

_PERIOD_ENDS = {"Q": rec.QUARTER_ENDS, "M": tuple(range(1, 13)), "H": rec.HALF_ENDS, "Y": (12,)}
_PERIOD_CN = {"Q": "季度", "M": "月", "H": "半年", "Y": "年度"}


def offset_rule(text: str, run: Run, ctx: Context) -> tuple[dict[str, Any], dict[int, int] | None]:
    """The rule's fields, and the map from each period's last month to its due month
    (None when the offset is one date counted from the dated clause before)."""
    o = run.offset or {}
    n, per, next_day = o.get("n"), o["per"], o.get("next_day", False)
    words = text[run.start : run.end]
    if o.get("ambiguous"):
        raise UnknownClause(f"期末最后几天还是期末之后几天，无法确定：{words}")
    if not n or n < 1:
        raise UnknownClause("期限天数无法识别")
    quarters = o.get("quarters") or next((p.quarters for p in run.points if p.quarters), ())
    if o.get("months"):
        return _month_offset(words, per, n, o.get("halves") or (), ctx)
    if o.get("workday"):
        return _workday_offset(words, per, n, quarters, bool(o.get("every")), ctx)
    if o.get("deictic") and not ctx.every and ctx.due is None:
        raise UnknownClause(f"“下月”相对于哪一天不明：{words}")
    if o.get("bare") and not (ctx.every and ctx.every.get("unit") == "Q") and not quarters:
        raise UnknownClause(f"哪一期的首月不明：{words}")  # 首月10日前 with no quarter said before it
    if not o.get("every") and not quarters and ctx.due is None and ctx.lost:
        # 20209月底前完成，次月5日前报送: the month after a date that could not be read
        raise UnknownClause(f"前文日期无法识别，无从推算：{words}")
    if not o.get("every") and not quarters and ctx.due is not None:
        return _offset_after(ctx, ctx.due, per, n, next_day), None
    if next_day and not o.get("every") and ctx.every and ctx.every.get("unit") in _PERIOD_ENDS:
        per = ctx.every["unit"]  # 每季度末报送，次月10日前公开: the month after each quarter
    ends = tuple(3 * q for q in quarters) if per == "Q" and quarters else _PERIOD_ENDS[per]
    period_map = {end: _offset_target(end, n, next_day) for end in ends}
    targets = [t for t in period_map.values() if t is not None]
    days = {d for _, d in targets}
    if len(days) != 1 or len(targets) != len(period_map):
        raise UnknownClause(f"{_PERIOD_CN[per]}结束后{n}日无法表示为每期固定日期")
    months = tuple(sorted({m for m, _ in targets}))
    rule = _offset_rrule(months, days.pop(), next_day)
    ctx.every, ctx.due = {"unit": per, "interval": 1}, None
    head = _offset_head(per, n, quarters, next_day)
    fields = {
        "kind": "recurring",
        "rrule": rule,
        "offset_days": n,
        "opens": opens_rule("YEARLY", months, 1),
        "describe": f"{head}（{rec.describe_rule(rule)}）",
    }
    return fields, {end: target[0] for end, target in period_map.items() if target is not None}


def _month_offset(
    words: str, per: str, n: int, halves: tuple[int, ...], ctx: Context
) -> tuple[dict[str, Any], dict[int, int] | None]:
    """上半年结束之日起两个月内 → each 31 August; 年度终了后4个月内 → each 30 April; after a dated clause,
    the end of the Nth month after that date's period."""
    if n > 12:
        raise UnknownClause(f"期限月数超过一年：{words}")
    if ctx.due is not None and not halves:
        end = _period_end_month(ctx.due.month, per)
        year, month = divmod(ctx.due.year * 12 + end - 1 + n, 12)
        target = month_end(year, month + 1)
        ctx.year, ctx.month, ctx.due = target.year, target.month, target
        return {"kind": "dated", "due": target, "describe": cn_date(target)}, None
    ends = tuple(6 * h for h in halves) if halves else _PERIOD_ENDS[per]
    period_map = {end: (end - 1 + n) % 12 + 1 for end in ends}
    months = tuple(sorted(set(period_map.values())))
    rule = (
        rec.make_rule("MONTHLY", bymonthday=(-1,))
        if len(months) == 12
        else rec.make_rule("YEARLY", bymonth=months, bymonthday=(-1,))
    )
    ctx.every, ctx.due = {"unit": per, "interval": 1}, None
    lead = ("上" if halves == (1,) else "下") + "半年" if halves else "每" + _PERIOD_CN[per]
    fields = {
        "kind": "recurring",
        "rrule": rule,
        "opens": opens_rule("YEARLY", months, 1),
        "describe": f"{lead}结束后{n}个月内（{rec.describe_rule(rule)}）",
    }
    return fields, period_map


def _offset_head(per: str, n: int, quarters: tuple[int, ...], next_day: bool, unit: str = "日") -> str:
    if next_day:
        return f"每{_PERIOD_CN[per]}结束后次月{n}日前"
    lead = "、".join("一二三四"[q - 1] for q in quarters) + ("季度" if quarters else "")
    return f"{lead or '每' + _PERIOD_CN[per]}结束后{n}{unit}内"


def _offset_target(end_month: int, n: int, next_day: bool) -> tuple[int, int] | None:
    """(month, day) that falls n days after a period ending with `end_month` (in a common
    year); for 次月N日, day N of the next month, even where that month is too short."""
    if next_day:
        return (end_month % 12 + 1, n) if n <= 31 else None
    target = month_end(2021, end_month) + dt.timedelta(days=n)
    return target.month, target.day


def _offset_rrule(months: tuple[int, ...], day: int, next_day: bool) -> str:
    """次月29-31日 in a month without that day falls on the month's last day, as 每月N日 does."""
    if len(months) == 12:
        days, setpos = rec.day_of_month_rule(day) if next_day else ((day,), ())
        return rec.make_rule("MONTHLY", bymonthday=days, bysetpos=setpos)
    if any(safe_date(2021, m, day) is None for m in months):
        day = -1  # only 31 can be missing from the months after a quarter, half or year
    return rec.make_rule("YEARLY", bymonth=months, bymonthday=(day,))


def _offset_after(ctx: Context, due: dt.date, per: str, n: int, next_day: bool) -> dict[str, Any]:
    """2020年9月底前完成，次月5日前报送: one date, counted from the dated clause before."""
    if next_day:
        year, month = _month_after(due.year, due.month)
        target = safe_date(year, month, n) or month_end(year, month)
    else:
        target = month_end(due.year, _period_end_month(due.month, per)) + dt.timedelta(days=n)
    ctx.year, ctx.month, ctx.due = target.year, target.month, target
    return {"kind": "dated", "due": target, "describe": cn_date(target)}


# --- working days -----------------------------------------------------------------------

_AFTER_PERIOD = {"Q": (1, 4, 7, 10), "M": (), "H": (1, 7), "Y": (1,)}
_MAX_WORKDAYS = 23  # no month has more


def _workday_offset(
    words: str, per: str, n: int, quarters: tuple[int, ...], every: bool, ctx: Context
) -> tuple[dict[str, Any], dict[int, int] | None]:
    """季度结束后5个工作日内: the 5th working day of each month after a quarter; after a dated
    clause, of the month after that date's quarter."""
    if n > _MAX_WORKDAYS:
        raise UnknownClause(f"工作日数超出一个月：{words}")
    if not every and not quarters and ctx.due is None and ctx.lost:
        raise UnknownClause(f"前文日期无法识别，无从推算：{words}")
    if not every and not quarters and ctx.due is not None:
        year, month = _month_after(ctx.due.year, _period_end_month(ctx.due.month, per))
        return _workday_date(words, year, month, n, ctx), None
    months = (
        tuple(sorted(3 * q % 12 + 1 for q in quarters)) if per == "Q" and quarters else _AFTER_PERIOD[per]
    )
    rule = _month_anchors(months)
    ctx.every, ctx.due = {"unit": per, "interval": 1}, None
    head = _offset_head(per, n, quarters, False, unit="个工作日")
    fields = {
        "kind": "recurring",
        "rrule": rule,
        "workday": n,
        "offset_days": n,
        "opens": opens_rule("YEARLY", months, 1) if months else None,
        "describe": f"{head}，即{describe_workdays(rule, n, ctx.base.year)}",
    }
    ends = _PERIOD_ENDS[per] if not (per == "Q" and quarters) else tuple(3 * q for q in quarters)
    return fields, {end: end % 12 + 1 for end in ends}


def _period_end_month(month: int, per: str) -> int:
    """The last month of the month's, quarter's, half's or year's period that `month` is in."""
    return {"M": month, "Q": (month + 2) // 3 * 3, "H": 6 if month <= 6 else 12, "Y": 12}[per]


def _month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _month_anchors(months: tuple[int, ...]) -> str:
    """The rrule of a working-day rule: it names the months only (day 1 of each)."""
    if not months:
        return rec.make_rule("MONTHLY", bymonthday=(1,))
    return rec.make_rule("YEARLY", bymonth=months, bymonthday=(1,))


def _workday_date(words: str, year: int, month: int, n: int, ctx: Context) -> dict[str, Any]:
    due = workdays.nth_workday(year, month, n)
    if due is None:
        raise UnknownClause(_no_workday(words, year))
    ctx.year, ctx.month, ctx.due = due.year, due.month, due
    return {"kind": "dated", "due": due, "describe": f"{cn_date(due)}（{year}年{month}月{_nth(n)}）"}


def _no_workday(words: str, year: int) -> str:
    if year not in workdays.covered_years():
        return f"{year}年的节假日安排尚未公布，无法计算工作日：{words}"
    return f"该月没有这么多工作日：{words}"


def _nth(n: int) -> str:
    return "最后一个工作日" if n == -1 else f"倒数第{-n}个工作日" if n < 0 else f"第{n}个工作日"


def workday_rule(text: str, run: Run, ctx: Context) -> dict[str, Any]:
    """每月最后一个工作日, 每季度第3个工作日, 每年3月第5个工作日, 次月第3个工作日, 3月第5个工作日,
    春节后第1个工作日: a working-day rule or one date."""
    w = run.workday or {}
    words = text[run.start : run.end]
    n = w.get("n") or 0
    if not n or abs(n) > _MAX_WORKDAYS:
        raise UnknownClause(f"工作日序数无法识别：{words}")
    if w.get("holiday"):
        return _after_holiday(text, run, w, ctx)
    if w.get("every") and run.points:
        # 2024年7月1日起每月最后一个工作日: the times before the rule bound it, which a working-day rule does not
        # carry here; unknown rather than every month of every year
        raise UnknownClause(f"工作日规则的起止未读出：{text[run.points[0].start : run.end]}")
    if w.get("every"):
        return _every_workday(words, w, n, ctx)
    if w.get("next"):
        return _next_month_workday(words, n, ctx)
    if w.get("month"):
        year = resolve(text, run.points[0], ctx)[1].year if run.points else ctx.year
        return _workday_date(words, year, w["month"], n, ctx)
    event = event_before(text, run.workday_at)  # 顺延至节假日结束后的第二个工作日
    if event:
        raise UnknownClause(f"相对期限，起算日不明：{_nth(n)}（起算：{event}）")
    raise UnknownClause(f"未写明哪个月的工作日：{words}")


def _every_workday(words: str, w: dict[str, Any], n: int, ctx: Context) -> dict[str, Any]:
    per, month = w.get("per") or "M", w.get("month")
    if month is not None and not 1 <= month <= 12:
        raise UnknownClause(f"日期不存在：{words}")
    if month:
        months: tuple[int, ...] = (month,)
    elif per == "M":
        months = ()
    else:  # 每季度最后一个工作日: its last month; 每季度第3个工作日: its first
        months = _PERIOD_ENDS[per] if n < 0 else _AFTER_PERIOD[per]
    rule = _month_anchors(months)
    ctx.every, ctx.due = {"unit": per, "interval": 1}, None
    return {
        "kind": "recurring",
        "rrule": rule,
        "workday": n,
        "describe": describe_workdays(rule, n, ctx.base.year),
    }


def _next_month_workday(words: str, n: int, ctx: Context) -> dict[str, Any]:
    """次月第3个工作日: after a dated clause, of the month after its date; after a recurring one,
    of the month after each of its periods; alone, of every month."""
    if ctx.due is None and ctx.lost and not ctx.every:
        raise UnknownClause(f"前文日期无法识别，无从推算：{words}")
    if ctx.due is not None and not ctx.every:
        return _workday_date(words, *_month_after(ctx.due.year, ctx.due.month), n, ctx)
    per = (ctx.every or {}).get("unit", "M")
    months = _AFTER_PERIOD.get(per, ())
    rule = _month_anchors(months)
    ctx.every, ctx.due = {"unit": per if per in _AFTER_PERIOD else "M", "interval": 1}, None
    return {
        "kind": "recurring",
        "rrule": rule,
        "workday": n,
        "describe": describe_workdays(rule, n, ctx.base.year),
    }


def _after_holiday(text: str, run: Run, w: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """2024年春节后第1个工作日: counted from the last day of that year's break, 调休 included."""
    words = text[run.start : run.end]
    if run.every:
        raise UnknownClause(f"节后工作日每年不同，无法写成周期规则：{words}")
    year = resolve(text, run.points[0], ctx)[1].year if run.points else ctx.year
    end = workdays.holiday_end(year, w["holiday"])
    if end is None:
        if year not in workdays.covered_years():
            raise UnknownClause(_no_workday(words, year))
        raise UnknownClause(f"{year}年没有{w['holiday_cn']}假期：{words}")
    due = workdays.workdays_after(end, w["n"])
    if due is None:
        raise UnknownClause(_no_workday(words, end.year + 1))
    ctx.year, ctx.month, ctx.due = due.year, due.month, due
    return {
        "kind": "dated",
        "due": due,
        "describe": f"{cn_date(due)}（{year}年{w['holiday_cn']}假期后{_nth(w['n'])}）",
    }


def describe_workdays(rule: str, n: int, year: int) -> str:
    """'每月最后一个工作日（2024年：1月31日、2月29日、…）': the rule in words and its dates in `year`."""
    months = [int(m) for m in rec.rule_parts(rule).get("BYMONTH", "").split(",") if m]
    head = ("每年" + "、".join(f"{m}月" for m in months) if months else "每月") + _nth(n)
    if year not in workdays.covered_years():
        return f"{head}（{year}年的节假日安排尚未公布，暂无日期）"
    days = rec.expand(rule, dt.date(year, 1, 1), dt.date(year, 12, 31), workday=n)
    return f"{head}（{year}年：{'、'.join(f'{d.month}月{d.day}日' for d in days)}）"
