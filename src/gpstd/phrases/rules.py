"""Recurring clauses as RRULEs: 每年7月, 每季度, 每月5日前, 每半月, 上半年每月.

`recurring` builds the rule of a 每 run, its bounds (2021年起, 2021年至2023年, 此后) and
the day each occurrence's window opens. Reporting offsets (季度结束后15日内) and
working-day rules are `phrases.offsets`; exemptions (四季度免报) `phrases.exemptions`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gpstd.days import cn_date, safe_date
from gpstd.phrases.dated import is_label, resolve
from gpstd.phrases.lexicon import XUN_FIRST, XUN_LAST
from gpstd.phrases.part import UnknownClause
from gpstd.phrases.points import Context, Point, Run
from gpstd.schedule import recurrence as rec

_Bits = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str | None]
"""(BYMONTH, BYMONTHDAY, BYSETPOS, opening rule) of a recurring point."""


# --- 每: rules and their bounds ---------------------------------------------------


def recurring(
    text: str, run: Run, every: dict[str, Any], ctx: Context, *, inherited: bool = False
) -> dict[str, Any]:
    """每年7月 / 每季度 / 每月5日前 / 每年9月至12月 / 2021年起每年…: an rrule and its bounds.
    `inherited`: the 每 is the clause before's (月报次月15日前…，年报于次年2月底前: each year)."""
    _check_interval(text, run, every)
    start, until, pts, ranges = _bounds(text, run, ctx)
    if run.since:
        start = _since(text, run, ctx)
    if (
        pts
        and not inherited
        and start is None
        and until is None
        and _points_first(text, run, pts, every, ranges)
    ):
        # 自7月1日起每月报送, 7月1日至8月31日每月报送, 2024年下半年每季度末报送: times before the 每 (and not a period
        # of months a finer 每 keeps to) bound the rule; they are not its day
        start = resolve(text, pts[0], ctx)[0]
        until = None if pts[-1].direction == "start" else resolve(text, pts[-1], ctx)[1]
        pts, ranges = [], set()
        rule, opens, assumed = _rule(text, every, pts, ranges, inherited)
        if until is not None and not rec.expand(rule, start, until, start=start, until=until):
            raise UnknownClause(f"时段内没有{rec.describe_rule(rule)}：{text[run.start : run.end]}")
    else:
        rule, opens, assumed = _rule(text, every, pts, ranges, inherited)
    if start is None and until is None and _one_period(text, run, every, pts, ranges, inherited):
        # 2024年7月每周报送, 三季度每月10日前: a period with no 每年 before it is one period, that year's (a
        # date without a year is the base year's), not the same months of every year
        period = pts[:1] if len(pts) == 2 and is_label(pts[0]) and not ranges else pts
        start, until = resolve(text, period[0], ctx)[0], resolve(text, period[-1], ctx)[1]
    ctx.every, ctx.due = every, None
    ctx.month = next((p.month for p in reversed(pts) if p.month), ctx.month)
    describe = rec.describe_rule(rule) + _opens_text(opens)
    if every.get("unit") == "HM":  # plainer than 每月15日、倒数第1日
        months = rec.rule_parts(rule).get("BYMONTH")
        describe = (
            f"每半月（{'、'.join(m + '月' for m in months.split(',')) if months else '每月'}15日和月末）"
        )
    if every.get("unit") == "X":  # plainer than 每月10日、20日、倒数第1日
        months = rec.rule_parts(rule).get("BYMONTH")
        where = "、".join(m + "月" for m in months.split(",")) if months else "每月"
        describe = f"每旬（{where}10日、20日和月末）"
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
        "assumed": assumed,
    }


def _points_first(text: str, run: Run, pts: list[Point], every: dict[str, Any], ranges: set[int]) -> bool:
    """Every point comes before the run's last 每, and they are not months a finer 每 keeps to."""
    if every.get("months") or (
        _period_months(pts, ranges) is not None and every.get("unit") in ("M", "W", "D", "HM", "X")
    ):
        return False
    at = text.rfind("每", run.start, run.end)
    return at >= 0 and all(p.end <= at for p in pts)


def _one_period(
    text: str, run: Run, every: dict[str, Any], pts: list[Point], ranges: set[int], inherited: bool
) -> bool:
    """The rule is kept to the months of a period before it (上半年每月, 2024年7月每周) and no 每 comes
    before that period (每年的3月至12月每周 repeats each year)."""
    if inherited or every.get("months") or every.get("unit") not in ("M", "W", "D", "HM", "X"):
        return False
    if _period_months(pts, ranges) is None:
        return False
    return "每" not in text[run.start : pts[0].start] and not any(p.year_rel == "every" for p in pts)


def _check_interval(text: str, run: Run, every: dict[str, Any]) -> None:
    """每0年 cannot be read; 每两月, 每10天, 每两周 name no phase (which months? which days?),
    so they are unknown: only 每N年 is anchored, on the base year (docs/phrases.md)."""
    interval, unit = every.get("interval", 1), every.get("unit", "Y")
    words = text[run.points[0].start if run.points else run.start : run.end]
    if interval < 1 or interval > 100:
        raise UnknownClause(f"周期间隔无法识别：{words}")
    if interval > 1 and unit != "Y":
        raise UnknownClause(f"周期的起点不明，无法确定日期：{words}")


def _since(text: str, run: Run, ctx: Context) -> dt.date:
    """此后每周…: the rule starts the day after the dated clause before."""
    if ctx.due is None:
        raise UnknownClause(f"“此后”之前没有日期，起算日不明：{text[run.start : run.end]}")
    return ctx.due + dt.timedelta(days=1)


def _assumed(every: dict[str, Any]) -> bool:
    """Whether the text leaves the day open and the rule takes the period's end by convention:
    每季度, 每半年, 每月, 每年, 每周 alone (not 每季度末, 每月5日, 每周五)."""
    unit = every.get("unit", "Y")
    if every.get("end") or unit == "D":
        return False
    return not (unit == "W" and every.get("weekday"))


def _rule(
    text: str, every: dict[str, Any], pts: list[Point], ranges: set[int], inherited: bool
) -> tuple[str, str | None, bool]:
    """(RRULE, opening RRULE or None, assumed) of a 每 and the points the rule keeps."""
    unit, interval = every.get("unit", "Y"), every.get("interval", 1)
    if every.get("months"):  # 逢单月10日前: the 每 names its months itself
        return _in_months(text, every, every["months"], pts if pts and pts[-1].day else [])
    months = _period_months(pts, ranges) if unit in ("M", "W", "D", "HM", "X") and not inherited else None
    if months is not None:  # 上半年每月, 每年的3月至12月每周: the rule kept to those months
        return _in_months(text, every, months, pts)
    if unit in ("W", "D", "HM", "X") and pts:
        raise UnknownClause(f"周期规则不应再有日期：{text[pts[0].start : pts[-1].end]}")
    if unit == "W":
        byday = every.get("weekdays") or (every.get("weekday") or "SU",)
        return rec.make_rule("WEEKLY", interval=interval, byday=byday), None, _assumed(every)
    if unit == "D":
        return rec.make_rule("DAILY", interval=interval), None, False
    if unit == "HM":  # 每半月: the 15th and the month's end
        return rec.make_rule("MONTHLY", bymonthday=(15, -1)), None, True
    if unit == "X":  # 每旬: each 旬's end, the 10th, the 20th and the month's end
        return rec.make_rule("MONTHLY", bymonthday=(10, 20, -1)), None, not every.get("end")
    if unit == "M" and every.get("nth") and not pts:  # 每月的第二个星期五
        return rec.make_rule("MONTHLY", byday=(every["weekday"],), bysetpos=(every["nth"],)), None, False
    if not pts:
        return _period_end_rule(unit, interval), None, _assumed(every)
    rule, opens = _rule_from_points(text, pts, ranges, unit, interval)
    return rule, opens, False


def _period_months(pts: list[Point], ranges: set[int]) -> tuple[int, ...] | None:
    """The months a period before a finer 每 names (上半年 → 1-6, 三季度 → 7-9, 3月至12月 → 3-12),
    or None when the points are not such a period."""
    if not pts or len(pts) > 2:
        return None
    first = pts[0]
    if is_label(first) and (len(pts) == 1 or not ranges):
        if first.half:
            return tuple(range(1, 7) if first.half == 1 else range(7, 13))
        return tuple(m for q in first.quarters for m in range(3 * q - 2, 3 * q + 1))
    whole_months = all(p.month and p.day is None and not p.xun for p in pts)
    if whole_months and len(pts) == 1:
        return (first.month,) if first.month and 1 <= first.month <= 12 else None
    if whole_months and ranges == {0}:
        low, high = first.month or 0, pts[1].month or 0
        return tuple(range(low, high + 1)) if 1 <= low <= high <= 12 else None
    return None


def _in_months(
    text: str, every: dict[str, Any], months: tuple[int, ...], pts: list[Point]
) -> tuple[str, str | None, bool]:
    """每月 / 每周 / 每日 / 每半月 kept to `months`; 三季度每月10日前 keeps its day."""
    unit = every.get("unit")
    day_pt = (
        pts[-1] if (len(pts) == 2 and is_label(pts[0])) or (len(pts) == 1 and every.get("months")) else None
    )
    if unit == "W":
        byday = every.get("weekdays") or (every.get("weekday") or "SU",)
        return rec.make_rule("WEEKLY", bymonth=months, byday=byday), None, _assumed(every)
    if unit == "M" and every.get("nth"):
        nth = (every["weekday"],), (every["nth"],)
        return rec.make_rule("MONTHLY", bymonth=months, byday=nth[0], bysetpos=nth[1]), None, False
    if unit == "D":
        return rec.make_rule("DAILY", bymonth=months), None, False
    if unit == "HM":
        return rec.make_rule("MONTHLY", bymonth=months, bymonthday=(15, -1)), None, True
    if unit == "X":
        return rec.make_rule("MONTHLY", bymonth=months, bymonthday=(10, 20, -1)), None, not every.get("end")
    if day_pt is None or (day_pt.day is None and not day_pt.xun):
        return rec.make_rule("MONTHLY", bymonth=months, bymonthday=(-1,)), None, not every.get("end")
    _, days, setpos, _ = _monthly_bits(day_pt, text[day_pt.start : day_pt.end])
    return rec.make_rule("MONTHLY", bymonth=months, bymonthday=days, bysetpos=setpos), None, False


def months_rule(text: str, every: dict[str, Any], pts: list[Point], ctx: Context) -> dict[str, Any]:
    """每季度末（分别在6月、9月和12月底）: the months a bracket lists after the rule, each to its end."""
    months = tuple(sorted({p.month for p in pts if p.month}))
    if not months or any(not 1 <= m <= 12 for m in months) or any(p.day or p.xun for p in pts):
        raise UnknownClause(f"括号中的月份无法读作周期：{text[pts[0].start : pts[-1].end]}")
    rule = rec.make_rule("YEARLY", bymonth=months, bymonthday=(-1,))
    ctx.every, ctx.due = every, None
    return {"kind": "recurring", "rrule": rule, "describe": rec.describe_rule(rule)}


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
        elif in_range_end and start is not None and p.month and not p.year_rel:
            # 2024年7月至9月每周: the end of the range takes its start's year (was: September of every year)
            until = resolve(text, p.but(year=start.year), ctx)[1]
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
    if unit in ("Q", "H") and due_pt.month and due_pt.day is None:
        # 每季度报送一次（2024年3月底前）: one month for a rule of each quarter or half (was each March)
        raise UnknownClause(f"周期规则只给出一个月份：{text[pts[0].start : pts[-1].end]}")
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
                (XUN_LAST[p.xun],),
                (),
                opens_rule("YEARLY", (p.month,), XUN_FIRST[p.xun]),
            )
        opens = None if p.end_of else opens_rule("YEARLY", (p.month,), 1)
        return (p.month,), (-1,), (), opens
    if p.quarters:
        firsts = tuple(3 * q - 2 for q in p.quarters)
        opens = None if p.end_of else opens_rule("YEARLY", firsts, 1)
        return tuple(3 * q for q in p.quarters), (-1,), (), opens
    if p.half:
        opens = None if p.end_of else opens_rule("YEARLY", ((1, 7)[p.half - 1],), 1)
        return ((6, 12)[p.half - 1],), (-1,), (), opens
    return (12,), (31,), (), None


def _monthly_bits(p: Point, words: str) -> _Bits:
    if p.end_of and p.month_rel == "ctx" and p.day is None:  # 每月月底
        return (), (-1,), (), None
    if p.xun:
        return (), (XUN_LAST[p.xun],), (), opens_rule("MONTHLY", (), XUN_FIRST[p.xun])
    if p.day is not None:
        if not 1 <= p.day <= 31:
            raise UnknownClause(f"日期不存在：{words}")
        days, setpos = rec.day_of_month_rule(p.day)
        return (), days, setpos, None
    raise UnknownClause(f"无法识别的周期日期：{words}")


def _opening(p: Point, freq: str) -> str | None:
    if p.month:
        return opens_rule("YEARLY", (p.month,), p.day or 1)
    if p.quarters:
        return opens_rule("YEARLY", (3 * p.quarters[0] - 2,), 1)
    if p.day and freq == "MONTHLY":
        return opens_rule("MONTHLY", (), p.day)
    return None


def opens_rule(freq: str, months: tuple[int, ...], day: int) -> str:
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
