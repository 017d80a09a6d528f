"""Where one clause of a cell ends and the next begins.

`split_clauses` cuts the normalised cell on ，；。 and line breaks always (but never inside a
token: 公示7⏎个工作日 is one span), and on 、和及并同时或 only where a time follows:
`一、二、三季度` and `向社会公开并报区政府办` stay whole. Brackets are not cut, except a bracket
that is a clause of its own: one that gives some quarters, a month or a year their own date
(…报送（第四季度为次年1月20日前）, 每月10日前（12月为20日前）) or one with a full clause and a time inside
(每季度的首个月20日（…，财务收支情况应每月公布一次）).
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from gpstd.patterns import LazyRegex
from gpstd.phrases.lexicon import CORE, POINT, Tok, Token

_HARD = set(",;。\n\r!?")
_SOFT = ("以及", "并且", "同时", "、", "和", "及", "并", "或")
_SOFT_FIRST = frozenset(w[0] for w in _SOFT)
# A soft separator cuts before a token of these kinds (8月10日、20日前; 每月5日前和每季度…).
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
    Tok.WORKDAY,
    Tok.EXEMPT,
    Tok.DAY,
    Tok.DIRP,
    Tok.VAGUE,
    Tok.BAD,
    Tok.RELDUR,
    Tok.EVENTS,
}
# A time of a clause's own, for 、 between two timed items and 或 before an alternative deadline.
_TIMED = CORE | {Tok.RELDUR, Tok.EVENTS, Tok.VAGUE, Tok.BAD}
_OPEN, _CLOSE = "(「《“", ")」》”"
_THIS_TIME = ("本次", "此次", "这次", "首次")
# After the month or year that opens a bracket: 为 and its own date (（12月为20日前）).
EXCEPTION = LazyRegex(r"\s*(?:份|度)?\s*(?:的)?\s*(?:为|是|改为|调整为)")


class Clause(NamedTuple):
    start: int
    end: int
    tokens: list[Token]


class _Cell:
    """The normalised cell with its tokens indexed by position (every look-up O(log n))."""

    def __init__(self, norm: str, tokens: list[Token]) -> None:
        self.norm = norm
        self.tokens = tokens
        self.starts = [t.start for t in tokens]
        self.inside = bytearray(len(norm) + 1)
        for t in tokens:
            self.inside[t.start : t.end] = b"\x01" * (t.end - t.start)
        self.hard_after = _next_hard(norm)

    def token_at(self, i: int) -> Token | None:
        k = bisect.bisect_left(self.starts, i)
        return self.tokens[k] if k < len(self.tokens) and self.starts[k] == i else None

    def between(self, low: int, high: int) -> list[Token]:
        """The tokens that start in [low, high)."""
        return self.tokens[bisect.bisect_left(self.starts, low) : bisect.bisect_left(self.starts, high)]

    def before(self, i: int) -> Token | None:
        """The last token ending at or before i."""
        k = bisect.bisect_left(self.starts, i) - 1
        return self.tokens[k] if k >= 0 and self.tokens[k].end <= i else None


def _next_hard(norm: str) -> list[int]:
    """For each offset, where the next hard separator is (len(norm) if none)."""
    out = [len(norm)] * (len(norm) + 1)
    for i in range(len(norm) - 1, -1, -1):
        out[i] = i if norm[i] in _HARD else out[i + 1]
    return out


def split_clauses(norm: str, tokens: list[Token]) -> list[Clause]:
    """The clauses of the cell, each with its tokens, in order."""
    cell = _Cell(norm, tokens)
    cuts: list[tuple[int, int]] = []
    depth, i = 0, 0
    while i < len(norm):
        ch = norm[i]
        if ch == "(" and not depth and _aside(cell, i):
            cuts.append((i, i + 1))  # the bracket is a clause of its own
            i += 1
            continue
        depth += (ch in _OPEN) - (ch in _CLOSE and depth > 0)
        width = 0 if depth or cell.inside[i] else _separator_width(cell, i)
        if width:
            cuts.append((i, i + width))
        i += width or 1
    return _clauses(cell, cuts)


def _clauses(cell: _Cell, cuts: list[tuple[int, int]]) -> list[Clause]:
    norm = cell.norm
    bounds = [0] + [c for cut in cuts for c in cut] + [len(norm)]
    out = []
    for first, last in zip(bounds[::2], bounds[1::2]):
        start, end = first, last
        while start < end and norm[start].isspace():
            start += 1
        while end > start and norm[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Clause(start, end, [t for t in cell.between(start, end) if t.end <= end]))
    return out


def _aside(cell: _Cell, i: int) -> bool:
    """Whether the bracket opening at i is a clause of its own."""
    close = cell.norm.find(")", i)
    if close < 0:
        return False
    inner = cell.between(i + 1, close)
    j = i + 1
    while j < close and cell.norm[j].isspace():
        j += 1
    first = cell.token_at(j)
    if first is not None and first.kind is Tok.QUARTER:  # （第四季度为次年1月20日前）
        # （第四季度为12月20日前后）: an estimated date times the quarter too (its clause is unknown)
        return any(t.kind in POINT | {Tok.VAGUE} and first.end <= t.start and t.end <= close for t in inner)
    if first is not None and first.kind in (Tok.MONTH, Tok.YEAR) and EXCEPTION.match(cell.norm, first.end):
        # （12月为20日前）, （2024年为7月底前）: a month or a year the rule before gives its own date
        return any(t.kind in POINT | {Tok.VAGUE} and first.end <= t.start and t.end <= close for t in inner)
    if cell.norm.startswith(_THIS_TIME, j):  # 每月28日(本次报送于5月29日): this time's own date
        return any(t.kind in POINT for t in inner)
    has_clause = cell.hard_after[i] < close
    return has_clause and any(t.kind in CORE for t in inner)


def _separator_width(cell: _Cell, i: int) -> int:
    norm = cell.norm
    if norm[i] in _HARD:
        return 1
    if norm[i] not in _SOFT_FIRST:
        return 0
    word = next((w for w in _SOFT if norm.startswith(w, i)), None)
    if word is None:
        return 0
    j = i + len(word)
    while j < len(norm) and (norm[j].isspace() or norm[j] in "于在"):
        j += 1
    nxt = cell.token_at(j)
    if word != "或" and nxt is not None and nxt.kind in _SOFT_NEXT:
        return len(word)
    # 2024年底前完成并长期坚持: done by a day, then kept up — two parts, as with a comma
    if word in ("并", "并且", "同时") and nxt is not None and nxt.kind is Tok.ONGOING:
        before = cell.before(i)
        if before is not None and before.kind is not Tok.ONGOING and cell.hard_after[before.end] >= i:
            return len(word)
    if word in ("、", "或") and _timed_on_both_sides(cell, i, j, word):
        return len(word)
    return 0


def _timed_on_both_sides(cell: _Cell, i: int, j: int, word: str) -> bool:
    """环评报告书14个工作日内、环评报告表7个工作日内: items that each carry their own time;
    每年的12月或更改内容后一周内: an alternative deadline (usually counted from an event)."""
    before = cell.before(i)
    while before is not None and before.kind in (Tok.DIR, Tok.TIME):  # 第二周前或…: the time before 前
        before = cell.before(before.start)
    if before is None or before.kind not in _TIMED or cell.hard_after[before.end] < i:
        return False
    following = [t for t in cell.between(j, cell.hard_after[j]) if t.kind in _TIMED]
    if word == "或":
        return any(t.kind in (Tok.RELDUR, Tok.EVENTS, Tok.VAGUE) for t in following)
    return bool(following)
