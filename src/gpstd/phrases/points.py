"""Runs of adjacent time tokens and the points they name (2020年8月31日, 第三季度末, 7月上旬).

A clause's tokens fall into runs, tokens joined by nothing but spaces and 的于在;
`pick_run` chooses the run that times the clause and `read_run` reads it into `Point`s
with the 每, offset, time of day and direction words around them. `Context` is what a
clause inherits from the clauses before it in the same cell.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from gpstd.patterns import LazyRegex
from gpstd.phrases.lexicon import CORE, POINT, Tok, Token

# 为: 第四季度为次年1月20日前; a weekday in brackets after a date: 6月6日(本周三)下午三点前; the
# lunar date in brackets after a date restates it: 2月7日(正月初七)开始
_GLUE = LazyRegex(
    r"(?:[\s的于在为]|\((?:本周|星期|周|礼拜)[一二三四五六日天]\)"
    r"|\((?:农历)?(?:除夕|(?:正|腊|冬|十一|十二|[一二三四五六七八九十])月(?:初|十|廿|二十|三十)?[一二三四五六七八九十]?"
    # 2月22日(初七)起: the lunar day alone
    r"|(?:初|廿|二十|三十)[一二三四五六七八九十]?)\))*"
)


def runs(norm: str, tokens: list[Token]) -> list[list[Token]]:
    out: list[list[Token]] = []
    for tok in tokens:
        if (
            out
            and _GLUE.fullmatch(norm, out[-1][-1].end, tok.start)
            and tok.kind not in (Tok.ONGOING, Tok.IRREGULAR, Tok.EXEMPT)
        ):
            out[-1].append(tok)
        else:
            out.append([tok])
    return out


def _is_core(run: list[Token]) -> bool:
    return any(t.kind in CORE for t in run)


_SPOILERS = (Tok.VAGUE, Tok.RELDUR, Tok.EVENTS, Tok.BAD)


def pick_run(norm: str, runs: list[list[Token]]) -> tuple[list[Token], list[Token]]:
    """(every-only run before the date, the date run). The date run may sit after words:
    每年舆情回应工作情况于当年12月20日前 — joined when it has a direction or follows 于."""
    core = [r for r in runs if _is_core(r) and not all(t.kind is Tok.DIR for t in r)]
    if not core:
        return [], []
    first = core[0]
    undated = _undated_period_before(norm, runs, first)
    if undated is not None:
        return [], undated
    later_points = [r for r in core[1:] if any(t.kind in POINT for t in r)]
    quarters_first = all(t.kind is Tok.QUARTER for t in first)
    if quarters_first and later_points and later_points[0][0].kind is not Tok.EVERY:
        return [], later_points[0]  # 一、二、三季度分别于4月10日…: the quarters name the reports
    if quarters_first and not later_points:
        # 一、二、三季度分别于春节前、…: the time that follows the quarters is one that cannot be read
        spoiled = next(
            (r for r in runs if r[0].start > first[-1].end and any(t.kind in _SPOILERS for t in r)), None
        )
        if spoiled is not None:
            return [], spoiled
    dated_later = _dated_later(norm, first, core[1:])
    if dated_later is not None:
        return [], dated_later
    if _bare_year(first):
        # 请于春节前完成2025年年报填报, 本年度…要求在3月10日左右完工: a bare year names or qualifies; the
        # time that times the clause is the one that cannot be read
        spoiled = next((r for r in runs if r is not first and any(t.kind in _SPOILERS for t in r)), None)
        if spoiled is not None:
            return [], spoiled
    if any(t.kind in POINT or t.kind is Tok.OFFSET for t in first) or len(core) == 1:
        return [], first
    for later in core[1:]:
        has_dir = any(t.kind in (Tok.DIR, Tok.DIRP) for t in later)
        after_yu = norm[: later[0].start].rstrip().endswith(("于", "在"))
        if any(t.kind in POINT for t in later) and (has_dir or after_yu):
            return first, later
        if (has_dir or after_yu) and _day_named_later(first, later):
            return first, later  # 每周日程安排于每周四前: the later 每 names the day
    return [], first


# An undated period or holiday (整改期间, 汛期, 春节期间): a rule a few words after it in its clause runs inside it.
_UNDATED = LazyRegex(
    r"期间|春节|元旦|国庆|五一|清明|端午|中秋|节前|节后|汛期|开学|学期|左右$|前后$|^(?:约|大约|大概)"
)


def _undated_period_before(norm: str, runs: list[list[Token]], first: list[Token]) -> list[Token] | None:
    """整改期间实行每日报送, 汛期要求每周报送进展: the run of an undated period a few words (no 的) before the
    clause's first 每 run, or None."""
    if first[0].kind is not Tok.EVERY:
        return None
    for r in runs:
        if r[-1].end > first[0].start:
            break
        gap = norm[r[-1].end : first[0].start]
        if (
            len(r) == 1
            and r[0].kind is Tok.VAGUE
            and _UNDATED.search(norm[r[0].start : r[0].end])
            and len(gap.strip()) <= 8
            and not any(ch.isdigit() or ch in "的之中,;。" for ch in gap)
        ):
            return r
    return None


def _day_named_later(first: list[Token], later: list[Token]) -> bool:
    opened = [t.value for t in first if t.kind is Tok.EVERY]
    named = [t.value for t in later if t.kind is Tok.EVERY]
    return bool(opened and named) and _names_day(opened[-1], named[0])


def _bare_year(run: list[Token]) -> bool:
    """2021年 / 本年度 alone (no 底, 末, 内): a year that says which year, not a day."""
    return all(t.kind is Tok.YEAR and not t.value.get("end") for t in run)


def _dated_later(norm: str, first: list[Token], later: list[list[Token]]) -> list[Token] | None:
    """本年度林区公路项目要求在8月底前全部完工 / 2011年…考核工作从2011年12月12日开始: a bare year
    that opens the clause, then the date that times it (with a direction word, or after 于/在).
    The year is the date's when the date has none of its own (本年度 + 8月底前); otherwise it
    only restates it. None when the clause is not of that shape."""
    if not _bare_year(first):
        return None
    for run in later:
        points = [t for t in run if t.kind in POINT]
        has_dir = any(t.kind in (Tok.DIR, Tok.DIRP) for t in run)
        after_yu = norm[: run[0].start].rstrip().endswith(("于", "在"))
        if not points or not (has_dir or after_yu) or any(t.kind is Tok.EVERY for t in run):
            continue
        if any(t.kind in (Tok.YEAR, Tok.ISO, Tok.YM) for t in points):
            return run
        value = points[0].value
        relative = isinstance(value, dict) and value.get("rel") is not None  # 当月, 本季度: no year to add
        if points[0].kind in (Tok.MONTH, Tok.QUARTER, Tok.HALF) and not relative:
            at = run.index(points[0])
            return [*run[:at], *first, *run[at:]]
    return None


class Point:
    """One time in a run: 2020年8月31日, 第三季度末, 7月上旬 … (plain class: cheap to import)."""

    start: int
    end: int
    year: int | None = None
    year_rel: str | None = None
    month: int | None = None
    month_rel: str | None = None
    day: int | None = None
    quarters: tuple[int, ...] = ()
    quarter_rel: str | None = None
    half: int | None = None
    xun: int | None = None
    end_of = False  # 底/末/年内: a deadline at the end of the unit, no window
    year_only = False
    direction: str | None = None

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end

    def but(self, **changes: Any) -> Point:
        other = copy.copy(self)
        other.__dict__.update(changes)
        return other

    def empty(self) -> bool:
        return not (
            self.year
            or self.year_rel
            or self.year_only
            or self.month
            or self.month_rel
            or self.day
            or self.quarters
            or self.quarter_rel
            or self.half
            or self.xun
        )

    def has_below_year(self) -> bool:
        return bool(
            self.month
            or self.month_rel
            or self.day
            or self.quarters
            or self.quarter_rel
            or self.half
            or self.xun
        )

    def has_absolute_year(self) -> bool:
        """2021年, 本年, 明年, 去年: a year that does not follow the clause before."""
        return self.year is not None or self.year_rel in ("base", "base+1", "base-1")


class Run:
    """What a run of adjacent time tokens says."""

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.words_end = end  # the end of the time itself, before a closing 前/内/起
        self.points: list[Point] = []
        self.ranges: set[int] = set()  # i in ranges: points[i] 至 points[i+1]
        self.every: dict[str, Any] | None = None
        self.offset: dict[str, Any] | None = None
        self.time: str | None = None
        self.prefix: str | None = None
        self.spoiler: Token | None = None  # vague or relative words inside the run
        self.workday: dict[str, Any] | None = None  # 每月最后一个工作日, 春节后第1个工作日
        self.workday_at = start  # where its words begin
        self.within: dict[str, Any] | None = None  # 2024年3月1日起10个工作日内: the span after a day
        self.since = False  # 此后: from the day of the clause before
        self.lost_start: Token | None = None  # 710日至年底: a range whose start cannot be read
        self.end = end

    def has_absolute_year(self) -> bool:
        return any(p.has_absolute_year() for p in self.points)

    def names_own_year(self) -> bool:
        """年底前, 年内, 全年: a year word with no year; it means the year of the text itself, not each
        year of a 每 before it (当年年底 does follow the 每: it says 'that same year')."""
        return any(p.year_only and p.year is None and p.year_rel is None for p in self.points)


class Context:
    """What a clause inherits from the clauses before it in the same cell."""

    def __init__(self, base: dt.date) -> None:
        self.base, self.year = base, base.year
        self.from_year = base.year  # what 次年 and 上年 count from: the last year not itself 次年
        self.month: int | None = None
        self.every: dict[str, Any] | None = None
        self.due: dt.date | None = None  # the due date of a dated clause just before
        self.lost = False  # the clause just before had a time that could not be read (its date is unknown)


def read_run(tokens: list[Token]) -> Run:
    run = Run(tokens[0].start if tokens else 0, tokens[-1].end if tokens else 0)
    cur: Point | None = None  # the point still being built; None once a 前/起/每/至 closes it
    after_point = False  # the last token was a point, or a time right after one (31日24时前)
    for i, tok in enumerate(tokens):
        last = run.points[-1] if run.points else None
        if tok.kind in POINT:
            cur = _add_to_point(run, cur, tok)
        elif tok.kind is Tok.EVERY:
            # 每年的3月至12月每月: a second 每 after points is the rule, the points its months;
            # 每年每季度末: a finer 每 right after a yearly one says all there is; 每周日程…于每周四前:
            # a weekly 每 with its day names the day the first one left open
            if (
                run.every is None
                or run.points
                or _finer(run.every, tok.value)
                or _names_day(run.every, tok.value)
            ):
                run.every = tok.value
            cur = None
        elif tok.kind is Tok.OFFSET:
            run.offset = tok.value
        elif tok.kind is Tok.WORKDAY:
            run.workday, run.workday_at = tok.value, tok.start
        elif tok.kind is Tok.SINCE:
            run.since = True
        elif tok.kind is Tok.RELDUR and last is not None and last.direction == "start" and cur is None:
            run.within = tok.value  # counted from the day just named
        elif tok.kind is Tok.TIME:
            run.time = tok.value
        elif tok.kind is Tok.DIRP:
            run.prefix = tok.value
        elif tok.kind is Tok.DIR and last is not None and after_point:
            last.direction, cur = tok.value, None  # 每天13:00前: 前 is the time's, not a point's
        elif tok.kind is Tok.RANGE and last is not None:
            run.ranges.add(len(run.points) - 1)
            cur = None
        elif (
            tok.kind is Tok.BAD and i + 1 < len(tokens) and tokens[i + 1].kind is Tok.RANGE and not run.points
        ):
            run.lost_start = tok  # 710日至年底: the end can still be read
        elif tok.kind in (Tok.VAGUE, Tok.RELDUR, Tok.EVENTS, Tok.BAD):
            run.spoiler = run.spoiler or tok
        after_point = tok.kind in POINT or (after_point and tok.kind is Tok.TIME)
        if tok.kind not in (Tok.DIR, Tok.TIME):
            run.words_end = tok.end
    if run.prefix and run.points and not run.points[0].direction:
        run.points[0].direction = run.prefix
    return run


def _finer(yearly: dict[str, Any], every: dict[str, Any]) -> bool:
    """每年每季度, 每年每月10日: a plain 每年 before a finer 每 repeats what the finer one says."""
    plain_year = yearly.get("unit") == "Y" and yearly.get("interval") == 1 and not yearly.get("months")
    return plain_year and every.get("unit") != "Y"


def _names_day(open_rule: dict[str, Any], every: dict[str, Any]) -> bool:
    """每周…每周四: the same weekly rule, the second with the day the first leaves open."""
    same = all(open_rule.get(k) == every.get(k) for k in ("unit", "interval"))
    return same and open_rule.get("weekday") is None and every.get("weekday") is not None


def _add_to_point(run: Run, cur: Point | None, tok: Token) -> Point:
    if cur is None or _clashes(cur, tok.kind):
        cur = Point(tok.start, tok.end)
        run.points.append(cur)
    cur.end = tok.end
    _fill(cur, tok.kind, tok.value)
    return cur


def _clashes(cur: Point, kind: Tok) -> bool:
    """Whether a token of `kind` starts a new point instead of adding to `cur` (2020年 8月)."""
    if kind in (Tok.ISO, Tok.YM):
        return True
    if kind in (Tok.HALF, Tok.QUARTER, Tok.MONTH) and cur.end_of and cur.year_only:
        return True  # 2022年底11月前: 年底 is a day already; the month makes a second point
    if kind is Tok.YEAR:
        return not cur.empty()
    if kind is Tok.YEAREND:
        return cur.has_below_year() or cur.end_of or not (cur.year or cur.year_rel)
    if kind in (Tok.HALF, Tok.QUARTER):
        return cur.has_below_year()
    if kind is Tok.MONTH:
        return bool(cur.month or cur.month_rel or cur.day or cur.half or cur.xun)
    return bool(cur.day or cur.xun)  # a day or a 旬


def _fill(cur: Point, kind: Tok, v: Any) -> None:
    if kind in (Tok.ISO, Tok.YM):
        cur.year, cur.month, cur.day = v["year"], v["month"], v["day"]
    elif kind is Tok.YEAR:
        cur.year, cur.year_rel, cur.end_of = v["year"], v["rel"], v["end"]
        cur.year_only = True
    elif kind is Tok.YEAREND:
        cur.end_of, cur.year_only = True, True
    elif kind is Tok.HALF:
        cur.half = v
    elif kind is Tok.QUARTER:
        cur.quarters, cur.quarter_rel, cur.end_of = v["quarters"], v["rel"], v["end"]
    elif kind is Tok.MONTH:
        cur.month, cur.month_rel, cur.end_of = v["month"], v["rel"], v["end"]
    elif kind is Tok.XUN:
        cur.xun = v
    else:
        cur.day = v
