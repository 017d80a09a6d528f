"""Hostile input (issue 14): no exception reaches parse_phrase's catch-all, no date its numbers do
not allow, no rule gpstd cannot expand, and long cells read correctly (their speed is measured in
benchmarks/bench_phrases.py, not here)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import gpstd.phrases
from gpstd.days import safe_date
from gpstd.phrases import Part, parse_phrase, phrase_result
from gpstd.schedule.recurrence import validate_rrule

BASE = dt.date(2021, 6, 1)
_CORPORA = [
    Path(__file__).with_name("corpus.yaml"),
    Path(__file__).parents[1] / "corpus" / "phrases_real.yaml",
]
PHRASES = [
    e["phrase"] for path in _CORPORA for e in YAML(typ="safe").load(path.read_text("utf-8"))["phrases"]
]


def _sound(text: str, parts: list[Part]) -> None:
    """What every reading of every text must be: in order, quoting the text, no crash, no rule
    gpstd cannot expand, and an unknown part carries no date or rule anyone could act on."""
    previous_end = 0
    for part in parts:
        assert not (part.problem or "").startswith("解析出错"), (text, part.problem)
        start, end = part.span
        assert previous_end <= start < end <= len(text) and part.text == text[start:end]
        previous_end = end
        if part.rrule is not None:
            assert validate_rrule(part.rrule) is None, (text, part.rrule)
        if part.kind == "unknown":
            assert (part.due, part.rrule, part.workday, part.start) == (None, None, None, None)


@pytest.mark.parametrize(
    "text", ["每日2月免报", "每周，2月不报", "每日四季免报", "起每季年１号前", "13月-0去年"]
)
def test_known_crashers(text: str) -> None:
    _sound(text, parse_phrase(text, BASE))


@pytest.mark.parametrize(
    "text",
    [
        "2021年十三月9日前",
        "2021年〇月1日前",
        "2021年6月零日前",
        "每年十三月17日",
        "2021年100月3日前",
        "2021年2月30日前",
        "二〇二一年十三月一日",
        "２０２１年１３月１日前",
        "2021年6月三十二日前",
        "每月32日前",
        "每年0月",
    ],
)
def test_impossible_dates_are_unknown_in_every_numeral_system(text: str) -> None:
    parts = parse_phrase(text, BASE)
    assert [p.kind for p in parts] == ["unknown"]
    assert "日期不存在" in (parts[0].problem or "")
    assert phrase_result(text, BASE)["due"] == []


@pytest.mark.parametrize("text", ["每999999999年", "每1000000000000月", "每0年", "每2147483648日"])
def test_no_absurd_interval_comes_out(text: str) -> None:
    (part,) = parse_phrase(text, BASE)
    assert part.kind == "unknown" and part.rrule is None


# --- properties ----------------------------------------------------------------------------

_GRAMMAR = list(
    "0123456789０１２３年月日号前后起至到内底末初旬上中下半季度每周两一二三四五六七八九十百〇○零廿卅"
    "个工作日节春国庆元旦当次明本去长期不定常态化适时及免报送按逐此自从截止最迟以之时点分:："
    "-—～~/.，,；;。、和并或同时()（）《》〈〉<>“”报区政府办 \n內個節後報"
)
_FRAGMENT = st.sampled_from(PHRASES).flatmap(
    lambda p: st.tuples(st.integers(0, len(p)), st.integers(0, len(p))).map(lambda ab: p[min(ab) : max(ab)])
)
_MIXED = st.lists(st.one_of(_FRAGMENT, st.text(st.sampled_from(_GRAMMAR), max_size=8)), max_size=6).map(
    "".join
)


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(st.text(st.sampled_from(_GRAMMAR), max_size=60), _MIXED))
def test_text_made_of_the_grammar_and_the_corpora(text: str) -> None:
    parts = parse_phrase(text, BASE)
    _sound(text, parts)
    result = phrase_result(text, BASE)
    assert result["due"] == sorted(set(result["due"]))


_CN = "〇一二三四五六七八九"


def _written(n: int, style: str) -> str:
    """n as a cell may write it: 12, １２, 十二, 一二 (digit by digit, as years are written)."""
    if style == "arabic":
        return str(n)
    if style == "fullwidth":
        return str(n).translate({ord(c): chr(ord(c) + 0xFEE0) for c in "0123456789"})
    if style == "digits":
        return "".join(_CN[int(c)] for c in str(n))
    tens, ones = divmod(n, 10)
    if n >= 100 or n == 0:
        return "".join(_CN[int(c)] for c in str(n))
    return (
        ("" if tens in (0, 1) else _CN[tens])
        + ("十" if tens else "")
        + (_CN[ones] if ones or not tens else "")
    )


@settings(max_examples=500, deadline=None)
@given(
    st.integers(2016, 2099),
    st.integers(0, 40),
    st.integers(0, 40),
    st.sampled_from(["arabic", "fullwidth", "digits", "chinese"]),
    st.sampled_from(["前", "", "之前报送", "底前"]),
)
def test_no_date_its_numbers_do_not_allow(year: int, month: int, day: int, style: str, tail: str) -> None:
    text = f"{_written(year, 'digits' if style == 'chinese' else style)}年{_written(month, style)}月{_written(day, style)}日{tail}"
    real = safe_date(year, month, day)
    for part in parse_phrase(text, BASE):
        if part.due is not None:
            assert real is not None and part.due == real, (text, part.due)


# --- long cells: read correctly (timed in benchmarks/bench_phrases.py) -------------------------


def test_a_long_cell_is_read_to_the_limit_and_the_rest_is_unknown() -> None:
    clause = "2021年8月31日前报区政府办，"
    text = clause * (60_000 // len(clause))
    parts = parse_phrase(text, BASE)
    _sound(text, parts)
    *read, rest = parts
    assert {p.due for p in read} == {dt.date(2021, 8, 31)}
    assert rest.kind == "unknown" and "单元格过长" in (rest.problem or "")
    assert read[-1].span[1] <= gpstd.phrases.MAX_CHARS <= rest.span[0] + len(clause)
    assert rest.span[1] == len(text)


def test_a_long_cell_without_a_clause_break_is_unknown_whole() -> None:
    text = "2021年" * 20_000
    (part,) = parse_phrase(text, BASE)
    assert part.kind == "unknown" and part.span == (0, len(text))


def test_a_cell_at_the_limit_is_read_whole() -> None:
    clause = "每季度结束后15日内报送；"
    text = (clause * (gpstd.phrases.MAX_CHARS // len(clause)))[: gpstd.phrases.MAX_CHARS]
    parts = parse_phrase(text, BASE)
    assert all("单元格过长" not in (p.problem or "") for p in parts)


@pytest.mark.parametrize(
    "text", ["(" * 50_000, "《" * 50_000, "一、" * 30_000 + "季度", " " * 60_000, "內(nèi)" * 10_000]
)
def test_hostile_long_cells_parse(text: str) -> None:
    _sound(text, parse_phrase(text, BASE))
