"""Read the 完成时间及方式 language of Chinese government task lists.

`parse_phrase(cell, base)` splits a cell into clauses and reads each into a `Part`:
a date (dated), a recurring rule (recurring), a start, ongoing or irregular work, or
`unknown` with the text kept and, where we can tell, a `problem` saying why. The base
date is always passed in; nothing here reads the clock. docs/phrases.md is the
grammar and the semantics; tests/phrase_corpus.yaml is the evidence.

Design: `numerals.normalise` folds spellings without moving offsets, the recogniser
table in `phrase_tokens` finds tokens, and this module groups tokens into clauses and
runs and gives them meaning, carrying year, month and 每 from clause to clause.
"""

from __future__ import annotations

import datetime as dt
import re
import copy
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from gpstd import recurrence as rec
from gpstd.numerals import cn_date, month_end, normalise, safe_date, to_int
from gpstd.phrase_tokens import CORE, POINT, Token, scan

Kind = str  # 'dated' | 'recurring' | 'start' | 'ongoing' | 'irregular' | 'unknown'


class _lazy:
    """A regex compiled on first use, to keep `import gpstd.phrases` under a few ms."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return getattr(self._compiled, name)


@dataclass(frozen=True)
class Part:
    kind: Kind
    text: str
    span: tuple[int, int]
    due: dt.date | None = None
    start: dt.date | None = None
    rrule: str | None = None
    action: str | None = None
    recipient: str | None = None
    describe: str = ""
    until: dt.date | None = None
    """recurring: last day the rule runs (2021年至2023年每年…)."""
    opens: str | None = None
    """recurring: RRULE of the day each occurrence's window opens (每年7月 → 7月1日)."""
    offset_days: int | None = None
    """recurring: N of 季度结束后N日内 / 月后N日 / 次月N日; rrule already holds the due days."""
    time: str | None = None
    """time of day the deadline falls at, 'HH:MM' (24时前 → '24:00')."""
    exempt: tuple[str, ...] = ()
    """exemptions applied to rrule, as written (四季度, 1月)."""
    subject: str | None = None
    """what is due, when the text names it before the time (工作情况报告于…前报…)."""
    by: str | None = None
    """who acts, when the clause names a unit (长期，区政府办每半年…)."""
    problem: str | None = None
    """unknown parts: why, in Chinese (日期不存在：2020年13月45日)."""


# --- public API -----------------------------------------------------------------


def parse_phrase(text: str, base: dt.date) -> list[Part]:
    """Every clause of `text` read into parts, in order. Never raises."""
    try:
        return _parse(text if isinstance(text, str) else str(text), base)
    except Exception as exc:  # a parser bug must not take a whole register down
        return [Part("unknown", text, (0, len(text)), problem=f"解析出错：{type(exc).__name__}")]


_PARSE_DATE = _lazy(
    r"(?:(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年)?\s*(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月"
    r"\s*(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])\s*[日号]?"
    r"|(?P<y2>\d{4})\s*(?P<s>[-/.])\s*(?P<m2>\d{1,2})\s*(?P=s)\s*(?P<d2>\d{1,2})"
    r"|(?P<y3>\d{4})(?P<m3>\d{2})(?P<d3>\d{2})"
)


def parse_date(text: str, base: dt.date | None = None) -> dt.date | None:
    """One whole date ('2020-12-31', '2020年12月31日', '二〇二〇年十二月三十一日', '１２月３１日'
    with a base) or None. For command-line options."""
    if not isinstance(text, str):
        return None
    m = _PARSE_DATE.fullmatch(normalise(text).strip())
    if not m:
        return None
    if m["y2"] or m["y3"]:
        y, mo, d = (m["y2"], m["m2"], m["d2"]) if m["y2"] else (m["y3"], m["m3"], m["d3"])
        return safe_date(int(y), int(mo), int(d))
    year = to_int(m["y"]) if m["y"] else (base.year if base else None)
    month, day = to_int(m["m"]), to_int(m["d"])
    if year is None or month is None or day is None:
        return None
    return safe_date(year, month, day)


def occurrences(
    part: Part, window_start: dt.date, window_end: dt.date, *, anchor: dt.date | None = None
) -> list[dt.date]:
    """The due dates of one part within the window (dated: its due; recurring: expanded)."""
    if part.kind == "dated" and part.due and window_start <= part.due <= window_end:
        return [part.due]
    if part.kind == "recurring" and part.rrule:
        return rec.expand(part.rrule, window_start, window_end, start=part.start,
                          until=part.until, anchor=anchor)
    return []


def part_dict(part: Part) -> dict[str, Any]:
    """A part as JSON-ready data: kind, text, span always; other keys only when set."""
    out: dict[str, Any] = {"kind": part.kind, "text": part.text, "span": list(part.span)}
    for key in ("due", "start", "until", "rrule", "opens", "offset_days", "time", "exempt",
                "subject", "by", "action", "recipient", "describe", "problem"):
        value = getattr(part, key)
        if value in (None, "", ()):
            continue
        out[key] = value.isoformat() if isinstance(value, dt.date) else (
            list(value) if isinstance(value, tuple) else value)
    return out


def phrase_result(
    text: str,
    base: dt.date,
    window_start: dt.date | None = None,
    window_end: dt.date | None = None,
) -> dict[str, Any]:
    """The JSON object `gpstd parse --json` prints for one phrase (docs/phrases.md)."""
    window_start = window_start or dt.date(base.year, 1, 1)
    window_end = window_end or dt.date(base.year, 12, 31)
    parts = parse_phrase(text, base)
    due: set[dt.date] = set()
    for part in parts:
        due.update(occurrences(part, window_start, window_end, anchor=base))
    starts = [p.start for p in parts if p.start]
    return {
        "phrase": text,
        "base": base.isoformat(),
        "window": [window_start.isoformat(), window_end.isoformat()],
        "parts": [part_dict(p) for p in parts],
        "due": [d.isoformat() for d in sorted(due)],
        "start": min(starts).isoformat() if starts else None,
    }


_KIND_CN = {"dated": "限期", "recurring": "周期", "start": "起始", "ongoing": "长期",
            "irregular": "不定期", "unknown": "未识别"}


def explain(parts: list[Part]) -> list[str]:
    """One plain line per part, for `gpstd parse` without --json (no terminal markup)."""
    lines = []
    for p in parts:
        bits = [_KIND_CN.get(p.kind, p.kind), p.describe or p.text]
        if p.rrule:
            bits.append(f"RRULE:{p.rrule}")
        for label, value in (("事项", p.subject), ("执行", p.by), ("方式", p.action),
                             ("报送", p.recipient), ("问题", p.problem)):
            if value:
                bits.append(f"{label}：{value}")
        lines.append("  ".join(bits))
    return lines


# --- clauses --------------------------------------------------------------------

_HARD = set(",;。\n\r!?")
_SOFT = ("以及", "并且", "同时", "、", "和", "及", "并")
_SOFT_NEXT = {"iso", "ym", "year", "yearend", "half", "quarter", "month", "every", "offset",
              "exempt", "day", "dirp"}
_OPEN, _CLOSE = "(「《“", ")」》”"


class _Clause(NamedTuple):
    start: int
    end: int
    tokens: list[Token]


def _clauses(norm: str, tokens: list[Token]) -> list[_Clause]:
    """Split on ，；。 always and on 、和并同时 only before a time (一、二、三季度 stays whole)."""
    inside = bytearray(len(norm) + 1)
    for t in tokens:
        inside[t.start:t.end] = b"\x01" * (t.end - t.start)
    starts = {t.start: t for t in tokens}
    cuts: list[tuple[int, int]] = []
    depth, i = 0, 0
    while i < len(norm):
        ch = norm[i]
        depth += (ch in _OPEN) - (ch in _CLOSE and depth > 0)
        width = 0 if depth or inside[i] else _separator_width(norm, i, starts)
        if width:
            cuts.append((i, i + width))
        i += width or 1
    bounds = [0] + [c for cut in cuts for c in cut] + [len(norm)]
    out = []
    for start, end in zip(bounds[::2], bounds[1::2]):
        while start < end and norm[start].isspace():
            start += 1
        while end > start and norm[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(_Clause(start, end, [t for t in tokens if start <= t.start and t.end <= end]))
    return out


def _separator_width(norm: str, i: int, starts: dict[int, Token]) -> int:
    if norm[i] in _HARD:
        return 1
    word = next((w for w in _SOFT if norm.startswith(w, i)), None)
    if word is None:
        return 0
    j = i + len(word)
    while j < len(norm) and (norm[j].isspace() or norm[j] in "于在"):
        j += 1
    nxt = starts.get(j)
    return len(word) if nxt is not None and nxt.kind in _SOFT_NEXT else 0


# --- runs: adjacent time tokens ----------------------------------------------------

_GLUE = _lazy(r"[\s的于在]*")


def _runs(norm: str, tokens: list[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    for tok in tokens:
        if runs and _GLUE.fullmatch(norm, runs[-1][-1].end, tok.start) and tok.kind not in (
                "ongoing", "irregular", "exempt"):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _is_core(run: list[Token]) -> bool:
    return any(t.kind in CORE for t in run)


def _pick_run(norm: str, runs: list[list[Token]]) -> tuple[list[Token], list[Token]]:
    """(every-only run before the date, the date run). The date run may sit after words:
    每年舆情回应工作情况于当年12月20日前 — joined when it has a direction or follows 于."""
    core = [r for r in runs if _is_core(r) and not all(t.kind == "dir" for t in r)]
    if not core:
        return [], []
    first = core[0]
    if any(t.kind in POINT or t.kind == "offset" for t in first) or len(core) == 1:
        return [], first
    for later in core[1:]:
        has_dir = any(t.kind in ("dir", "dirp") for t in later)
        after_yu = norm[:later[0].start].rstrip().endswith(("于", "在"))
        if any(t.kind in POINT for t in later) and (has_dir or after_yu):
            return first, later
    return [], first


# --- points: what a run says ----------------------------------------------------


class _Point:
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
    within = False
    year_only = False
    direction: str | None = None

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end

    def but(self, **changes: Any) -> _Point:
        other = copy.copy(self)
        other.__dict__.update(changes)
        return other

    def empty(self) -> bool:
        return not (self.year or self.year_rel or self.year_only or self.month or self.month_rel
                    or self.day or self.quarters or self.quarter_rel or self.half or self.xun)

    def has_below_year(self) -> bool:
        return bool(self.month or self.month_rel or self.day or self.quarters or self.quarter_rel
                    or self.half or self.xun)


class _Run:
    """What a run of adjacent time tokens says."""

    def __init__(self, end: int) -> None:
        self.points: list[_Point] = []
        self.ranges: set[int] = set()  # i in ranges: points[i] 至 points[i+1]
        self.every: dict[str, Any] | None = None
        self.offset: dict[str, Any] | None = None
        self.time: str | None = None
        self.prefix: str | None = None
        self.spoiler: Token | None = None  # vague or relative words inside the run
        self.end = end


def _read_run(tokens: list[Token]) -> _Run:
    run = _Run(tokens[-1].end if tokens else 0)
    cur: _Point | None = None  # the point still being built; None once a 前/起/每/至 closes it
    for tok in tokens:
        last = run.points[-1] if run.points else None
        if tok.kind in POINT:
            cur = _add_to_point(run, cur, tok)
        elif tok.kind == "every":
            run.every, cur = run.every or tok.value, None
        elif tok.kind == "offset":
            run.offset = tok.value
        elif tok.kind == "time":
            run.time = tok.value
        elif tok.kind == "dirp":
            run.prefix = tok.value
        elif tok.kind == "dir" and last is not None:
            last.direction, cur = tok.value, None
        elif tok.kind == "range" and last is not None:
            run.ranges.add(len(run.points) - 1)
            cur = None
        elif tok.kind in ("vague", "reldur"):
            run.spoiler = run.spoiler or tok
    if run.prefix and run.points and not run.points[0].direction:
        run.points[0].direction = run.prefix
    return run


def _add_to_point(run: _Run, cur: _Point | None, tok: Token) -> _Point:
    v, kind = tok.value, tok.kind
    clash = cur is None or {
        "iso": True, "ym": True,
        "year": not cur.empty(),
        "yearend": cur.has_below_year() or cur.end_of or not (cur.year or cur.year_rel),
        "half": cur.has_below_year(),
        "quarter": cur.has_below_year(),
        "month": bool(cur.month or cur.month_rel or cur.day or cur.half or cur.xun),
        "xun": bool(cur.day or cur.xun),
        "day": bool(cur.day or cur.xun),
    }[kind]
    if clash:
        cur = _Point(tok.start, tok.end)
        run.points.append(cur)
    cur.end = tok.end
    if kind in ("iso", "ym"):
        cur.year, cur.month, cur.day = v["year"], v["month"], v["day"]
    elif kind == "year":
        cur.year, cur.year_rel, cur.end_of = v["year"], v["rel"], v["end"]
        cur.year_only = True
    elif kind == "yearend":
        cur.end_of, cur.year_only = True, True
    elif kind == "half":
        cur.half = v
    elif kind == "quarter":
        cur.quarters, cur.quarter_rel, cur.end_of = v["quarters"], v["rel"], v["end"]
    elif kind == "month":
        cur.month, cur.month_rel, cur.end_of, cur.within = v["month"], v["rel"], v["end"], v["within"]
    elif kind == "xun":
        cur.xun = v
    else:
        cur.day = v
    return cur


# --- meaning ----------------------------------------------------------------------


class _Ctx:
    """What a clause inherits from the clauses before it in the same cell."""

    def __init__(self, base: dt.date) -> None:
        self.base, self.year = base, base.year
        self.month: int | None = None
        self.every: dict[str, Any] | None = None


class _Item(NamedTuple):
    kind: str  # 'part' | 'action' | 'exempt'
    span: tuple[int, int]
    part: Part | None = None
    exempt: dict[str, Any] | None = None
    period_map: dict[int, int] | None = None  # offset rules: period's last month → due month


class _Unknown(Exception):
    """Raised inside meaning functions; becomes an `unknown` part with this problem."""


def _parse(text: str, base: dt.date) -> list[Part]:
    norm = normalise(text)
    ctx = _Ctx(base)
    items = [_read_clause(text, norm, c, ctx) for c in _clauses(norm, scan(norm))]
    return _merge(text, items)


def _read_clause(text: str, norm: str, clause: _Clause, ctx: _Ctx) -> _Item:
    span = (clause.start, clause.end)
    lead, run_tokens = _pick_run(norm, _runs(norm, clause.tokens))
    exempts = [t for t in clause.tokens if t.kind == "exempt"]
    if not run_tokens:
        if exempts:
            return _Item("exempt", span, exempt=exempts[0].value)
        return _keyword_clause(text, clause, span)
    words = _words(text, clause, lead, run_tokens)
    run = _read_run(run_tokens)
    every = run.every or (lead[0].value if lead else None)
    period_map: dict[int, int] | None = None
    try:
        if run.spoiler:
            raise _Unknown(_spoiler_problem(text, run.spoiler))
        if run.offset:
            fields, period_map = _offset_rule(text, run, ctx)
        elif every or (ctx.every and not _has_absolute_year(run)):
            fields = _recurring(text, run, every or ctx.every or {}, ctx)
        else:
            fields = _dated(text, run, ctx)
    except _Unknown as why:
        fields = {"kind": "unknown", "problem": str(why)}
    if run.time:
        fields["time"] = run.time
        fields["describe"] = f"{fields.get('describe', '')} {run.time}前".strip()
    part = Part(text=text[span[0]:span[1]], span=span, **words, **fields)
    item = _Item("part", span, part=part, period_map=period_map)
    return _apply_exempt(item, exempts[0].value) if exempts else item


def _keyword_clause(text: str, clause: _Clause, span: tuple[int, int]) -> _Item:
    """A clause with no date: 长期 / 不定期 / 春节前 / 30日内, or just an action."""
    kw = next((t for t in clause.tokens
               if t.kind in ("ongoing", "irregular", "vague", "reldur")), None)
    if kw is None:
        return _Item("action", span)
    tail = [t for t in clause.tokens if t.kind == "dir" and t.start == kw.end]
    words = _words(text, clause, [], [kw, *tail])
    if kw.kind in ("ongoing", "irregular"):
        part = Part(kw.kind, text[span[0]:span[1]], span, describe=text[kw.start:kw.end], **words)
    else:
        part = Part("unknown", text[span[0]:span[1]], span, problem=_spoiler_problem(text, kw),
                    **words)
    return _Item("part", span, part=part)


def _spoiler_problem(text: str, tok: Token) -> str:
    words = text[tok.start:tok.end]
    if tok.kind == "reldur":
        return f"相对期限，起算日不明：{words}"
    return f"时间含义不明，不作推断：{words}"


def _has_absolute_year(run: _Run) -> bool:
    return any(p.year is not None or p.year_rel in ("base", "base+1", "base-1") for p in run.points)


# --- dated and start ----------------------------------------------------------------


def _dated(text: str, run: _Run, ctx: _Ctx) -> dict[str, Any]:
    pts = run.points
    if len(pts) == 2 and _is_label(pts[0]) and not _is_label(pts[1]) and 0 not in run.ranges:
        pts = pts[1:]  # 四季度次年1月10日前: the quarter only says which report
    if len(pts) == 1:
        return _single(text, pts[0], ctx)
    if len(pts) == 2 and (0 in run.ranges or (pts[0].direction == "start" and pts[1].direction)):
        return _range(text, pts[0], pts[1], ctx)
    raise _Unknown(f"多个日期无法组合：{text[pts[0].start:pts[-1].end]}")


def _is_label(p: _Point) -> bool:
    return bool((p.quarters or p.half) and not (p.month or p.day or p.year))


def _single(text: str, p: _Point, ctx: _Ctx) -> dict[str, Any]:
    first, last, opens = _resolve(text, p, ctx)
    ctx.year, ctx.month, ctx.every = last.year, last.month, None
    if p.direction == "start":
        return {"kind": "start", "start": first, "describe": f"{cn_date(first)}起"}
    start = None if p.direction == "due" else opens
    return {"kind": "dated", "due": last, "start": start, "describe": _describe_dated(last, start)}


def _range(text: str, a: _Point, b: _Point, ctx: _Ctx) -> dict[str, Any]:
    first, _, _ = _resolve(text, a, ctx)
    inherited_year = b.year is None and b.year_rel is None
    if inherited_year:
        b = b.but(year=first.year)
    if not (b.month or b.month_rel or b.quarters or b.half or b.year_only) and b.day:
        b = b.but(month=first.month)
    _, last, _ = _resolve(text, b, ctx)
    if last < first and inherited_year:  # 2020年11月至2月: the February after
        _, last, _ = _resolve(text, b.but(year=first.year + 1), ctx)
    if last < first:
        raise _Unknown(f"起止日期颠倒：{text[a.start:b.end]}")
    ctx.year, ctx.month, ctx.every = last.year, last.month, None
    return {"kind": "dated", "due": last, "start": first,
            "describe": f"{cn_date(first)}至{cn_date(last)}"}


def _describe_dated(due: dt.date, start: dt.date | None) -> str:
    return f"{cn_date(due)}（{cn_date(start)}起）" if start else cn_date(due)


def _year_of(p: _Point, ctx: _Ctx) -> int:
    if p.year is not None:
        return p.year
    return {"ctx": ctx.year, "base": ctx.base.year, "next": ctx.year + 1, "prev": ctx.year - 1,
            "base+1": ctx.base.year + 1, "base-1": ctx.base.year - 1}.get(p.year_rel or "ctx",
                                                                            ctx.year)


def _resolve(text: str, p: _Point, ctx: _Ctx) -> tuple[dt.date, dt.date, dt.date | None]:
    """(first day, due day, window opening or None) of one point in a dated clause."""
    year, words = _year_of(p, ctx), text[p.start:p.end]
    if not 1 <= year <= 9998:
        raise _Unknown(f"日期不存在：{words}")
    month = _month_of(p, ctx)
    if p.day is not None and month is None:
        raise _Unknown(f"只有日、没有月份：{words}")
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


def _month_of(p: _Point, ctx: _Ctx) -> int | None:
    if p.month is not None:
        return p.month
    if p.month_rel:
        return ctx.base.month + (1 if p.month_rel == "next" else 0)
    if p.day is not None or p.xun:
        return ctx.month
    return None


def _rel_quarter(rel: str | None, base: dt.date) -> int:
    quarter = (base.month - 1) // 3 + 1
    return min(quarter + 1, 4) if rel in ("下", "下个", "次") else quarter


def _month_span(year: int, month: int, p: _Point, words: str):  # type: ignore[no-untyped-def]
    if not 1 <= month <= 12:
        raise _Unknown(f"日期不存在：{words}")
    if p.day is not None:
        day = safe_date(year, month, p.day)
        if day is None:
            raise _Unknown(f"日期不存在：{words}")
        return day, day, None
    if p.xun:
        first = dt.date(year, month, (1, 11, 21)[p.xun - 1])
        last = month_end(year, month) if p.xun == 3 else dt.date(year, month, p.xun * 10)
        return first, last, first
    first = dt.date(year, month, 1)
    return first, month_end(year, month), None if p.end_of else first


# --- recurring ------------------------------------------------------------------

_UNIT_FREQ = {"Y": "YEARLY", "H": "YEARLY", "Q": "YEARLY", "M": "MONTHLY", "W": "WEEKLY",
              "D": "DAILY"}


def _recurring(text: str, run: _Run, every: dict[str, Any], ctx: _Ctx) -> dict[str, Any]:
    """每年7月 / 每季度 / 每月5日前 / 每年9月至12月 / 2021年起每年…: an rrule and its bounds."""
    start, until, pts, ranges = _bounds(text, run, ctx)
    unit, interval = every.get("unit", "Y"), every.get("interval", 1)
    if unit == "W":
        if pts:
            raise _Unknown(f"每周规则不应再有日期：{text[pts[0].start:pts[-1].end]}")
        rule, opens = rec.make_rule("WEEKLY", interval=interval,
                                    byday=(every.get("weekday") or "SU",)), None
    elif unit == "D":
        rule, opens = rec.make_rule("DAILY", interval=interval), None
    elif not pts:
        rule, opens = _period_end_rule(unit, interval), None
    else:
        rule, opens = _rule_from_points(text, pts, ranges, unit, interval)
    ctx.every = every
    ctx.month = next((p.month for p in reversed(pts) if p.month), ctx.month)
    describe = rec.describe_rule(rule) + _opens_text(opens)
    if start:
        describe = f"{cn_date(start)}起{describe}"
    if until:
        describe += f"，至{cn_date(until)}"
    return {"kind": "recurring", "rrule": rule, "opens": opens, "start": start, "until": until,
            "describe": describe}


def _bounds(text: str, run: _Run, ctx: _Ctx):  # type: ignore[no-untyped-def]
    """Split points into the rule's bounds (2021年起, 2021年至2023年) and the rule's own points."""
    start = until = None
    rule_pts: list[_Point] = []
    ranges = set()
    for i, p in enumerate(run.points):
        absolute = p.year is not None or p.year_rel in ("base", "base+1", "base-1")
        in_range_end = (i - 1) in run.ranges
        if absolute and (p.direction == "start" or i in run.ranges) and not in_range_end:
            start = _resolve(text, p, ctx)[0]
        elif absolute and in_range_end and start is not None:
            until = _resolve(text, p, ctx)[1]
        elif absolute and p.year_only and not p.has_below_year() and not p.end_of:
            start = _resolve(text, p, ctx)[0]  # 2021年每季度: from 2021 on
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
    return rec.make_rule("YEARLY", interval=interval if unit == "Y" else 1, bymonth=months,
                         bymonthday=(-1,) if unit != "Y" else (31,))


def _rule_from_points(text: str, pts: list[_Point], ranges: set[int], unit: str,
                      interval: int) -> tuple[str, str | None]:
    if len(pts) == 2 and 0 in ranges:
        due_pt, open_pt = pts[1], pts[0]
        if not (due_pt.month or due_pt.quarters or due_pt.half) and pts[0].month:
            due_pt = due_pt.but(month=pts[0].month)  # 每月1日至10日 / 每年9月1日至30日
    elif len(pts) == 2 and _is_label(pts[0]):
        due_pt, open_pt = pts[1], None
    elif len(pts) == 1:
        due_pt, open_pt = pts[0], None
    else:
        raise _Unknown(f"多个日期无法组合：{text[pts[0].start:pts[-1].end]}")
    words = text[due_pt.start:due_pt.end]
    if due_pt.month or due_pt.quarters or due_pt.half or due_pt.year_only:
        months, days, setpos, opens = _yearly_bits(due_pt, words)
        freq, interval = "YEARLY", interval if unit == "Y" else 1
    else:
        months, days, setpos, opens = _monthly_bits(due_pt, words)
        freq, interval = "MONTHLY", interval if unit == "M" else 1
    if open_pt is not None:
        opens = _opening(open_pt, freq)
    rule = rec.make_rule(freq, interval=interval, bymonth=months, bymonthday=days, bysetpos=setpos)
    return rule, opens


def _yearly_bits(p: _Point, words: str):  # type: ignore[no-untyped-def]
    if p.month:
        if not 1 <= p.month <= 12:
            raise _Unknown(f"日期不存在：{words}")
        if p.day is not None:
            if safe_date(2021, p.month, p.day) is None:
                leap = safe_date(2020, p.month, p.day) is not None
                raise _Unknown(f"{'日期并非每年都有' if leap else '日期不存在'}：{words}")
            return (p.month,), (p.day,), (), None
        if p.xun:
            return (p.month,), ((10, 20, -1)[p.xun - 1],), (), _opens_rule(
                "YEARLY", (p.month,), (1, 11, 21)[p.xun - 1])
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


def _monthly_bits(p: _Point, words: str):  # type: ignore[no-untyped-def]
    if p.xun:
        return (), ((10, 20, -1)[p.xun - 1],), (), _opens_rule("MONTHLY", (), (1, 11, 21)[p.xun - 1])
    if p.day is not None:
        if not 1 <= p.day <= 31:
            raise _Unknown(f"日期不存在：{words}")
        days, setpos = rec.day_of_month_rule(p.day)
        return (), days, setpos, None
    raise _Unknown(f"无法识别的周期日期：{words}")


def _opening(p: _Point, freq: str) -> str | None:
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


def _offset_rule(text: str, run: _Run, ctx: _Ctx) -> tuple[dict[str, Any], dict[int, int]]:
    o = run.offset or {}
    n, per = o.get("n"), o["per"]
    if o.get("workday"):
        raise _Unknown("按工作日计算的期限暂不支持（需节假日安排）")
    if not n or n < 1:
        raise _Unknown("期限天数无法识别")
    quarters = o.get("quarters") or next((p.quarters for p in run.points if p.quarters), ())
    ends = tuple(3 * q for q in quarters) if per == "Q" and quarters else _PERIOD_ENDS[per]
    period_map = {end: _offset_target(end, n, o.get("next_day", False)) for end in ends}
    days = {d for _, d in period_map.values()}
    if len(days) != 1 or any(t is None for t in period_map.values()):
        raise _Unknown(f"{_PERIOD_CN[per]}结束后{n}日无法表示为每期固定日期")
    months = tuple(sorted({m for m, _ in period_map.values()}))
    day = days.pop()
    if per == "M" and len(months) == 12:
        rule = rec.make_rule("MONTHLY", bymonthday=(day,))
    else:
        rule = rec.make_rule("YEARLY", bymonth=months, bymonthday=(day,))
    ctx.every = {"unit": per, "interval": 1}
    lead = "、".join("一二三四"[q - 1] for q in quarters) + ("季度" if quarters else "")
    head = f"{lead or '每' + _PERIOD_CN[per]}结束后{n}日内"
    if o.get("next_day"):
        head = f"每{_PERIOD_CN[per]}结束后次月{n}日前"
    fields = {"kind": "recurring", "rrule": rule, "offset_days": n,
              "opens": _opens_rule("YEARLY", months, 1),
              "describe": f"{head}（{rec.describe_rule(rule)}）"}
    return fields, {end: m for end, (m, _) in period_map.items()}


def _offset_target(end_month: int, n: int, next_day: bool) -> tuple[int, int] | None:
    """(month, day) that falls n days after a period ending with `end_month` (in a common year)."""
    if next_day:
        month = end_month % 12 + 1
        return (month, n) if safe_date(2021, month, n) else None
    target = month_end(2021, end_month) + dt.timedelta(days=n)
    return target.month, target.day


# --- exemptions: 四季度免报, 1月免报 ----------------------------------------------------


def _apply_exempt(item: _Item, exempt: dict[str, Any]) -> _Item:
    part = item.part
    if part is None or part.kind != "recurring" or not part.rrule:
        problem = f"免报说明找不到对应的周期规则：{exempt['text']}"
        return item._replace(part=_unknown(part, problem) if part else None)
    rule = rec.rule_parts(part.rrule)
    months = [int(m) for m in rule.get("BYMONTH", "").split(",") if m] or list(range(1, 13))
    removed = _exempt_months(exempt, item.period_map, months)
    kept = tuple(m for m in months if m not in removed)
    if kept == tuple(months) or not kept:
        problem = f"免报说明与周期规则对不上：{exempt['text']}（规则：{part.describe}）"
        return item._replace(part=_unknown(part, problem))
    new_rule = rec.make_rule(rule["FREQ"], interval=int(rule.get("INTERVAL", 1)), bymonth=kept,
                             bymonthday=tuple(int(d) for d in rule["BYMONTHDAY"].split(",")),
                             bysetpos=tuple(int(d) for d in rule.get("BYSETPOS", "").split(",") if d))
    describe = part.describe.replace(rec.describe_rule(part.rrule), rec.describe_rule(new_rule))
    new_part = replace(part, rrule=new_rule, exempt=(*part.exempt, exempt["text"]),
                       describe=f"{describe}，{exempt['text']}免报")
    return item._replace(part=new_part)


def _unknown(part: Part, problem: str) -> Part:
    """The part, demoted: an unknown never carries a date or a rule someone could act on."""
    return replace(part, kind="unknown", problem=problem, due=None, start=None, until=None,
                   rrule=None, opens=None, describe="")


def _exempt_months(exempt: dict[str, Any], period_map: dict[int, int] | None,
                   due_months: list[int]) -> set[int]:
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


# --- words around the time: subject, by, action, recipient ------------------------

_UNIT_END = _lazy(
    r"(?:办|局|委|部|厅|府|院|所|镇|街|街道|中心|室|科|组|单位|部门|公司|会|馆)(?:（[^）]*）)?$")
_SUBJECT_TAIL = _lazy(r"(?:请|应|须|需|要|务必|必须|务|均|统一)?(?:于|在|自|从|截止|截至)?$")
_EDGE = " \t，,；;。.:：、"
_RECIPIENT = _lazy(
    r"(?:抄送|报送|上报|报给|提交|送交|报)(?:至|到|给)?\s*"
    r"(?P<r>(?:[区市省县镇]|国家|国务院|上级|本级)[^，。；,;、\s]*?)"
    r"(?=备案|审核|审定|审批|参评|汇总|核查|把关|$|，|。|；)")


def _clean(words: str) -> str | None:
    words = words.strip(_EDGE).replace("(", "（").replace(")", "）")
    words = words.lstrip("）").rstrip("（").strip(_EDGE)  # a bracket cut in two by the time
    return words or None


def _words(text: str, clause: _Clause, lead: list[Token], run: list[Token]) -> dict[str, Any]:
    """subject / by / action from the text before, between and after the time tokens."""
    first = lead[0].start if lead else run[0].start
    before = text[clause.start:first]
    between = text[lead[-1].end:run[0].start] if lead else ""
    after = text[run[-1].end:clause.end]
    out: dict[str, Any] = {"action": _clean(after)}
    subject = _clean(_SUBJECT_TAIL.sub("", between.strip(_EDGE)))
    before_clean = _clean(_SUBJECT_TAIL.sub("", before.strip(_EDGE)))
    if before_clean and _UNIT_END.search(before_clean) and len(before_clean) <= 30:
        out["by"] = before_clean
    elif before_clean:
        subject = "".join(filter(None, (before_clean, subject)))
    out["subject"] = subject
    return out


def _recipient(action: str | None) -> str | None:
    if not action:
        return None
    m = _RECIPIENT.search(action)
    return m["r"] if m else None


# --- merging clauses into parts ---------------------------------------------------


def _merge(text: str, items: list[_Item]) -> list[Part]:
    """Action-only clauses join the part before them (or the first part, if they lead);
    a bare 2021年1月1日起 becomes the start of the recurring clause after it."""
    parts: list[Part] = []
    leading: list[_Item] = []
    for item in items:
        if item.kind == "part" and item.part is not None:
            parts.append(_join_leading(text, item.part, leading) if leading else item.part)
            leading = []
            _absorb_start(text, parts)
        elif item.kind == "exempt" and parts and parts[-1].kind == "recurring":
            merged = _apply_exempt(_Item("part", parts[-1].span, part=parts[-1],
                                         period_map=_period_map_of(parts[-1])), item.exempt or {})
            parts[-1] = _extend(text, merged.part or parts[-1], item.span[1])
        elif item.kind == "exempt":
            parts.append(Part("unknown", text[item.span[0]:item.span[1]], item.span,
                              problem="免报说明找不到对应的周期规则"))
        elif parts:
            action = _clean(text[item.span[0]:item.span[1]])
            joined = "，".join(filter(None, (parts[-1].action, action)))
            parts[-1] = replace(_extend(text, parts[-1], item.span[1]), action=joined or None)
        else:
            leading.append(item)
    parts += [_no_time(text, it) for it in leading]
    return [replace(p, recipient=p.recipient or _recipient(p.action)) for p in parts]


def _extend(text: str, part: Part, end: int) -> Part:
    span = (part.span[0], max(end, part.span[1]))
    return replace(part, span=span, text=text[span[0]:span[1]])


def _join_leading(text: str, part: Part, leading: list[_Item]) -> Part:
    start = leading[0].span[0]
    words = "，".join(filter(None, (_clean(text[i.span[0]:i.span[1]]) for i in leading)))
    subject = "，".join(filter(None, (words, part.subject)))
    span = (start, part.span[1])
    return replace(part, span=span, text=text[span[0]:span[1]], subject=subject or None)


def _absorb_start(text: str, parts: list[Part]) -> None:
    if len(parts) < 2:
        return
    prev, cur = parts[-2], parts[-1]
    if prev.kind == "start" and not prev.action and cur.kind == "recurring" and cur.start is None:
        span = (prev.span[0], cur.span[1])
        parts[-2:] = [replace(cur, start=prev.start, span=span, text=text[span[0]:span[1]],
                              describe=f"{prev.describe}{cur.describe}")]


def _period_map_of(part: Part) -> dict[int, int] | None:
    """Rebuild the period → due-month map of an offset rule from its rrule (for 免报 clauses)."""
    if part.offset_days is None or not part.rrule:
        return None
    months = [int(m) for m in rec.rule_parts(part.rrule).get("BYMONTH", "").split(",") if m]
    months = months or list(range(1, 13))
    return {(m - 2) % 12 + 1: m for m in months}


def _no_time(text: str, item: _Item) -> Part:
    words = text[item.span[0]:item.span[1]]
    return Part("unknown", words, item.span, action=_clean(words), problem="未写明完成时间")
