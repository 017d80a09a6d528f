"""Read the 完成时间及方式 language of Chinese government task lists.

`parse_phrase(cell, base)` splits a cell into clauses and reads each into a `Part`:
a date (dated), a recurring rule (recurring), a start, ongoing or irregular work, or
`unknown` with the text kept and, where we can tell, a `problem` saying why. The base
date is always passed in; nothing here reads the clock. docs/phrases.md is the
grammar and the semantics; tests/phrases/corpus.yaml is the evidence.

This module is the public API. The pipeline behind `parse_phrase`, one module per stage,
each importing only the stages before it: `numerals.normalise` folds spellings without
moving offsets; `lexicon` names the token kinds; `readers` read a match into a value;
`tokens.scan` runs the recogniser table;
`names` drops the times that are part of a name (《2022年…》, 2016年行动计划); `split` cuts
the cell into clauses; `clauses` reads each clause, through `points` (runs of tokens and the
points they name), `dated` (dated and start clauses), `rules` (每 rules), `offsets`
(reporting offsets and working days), `exemptions` (四季度免报) and `words` (subject, by,
action, recipient); `merge` joins the clauses into parts. A `Context` carries year, month
and 每 from clause to clause.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from gpstd.days import safe_date
from gpstd.numerals import normalise, to_int
from gpstd.patterns import LazyRegex
from gpstd.phrases.clauses import read_clause
from gpstd.phrases.merge import merge
from gpstd.phrases.names import drop_names_with_years
from gpstd.phrases.part import Kind, Part, demoted
from gpstd.phrases.points import Context
from gpstd.phrases.split import split_clauses
from gpstd.phrases.tokens import scan
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


#: Cells longer than this are read up to the last clause break before it; the rest becomes one
#: unknown part. The longest real 完成时间 cell in tests/corpus is a few hundred characters.
MAX_CHARS = 5000


def _parse(text: str, base: dt.date) -> list[Part]:
    cut = _cut(text)
    norm = normalise(text[:cut])
    ctx = Context(base)
    tokens, years = drop_names_with_years(norm, scan(norm), base.year)
    items, at = [], 0
    for clause in split_clauses(norm, tokens):
        first = clause.tokens[0].start if clause.tokens else clause.end
        while (
            at < len(years) and years[at][0] <= first
        ):  # a dropped time of the text before (or a kept one under an unread year): its year carries on
            ctx.year = ctx.from_year = years[at][1]
            at += 1
        items.append(read_clause(text, norm, clause, ctx))
    parts = [_checked(p) for p in merge(text[:cut], items, base.year)]
    if cut < len(text.rstrip()):
        rest = (cut, len(text))
        parts.append(
            Part("unknown", text[cut:], rest, problem=f"单元格过长（超过{MAX_CHARS}字），其余部分未读")
        )
    return parts


def _cut(text: str) -> int:
    """Where reading stops: the whole text, or the last clause break within MAX_CHARS (never inside
    a clause, whose date would be cut in two), or 0 when there is none."""
    if len(text) <= MAX_CHARS:
        return len(text)
    return max(text.rfind(c, 0, MAX_CHARS) + 1 for c in "，,；;。\n")


def _checked(part: Part) -> Part:
    """A rule gpstd could not expand is never handed on (the recognisers should not make one)."""
    if part.rrule is None:
        return part
    problem = _rule_problem(part.rrule)
    return demoted(part, f"周期规则无效：{problem}") if problem else part


@functools.lru_cache(maxsize=1024)
def _rule_problem(rrule: str) -> str | None:
    return rec.validate_rrule(rrule)


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
            part.rrule,
            window_start,
            window_end,
            start=part.start,
            until=part.until,
            anchor=anchor,
            workday=part.workday,
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
        "workday",
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
        if p.workday:  # the rrule names the months; the day is this working day of each
            bits.append(f"WORKDAY:{p.workday}")
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
