"""Recurring clauses as RRULEs: 每年7月, 每季度结束后15日内, 四季度免报.

`recurring` builds the rule of a 每 run and its bounds (2021年起, 2021年至2023年) and
the day each occurrence's window opens; `offset_rule` builds reporting offsets
(季度结束后15日内, 次月5日前) as fixed due days; `apply_exempt` takes the months an
exemption names out of a rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from gpstd.days import cn_date, month_end, safe_date
from gpstd.phrases.dated import is_label, resolve
from gpstd.phrases.part import Part, UnknownClause, demoted
from gpstd.phrases.points import Context, Point, Run
from gpstd.schedule import recurrence as rec

_Bits = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str | None]
"""(BYMONTH, BYMONTHDAY, BYSETPOS, opening rule) of a recurring point."""


# --- 每: rules and their bounds ---------------------------------------------------


def recurring(text: str, run: Run, every: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """每年7月 / 每季度 / 每月5日前 / 每年9月至12月 / 2021年起每年…: an rrule and its bounds."""
    if every.get("interval", 1) < 1:
        raise UnknownClause(f"周期间隔无法识别：{text[run.points[0].start if run.points else 0 : run.end]}")
    start, until, pts, ranges = _bounds(text, run, ctx)
    rule, opens = _rule(text, every, pts, ranges)
    ctx.every, ctx.due = every, None
    ctx.month = next((p.month for p in reversed(pts) if p.month), ctx.month)
    describe = rec.describe_rule(rule) + _opens_text(opens)
    if start:
        describe = f"{cn_date(start)}起{describe}"
    if until:
        describe += f"，至{cn_date(until)}"
    return {
        "kind": "recurring",
        "rrule": rule,
        "opens": opens,
        "start": start,
        "until": until,
        "describe": describe,
        "assumed": _assumed(every, pts),
    }


def _assumed(every: dict[str, Any], pts: list[Point]) -> bool:
    """Whether the text leaves the day open and the rule takes the period's end by convention:
    每季度, 每半年, 每月, 每年, 每周 alone (not 每季度末, 每月5日, 每周五)."""
    unit = every.get("unit", "Y")
    if pts or every.get("end") or unit == "D":
        return False
    return not (unit == "W" and every.get("weekday"))


def _rule(text: str, every: dict[str, Any], pts: list[Point], ranges: set[int]) -> tuple[str, str | None]:
    """(RRULE, opening RRULE or None) of a 每 and the points the rule keeps."""
    unit, interval = every.get("unit", "Y"), every.get("interval", 1)
    if unit == "W":
        if pts:
            raise UnknownClause(f"每周规则不应再有日期：{text[pts[0].start : pts[-1].end]}")
        weekday = every.get("weekday") or "SU"
        return rec.make_rule("WEEKLY", interval=interval, byday=(weekday,)), None
    if unit == "D":
        return rec.make_rule("DAILY", interval=interval), None
    if not pts:
        return _period_end_rule(unit, interval), None
    if unit == "M" and is_label(pts[0]) and len(pts) <= 2 and not ranges:
        return _months_of_period(text, pts, interval), None
    return _rule_from_points(text, pts, ranges, unit, interval)


def _months_of_period(text: str, pts: list[Point], interval: int) -> str:
    """上半年每月 / 三季度每月10日前: a monthly rule kept to the months of the period."""
    label = pts[0]
    months = (
        tuple(range(1, 7) if label.half == 1 else range(7, 13))
        if label.half
        else tuple(m for q in label.quarters for m in range(3 * q - 2, 3 * q + 1))
    )
    day_pt = pts[-1] if len(pts) == 2 else label
    days: tuple[int, ...]
    setpos: tuple[int, ...]
    if day_pt.day is None and not day_pt.xun:
        days, setpos = (-1,), ()
    else:
        _, days, setpos, _ = _monthly_bits(day_pt, text[day_pt.start : day_pt.end])
    return rec.make_rule("MONTHLY", interval=interval, bymonth=months, bymonthday=days, bysetpos=setpos)


def _bounds(
    text: str, run: Run, ctx: Context
) -> tuple[dt.date | None, dt.date | None, list[Point], set[int]]:
    """Split points into the rule's bounds (2021年起, 2021年至2023年) and the rule's own points."""
    start = until = None
    rule_pts: list[Point] = []
    ranges = set()
    for i, p in enumerate(run.points):
        absolute = p.has_absolute_year()
        in_range_end = (i - 1) in run.ranges
        if absolute and (p.direction == "start" or i in run.ranges) and not in_range_end:
            start = resolve(text, p, ctx)[0]
        elif absolute and in_range_end and start is not None:
            until = resolve(text, p, ctx)[1]
        elif absolute and p.year_only and not p.has_below_year() and not p.end_of:
            start = resolve(text, p, ctx)[0]  # 2021年每季度: from 2021 on
        else:
            if i in run.ranges:
                ranges.add(len(rule_pts))
            rule_pts.append(p)
    return start, until, rule_pts, ranges


def _period_end_rule(unit: str, interval: int) -> str:
    """每年 → 12-31, 每半年 → 6-30 and 12-31, 每季度 → quarter ends, 每月 → month end."""
    if unit == "M":
        return rec.make_rule("MONTHLY", interval=interval, bymonthday=(-1,))
    months = {"Y": (12,), "H": rec.HALF_ENDS, "Q": rec.QUARTER_ENDS}[unit]
    return rec.make_rule(
        "YEARLY",
        interval=interval if unit == "Y" else 1,
        bymonth=months,
        bymonthday=(-1,) if unit != "Y" else (31,),
    )


def _rule_from_points(
    text: str, pts: list[Point], ranges: set[int], unit: str, interval: int
) -> tuple[str, str | None]:
    if len(pts) == 2 and 0 in ranges:
        due_pt, open_pt = pts[1], pts[0]
        if not (due_pt.month or due_pt.quarters or due_pt.half) and pts[0].month:
            due_pt = due_pt.but(month=pts[0].month)  # 每月1日至10日 / 每年9月1日至30日
    elif len(pts) == 2 and is_label(pts[0]):
        due_pt, open_pt = pts[1], None
    elif len(pts) == 1:
        due_pt, open_pt = pts[0], None
    else:
        raise UnknownClause(f"多个日期无法组合：{text[pts[0].start : pts[-1].end]}")
    words = text[due_pt.start : due_pt.end]
    if due_pt.month or due_pt.quarters or due_pt.half or due_pt.year_only:
        months, days, setpos, opens = _yearly_bits(due_pt, words)
        freq, interval = "YEARLY", interval if unit == "Y" else 1
    elif unit in ("M", "W", "D"):
        months, days, setpos, opens = _monthly_bits(due_pt, words)
        freq, interval = "MONTHLY", interval if unit == "M" else 1
    else:  # 每年上旬 / 每季度15日: which month of the year or quarter is not said
        raise UnknownClause(f"周期规则缺少月份：{text[pts[0].start : pts[-1].end]}")
    if open_pt is not None:
        opens = _opening(open_pt, freq)
    rule = rec.make_rule(freq, interval=interval, bymonth=months, bymonthday=days, bysetpos=setpos)
    return rule, opens


def _yearly_bits(p: Point, words: str) -> _Bits:
    if p.month:
        if not 1 <= p.month <= 12:
            raise UnknownClause(f"日期不存在：{words}")
        if p.day is not None:
            if safe_date(2021, p.month, p.day) is None:
                leap = safe_date(2020, p.month, p.day) is not None
                raise UnknownClause(f"{'日期并非每年都有' if leap else '日期不存在'}：{words}")
            return (p.month,), (p.day,), (), None
        if p.xun:
            return (
                (p.month,),
                ((10, 20, -1)[p.xun - 1],),
                (),
                _opens_rule("YEARLY", (p.month,), (1, 11, 21)[p.xun - 1]),
            )
        opens = None if p.end_of else _opens_rule("YEARLY", (p.month,), 1)
        return (p.month,), (-1,), (), opens
    if p.quarters:
        firsts = tuple(3 * q - 2 for q in p.quarters)
        opens = None if p.end_of else _opens_rule("YEARLY", firsts, 1)
        return tuple(3 * q for q in p.quarters), (-1,), (), opens
    if p.half:
        opens = None if p.end_of else _opens_rule("YEARLY", ((1, 7)[p.half - 1],), 1)
        return ((6, 12)[p.half - 1],), (-1,), (), opens
    return (12,), (31,), (), None


def _monthly_bits(p: Point, words: str) -> _Bits:
    if p.xun:
        return (), ((10, 20, -1)[p.xun - 1],), (), _opens_rule("MONTHLY", (), (1, 11, 21)[p.xun - 1])
    if p.day is not None:
        if not 1 <= p.day <= 31:
            raise UnknownClause(f"日期不存在：{words}")
        days, setpos = rec.day_of_month_rule(p.day)
        return (), days, setpos, None
    raise UnknownClause(f"无法识别的周期日期：{words}")


def _opening(p: Point, freq: str) -> str | None:
    if p.month:
        return _opens_rule("YEARLY", (p.month,), p.day or 1)
    if p.quarters:
        return _opens_rule("YEARLY", (3 * p.quarters[0] - 2,), 1)
    if p.day and freq == "MONTHLY":
        return _opens_rule("MONTHLY", (), p.day)
    return None


def _opens_rule(freq: str, months: tuple[int, ...], day: int) -> str:
    return rec.make_rule(freq, bymonth=months, bymonthday=(day,))


def _opens_text(opens: str | None) -> str:
    if not opens:
        return ""
    parts = rec.rule_parts(opens)
    months, day = parts.get("BYMONTH", ""), parts.get("BYMONTHDAY", "")
    if parts["FREQ"] == "MONTHLY":
        return f"（每月{day}日起）"
    if "," in months:
        return f"（{'、'.join(m + '月' for m in months.split(','))}{day}日起）"
    return f"（{months}月{day}日起）"


# --- reporting offsets: 季度结束后15日内, 次月5日前 ---------------------------------------

_PERIOD_ENDS = {"Q": rec.QUARTER_ENDS, "M": tuple(range(1, 13)), "H": rec.HALF_ENDS, "Y": (12,)}
_PERIOD_CN = {"Q": "季度", "M": "月", "H": "半年", "Y": "年度"}


def offset_rule(text: str, run: Run, ctx: Context) -> tuple[dict[str, Any], dict[int, int] | None]:
    """The rule's fields, and the map from each period's last month to its due month
    (None when the offset is one date counted from the dated clause before)."""
    o = run.offset or {}
    n, per, next_day = o.get("n"), o["per"], o.get("next_day", False)
    if o.get("workday"):
        raise UnknownClause("按工作日计算的期限暂不支持（需节假日安排）")
    if not n or n < 1:
        raise UnknownClause("期限天数无法识别")
    quarters = o.get("quarters") or next((p.quarters for p in run.points if p.quarters), ())
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
        "opens": _opens_rule("YEARLY", months, 1),
        "describe": f"{head}（{rec.describe_rule(rule)}）",
    }
    return fields, {end: target[0] for end, target in period_map.items() if target is not None}


def _offset_head(per: str, n: int, quarters: tuple[int, ...], next_day: bool) -> str:
    if next_day:
        return f"每{_PERIOD_CN[per]}结束后次月{n}日前"
    lead = "、".join("一二三四"[q - 1] for q in quarters) + ("季度" if quarters else "")
    return f"{lead or '每' + _PERIOD_CN[per]}结束后{n}日内"


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
        year, month = (due.year + 1, 1) if due.month == 12 else (due.year, due.month + 1)
        target = safe_date(year, month, n) or month_end(year, month)
    else:
        end_month = {
            "M": due.month,
            "Q": (due.month + 2) // 3 * 3,
            "H": 6 if due.month <= 6 else 12,
            "Y": 12,
        }[per]
        target = month_end(due.year, end_month) + dt.timedelta(days=n)
    ctx.year, ctx.month, ctx.due = target.year, target.month, target
    return {"kind": "dated", "due": target, "describe": cn_date(target)}


def period_map_of(part: Part) -> dict[int, int] | None:
    """Rebuild the period → due-month map of an offset rule from its rrule (for 免报 clauses)."""
    if part.offset_days is None or not part.rrule:
        return None
    months = [int(m) for m in rec.rule_parts(part.rrule).get("BYMONTH", "").split(",") if m]
    months = months or list(range(1, 13))
    return {(m - 2) % 12 + 1: m for m in months}


# --- exemptions: 四季度免报, 1月免报 ----------------------------------------------------


def without_quarters(part: Part, quarters: tuple[int, ...]) -> Part:
    """The recurring part without the occurrences of `quarters`, which a later clause times
    itself (每季度结束后10日内报送，第四季度于次年1月20日前报送); unchanged if it has none."""
    exempt = {
        "quarters": quarters,
        "months": (),
        "text": "、".join("一二三四"[q - 1] for q in quarters) + "季度",
    }
    period_map = period_map_of(part)
    listed = [int(m) for m in rec.rule_parts(part.rrule or "").get("BYMONTH", "").split(",") if m]
    months = listed or list(range(1, 13))
    if not _exempt_months(exempt, period_map, months) & set(months):
        return part
    return apply_exempt(part, exempt, period_map, note="另按下文", listed=False)


def apply_exempt(
    part: Part,
    exempt: dict[str, Any],
    period_map: dict[int, int] | None,
    *,
    note: str = "免报",
    listed: bool = True,
) -> Part:
    """The recurring part without the months `exempt` names, or the part demoted to unknown.
    `listed`: record the exemption in `exempt` (not for a quarter another clause times)."""
    if part.kind != "recurring" or not part.rrule:
        return demoted(part, f"免报说明找不到对应的周期规则：{exempt['text']}")
    rule = rec.rule_parts(part.rrule)
    months = [int(m) for m in rule.get("BYMONTH", "").split(",") if m] or list(range(1, 13))
    removed = _exempt_months(exempt, period_map, months)
    kept = tuple(m for m in months if m not in removed)
    if kept == tuple(months) or not kept:
        return demoted(part, f"免报说明与周期规则对不上：{exempt['text']}（规则：{part.describe}）")
    new_rule = rec.make_rule(
        rule["FREQ"],
        interval=int(rule.get("INTERVAL", 1)),
        bymonth=kept,
        bymonthday=tuple(int(d) for d in rule["BYMONTHDAY"].split(",")),
        bysetpos=tuple(int(d) for d in rule.get("BYSETPOS", "").split(",") if d),
    )
    describe = part.describe.replace(rec.describe_rule(part.rrule), rec.describe_rule(new_rule))
    listing = (*part.exempt, exempt["text"]) if listed else part.exempt
    return replace(
        part,
        rrule=new_rule,
        exempt=listing,
        opens=_opens_kept(part.opens, months, kept),
        describe=f"{describe}，{exempt['text']}{note}",
    )


def _opens_kept(opens: str | None, months: list[int], kept: tuple[int, ...]) -> str | None:
    """An offset rule's openings (one per due month) without the months taken out."""
    parts = rec.rule_parts(opens) if opens else {}
    if parts.get("BYMONTH") != ",".join(map(str, months)):
        return opens
    return _opens_rule(parts["FREQ"], kept, int(parts["BYMONTHDAY"]))


def _exempt_months(
    exempt: dict[str, Any], period_map: dict[int, int] | None, due_months: list[int]
) -> set[int]:
    """Due months an exemption removes. For 季后/次月 rules the exemption names the period
    reported on (四季度 → the January report), falling back to a due month it names
    (每季度首月10日前，1月免报); otherwise it names the months due."""
    if period_map is not None:
        ends = [3 * q for q in exempt["quarters"]]
        removed = {period_map[e] for e in ends if e in period_map}
        for month in exempt["months"]:
            removed.add(period_map.get(month, month if month in due_months else 0))
        return removed
    months = {m for q in exempt["quarters"] for m in (3 * q - 2, 3 * q - 1, 3 * q)}
    return months | set(exempt["months"])
