"""Read the 完成时间及方式 language of Chinese government task lists.

`parse_phrase(cell, base)` splits a cell into clauses and reads each into a `Part`:
a date (dated), a recurring rule (recurring), a start, ongoing or irregular work, or
`unknown` with the text kept and, where we can tell, a `problem` saying why. The base
date is always passed in; nothing here reads the clock. docs/phrases.md is the
grammar and the semantics; tests/phrases/corpus.yaml is the evidence.

This module is the public API. The pipeline behind `parse_phrase`:
`numerals.normalise` folds spellings without moving offsets; `phrase_tokens.scan` runs
the recogniser table; `phrase_clauses` splits the cell and reads each clause, through
`phrase_points` (runs of tokens and the points they name), `phrase_dates` (dated and
start clauses), `phrase_rules` (recurring, offset and exemption rules) and
`phrase_words` (subject, by, action, recipient); `phrase_merge` joins the clauses into
parts, carrying year, month and 每 from clause to clause through a `Context`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gpstd.days import safe_date
from gpstd.numerals import normalise, to_int
from gpstd.phrases.clauses import read_clause, split_clauses
from gpstd.phrases.merge import merge
from gpstd.phrases.part import Kind, Part
from gpstd.phrases.points import Context
from gpstd.phrases.tokens import LazyRegex, scan
from gpstd.schedule import recurrence as rec

__all__ = [
    "Kind",
    "Part",
    "explain",
    "occurrences",
    "parse_date",
    "parse_phrase",
    "part_dict",
    "phrase_result",
]


def parse_phrase(text: str, base: dt.date) -> list[Part]:
    """Every clause of `text` read into parts, in order. Never raises."""
    try:
        return _parse(text if isinstance(text, str) else str(text), base)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not take a whole register down (tests/phrases: never reached)
        return [Part("unknown", text, (0, len(text)), problem=f"解析出错：{type(exc).__name__}")]


def _parse(text: str, base: dt.date) -> list[Part]:
    norm = normalise(text)
    ctx = Context(base)
    items = [read_clause(text, norm, c, ctx) for c in split_clauses(norm, scan(norm))]
    return merge(text, items)


_PARSE_DATE = LazyRegex(
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
        return rec.expand(
            part.rrule, window_start, window_end, start=part.start, until=part.until, anchor=anchor
        )
    return []


def part_dict(part: Part) -> dict[str, Any]:
    """A part as JSON-ready data: kind, text, span always; other keys only when set."""
    out: dict[str, Any] = {"kind": part.kind, "text": part.text, "span": list(part.span)}
    for key in (
        "due",
        "start",
        "until",
        "rrule",
        "opens",
        "offset_days",
        "time",
        "exempt",
        "subject",
        "by",
        "action",
        "recipient",
        "describe",
        "assumed",
        "problem",
    ):
        value = getattr(part, key)
        if value is None or value is False or value in ("", ()):
            continue
        out[key] = (
            value.isoformat()
            if isinstance(value, dt.date)
            else (list(value) if isinstance(value, tuple) else value)
        )
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


_KIND_CN = {
    "dated": "限期",
    "recurring": "周期",
    "start": "起始",
    "ongoing": "长期",
    "irregular": "不定期",
    "unknown": "未识别",
}


def explain(parts: list[Part]) -> list[str]:
    """One plain line per part, for `gpstd parse` without --json (no terminal markup)."""
    lines = []
    for p in parts:
        bits = [_KIND_CN.get(p.kind, p.kind), p.describe or p.text]
        if p.rrule:
            bits.append(f"RRULE:{p.rrule}")
        if p.assumed:
            bits.append("推定：原文未定具体日期，按期末计")
        for label, value in (
            ("事项", p.subject),
            ("执行", p.by),
            ("方式", p.action),
            ("报送", p.recipient),
            ("问题", p.problem),
        ):
            if value:
                bits.append(f"{label}：{value}")
        lines.append("  ".join(bits))
    return lines
