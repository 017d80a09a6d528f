"""Dated and start clauses: the points of a run resolved to days.

`resolve` turns one `Point` into its first day, due day and window opening, reading
years and months the clause leaves out from the `Context`; `dated` gives a run one
due date (2020年8月31日前), a start (2021年1月1日起), a range (2020年11月至2月) or a
span after a day (2024年3月1日起10个工作日内).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gpstd.days import cn_date, month_end, safe_date
from gpstd.phrases.lexicon import UNREAD_YEAR, XUN_FIRST, XUN_LAST, Token
from gpstd.phrases.part import UnknownClause
from gpstd.phrases.points import Context, Point, Run
from gpstd.schedule import workdays

#: A deadline more than this many years before the base is read as a typo (2011 in a plan of 2020)
#: or a date the sentence recounts, never as a deadline (docs/phrases.md).
PAST_YEARS = 5


def dated(text: str, run: Run, ctx: Context) -> dict[str, Any]:
    pts = run.points
    if len(pts) == 2 and is_label(pts[0]) and not is_label(pts[1]) and 0 not in run.ranges:
        pts = pts[1:]  # 四季度次年1月10日前: the quarter only says which report
    if run.within and len(pts) == 1:
        return _within(text, run, pts[0], ctx)
    if len(pts) == 1 and run.lost_start is not None:
        return _lost_start(text, run.lost_start, pts[0], ctx)
    if len(pts) == 1:
        return _single(text, pts[0], ctx)
    if len(pts) == 2 and (0 in run.ranges or (pts[0].direction == "start" and pts[1].direction)):
        return _range(text, pts[0], pts[1], ctx)
    if not pts:  # 13月-0去年: nothing left of the run that is a time
        raise UnknownClause(f"时间无法识别：{text[run.start : run.end]}")
    raise UnknownClause(f"多个日期无法组合：{text[pts[0].start : pts[-1].end]}")


def is_label(p: Point) -> bool:
    """A quarter or half with no month, day or year: it names a report, not a day."""
    return bool((p.quarters or p.half) and not (p.month or p.day or p.year))


def _single(text: str, p: Point, ctx: Context) -> dict[str, Any]:
    first, last, opens = resolve(text, p, ctx)
    ctx.year, ctx.month, ctx.every, ctx.due = last.year, last.month, None, None
    _counted_from(p, ctx)
    if p.direction == "start":
        return {"kind": "start", "start": first, "describe": f"{cn_date(first)}起"}
    start = None if p.direction == "due" else opens
    ctx.due = last
    return {"kind": "dated", "due": last, "start": start, "describe": _describe_dated(last, start)}


def _range(text: str, a: Point, b: Point, ctx: Context) -> dict[str, Any]:
    first, _, _ = resolve(text, a, ctx)
    inherited_year = b.year is None and b.year_rel is None
    if inherited_year:
        b = b.but(year=first.year)
    if not (b.month or b.month_rel or b.quarters or b.half or b.year_only) and b.day:
        b = b.but(month=first.month)
    _, last, _ = resolve(text, b, ctx)
    if last < first and inherited_year:  # 2020年11月至2月: the February after
        _, last, _ = resolve(text, b.but(year=first.year + 1), ctx)
    if last < first:
        raise UnknownClause(f"起止日期颠倒：{text[a.start : b.end]}")
    ctx.year, ctx.month, ctx.every, ctx.due = last.year, last.month, None, last
    _counted_from(b, ctx)
    return {"kind": "dated", "due": last, "start": first, "describe": f"{cn_date(first)}至{cn_date(last)}"}


def _counted_from(p: Point, ctx: Context) -> None:
    """次年一月十日前…，次年二月底前…: both are the year after the same year, so a 次年 or 上年
    clause leaves the year that the next 次年 counts from as it was."""
    if p.year_rel not in ("next", "prev"):
        ctx.from_year = ctx.year


def _lost_start(text: str, lost: Token, p: Point, ctx: Context) -> dict[str, Any]:
    """710日至年底 (月 lost in the start): still due at the end, with no start."""
    fields = _single(text, p.but(direction="due"), ctx)
    fields["describe"] += f"（起始日期无法识别：{text[lost.start : lost.end]}）"
    return fields


def _within(text: str, run: Run, p: Point, ctx: Context) -> dict[str, Any]:
    """2024年3月1日起10个工作日内 / 之日起30日内: counted from the day after (民法典 第二百零一条)."""
    first, within = resolve(text, p, ctx)[0], run.within or {}
    n, unit, words = within.get("n") or 0, within.get("unit"), text[p.start : run.end]
    if n < 1 or unit not in ("day", "workday"):
        raise UnknownClause(f"相对期限无法换算成日期：{words}")
    if unit == "day":
        due: dt.date | None = first + dt.timedelta(days=n)
    else:
        due = workdays.workdays_after(first, n)
        if due is None:
            raise UnknownClause(f"节假日安排尚未公布，无法计算工作日：{words}")
    assert due is not None
    ctx.year, ctx.month, ctx.every, ctx.due = due.year, due.month, None, due
    return {
        "kind": "dated",
        "due": due,
        "describe": f"{cn_date(due)}（{cn_date(first)}后{n}{'个工作日' if unit == 'workday' else '日'}）",
    }


def _describe_dated(due: dt.date, start: dt.date | None) -> str:
    return f"{cn_date(due)}（{cn_date(start)}起）" if start else cn_date(due)


def _year_of(p: Point, ctx: Context) -> int:
    if p.year is not None:
        return p.year
    return {
        "ctx": ctx.year,
        "base": ctx.base.year,
        "next": ctx.from_year + 1,
        "prev": ctx.from_year - 1,
        "base+1": ctx.base.year + 1,
        "base-1": ctx.base.year - 1,
    }.get(p.year_rel or "ctx", ctx.year)


def resolve(text: str, p: Point, ctx: Context) -> tuple[dt.date, dt.date, dt.date | None]:
    """(first day, due day, window opening or None) of one point in a dated clause."""
    year, words = _year_of(p, ctx), text[p.start : p.end]
    if year == UNREAD_YEAR and ctx.year == UNREAD_YEAR:
        raise UnknownClause(f"年份无法识别（前文为民国纪年或未填的年份）：{words}")
    if not 1 <= year <= 9998:
        raise UnknownClause(f"日期不存在：{words}")
    if year < ctx.base.year - PAST_YEARS:
        raise UnknownClause(f"年份早于基准日期（{ctx.base.year}年）{PAST_YEARS}年以上，疑为笔误：{words}")
    month = _month_of(p, ctx)
    if p.day is not None and month is None:
        raise UnknownClause(f"只有日、没有月份：{words}")
    if month is not None:
        if month == 13 and p.month_rel:  # 下月 in December
            year, month = year + 1, 1
        return _month_span(year, month, p, words)
    if p.quarters or p.quarter_rel:
        qs = p.quarters or (_rel_quarter(p.quarter_rel, ctx.base),)
        first, last = dt.date(year, 3 * min(qs) - 2, 1), month_end(year, 3 * max(qs))
        return first, last, None if p.end_of else first
    if p.half:
        first = dt.date(year, 1 if p.half == 1 else 7, 1)
        return first, month_end(year, 6 if p.half == 1 else 12), None if p.end_of else first
    first = dt.date(year, 1, 1)
    return first, dt.date(year, 12, 31), None if p.end_of else first


def _month_of(p: Point, ctx: Context) -> int | None:
    if p.month is not None:
        return p.month
    if ctx.lost and (p.month_rel == "ctx" or p.day is not None or p.xun):
        # 春节前完成初稿，月底前报送: the month of a clause whose date could not be read is not known
        raise UnknownClause("前文日期无法识别，月份不明")
    if p.month_rel in ("ctx", "that"):
        # a bare 月底, or 当月 (that month): 3月15日前完成，确保当月下旬验收 is March's; with no month named
        # before, the base month (当月15日前报送)
        return ctx.month or ctx.base.month
    if p.month_rel:
        return ctx.base.month + (1 if p.month_rel == "next" else 0)
    if p.day is not None or p.xun:
        return ctx.month
    return None


def _rel_quarter(rel: str | None, base: dt.date) -> int:
    quarter = (base.month - 1) // 3 + 1
    return min(quarter + 1, 4) if rel in ("下", "下个", "次") else quarter


def _month_span(year: int, month: int, p: Point, words: str) -> tuple[dt.date, dt.date, dt.date | None]:
    if not 1 <= month <= 12:
        raise UnknownClause(f"日期不存在：{words}")
    if p.day is not None:
        day = safe_date(year, month, p.day)
        if day is None:
            raise UnknownClause(f"日期不存在：{words}")
        return day, day, None
    if p.xun:
        first = dt.date(year, month, XUN_FIRST[p.xun])
        last = month_end(year, month) if XUN_LAST[p.xun] == -1 else dt.date(year, month, XUN_LAST[p.xun])
        return first, last, first
    first = dt.date(year, month, 1)
    return first, month_end(year, month), None if p.end_of else first
