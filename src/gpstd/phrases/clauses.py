"""A cell's clauses: where one ends, and what each says.

`split_clauses` cuts the normalised cell on ，；。 always and on 、和并同时 only before
a time; `read_clause` reads one clause into an `Item`: a part (dated, start, recurring,
ongoing, irregular or unknown), an exemption (四季度免报) for the part before it, or
words with no time (an action) that phrase_merge joins to a part.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, NamedTuple

from gpstd.days import cn_date
from gpstd.phrases.dated import dated, is_label, resolve
from gpstd.phrases.part import Part, UnknownClause, demoted
from gpstd.phrases.points import Context, Run, pick_run, read_run, runs
from gpstd.phrases.rules import apply_exempt, offset_rule, recurring
from gpstd.phrases.tokens import POINT, Tok, Token
from gpstd.phrases.words import clean, words_around

_HARD = set(",;。\n\r!?")
_SOFT = ("以及", "并且", "同时", "、", "和", "及", "并")
_SOFT_NEXT = {
    Tok.ISO,
    Tok.YM,
    Tok.YEAR,
    Tok.YEAREND,
    Tok.HALF,
    Tok.QUARTER,
    Tok.MONTH,
    Tok.EVERY,
    Tok.OFFSET,
    Tok.EXEMPT,
    Tok.DAY,
    Tok.DIRP,
}
_OPEN, _CLOSE = "(「《“", ")」》”"


class Clause(NamedTuple):
    start: int
    end: int
    tokens: list[Token]


class Item(NamedTuple):
    kind: str  # 'part' | 'action' | 'exempt'
    span: tuple[int, int]
    part: Part | None = None
    exempt: dict[str, Any] | None = None
    label: tuple[int, ...] = ()  # 第四季度于次年1月20日前: the quarters the clause times


# --- splitting ----------------------------------------------------------------------


def split_clauses(norm: str, tokens: list[Token]) -> list[Clause]:
    """Split on ，；。 always and on 、和并同时 only before a time (一、二、三季度 stays whole)."""
    inside = bytearray(len(norm) + 1)
    for t in tokens:
        inside[t.start : t.end] = b"\x01" * (t.end - t.start)
    starts = {t.start: t for t in tokens}
    cuts: list[tuple[int, int]] = []
    depth, i = 0, 0
    while i < len(norm):
        ch = norm[i]
        if ch == "(" and not depth and _quarter_aside(norm, i, starts, tokens):
            cuts.append((i, i + 1))  # …报送（第四季度为次年1月20日前）: its own clause
            i += 1
            continue
        depth += (ch in _OPEN) - (ch in _CLOSE and depth > 0)
        width = 0 if depth or inside[i] else _separator_width(norm, i, starts)
        if width:
            cuts.append((i, i + width))
        i += width or 1
    bounds = [0] + [c for cut in cuts for c in cut] + [len(norm)]
    out = []
    for first, last in zip(bounds[::2], bounds[1::2]):
        start, end = first, last
        while start < end and norm[start].isspace():
            start += 1
        while end > start and norm[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Clause(start, end, [t for t in tokens if start <= t.start and t.end <= end]))
    return out


def _quarter_aside(norm: str, i: int, starts: dict[int, Token], tokens: list[Token]) -> bool:
    """Whether the bracket opening at i gives one quarter its own date."""
    j = i + 1
    while j < len(norm) and norm[j].isspace():
        j += 1
    first, close = starts.get(j), norm.find(")", j)
    if first is None or first.kind is not Tok.QUARTER or close < 0:
        return False
    return any(t.kind in POINT and first.end <= t.start and t.end <= close for t in tokens)


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


# --- reading ------------------------------------------------------------------------


def read_clause(text: str, norm: str, clause: Clause, ctx: Context) -> Item:
    span = (clause.start, clause.end)
    all_runs = runs(norm, clause.tokens)
    lead, run_tokens = pick_run(norm, all_runs)
    exempts = [t for t in clause.tokens if t.kind is Tok.EXEMPT]
    if not run_tokens:
        if exempts:
            return Item("exempt", span, exempt=exempts[0].value)
        return _keyword_clause(text, clause, span)
    words = words_around(text, span, lead, run_tokens)
    run = read_run(run_tokens)
    every = run.every or (lead[0].value if lead else None)
    fields, period_map = _meaning(text, run, every, ctx)
    part = Part(text=text[span[0] : span[1]], span=span, **words, **fields)
    if part.kind == "recurring" and part.start is None:
        part = _bracket_start(text, norm, part, [r for r in all_runs if r[0].start >= run.end], ctx)
    if exempts:
        part = apply_exempt(part, exempts[0].value, period_map)
    return Item("part", span, part=part, label=_label(run))


def _label(run: Run) -> tuple[int, ...]:
    """The quarters a clause names before its own date (第四季度于次年1月20日前 / 第四季度12月20日前)."""
    pts = run.points
    if len(pts) == 2 and is_label(pts[0]) and not is_label(pts[1]) and not run.ranges:
        return pts[0].quarters
    if len(pts) == 1 and pts[0].quarters and pts[0].month:
        return pts[0].quarters
    return ()


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
    text: str, run: Run, every: dict[str, Any] | None, ctx: Context
) -> tuple[dict[str, Any], dict[int, int] | None]:
    """The fields the run gives its part, and an offset rule's period → due-month map."""
    period_map: dict[int, int] | None = None
    try:
        if run.spoiler:
            raise UnknownClause(_spoiler_problem(text, run.spoiler))
        if run.offset:
            fields, period_map = offset_rule(text, run, ctx)
        elif every or (ctx.every and not run.has_absolute_year()):
            fields = recurring(text, run, every or ctx.every or {}, ctx)
        else:
            fields = dated(text, run, ctx)
    except UnknownClause as why:
        fields = {"kind": "unknown", "problem": str(why)}
    if run.time:
        fields["time"] = run.time
        fields["describe"] = f"{fields.get('describe', '')} {run.time}前".strip()
    return fields, period_map


def _keyword_clause(text: str, clause: Clause, span: tuple[int, int]) -> Item:
    """A clause with no date: 长期 / 不定期 / 春节前 / 30日内, or just an action."""
    kw = next(
        (t for t in clause.tokens if t.kind in (Tok.ONGOING, Tok.IRREGULAR, Tok.VAGUE, Tok.RELDUR, Tok.BAD)),
        None,
    )
    if kw is None:
        return Item("action", span)
    tail = [t for t in clause.tokens if t.kind is Tok.DIR and t.start == kw.end]
    words = words_around(text, span, [], [kw, *tail])
    if kw.kind in (Tok.ONGOING, Tok.IRREGULAR):
        part = Part(kw.kind.value, text[span[0] : span[1]], span, describe=text[kw.start : kw.end], **words)
    else:
        part = Part("unknown", text[span[0] : span[1]], span, problem=_spoiler_problem(text, kw), **words)
    return Item("part", span, part=part)


def _spoiler_problem(text: str, tok: Token) -> str:
    words = text[tok.start : tok.end]
    if tok.kind is Tok.RELDUR:
        return f"相对期限，起算日不明：{words}"
    if tok.kind is Tok.BAD:
        return f"{tok.value}：{words}"
    return f"时间含义不明，不作推断：{words}"
