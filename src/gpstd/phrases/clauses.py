"""What each clause of a cell says: `read_clause` reads one clause into an `Item`.

An item is a part (dated, start, recurring, ongoing, irregular or unknown) with the exemption
its clause states, if any, an exemption alone (四季度免报) for the part before it, a time of day alone (于下午16时前报送) that takes the day
of the part before it, or words with no time (an action) that phrases.merge joins to a part.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, NamedTuple

from gpstd.days import cn_date
from gpstd.patterns import LazyRegex
from gpstd.phrases.dated import dated, is_label, resolve
from gpstd.phrases.lexicon import POINT, Tok, Token
from gpstd.phrases.offsets import offset_rule, workday_rule
from gpstd.phrases.part import Part, UnknownClause, demoted
from gpstd.phrases.points import Context, Point, Run, pick_run, read_run, runs
from gpstd.phrases.rules import months_rule, recurring
from gpstd.phrases.split import Clause
from gpstd.phrases.words import clean, event_before, event_span, words_around

#: 本次…, 此次…: a clause about this one occasion, not each period of a rule before it.
_ONCE = ("本次", "此次", "这次", "首次")
#: The problem of a period that starts and ends with events; a rule right after it runs inside it.
EVENT_BOUNDED = "起止取决于事件"


class Item(NamedTuple):
    kind: str  # 'part' | 'action' | 'exempt' | 'time'
    span: tuple[int, int]
    part: Part | None = None
    exempt: dict[str, Any] | None = None  # 四季度免报: alone, or in the clause of the part it narrows
    label: tuple[int, ...] = ()  # 第四季度于次年1月20日前, 三季度结束后15日内: the quarters the clause times
    period_map: dict[int, int] | None = None  # an offset rule's period → due month, for its exemption


def read_clause(text: str, norm: str, clause: Clause, ctx: Context) -> Item:
    span = (clause.start, clause.end)
    all_runs = runs(norm, clause.tokens)
    lead, run_tokens = pick_run(norm, all_runs)
    exempts = [t for t in clause.tokens if t.kind is Tok.EXEMPT]
    if not run_tokens:
        if exempts:
            return Item("exempt", span, exempt=exempts[0].value)
        item = _keyword_clause(text, clause, span)
        if item.part is not None and item.part.kind == "unknown" and item.kind == "part":
            ctx.due, ctx.lost = None, True  # 春节前完成，次月5日前…: no date for 次月 to count from
        return item
    ruled = _period_then_rule(text, clause, all_runs, lead, run_tokens, span, ctx)
    if ruled is not None:
        return ruled
    words = words_around(text, span, lead, run_tokens)
    run = read_run(run_tokens)
    every = run.every or next((t.value for t in lead if t.kind is Tok.EVERY), None)
    listed = _bracket_months(norm, lead, run, all_runs)
    if listed:
        fields, period_map = _listed_months(text, every or {}, listed, ctx), None
    else:
        once = norm[clause.start : clause.end].lstrip("( ").startswith(_ONCE)
        fields, period_map = _meaning(text, run, every, ctx, once=once)
    part = Part(text=text[span[0] : span[1]], span=span, **words, **fields)
    vague = next((t for t in clause.tokens if t.kind is Tok.VAGUE and t.start >= run.end), None)
    if part.assumed and vague is not None:
        # 每年主汛期开展巡查: the time the rule names is there, unread (汛期); the period's end is no guess
        part = demoted(part, spoiler_problem(text, vague))
    if part.kind == "recurring" and part.start is None:
        part = _bracket_start(text, norm, part, [r for r in all_runs if r[0].start >= run.end], ctx)
    exempt = exempts[0].value if exempts else None  # applied in phrases.merge, which sees the cell
    label = _label(run) or (_quarters_named(all_runs, run) if part.kind == "unknown" else ())
    return Item("part", span, part=part, exempt=exempt, label=label, period_map=period_map)


def _period_then_rule(
    text: str,
    clause: Clause,
    all_runs: list[list[Token]],
    lead: list[Token],
    run_tokens: list[Token],
    span: tuple[int, int],
    ctx: Context,
) -> Item | None:
    """2024年7月实行每日报送, 7月1日至8月31日各单位每月10日前报送, 2024年7月工作期间每周报送: a plain period, words,
    then a 每 in one clause is a rule that runs in the period (as with a comma between), not a date at the
    period's end; a reporting offset or working-day rule there is unknown. None when the clause is not
    of that shape."""
    if lead or not run_tokens:
        return None
    later = next(
        (_from_every(r) for r in all_runs if r[0].start >= run_tokens[-1].end and _from_every(r)), None
    )
    plain = all(t.kind in POINT or t.kind in (Tok.RANGE, Tok.DIR, Tok.DIRP) for t in run_tokens)
    if later is None or not plain:
        return None
    period = read_run(run_tokens)
    if period.spoiler or not period.points or period.every:
        return None
    saved = (ctx.year, ctx.month, ctx.every, ctx.due, ctx.lost)
    try:
        bounds = dated(text, period, ctx)
    except UnknownClause as why:  # 20xx年7月实行每日报送: the period cannot be read, nor the rule in it
        part = Part(
            "unknown", text[span[0] : span[1]], span, problem=str(why), **words_around(text, span, [], later)
        )
        ctx.due, ctx.lost = None, True
        return Item("part", span, part=part)
    start, due = bounds.get("start"), bounds.get("due")
    opened = bounds.get("kind") == "start" and start is not None  # 2024年7月1日起各单位每月报送
    if not opened and (bounds.get("kind") != "dated" or start is None or due is None):
        ctx.year, ctx.month, ctx.every, ctx.due, ctx.lost = saved
        return None
    assert start is not None
    rule_run = read_run(later)
    fields, _ = _meaning(text, rule_run, rule_run.every, ctx)
    words = words_around(text, span, [], later)
    part = Part(text=text[span[0] : span[1]], span=span, **words, **fields)
    if part.kind != "recurring" or part.start is not None or part.until is not None:
        return Item("part", span, part=part)
    if part.workday is not None or part.offset_days is not None:
        return Item(
            "part",
            span,
            part=demoted(part, f"时段内的报送日未推算：{text[run_tokens[0].start : later[-1].end]}"),
        )
    whole_year = due is not None and (start.month, start.day, due.month, due.day) == (1, 1, 12, 31)
    until = None if opened or due is None or (whole_year and start.year == due.year) else due
    describe = (
        f"{cn_date(start)}至{cn_date(until)}期间{part.describe}"
        if until
        else f"{cn_date(start)}起{part.describe}"
    )
    return Item("part", span, part=replace(part, start=start, until=until, describe=describe))


def _from_every(run: list[Token]) -> list[Token]:
    """The run from its 每 on (期间 before it read past), or [] when it has none first."""
    i = 0
    while i < len(run) and run[i].kind is Tok.DIR and run[i].value == "within":
        i += 1
    if i < len(run) and (
        run[i].kind is Tok.EVERY
        or (
            run[i].kind in (Tok.WORKDAY, Tok.OFFSET)
            and isinstance(run[i].value, dict)
            and run[i].value.get("every")
        )
    ):
        return run[i:]
    return []


def _quarters_named(all_runs: list[list[Token]], run: Run) -> tuple[int, ...]:
    """第四季度于次年1月20日前后报送: the quarters a clause names before a time it cannot read are still
    timed apart (the rule before leaves them out)."""
    if run.spoiler is not None and len(run.points) == 1 and is_label(run.points[0]):
        return run.points[0].quarters  # the quarters and the time in one run
    first = all_runs[0] if all_runs else []
    if not first or first[-1].end > run.start or not all(t.kind is Tok.QUARTER for t in first):
        return ()
    points = read_run(first).points
    return points[0].quarters if len(points) == 1 and is_label(points[0]) else ()


def _label(run: Run) -> tuple[int, ...]:
    """The quarters a clause names before its own date (第四季度于次年1月20日前 / 第四季度12月20日前)
    or reports on (三季度结束后15日内)."""
    pts = run.points
    if run.offset and run.offset.get("quarters"):
        return tuple(run.offset["quarters"])
    if len(pts) == 2 and is_label(pts[0]) and not is_label(pts[1]) and not run.ranges:
        return pts[0].quarters
    if len(pts) == 1 and pts[0].quarters and pts[0].month:
        return pts[0].quarters
    return ()


def _bracket_months(norm: str, lead: list[Token], run: Run, all_runs: list[list[Token]]) -> list[Point]:
    """每季度末（分别在6月、9月和12月底）: the month points of a bracket right after a 每 with no date
    of its own; [] when the clause is not of that shape."""
    if not lead or run.every or run.offset or run.workday:
        return []
    # 每季度报送一次（3、6、9、12月底前）: an action (no time, no clause break) may come between
    action = _ACTION_BEFORE_BRACKET.match(norm, lead[-1].end)
    opening = action.end() - 1 if action else lead[-1].end
    closing = norm.find(")", opening)
    if opening >= len(norm) or norm[opening] != "(" or closing < 0 or run.start > closing:
        return []
    inside = [r for r in all_runs if opening < r[0].start and r[-1].end <= closing]
    points = [p for r in inside for p in read_run(r).points]
    unit = lead[-1].value.get("unit") if isinstance(lead[-1].value, dict) else None
    if unit in ("Q", "H") and len(points) < 2:
        return []  # 每季度报送一次(3月底前): one month for a rule of each quarter is not its months
    return points if points and all(p.month and not p.year for p in points) else []


def _listed_months(text: str, every: dict[str, Any], points: list[Point], ctx: Context) -> dict[str, Any]:
    try:
        return months_rule(text, every, points, ctx)
    except UnknownClause as why:
        return {"kind": "unknown", "problem": str(why)}


def _bracket_start(text: str, norm: str, part: Part, later: list[list[Token]], ctx: Context) -> Part:
    """每年7月（自2021年起）: a start in brackets after the rule bounds it."""
    for tokens in later:
        opening = norm.rfind("(", 0, tokens[0].start)
        closing = norm.find(")", tokens[-1].end)
        if (
            opening < 0
            or closing < 0
            or norm[opening + 1 : tokens[0].start].strip()
            or norm[tokens[-1].end : closing].strip()
        ):
            continue
        points = read_run(tokens).points
        if len(points) != 1 or points[0].direction != "start" or not points[0].has_absolute_year():
            continue
        try:
            start: dt.date = resolve(text, points[0], ctx)[0]
        except UnknownClause as why:
            return demoted(part, str(why))
        aside = clean(text[opening : closing + 1]) or ""
        return replace(
            part,
            start=start,
            describe=f"{cn_date(start)}起{part.describe}",
            action=clean((part.action or "").replace(aside, "")),
        )
    return part


def _meaning(
    text: str, run: Run, every: dict[str, Any] | None, ctx: Context, once: bool = False
) -> tuple[dict[str, Any], dict[int, int] | None]:
    """The fields the run gives its part, and an offset rule's period → due-month map. A clause
    that says it is this time's (本次报送于5月29日) never inherits the 每 before it."""
    period_map: dict[int, int] | None = None
    try:
        if run.spoiler:
            raise UnknownClause(spoiler_problem(text, run.spoiler, run))
        if run.workday:
            fields = workday_rule(text, run, ctx)
        elif run.offset:
            fields, period_map = offset_rule(text, run, ctx)
        elif every or (ctx.every and not once and not run.has_absolute_year() and not run.names_own_year()):
            fields = recurring(text, run, every or ctx.every or {}, ctx, inherited=not every)
        else:
            fields = dated(text, run, ctx)
        ctx.lost = False
    except UnknownClause as why:
        fields = {"kind": "unknown", "problem": str(why)}
        ctx.due, ctx.lost = None, True
    if run.time:
        fields["time"] = run.time
        fields["describe"] = f"{fields.get('describe', '')} {run.time}前".strip()
    return fields, period_map


_KEYWORDS = (Tok.ONGOING, Tok.IRREGULAR, Tok.VAGUE, Tok.RELDUR, Tok.EVENTS, Tok.BAD)


def _keyword_clause(text: str, clause: Clause, span: tuple[int, int]) -> Item:
    """A clause with no date: 长期 / 不定期 / 春节前 / 30日内, a time of day alone, or just an action."""
    kw = next((t for t in clause.tokens if t.kind in _KEYWORDS), None)
    time = next((t for t in clause.tokens if t.kind is Tok.TIME), None)
    if kw is None and time is not None:  # 乡镇…，于下午16时前报送: the day of the clause before
        words = words_around(text, span, [], [time, *_tail(clause, time)])
        return Item(
            "time", span, part=Part("unknown", text[span[0] : span[1]], span, time=time.value, **words)
        )
    if kw is None:
        return Item("action", span)
    words = words_around(text, span, [], [kw, *_tail(clause, kw)])
    timed = {"time": time.value} if time is not None else {}
    if kw.kind in (Tok.ONGOING, Tok.IRREGULAR):
        part = Part(kw.kind.value, text[span[0] : span[1]], span, describe=text[kw.start : kw.end], **words)
    else:
        problem = spoiler_problem(text, kw)
        part = Part("unknown", text[span[0] : span[1]], span, problem=problem, **words, **timed)
    return Item("part", span, part=part)


def _tail(clause: Clause, tok: Token) -> list[Token]:
    """Direction words and a time right after `tok` (春节前, 今晚20:00前), part of the time."""
    out: list[Token] = []
    end = tok.end
    for t in clause.tokens:
        if t.start == end and t.kind in (Tok.DIR, Tok.TIME):
            out.append(t)
            end = t.end
    return out


def spoiler_problem(text: str, tok: Token, run: Run | None = None) -> str:
    """Why a clause with this token is unknown, quoting the words (an impossible date whole:
    日期不存在：2020年13月45日)."""
    words = text[tok.start : tok.end]
    if tok.kind is Tok.RELDUR:
        event = event_before(text, tok.start)
        return f"相对期限，起算日不明：{words}" + (f"（起算：{event}）" if event else "")
    if tok.kind is Tok.EVENTS:
        return f"{EVENT_BOUNDED}，日期不明：{words}（{event_span(tok.value)}）"
    if tok.kind is Tok.BAD:
        whole = text[run.start : run.words_end].strip() if run is not None else words
        return f"{tok.value}：{whole}"
    if tok.kind is Tok.VAGUE and _ESTIMATE.search(words):
        return f"时间为约数，不作推断：{words}"
    return f"时间含义不明，不作推断：{words}"


_ACTION_BEFORE_BRACKET = LazyRegex(r"[^,;。:()\d]{0,8}?\(")
_ESTIMATE = LazyRegex(r"左右$|前后$|^(?:约|大约|大概|大致|估计)")
