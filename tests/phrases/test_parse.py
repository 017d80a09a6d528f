"""gpstd.phrases: the corpus (table-driven), parse_date, the JSON contract, and properties."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from gpstd import phrases
from gpstd.phrases import Part, parse_date, parse_phrase, phrase_result

CORPUS_PATH = Path(__file__).with_name("corpus.yaml")
CORPUS: dict[str, Any] = YAML(typ="safe").load(CORPUS_PATH.read_text(encoding="utf-8"))
DEFAULT_BASE = dt.date(2020, 6, 1)
D = dt.date


def _id(entry: dict[str, Any]) -> str:
    return f"{entry['source']}:{entry['phrase'][:24] or '<empty>'}"


# --- the corpus -----------------------------------------------------------------


def test_corpus_is_big_enough_and_cited() -> None:
    entries = CORPUS["phrases"]
    assert len(entries) >= 120
    for entry in entries:
        assert isinstance(entry["phrase"], str), entry  # YAML reads 2020.9 as a float
        assert entry["source"] in CORPUS["sources"], entry
        assert entry.get("where"), entry
    real = [e for e in entries if e["source"] != "constructed"]
    assert len(real) >= 45


def _expected_value(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@pytest.mark.parametrize("entry", CORPUS["phrases"], ids=_id)
def test_corpus_phrase(entry: dict[str, Any]) -> None:
    base = entry.get("base", DEFAULT_BASE)
    parts = parse_phrase(entry["phrase"], base)
    got = [(p.kind, p.due, p.rrule) for p in parts]
    assert len(parts) == len(entry["parts"]), got
    for part, expected in zip(parts, entry["parts"]):
        for key, value in expected.items():
            actual = getattr(part, key)
            if key == "problem":
                assert actual and value in actual, (key, actual, value)
            else:
                assert actual == _expected_value(value), (key, actual, value, got)


@pytest.mark.parametrize("entry", [e for e in CORPUS["phrases"] if "due" in e or "start" in e], ids=_id)
def test_corpus_due_in_window(entry: dict[str, Any]) -> None:
    base = entry.get("base", DEFAULT_BASE)
    window = entry.get("window") or [D(base.year, 1, 1), D(base.year, 12, 31)]
    result = phrase_result(entry["phrase"], base, *window)
    if "due" in entry:
        assert result["due"] == [d.isoformat() for d in entry["due"]]
    if "start" in entry:
        assert result["start"] == entry["start"].isoformat()


@pytest.mark.parametrize("entry", CORPUS["phrases"], ids=_id)
def test_corpus_spans_quote_the_input(entry: dict[str, Any]) -> None:
    text = entry["phrase"]
    for part in parse_phrase(text, DEFAULT_BASE):
        assert text[part.span[0] : part.span[1]] == part.text


# --- semantics spelled out in issue 3 ------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "kind", "due", "start"),
    [
        ("2020年8月31日前", "dated", D(2020, 8, 31), None),
        ("2021年7月", "dated", D(2021, 7, 31), D(2021, 7, 1)),
        ("上半年", "dated", D(2020, 6, 30), D(2020, 1, 1)),
        ("年底", "dated", D(2020, 12, 31), None),
        ("年内", "dated", D(2020, 12, 31), None),
        ("9月上旬", "dated", D(2020, 9, 10), D(2020, 9, 1)),
        ("9月中旬", "dated", D(2020, 9, 20), D(2020, 9, 11)),
        ("9月下旬", "dated", D(2020, 9, 30), D(2020, 9, 21)),
        ("2020年9月至12月", "dated", D(2020, 12, 31), D(2020, 9, 1)),
        ("2021年1月1日起", "start", None, D(2021, 1, 1)),
        ("次年1月20日前", "dated", D(2021, 1, 20), None),
        ("上年度12月31日前", "dated", D(2019, 12, 31), None),
    ],
)
def test_dated_semantics(phrase: str, kind: str, due: dt.date | None, start: dt.date | None) -> None:
    (part,) = parse_phrase(phrase, DEFAULT_BASE)
    assert (part.kind, part.due, part.start) == (kind, due, start)


@pytest.mark.parametrize(
    ("phrase", "dues_2021"),
    [
        ("每季度", ["2021-03-31", "2021-06-30", "2021-09-30", "2021-12-31"]),
        ("每半年", ["2021-06-30", "2021-12-31"]),
        ("每年", ["2021-12-31"]),
        ("每年度", ["2021-12-31"]),
        ("每年7月", ["2021-07-31"]),
        ("每年2月", ["2021-02-28"]),
        ("季度结束后15日内", ["2021-01-15", "2021-04-15", "2021-07-15", "2021-10-15"]),
    ],
)
def test_recurring_semantics(phrase: str, dues_2021: list[str]) -> None:
    assert phrase_result(phrase, D(2021, 3, 1))["due"] == dues_2021


def test_every_month_is_each_month_end() -> None:
    result = phrase_result("每月", D(2020, 1, 1))
    assert result["due"][:3] == ["2020-01-31", "2020-02-29", "2020-03-31"]
    assert len(result["due"]) == 12


@pytest.mark.parametrize("phrase", ["长期", "持续推进", "常态化"])
def test_ongoing(phrase: str) -> None:
    assert [p.kind for p in parse_phrase(phrase, DEFAULT_BASE)] == ["ongoing"]


@pytest.mark.parametrize("phrase", ["不定期", "适时", "根据工作需要", "即时", "及时", "实时"])
def test_irregular(phrase: str) -> None:
    assert [p.kind for p in parse_phrase(phrase, DEFAULT_BASE)] == ["irregular"]


def test_year_inherited_and_each_clause_keeps_its_action() -> None:
    parts = parse_phrase(
        "2020年8月31日前，报区政府办（调研科），10月31日前在区政府门户网站公开", D(2019, 1, 1)
    )
    assert [(p.due, p.action) for p in parts] == [
        (D(2020, 8, 31), "报区政府办（调研科）"),
        (D(2020, 10, 31), "在区政府门户网站公开"),
    ]


def test_action_only_cell_has_no_date() -> None:
    (part,) = parse_phrase("通过区政府门户网站公开评估调整情况。", DEFAULT_BASE)
    assert part.kind == "unknown" and part.due is None and part.rrule is None
    assert part.action == "通过区政府门户网站公开评估调整情况"


def test_describe_of_a_month_rule() -> None:
    (part,) = parse_phrase("每年7月组织评估", DEFAULT_BASE)
    assert part.describe == "每年7月31日（7月1日起）"


def test_base_is_never_the_clock() -> None:
    assert parse_phrase("12月31日前", D(1999, 1, 1))[0].due == D(1999, 12, 31)


# --- parse_date -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "base", "expected"),
    [
        ("2020-12-31", None, D(2020, 12, 31)),
        ("2020/12/31", None, D(2020, 12, 31)),
        ("2020.12.31", None, D(2020, 12, 31)),
        ("2020-1-5", None, D(2020, 1, 5)),
        ("2020年12月31日", None, D(2020, 12, 31)),
        ("2020年12月31号", None, D(2020, 12, 31)),
        (" 2020 年 12 月 31 日 ", None, D(2020, 12, 31)),
        ("二〇二〇年十二月三十一日", None, D(2020, 12, 31)),
        ("二○二○年十月一日", None, D(2020, 10, 1)),
        ("２０２０年１２月３１日", None, D(2020, 12, 31)),
        ("２０２０－１２－３１", None, D(2020, 12, 31)),
        ("20201231", None, D(2020, 12, 31)),
        ("12月31日", D(2021, 5, 5), D(2021, 12, 31)),
        ("12月31日", None, None),
        ("2020年13月45日", None, None),
        ("2021年2月29日", None, None),
        ("2020-02-30", None, None),
        ("2020年12月", None, None),
        ("明天", None, None),
        ("", None, None),
        ("2020-12-31前", None, None),
    ],
)
def test_parse_date(text: str, base: dt.date | None, expected: dt.date | None) -> None:
    assert parse_date(text, base) == expected


def test_parse_date_of_a_non_string() -> None:
    assert parse_date(None) is None  # type: ignore[arg-type]


# --- the JSON contract of `gpstd parse --json` -------------------------------------------


def test_phrase_result_contract() -> None:
    result = phrase_result("长期，区政府办每半年筛选优秀解读案例报市参评。", D(2020, 6, 1))
    assert result == {
        "phrase": "长期，区政府办每半年筛选优秀解读案例报市参评。",
        "base": "2020-06-01",
        "window": ["2020-01-01", "2020-12-31"],
        "parts": [
            {"kind": "ongoing", "text": "长期", "span": [0, 2], "describe": "长期"},
            {
                "kind": "recurring",
                "text": "区政府办每半年筛选优秀解读案例报市参评",
                "span": [3, 22],
                "rrule": "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1",
                "by": "区政府办",
                "action": "筛选优秀解读案例报市参评",
                "recipient": "市",
                "describe": "每半年末（6月30日、12月31日）",
                "assumed": True,
            },
        ],
        "due": ["2020-06-30", "2020-12-31"],
        "start": None,
    }
    json.dumps(result, ensure_ascii=False)  # plain JSON all the way down


def test_phrase_result_window_and_start() -> None:
    result = phrase_result("2020年11月起对村务公开进行督导", D(2020, 6, 1))
    assert result["due"] == [] and result["start"] == "2020-11-01"
    dated = phrase_result("2021年7月底前", D(2020, 6, 1))
    assert dated["due"] == []  # outside the default window (the base year)
    assert phrase_result("2021年7月底前", D(2020, 6, 1), D(2021, 1, 1), D(2021, 12, 31))["due"] == [
        "2021-07-31"
    ]


def test_explain_lines() -> None:
    lines = phrases.explain(parse_phrase("落实情况请于每年11月30日前报区政府办（调研科）。", DEFAULT_BASE))
    assert lines == [
        "周期  每年11月30日  RRULE:FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30  事项：落实情况  "
        "方式：报区政府办（调研科）  报送：区政府办（调研科）"
    ]


# --- properties -------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list(
        "0123456789０１２年月日号前后起至到内底末旬上中下半季度每周两一二三四五六七八九十〇○"
        "当次明本长期不定常态化适时及春节-—～~/.，,；;。、和并同时()（）报区政府办 "
    )
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(st.text(max_size=40), st.text(_ALPHABET, max_size=40)))
def test_any_text_parses_without_exception(text: str) -> None:
    parts = parse_phrase(text, DEFAULT_BASE)
    previous_end = 0
    for part in parts:
        assert isinstance(part, Part)
        start, end = part.span
        assert 0 <= start < end <= len(text)
        assert start >= previous_end  # parts come in order and never overlap
        previous_end = end
        assert part.text == text[start:end]
        assert part.kind in ("dated", "recurring", "start", "ongoing", "irregular", "unknown")
        if part.kind == "unknown":
            assert part.due is None and part.rrule is None
    json.dumps(phrase_result(text, DEFAULT_BASE), ensure_ascii=False)


_CN_MONTH = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


@st.composite
def _dated_phrase(draw: st.DrawFn) -> tuple[str, dt.date]:
    day = draw(st.dates(min_value=D(DEFAULT_BASE.year - 5, 1, 1), max_value=D(2099, 12, 31)))
    style = draw(st.sampled_from(["cn", "iso", "slash", "dot", "chinese", "fullwidth"]))
    text = {
        "cn": f"{day.year}年{day.month}月{day.day}日",
        "iso": day.isoformat(),
        "slash": f"{day.year}/{day.month}/{day.day}",
        "dot": f"{day.year}.{day.month}.{day.day}",
        "chinese": "".join("〇一二三四五六七八九"[int(c)] for c in str(day.year))
        + f"年{_CN_MONTH[day.month - 1]}月{day.day}日",
        "fullwidth": f"{day.year}年{day.month}月{day.day}日".translate(
            {ord(c): chr(ord(c) + 0xFEE0) for c in "0123456789"}
        ),
    }[style]
    suffix = draw(st.sampled_from(["前", "以前", "之前", "", "前报区政府办"]))
    return text + suffix, day


@given(_dated_phrase())
def test_generated_dates_parse_back(case: tuple[str, dt.date]) -> None:
    text, day = case
    (part,) = parse_phrase(text, DEFAULT_BASE)
    assert (part.kind, part.due) == ("dated", day)


@st.composite
def _recurring_phrase(draw: st.DrawFn) -> tuple[str, str]:
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    form = draw(st.sampled_from(["md", "m", "mday", "q", "qoff", "h"]))
    return {
        "md": (f"每年{month}月{day}日前", f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"),
        "m": (f"每年{month}月", f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY=-1"),
        "mday": (f"每月{day}日前", f"FREQ=MONTHLY;BYMONTHDAY={day}"),
        "q": ("每季度", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"),
        "qoff": (f"季度结束后{day}日内", f"FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY={day}"),
        "h": ("每半年", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1"),
    }[form]


@given(_recurring_phrase(), st.sampled_from(["", "报送", "，报区政府办（调研科）", "。"]))
def test_generated_rules_parse_back(case: tuple[str, str], tail: str) -> None:
    text, rule = case
    (part,) = parse_phrase(text + tail, DEFAULT_BASE)
    assert (part.kind, part.rrule) == ("recurring", rule)


@given(st.integers(1, 12), st.integers(1, 31), st.integers(DEFAULT_BASE.year - 5, 2099))
def test_impossible_or_real_dates_are_never_guessed(month: int, day: int, year: int) -> None:
    (part,) = parse_phrase(f"{year}年{month}月{day}日前", DEFAULT_BASE)
    real = phrases.safe_date(year, month, day)
    if real is None:
        assert part.kind == "unknown" and "日期不存在" in (part.problem or "")
    else:
        assert part.due == real


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(DEFAULT_BASE.year - 6, 12, 31)))
def test_a_deadline_years_before_the_base_is_a_suspected_typo(day: dt.date) -> None:
    (part,) = parse_phrase(f"{day.year}年{day.month}月{day.day}日前", DEFAULT_BASE)
    assert part.kind == "unknown" and "疑为笔误" in (part.problem or "")


# --- the fifth held-out round: times that name, report or hang on an event ---------------------------

_B5 = D(2024, 3, 1)


def _read(text: str, base: dt.date = _B5) -> list[tuple[str, Any, Any]]:
    return [(p.kind, p.due or p.rrule, p.start) for p in parse_phrase(text, base)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a day back at work, alone or after a day off, is no deadline; a sentence that sets out a
        # holiday with plain times only is days off and days back
        ("10月8日(星期六)正常上班。", [("unknown", None, None)]),
        ("2024年4月4日至6日共3天,4月7日(星期日)上班。", [("unknown", None, None)]),
        ("2月10日至17日放假调休,共8天,2月18日正月初九正常上班。", [("unknown", None, None)]),
        # … but a deadline in the sentence stays, and 上班前 is one
        ("放假安排请于1月20日报送", [("dated", D(2024, 1, 20), None)]),
        ("请于10月8日上班前报送值班记录", [("dated", D(2024, 10, 8), None)]),
        # a lunar date in brackets restates the day before it: 开始 is still read
        ("2月18日(正月初九)开始正常上班。", [("start", None, D(2024, 2, 18))]),
        ("月初报送上月情况", [("unknown", None, None)]),
        # a report others give
        ("据汛情通报称,7月5日至9日,多地出现强降雨。", [("unknown", None, None)]),
        # a year-end naming an appraisal; 年底前总结 stays a deadline
        ("执行情况纳入年终考核", [("unknown", None, None)]),
        ("年底前总结报区政府办", [("dated", D(2024, 12, 31), None)]),
        # a period or a year qualifying a noun with 的
        ("对4月11日—4月14日的排查行动发现的问题开展督查", [("unknown", None, None)]),
        ("报告应涵盖本年度自1月1日起至12月31日止的工作", [("unknown", None, None)]),
        ("每年3月31日前公布上年度的年度报告", [("recurring", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31", None)]),
        # … and a qualifying year still gives its year to a later date without one
        ("2025年的各项任务须于3月底前完成", [("dated", D(2025, 3, 31), None)]),
        ("2025年4月11日—14日的排查发现的问题,须于5月底前整改", [("dated", D(2025, 5, 31), None)]),
        ("上年度的政府信息公开年度报告于3月底前报送", [("dated", D(2024, 3, 31), None)]),
        # a day named as a starting point
        ("以3月30日动员会为起点,全力推进创建工作", [("unknown", None, None)]),
        # a 每 that opens its clause and qualifies a noun is the subject; reporting it is a rule
        ("(2)每月的工作计划中包括销售情况;", [("unknown", None, None)]),
        ("按时上报每月的进展情况", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", None)]),
        ("每年的3月10日前报送", [("recurring", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=10", None)]),
        # a template's year and a ROC year: no date is read under them
        ("20xx年12月26日——20xx年12月25日", [("unknown", None, None)]),
        ("於 100 年 2 月 15 日召開會議", [("unknown", None, None)]),
        # … nor under the year they leave to a later date without one
        ("於 100 年 2 月 15 日召開會議,於 2 月 25 日前核定", [("unknown", None, None)]),
        ("20xx年12月26日起,12月31日前报送", [("unknown", None, None)]),
        # a period that ends at an event: the time before the event is no end; 至2025年底止 is one
        ("2024年3月起至2025年获得称号止", [("start", None, D(2024, 3, 1))]),
        ("2024年3月起至2025年底止", [("dated", D(2025, 12, 31), D(2024, 3, 1))]),
        ("2024年3月起至2025年6月底全部完成止", [("dated", D(2025, 6, 30), D(2024, 3, 1))]),
        # a rule right after a span counted from an undated event runs inside it: no date
        ("到京14日内,每日报告体温", [("unknown", None, None)]),
        # what these mechanisms leave alone
        ("各单位于9月30日(星期五)上班时报送", [("dated", D(2024, 9, 30), None)]),
        (
            "以2024年3月1日为起点,每月10日前报送",
            [("start", None, D(2024, 3, 1)), ("recurring", "FREQ=MONTHLY;BYMONTHDAY=10", None)],
        ),
        ("年终总结报区政府办", [("dated", D(2024, 12, 31), None)]),
        ("每月的月底前报送", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", None)]),
        ("在3月1日至3月31日的时间内完成", [("dated", D(2024, 3, 31), D(2024, 3, 1))]),
        ("对2024年1月至6月的工作进行总结,7月10日前报送", [("dated", D(2024, 7, 10), None)]),
        ("24年3月底前完成", [("unknown", None, None)]),
        # the unit said again before the day: 每周周五 is each Friday, not each Sunday
        ("每周周五前报送", [("recurring", "FREQ=WEEKLY;BYDAY=FR", None)]),
        ("每周的星期五下午3点前报送", [("recurring", "FREQ=WEEKLY;BYDAY=FR", None)]),
        # a bare 周X after 于 names the day of a weekly 每 before it in its sentence; alone it is one day
        ("每周的周报于周一报送", [("recurring", "FREQ=WEEKLY;BYDAY=MO", None)]),
        ("请于周一报送", [("unknown", None, None)]),
        ("每周五报送,于周一补报", [("recurring", "FREQ=WEEKLY;BYDAY=FR", None)]),
        # a rule inside a period the text does not date (a holiday, a campaign) has no date; 尽快 bounds
        # nothing, and a dated period bounds the rule
        ("节假日期间每日报送值班情况", [("unknown", None, None)]),
        ("国庆节放假期间每日报送值班情况", [("unknown", None, None)]),
        ("春节前,每日报送", [("unknown", None, None)]),
        ("汛期,每周一报送", [("unknown", None, None)]),
        ("尽快,每月报送", [("unknown", None, None), ("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", None)]),
        ("1月24日至2月14日期间,实行每日报送", [("recurring", "FREQ=DAILY", D(2024, 1, 24))]),
        # a comma does not end the period: the rule still runs only during the 整改 (its days unknown)
        ("整改期间,每周报送进展", [("unknown", None, None)]),
        ("专项行动期间，每月5日前报送上月工作进展", [("unknown", None, None)]),
        ("整改期间。每周五报送进展", [("recurring", "FREQ=WEEKLY;BYDAY=FR", None)]),
        ("整改期间提出的问题,每周五报送进展", [("recurring", "FREQ=WEEKLY;BYDAY=FR", None)]),
        # at no set time, or as the need arises: irregular
        ("以不定时间、不定地点的方式开展督查", [("irregular", None, None)]),
        ("必要时可以临时召开", [("irregular", None, None)]),
    ],
)
def test_fifth_round_mechanisms(text: str, expected: list[tuple[str, Any, Any]]) -> None:
    assert _read(text) == expected


def _bounds(text: str, base: dt.date = _B5) -> list[tuple[str, Any, Any, Any]]:
    return [(p.kind, p.due or p.rrule, p.start, p.until) for p in parse_phrase(text, base)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an estimate (左右, 前后 after the time; 约, 大约, 大概 before it) names no day: unknown, never exact
        ("3月10日左右报送", [("unknown", None, None, None)]),
        ("约3月10日报送", [("unknown", None, None, None)]),
        ("2024年8月31日前后报送", [("unknown", None, None, None)]),
        ("每月10日左右报送", [("unknown", None, None, None)]),
        ("季度结束后15日左右报送", [("unknown", None, None, None)]),
        ("大约年底完成", [("unknown", None, None, None)]),
        # … but 约定 / 预约 are no estimate, an estimated amount or time of day leaves the day as read
        ("约定于3月10日前报送", [("dated", D(2024, 3, 10), None, None)]),
        ("预约3月10日前办理", [("dated", D(2024, 3, 10), None, None)]),
        ("2024年3月10日前报送,约200字", [("dated", D(2024, 3, 10), None, None)]),
        ("3月10日下午3点左右报送", [("dated", D(2024, 3, 10), None, None)]),
        # words that close with a period word (工作期间, 阶段) before a rule: the rule runs in that period
        (
            "2024年7月工作期间,每周报送",
            [("recurring", "FREQ=WEEKLY;BYDAY=SU", D(2024, 7, 1), D(2024, 7, 31))],
        ),
        ("2024年7月期间,每周报送", [("recurring", "FREQ=WEEKLY;BYDAY=SU", D(2024, 7, 1), D(2024, 7, 31))]),
        ("2024年7月底前整改期间,每周报送", [("unknown", None, None, None)]),
        # … an action before the rule keeps both as read
        (
            "2024年7月完成自查,每周五报送",
            [
                ("dated", D(2024, 7, 31), D(2024, 7, 1), None),
                ("recurring", "FREQ=WEEKLY;BYDAY=FR", None, None),
            ],
        ),
        # a whole year before a rule, with or without a comma: from that year on (a span of years: to its end)
        (
            "2021年,每季度报送",
            [("recurring", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", D(2021, 1, 1), None)],
        ),
        (
            "2021年每季度报送",
            [("recurring", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", D(2021, 1, 1), None)],
        ),
        (
            "2021年至2023年，每年12月31日前",
            [("recurring", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31", D(2021, 1, 1), D(2023, 12, 31))],
        ),
        # a reporting offset bounded by a period reports on that period's quarters: 04-10, 07-10, 10-10
        (
            "前三季度，每季度结束后10日内报送",
            [("recurring", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10", D(2024, 1, 11), D(2024, 10, 10))],
        ),
        # a start that cannot be read (a ROC or template year, a lost 年, a year too far back) leaves the rule after
        # it unknown, never unbounded
        ("於 100 年 1 月 1 日起,每月報送", [("unknown", None, None, None)]),
        ("20xx年1月1日起，每季度报送", [("unknown", None, None, None)]),
        ("20211月1日起，每月通报", [("unknown", None, None, None)]),
        ("2015年1月1日起，每月报送", [("unknown", None, None, None)]),
        ("於 100 年 2 月 15 日召開會議", [("unknown", None, None, None)]),
        ("2024年1月1日起，每月报送", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", D(2024, 1, 1), None)]),
        (
            "尽快,每月报送",
            [("unknown", None, None, None), ("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", None, None)],
        ),
        # 次月 / 季度结束后 after a clause whose date could not be read has nothing to count from
        ("春节前完成，次月5日前报送", [("unknown", None, None, None), ("unknown", None, None, None)]),
        ("20209月底前完成，次月5日前报送", [("unknown", None, None, None), ("unknown", None, None, None)]),
        ("春节前完成，次月第3个工作日报送", [("unknown", None, None, None), ("unknown", None, None, None)]),
        (
            "2024年9月底前完成，次月5日前报送",
            [("dated", D(2024, 9, 30), None, None), ("dated", D(2024, 10, 5), None, None)],
        ),
        ("次月5日前报送", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=5", None, None)]),
        # … so are 月底 / a bare day after such a clause, and a rule after an estimated start or period
        ("春节前完成初稿，月底前报送", [("unknown", None, None, None), ("unknown", None, None, None)]),
        (
            "2024年9月10日前后完成初稿，月底前报送",
            [("unknown", None, None, None), ("unknown", None, None, None)],
        ),
        (
            "2024年9月10日前完成初稿，月底前报送",
            [("dated", D(2024, 9, 10), None, None), ("dated", D(2024, 9, 30), None, None)],
        ),
        ("1月24日左右至2月14日期间,实行每日报送", [("unknown", None, None, None)]),
        ("2021年1月1日左右起，每月通报", [("unknown", None, None, None)]),
        # quarters that name the reports, then a time that cannot be read: no quarter's end is due
        (
            "一、二、三季度分别于春节前、7月10日、10月10日前报送",
            [
                ("unknown", None, None, None),
                ("dated", D(2024, 7, 10), None, None),
                ("dated", D(2024, 10, 10), None, None),
            ],
        ),
        # 每一季度 is 每季度 in a reporting offset too (was each month's 10th)
        ("每一季度次月10日前报送", [("recurring", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10", None, None)]),
        (
            "每一季度结束后15日内报送",
            [("recurring", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=15", None, None)],
        ),
        # a bare year that names or qualifies, with a time that cannot be read timing the clause: no year end
        ("請于春节前完成2025年农垦年报填报工作", [("unknown", None, None, None)]),
        ("本年度林区公路项目要求在8月底左右全部完工", [("unknown", None, None, None)]),
        ("本年度林区公路项目要求在8月底前全部完工", [("dated", D(2024, 8, 31), None, None)]),
        ("2025年完成", [("dated", D(2025, 12, 31), D(2025, 1, 1), None)]),
        ("从5月22日左右起至各地麦收结束,各有关省在麦收期间每日22:00前报送", [("unknown", None, None, None)]),
        # 此后 with a comma still starts the rule the day after the date before
        (
            "于2020年1月31日前上报;此后，每周至少上报一篇",
            [
                ("dated", D(2020, 1, 31), None, None),
                ("recurring", "FREQ=WEEKLY;BYDAY=SU", D(2020, 2, 1), None),
            ],
        ),
        # a bare start after a rule (or one that only says the rule takes effect) bounds it
        ("每月通报，2021年1月1日起", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", D(2021, 1, 1), None)]),
        (
            "每月25日前报送,从2022年3月起执行",
            [("recurring", "FREQ=MONTHLY;BYMONTHDAY=25", D(2022, 3, 1), None)],
        ),
        (
            "每月通报，2021年1月1日起开展第二轮评估",
            [("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", None, None), ("start", None, D(2021, 1, 1), None)],
        ),
        # a weekday in brackets after a date does not hide the words after it (a cut-off, a counted period)
        (
            "2023年6月30日(星期五)以前经审批部门登记成立的社会团体,必须参加年度检查。",
            [("unknown", None, None, None)],
        ),
        (
            "本报告中所列数据的统计期限自2010年1月1日(星期五)起至2010年12月31日止。",
            [("unknown", None, None, None)],
        ),
        ("请于6月6日(本周四)下午三点前报送", [("dated", D(2024, 6, 6), None, None)]),
        # an amount per period, with words but no day between, is no rule
        ("补贴标准为每人每年补贴1000元", [("unknown", None, None, None)]),
        ("每户每月发放300元", [("unknown", None, None, None)]),
        ("每月10日前发放300元", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=10", None, None)]),
        # a quarter timed apart at a time that cannot be read is still left out of the rule before it
        (
            "每季度结束后10日内报送，第四季度于春节前报送",
            [
                ("recurring", "FREQ=YEARLY;BYMONTH=4,7,10;BYMONTHDAY=10", None, None),
                ("unknown", None, None, None),
            ],
        ),
        (
            "每季度末报送（第四季度为12月20日前后）",
            [
                ("recurring", "FREQ=YEARLY;BYMONTH=3,6,9;BYMONTHDAY=-1", None, None),
                ("unknown", None, None, None),
            ],
        ),
        # an exemption stated before its rule narrows it as one after it does
        (
            "四季度免报，每季度结束后15日内报送",
            [("recurring", "FREQ=YEARLY;BYMONTH=4,7,10;BYMONTHDAY=15", None, None)],
        ),
        (
            "1月免报，每月10日前报送上月情况",
            [("recurring", "FREQ=MONTHLY;BYMONTH=2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=10", None, None)],
        ),
        ("1月、2月免报，每季度报送", [("unknown", None, None, None)]),
        (
            "2020年12月31日前，四季度免报",
            [("dated", D(2020, 12, 31), None, None), ("unknown", None, None, None)],
        ),
        # a period with no 每年 before a finer 每 is that year's period, not the same months every year
        (
            "2024年7月每周报送",
            [("recurring", "FREQ=WEEKLY;BYMONTH=7;BYDAY=SU", D(2024, 7, 1), D(2024, 7, 31))],
        ),
        (
            "三季度每月10日前报送",
            [("recurring", "FREQ=MONTHLY;BYMONTH=7,8,9;BYMONTHDAY=10", D(2024, 7, 1), D(2024, 9, 30))],
        ),
        ("2024年7月至9月每周报送", [("recurring", "FREQ=WEEKLY;BYDAY=SU", D(2024, 7, 1), D(2024, 9, 30))]),
        (
            "每年的3月至12月每周巡查",
            [("recurring", "FREQ=WEEKLY;BYMONTH=3,4,5,6,7,8,9,10,11,12;BYDAY=SU", None, None)],
        ),
        # an undated period before a rule across a semicolon, or before a working-day rule: unknown
        ("整改期间;每周报送", [("unknown", None, None, None)]),
        ("整改期间每月最后一个工作日报送", [("unknown", None, None, None)]),
        # a plain period, words, then a 每 in one clause: the rule runs in the period (no date at its end)
        ("2024年7月实行每日报送", [("recurring", "FREQ=DAILY", D(2024, 7, 1), D(2024, 7, 31))]),
        ("2024年7月工作期间每周报送", [("recurring", "FREQ=WEEKLY;BYDAY=SU", D(2024, 7, 1), D(2024, 7, 31))]),
        (
            "7月1日至8月31日期间各单位每月10日前报送",
            [("recurring", "FREQ=MONTHLY;BYMONTHDAY=10", D(2024, 7, 1), D(2024, 8, 31))],
        ),
        ("2024年7月各单位每月最后一个工作日报送", [("unknown", None, None, None)]),
        (
            "2024年各单位每季度报送一次工作情况",
            [("recurring", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", D(2024, 1, 1), None)],
        ),
        (
            "自2024年7月1日起至9月30日止实行每日报送",
            [("recurring", "FREQ=DAILY", D(2024, 7, 1), D(2024, 9, 30))],
        ),
        ("2024年7月1日起各单位每月报送", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", D(2024, 7, 1), None)]),
        (
            "第三季度各单位每月10日前报送",
            [("recurring", "FREQ=MONTHLY;BYMONTHDAY=10", D(2024, 7, 1), D(2024, 9, 30))],
        ),
        ("2024年7月底前完成各单位每月报送", [("dated", D(2024, 7, 31), None, None)]),
        # times before the 每 in one run bound the rule (not its day); a working-day rule after them is unknown
        ("自7月1日起每月报送", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", D(2024, 7, 1), None)]),
        (
            "7月1日至8月31日每月报送",
            [("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", D(2024, 7, 1), D(2024, 8, 31))],
        ),
        (
            "2024年下半年每季度末报送",
            [("recurring", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", D(2024, 7, 1), D(2024, 12, 31))],
        ),
        ("2024年7月每季度末报送", [("unknown", None, None, None)]),
        ("2024年7月1日起每月最后一个工作日报送", [("unknown", None, None, None)]),
        ("每年7月", [("recurring", "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1", None, None)]),
        # a rule a few words after an undated period (no 的 between) runs inside it: unknown
        ("整改期间实行每日报送", [("unknown", None, None, None)]),
        ("整改期间,要求每周报送进展", [("unknown", None, None, None)]),
        ("汛期要求每周报送进展", [("unknown", None, None, None)]),
        ("整改期间提出的问题,每周五报送进展", [("recurring", "FREQ=WEEKLY;BYDAY=FR", None, None)]),
        ("会议期间提出的意见每月汇总", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", None, None)]),
        # 4月初 after 3月底 (either side of a month's turn) is no exact day; two 旬 at once are one window
        # (the sixth round: was unknown)
        ("3月底4月初完成", [("unknown", None, None, None)]),
        ("6月上中旬完成", [("dated", D(2024, 6, 20), D(2024, 6, 1), None)]),
        ("6月中下旬完成", [("dated", D(2024, 6, 30), D(2024, 6, 11), None)]),
        ("6月中旬完成", [("dated", D(2024, 6, 20), D(2024, 6, 11), None)]),
        # a period under an unread year, or an estimated time, a few words before a rule: unknown
        ("20xx年7月实行每日报送", [("unknown", None, None, None)]),
        ("20xx年7月,每周报送", [("unknown", None, None, None)]),
        ("20xx年7月;每月最后一个工作日报送", [("unknown", None, None, None)]),
        ("於 100 年 7 月,每月報送", [("unknown", None, None, None)]),
        ("7月10日左右实行每日报送", [("unknown", None, None, None)]),
        ("约7月要求每周报送进展", [("unknown", None, None, None)]),
        # 每周2-3次 counts times a week: no Tuesday (each week, assumed Sunday, as 每周两次)
        ("每周2-3次", [("recurring", "FREQ=WEEKLY;BYDAY=SU", None, None)]),
        ("每周五报送", [("recurring", "FREQ=WEEKLY;BYDAY=FR", None, None)]),
        # the start of each period (每季度初, 每月初) and 每年的第一个月 name no day: never the period's end
        ("每季度初报送", [("unknown", None, None, None)]),
        ("每月初报送", [("unknown", None, None, None)]),
        ("每年的第一个月", [("unknown", None, None, None)]),
        (
            "每季度第一个月10日前报送",
            [("recurring", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10", None, None)],
        ),
        # a season, or the first month of a quarter with no day, names no day (was the year's or quarter's end)
        ("2025年春季完成", [("unknown", None, None, None)]),
        ("每年秋季开展", [("unknown", None, None, None)]),
        ("下季度首月完成", [("unknown", None, None, None)]),
        ("次季度首月10日前报送", [("recurring", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10", None, None)]),
        # traditional characters read as simplified ones in the merge's patterns too
        ("二、2009年3-12月的月報要求在每月的月後20日前報送", [("unknown", None, None, None)]),
        (
            "从5月22日起至各地麦收結束,各有關省在麦收期間每日22:00前報送",
            [("recurring", "FREQ=DAILY", D(2024, 5, 22), None)],
        ),
    ],
)
def test_probed_wrong_dates(text: str, expected: list[tuple[str, Any, Any, Any]]) -> None:
    assert _bounds(text) == expected


# --- the sixth held-out round: lunar dates, calendars, clinic hours, examples, tax rules ------------

_SIXTH: list[tuple[str, list[tuple[str, Any, Any]]]] = [
    # a lunar date is no Gregorian date: unknown, never the Gregorian month or 每年's 31 December
    ("大禹祭祀每年在农历六月初六举行", [("unknown", None, None)]),
    ("每年農曆正月16日春祭", [("unknown", None, None)]),
    ("每年三月三放假两天", [("unknown", None, None)]),
    ("祭祀日期为正月十五日至正月十七日", [("unknown", None, None)]),
    ("九月初九前报送", [("unknown", None, None)]),
    # … but a Gregorian date stays one, and a lunar date restating it is read past
    ("每年三月三日前报送", [("recurring", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3", None)]),
    ("2月7日(正月初七)开始正常上班", [("start", None, D(2024, 2, 7))]),
    ("3月底前报送", [("dated", D(2024, 3, 31), None)]),
    # a calendar's days off and days back (教师返校, 寒假, 正式上课, a weekend made a teaching day), clinic
    # hours over a holiday, and the days off in brackets after 放假 are no deadlines
    ("教师返校:2025年9月5日", [("unknown", None, None)]),
    ("学生寒假:2026年1月17日至2月27日(6周)", [("unknown", None, None)]),
    ("9月8日正式上课", [("unknown", None, None)]),
    ("(2025年9月27日执行第4周星期二课程安排)", [("unknown", None, None)]),
    ("10月1日、2日、3日为全天休息,10月4日为上午门诊", [("unknown", None, None)]),
    ("4月30日至5月2日该院内科门诊全天应诊", [("unknown", None, None)]),
    (
        "春节放假共7天(2月15日—21日),2月22日(初七)起正常上班",
        [("start", None, D(2024, 2, 22))],
    ),
    # … while registration, exams and what is due before classes or about clinics stay dates
    ("学生注册:2025年9月6日", [("dated", D(2025, 9, 6), None)]),
    ("期中考试:2025年11月3日至11月14日", [("dated", D(2025, 11, 14), D(2025, 11, 3))]),
    ("9月8日上课前报送", [("dated", D(2024, 9, 8), None)]),
    ("各医院于4月30日前报送门诊情况", [("dated", D(2024, 4, 30), None)]),
    # a weekday stated, a month naming a filing period, a document's title, examples, a template year with a
    # digit (xxx5年), and a period a span of days counts from are no deadlines
    ("12月15日为星期日,申报纳税期限顺延至12月16日", [("dated", D(2024, 12, 16), None)]),
    ("2月份申报期:个人所得税申报期限:2月1日-22日", [("dated", D(2024, 2, 22), D(2024, 2, 1))]),
    ("2月申报期限为2月20日", [("dated", D(2024, 2, 20), None)]),
    ("1.关于2023年上半年国民经济和社会发展计划执行情况的报告", [("unknown", None, None)]),
    ("比如每月的第一个周五、每月的最后一个周五等", [("unknown", None, None)]),
    ("即自xxx5年2月1日起至5月31日止", [("unknown", None, None)]),
    # … while a case cited (案例如…), a deadline after a title, a weekday in brackets and 上半年结束前 stay dates
    ("典型案例如湖南省要求2024年8月前完成整改任务", [("dated", D(2024, 8, 31), None)]),
    ("关于2023年上半年工作情况的报告于7月10日前报送", [("dated", D(2024, 7, 10), None)]),
    ("12月15日(星期日)前报送", [("dated", D(2024, 12, 15), None)]),
    ("上半年结束前报送", [("dated", D(2024, 6, 30), D(2024, 1, 1))]),
    # monthly or quarterly, which is not said: unknown (was quarterly); a quarterly offset alone stays one
    ("按月或按季预缴:月份或季度终了后15日内进行预缴申报", [("unknown", None, None)]),
    ("季度终了后15日内申报", [("recurring", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=15", None)]),
    # a 每 in a relative clause (所/应 + verb + 的) describes the noun; reporting each month stays a rule
    ("扣缴义务人每月所扣的税款,都应在次月七日内缴入国库", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=7", None)]),
    ("每月报送所扣的税款", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", None)]),
    # a bare weekday after 为 names the day of a weekly 每 with none in its sentence (was each Sunday)
    ("每周一次,时间为星期二下午", [("recurring", "FREQ=WEEKLY;BYDAY=TU", None)]),
    ("每周报送一次", [("recurring", "FREQ=WEEKLY;BYDAY=SU", None)]),
    # 当月 after a list of months means each of them: unknown (was each month's end); alone it is one date
    ("1月、3月、7月申报期限分别截至当月15日", [("unknown", None, None)]),
    ("当月15日前报送", [("dated", D(2024, 3, 15), None)]),
    # days listed after a month, 日 said once (was the last day, and the month's end)
    ("5月14、15、21、22日", [("dated", D(2024, 5, d), None) for d in (14, 15, 21, 22)]),
    ("1、2、3项于5月20日前完成", [("dated", D(2024, 5, 20), None)]),
    # that weekday of every month (was each month's end); 每月第一周星期五 stays unknown
    ("每月的第二个星期五为主题党日", [("recurring", "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=2", None)]),
    ("每月最后一个周五报送", [("recurring", "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1", None)]),
    (
        "上半年每月第一个星期一报送",
        [("recurring", "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6;BYDAY=MO;BYSETPOS=1", D(2024, 1, 1))],
    ),
    ("每月第一周星期五开展活动", [("unknown", None, None)]),
    # a span of months after a period's end: the end of the Nth month after each period (a bare 半年,
    # often the first half alone, stays unknown); after a dated clause, one date
    (
        "半年度报告应当在每个会计年度的上半年结束之日起两个月内",
        [("recurring", "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=-1", None)],
    ),
    ("年度终了后4个月内汇算清缴", [("recurring", "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=-1", None)]),
    ("季度结束后1个月内报送", [("recurring", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=-1", None)]),
    (
        "2024年9月底前完成,季度结束后1个月内报送",
        [("dated", D(2024, 9, 30), None), ("dated", D(2024, 10, 31), None)],
    ),
    ("半年度结束后两个月内完成", [("unknown", None, None)]),
    ("半年结束后15日内报送", [("recurring", "FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=15", None)]),
    # examples closed by 等 set no rule; 比如 illustrating a rule (no 等) is read
    (
        "比如,企业所得税年度终了后4个月内汇算清缴",
        [("recurring", "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=-1", None)],
    ),
    # a holiday's days in brackets are days off; a deadline moved past the holiday is one
    (
        "2月份申报期:(2月9日-15日春节假期)个人所得税申报期限:2月1日-22日;",
        [("dated", D(2024, 2, 22), D(2024, 2, 1))],
    ),
    ("2月10日至17日放假8天,申报纳税期限顺延至2月23日。", [("dated", D(2024, 2, 23), None)]),
    ("2月10日至17日放假8天。", [("unknown", None, None)]),
    ("春节假期期间每日报送", [("unknown", None, None)]),
    (
        "一、2018年春节放假调休共11天(2月15日除夕至2月25日正月初十),2月26日正月十一正常上班。",
        [("unknown", None, None)],
    ),
    # several weekdays in one weekly rule (was the first alone); 一、二季度 after 每周一 are quarters
    ("每周一、三、五上午开放", [("recurring", "FREQ=WEEKLY;BYDAY=MO,WE,FR", None)]),
    ("每周二和周四下午报送", [("recurring", "FREQ=WEEKLY;BYDAY=TU,TH", None)]),
    ("每周一、周三报送", [("recurring", "FREQ=WEEKLY;BYDAY=MO,WE", None)]),
    ("每周一至周五报送", [("recurring", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", None)]),
    ("每周二到周四下午开放", [("recurring", "FREQ=WEEKLY;BYDAY=TU,WE,TH", None)]),
    ("每周五至周一", [("recurring", "FREQ=WEEKLY;BYDAY=FR", None)]),
    ("每周一、二季度", [("recurring", "FREQ=WEEKLY;BYDAY=MO", None)]),
    ("每周五报送", [("recurring", "FREQ=WEEKLY;BYDAY=FR", None)]),
    # each half (was the second alone); 下半年 alone stays one date
    ("上下半年各开展一次检查", [("recurring", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1", None)]),
    ("每年上、下半年各组织一次培训", [("recurring", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1", None)]),
    ("下半年开展一次检查", [("dated", D(2024, 12, 31), D(2024, 7, 1))]),
    # two 旬 at once: one window, due at the end of the later
    ("6月上中旬完成", [("dated", D(2024, 6, 20), D(2024, 6, 1))]),
    ("每年6月上中旬报送", [("recurring", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=20", None)]),
    ("6月中报送", [("unknown", None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), _SIXTH)
def test_sixth_round_mechanisms(text: str, expected: list[tuple[str, Any, Any]]) -> None:
    assert _read(text) == expected


# --- the seventh held-out round: plans, task divisions, rectification and supervision reports -----

_SEVENTH: list[tuple[str, list[tuple[str, Any, Any]]]] = [
    # 当月 (that month) is the month named before it in the phrase (was the base month: January for a
    # corpus base, a wrong date); with none named, the base month, as 本月 always is
    (
        "3月15日前完成整改,确保当月下旬接受检查验收",
        [("dated", D(2024, 3, 15), None), ("dated", D(2024, 3, 31), D(2024, 3, 21))],
    ),
    ("10月15日前完成整改,当月底前报送", [("dated", D(2024, 10, 15), None), ("dated", D(2024, 10, 31), None)]),
    ("当月15日前报送", [("dated", D(2024, 3, 15), None)]),
    ("本月底前报送", [("dated", D(2024, 3, 31), None)]),
    ("6月10日前完成,次月5日前报送", [("dated", D(2024, 6, 10), None), ("dated", D(2024, 7, 5), None)]),
    # a sentence that reports an event done — a meeting held, a document issued, an instruction given,
    # a news item's date line — recounts its plain times: no deadline (were that day or month)
    ("2023年7月,省政府办公厅印发《行动方案》。", [("unknown", None, None)]),
    ("12月16日,市政府党组召开(扩大)会议,研究整改工作。", [("unknown", None, None)]),
    ("3月23日,县水利局召开专题会议。", [("unknown", None, None)]),
    ("9月17日,市长对整改工作做出批示:", [("unknown", None, None)]),
    ("济宁新闻网讯(记者 董振)4月27日上午,市政府召开专题会议。", [("unknown", None, None)]),
    # … but a meeting scheduled or requested, or timed by a direction word, keeps its day
    ("定于12月16日召开全体会议", [("dated", D(2024, 12, 16), None)]),
    ("请于3月23日召开专题会议", [("dated", D(2024, 3, 23), None)]),
    ("12月16日前召开专题会议", [("dated", D(2024, 12, 16), None)]),
    ("6月,印发实施方案", [("dated", D(2024, 6, 30), D(2024, 6, 1))]),
    ("要求3月23日召开专题会议", [("dated", D(2024, 3, 23), None)]),
    ("3月23日召开专题会议,部署工作", [("dated", D(2024, 3, 23), None)]),
    # a plain time wholly in a year before the base's is the past the sentence tells of, and so are the
    # sentence's other plain times; a past year that bounds a rule, a direction word, the base year stay
    ("2021年该区巡察发现问题应改尽改。", [("unknown", None, None)]),
    ("督察组于2022年11月至12月开展督察,并于2024年4月完成反馈。", [("unknown", None, None)]),
    ("2023年,完成整改", [("unknown", None, None)]),
    ("2022年完成整改任务的80%以上,2024年全面完成", [("dated", D(2024, 12, 31), D(2024, 1, 1))]),
    (
        "2023年,每季度报送",
        [("recurring", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", D(2023, 1, 1))],
    ),
    ("2023年12月底前完成", [("dated", D(2023, 12, 31), None)]),
    ("2024年完成整改", [("dated", D(2024, 12, 31), D(2024, 1, 1))]),
    # 持续 before a trend (持续下降, 持续改善) describes, it sets no standing task; 常态化 qualifying 机制 neither;
    # 持续… right after a plain year is that year's work; 长期坚持 stands even after 已经完成
    ("到2025年,农村人居环境持续改善", [("dated", D(2025, 12, 31), D(2025, 1, 1))]),
    ("事故总量持续下降", [("unknown", None, None)]),
    ("健全常态化推进机制", [("unknown", None, None)]),
    ("2024 年,持续深化改革", [("dated", D(2024, 12, 31), D(2024, 1, 1))]),
    ("已经完成,长期坚持。", [("ongoing", None, None)]),
    ("持续推进", [("ongoing", None, None)]),
    ("持续深化改革", [("ongoing", None, None)]),
    ("常态化开展", [("ongoing", None, None)]),
    ("截至8月底,39个项目持续推进落实", [("unknown", None, None)]),
    # done by a day and kept up: two parts, with or without a comma
    ("2024年底前完成并长期坚持", [("dated", D(2024, 12, 31), None), ("ongoing", None, None)]),
    ("2024年底前完成,长期坚持", [("dated", D(2024, 12, 31), None), ("ongoing", None, None)]),
    ("持续推进并长期坚持", [("ongoing", None, None)]),
    # 2024年初步实现 is 2024 + 初步 (preliminarily), not 年初 (the start of the year)
    ("2024年初步实现统筹建设", [("dated", D(2024, 12, 31), D(2024, 1, 1))]),
    ("2024年初完成", [("unknown", None, None)]),
    # 按季度实施…调度: a cadence with 实施 before its verb
    ("按季度实施清单化调度", [("recurring", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", None)]),
    ("按季度报送", [("recurring", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", None)]),
    # 从…启动至…结束: the verb before 至 is part of the span
    ("从2020年4月启动至2022年12月结束", [("dated", D(2022, 12, 31), D(2020, 4, 1))]),
    ("从2020年4月至2022年12月", [("dated", D(2022, 12, 31), D(2020, 4, 1))]),
    # 百日整治, 百日攻坚: a campaign's name, not an impossible day 100
    ("5月5日起至6月20日开展百日整治", [("dated", D(2024, 6, 20), D(2024, 5, 5))]),
    ("一百日内完成", [("unknown", None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), _SEVENTH)
def test_seventh_round_mechanisms(text: str, expected: list[tuple[str, Any, Any]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # days off that bound a rule (…期间每日报送) stay its bounds: was every day of the year for
        # 2月10日至17日放假期间每日报送 (the days off were dropped), and would have been after the sixth round's
        # days-off brackets
        ("2月10日至17日放假期间每日报送", [("recurring", "FREQ=DAILY", D(2024, 2, 10), D(2024, 2, 17))]),
        (
            "春节放假(2月10日至17日)期间每日报送",
            [("recurring", "FREQ=DAILY", D(2024, 2, 10), D(2024, 2, 17))],
        ),
        (
            "国庆放假(10月1日至7日)期间,每日报送",
            [("recurring", "FREQ=DAILY", D(2024, 10, 1), D(2024, 10, 7))],
        ),
        # the holiday named, its days off in brackets after it, then the day work resumes from: a start
        (
            "经医院研究决定,春节放假共7天(2月15日—21日,即年三十至初六),2月22日(初七)起正常上班。",
            [("start", None, D(2024, 2, 22), None)],
        ),
        ("春节放假前报送值班表", [("unknown", None, None, None)]),
        # a weekday in a later clause names the rule's day: one rule, not two
        ("每周一次,时间为星期二下午", [("recurring", "FREQ=WEEKLY;BYDAY=TU", None, None)]),
        ("每周的周报于周一报送", [("recurring", "FREQ=WEEKLY;BYDAY=MO", None, None)]),
    ],
)
def test_sixth_round_bounds(text: str, expected: list[tuple[str, Any, Any, Any]]) -> None:
    assert _bounds(text) == expected


_QUARTER_ENDS = [("recurring", f"FREQ=YEARLY;BYMONTH={m};BYMONTHDAY=-1", None) for m in (3, 6, 9, 12)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # months listed with 月 said once: each is a month (每年3、6、9、12月底前 was two rules of 31
        # December; 2023年3、4月 was 31 December and 30 April), read as the same months written out
        ("每年3、6、9、12月底前报送", _QUARTER_ENDS),
        ("每年3月、6月、9月、12月底前报送", _QUARTER_ENDS),
        (
            "每年1、7月报送",
            [("recurring", f"FREQ=YEARLY;BYMONTH={m};BYMONTHDAY=-1", None) for m in (1, 7)],
        ),
        (
            "2024年3、4月完成摸底",
            [("dated", D(2024, 3, 31), D(2024, 3, 1)), ("dated", D(2024, 4, 30), D(2024, 4, 1))],
        ),
        # a time without a year after one of a past year (the base is 2024) is of that year: not the base's
        # 30 April, and, as the seventh round reads a past year's plain times, recounted
        ("2023年3、4月完成摸底", [("unknown", None, None)]),
        ("2023年3月完成摸底，4月完成整改", [("unknown", None, None)]),
        ("每年1、5、9月的10日前报送", [("recurring", "FREQ=MONTHLY;BYMONTH=1,5,9;BYMONTHDAY=10", None)]),
        ("每年1、4、7、10月8日之前", [("recurring", "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=8", None)]),
        # without 每, months listed before a day: the day of each, or the first months whole? Unknown
        # (was 31 January, 31 May and 10 September)
        ("1、5、9月的10日前报送", [("unknown", None, None)]),
        ("1月、5月、9月10日前报送", [("unknown", None, None)]),
        # an item number opening a clause is no month: the next (or the one before) opens a later
        # (an earlier) clause; 1、 opening a list of two with no 2、 is either, and unknown
        (
            "1、3月底前完成摸底；2、6月底前完成整改",
            [("dated", D(2024, 3, 31), None), ("dated", D(2024, 6, 30), None)],
        ),
        ("1、3月底前完成摸底", [("unknown", None, None)]),
        # the quarter's own last month with a day (was unknown); 首月 is the month after the quarter
        ("每季度末月20日前报送", [("recurring", "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20", None)]),
        ("每季度最后一个月的25日前", [("recurring", "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=25", None)]),
        ("每季度第三个月20日前", [("recurring", "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20", None)]),
        ("每季度首月10日前报送", [("recurring", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10", None)]),
        ("每季度末月报送", [("recurring", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", None)]),
        # a first month is the quarter's only when a quarter is said: 每年首月 is January, 每半年第一个月
        # January and July (both were each quarter's first month), a first month of nothing unknown
        ("每年首月10日前报送上年情况", [("recurring", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=10", None)]),
        ("每半年第一个月10日前", [("recurring", "FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=10", None)]),
        ("第一个月10日前完成", [("unknown", None, None)]),
        ("每月首月10日前", [("unknown", None, None)]),
        ("下季度首月10日前", [("recurring", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10", None)]),
        (
            "每季度末报送，首月10日前公开",
            [
                ("recurring", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", None),
                ("recurring", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10", None),
            ],
        ),
        # a rule after a window of each year runs in its months (it ran all year, after a yearly deadline at
        # the window's end); where the months cannot be kept to (a weekly rule, part months) it is unknown
        ("每年5—9月，每月15日前报送", [("recurring", "FREQ=MONTHLY;BYMONTH=5,6,7,8,9;BYMONTHDAY=15", None)]),
        (
            "每年11月至次年2月，每月10日前报送",
            [("recurring", "FREQ=MONTHLY;BYMONTH=1,2,11,12;BYMONTHDAY=10", None)],
        ),
        ("每年5—9月，每周五报送", [("recurring", "FREQ=WEEKLY;BYMONTH=5,6,7,8,9;BYDAY=FR", None)]),
        ("每年5—9月每周五报送", [("recurring", "FREQ=WEEKLY;BYMONTH=5,6,7,8,9;BYDAY=FR", None)]),
        ("每年7月，每月第3个工作日报送", [("unknown", None, None)]),
        ("每年6月1日至9月20日，每月报送", [("unknown", None, None)]),
        ("每年5月至9月每月开展一次", [("recurring", "FREQ=MONTHLY;BYMONTH=5,6,7,8,9;BYMONTHDAY=-1", None)]),
        # seasons and flood times are no month (每年 alone was 31 December)
        ("每年春、秋两季各开展一次", [("unknown", None, None)]),
        ("每年汛前完成排查", [("unknown", None, None)]),
        ("每年秋冬季开展", [("unknown", None, None)]),
        # a span of dates in brackets after 每年 (and a period's name), or a period named later in the clause:
        # which months the rule keeps to is not read (were the 15th of every month, each 31 December)
        ("每年汛期(5—9月)每月15日前报送", [("unknown", None, None)]),
        ("每年(5—9月)每月15日前", [("unknown", None, None)]),
        ("每年主汛期(6月至8月)每周一报送", [("unknown", None, None)]),
        ("每年主汛期开展巡查", [("unknown", None, None)]),
        ("汛期(5—9月)每月15日前报送", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=15", D(2024, 5, 1))]),
        (
            "每季度末(分别在6月、9月和12月底)",
            [("recurring", "FREQ=YEARLY;BYMONTH=6,9,12;BYMONTHDAY=-1", None)],
        ),
        ("每年开展一次评估", [("recurring", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31", None)]),
        # 下月 alone is next month from a day the cell does not give (was the 10th of every month); 次月 in a
        # reporting cell is each month's, and 下月 after a date is the month after it
        ("下月10日前报送", [("unknown", None, None)]),
        ("次月5日前报送", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=5", None)]),
        ("9月底前完成，下月10日前报送", [("dated", D(2024, 9, 30), None), ("dated", D(2024, 10, 10), None)]),
        # controls: days listed after a month, months written out, a 序号 of a table
        ("5月14、15日召开培训会", [("dated", D(2024, 5, 14), None), ("dated", D(2024, 5, 15), None)]),
        ("3月、6月底前完成", [("dated", D(2024, 3, 31), D(2024, 3, 1)), ("dated", D(2024, 6, 30), None)]),
        ("2、2024年6月底前完成整改", [("dated", D(2024, 6, 30), None)]),
    ],
)
def test_months_listed_with_one_yue(text: str, expected: list[tuple[str, Any, Any]]) -> None:
    assert _read(text) == expected


# --- probing today's mechanisms, second pass: wrong dates found and their controls -------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # months listed under 每年 across 次年 share the day after the last (4、7、10月 were each month's end)
        ("每年4、7、10月和次年1月10日前报送", [("unknown", None, None)]),
        ("每年4月、7月、10月及次年1月15日前报送上季度情况", [("unknown", None, None)]),
        ("10月和次年1月10日前报送", [("unknown", None, None)]),
        # controls: a shared 底, months listed within one year
        (
            "每年4、7、10月和次年1月底前报送",
            [
                ("recurring", "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=-1", None),
                ("recurring", "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1", None),
                ("recurring", "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=-1", None),
                ("recurring", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=-1", None),
            ],
        ),
        ("每年3、6、9、12月10日前报送", [("recurring", "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=10", None)]),
        # clauses each timed at their head, the first in a past year: a later deadline without a year is that
        # year's (6月底前 was 30 June 2024)
        ("2023年完成摸底，6月底前完成整改", [("unknown", None, None)]),
        ("2023年3月完成摸底，6月底前完成整改", [("unknown", None, None)]),
        ("2022年启动，9月底前完成", [("unknown", None, None)]),
        # controls: a year of its own, a request after a past subject, the base year's own clauses
        ("2023年完成摸底，2024年6月底前完成整改", [("dated", D(2024, 6, 30), None)]),
        ("总结2023年工作,于1月10日前报送", [("dated", D(2024, 1, 10), None)]),
        (
            "3月完成摸底，6月底前完成整改",
            [("dated", D(2024, 3, 31), D(2024, 3, 1)), ("dated", D(2024, 6, 30), None)],
        ),
        # a yearly window, then a rule on several months: the months inside it (每季度末 ran all year, with a
        # yearly 30 June besides)
        ("每年1—6月，每季度末报送", [("recurring", "FREQ=YEARLY;BYMONTH=3,6;BYMONTHDAY=-1", None)]),
        ("每年5月至9月，每季度末报送", [("recurring", "FREQ=YEARLY;BYMONTH=6,9;BYMONTHDAY=-1", None)]),
        ("每年1—2月，每季度末报送", [("unknown", None, None)]),
        ("每年1—6月，每季度结束后10日内报送", [("unknown", None, None)]),
        ("每年6月1日至9月20日，每季度末报送", [("unknown", None, None)]),
        # controls: a rule finer than the year, a rule with no window
        ("每年5—9月，每月15日前报送", [("recurring", "FREQ=MONTHLY;BYMONTH=5,6,7,8,9;BYMONTHDAY=15", None)]),
        ("每季度末报送", [("recurring", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", None)]),
        # a day counted from a period's start is not its end (每月首日 was the last day of each month, 每周首个
        # 工作日 each Sunday, 2024年3月首个工作日 31 March)
        ("每月首日报送", [("unknown", None, None)]),
        ("每季度第一天", [("unknown", None, None)]),
        ("每月第10天", [("unknown", None, None)]),
        ("每年首个工作日", [("unknown", None, None)]),
        ("每周首个工作日", [("unknown", None, None)]),
        ("2024年3月首个工作日", [("unknown", None, None)]),
        # controls: a working day counted, a day of the month, a period's first month
        ("每月第一个工作日", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=1", None)]),
        ("每月1日报送", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=1", None)]),
        ("每季度首月10日前", [("recurring", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10", None)]),
        # a 旬 said once after listed months or 旬 words (1月 was 31 January, 每月上、中 each month's end)
        ("每年1月、7月上旬", [("unknown", None, None)]),
        ("每年6、12月中旬", [("unknown", None, None)]),
        ("1月、7月上旬", [("unknown", None, None)]),
        ("每月上、中、下旬各一次", [("unknown", None, None)]),
        # controls: a 旬 of each month written out, one month's 旬
        (
            "每月上旬、下旬各报送一次",
            [
                ("recurring", "FREQ=MONTHLY;BYMONTHDAY=10", None),
                ("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", None),
            ],
        ),
        ("每年3月上旬报送", [("recurring", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=10", None)]),
        (
            "3月上旬、6月下旬",
            [("dated", D(2024, 3, 10), D(2024, 3, 1)), ("dated", D(2024, 6, 30), D(2024, 6, 21))],
        ),
        # days counted back from a date (6月30日前3天 was 30 June, 每月底前3天 each month's end)
        ("6月30日前3天报送", [("unknown", None, None)]),
        ("月底前3天", [("unknown", None, None)]),
        ("每月底前3天报送", [("unknown", None, None)]),
        ("6月底前3个工作日", [("unknown", None, None)]),
        # controls: 提前, a span after a comma, a plain 前
        ("6月30日前报送", [("dated", D(2024, 6, 30), None)]),
        ("提前3天报送，6月30日前完成", [("dated", D(2024, 6, 30), None)]),
        ("每月底前报送", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", None)]),
        # a bracket of months after a 每 and its action (每季度报送一次（3、6、9、12月底前） was each 31 December)
        (
            "每季度报送一次（3、6、9、12月底前）",
            [("recurring", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", None)],
        ),
        (
            "每半年报送一次（6月底、12月底前）",
            [("recurring", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1", None)],
        ),
        # controls: a bracket right after the 每, a bracket with no month, one month
        ("每季度末(3、6、9、12月底前)", [("recurring", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", None)]),
        ("每月报送一次（节假日顺延）", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=-1", None)]),
        ("每年报送一次（6月底前）", [("recurring", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=-1", None)]),
        # one month for a rule of each quarter or half (每季度3月底前 was each 31 March, every year)
        ("每季度3月底前", [("unknown", None, None)]),
        ("每半年6月底前报送", [("unknown", None, None)]),
        ("每季度报送一次（2024年3月底前）", [("unknown", None, None)]),
        ("每季度报送一次(3月底前)", [("unknown", None, None)]),
        # controls: a quarter's first or last month, a yearly month
        ("每季度最后一个月20日前报送", [("recurring", "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20", None)]),
        ("每半年首月10日前报送", [("recurring", "FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=10", None)]),
        ("每年3月底前", [("recurring", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1", None)]),
        # 前年底 / 后年底: the year before last / after next (both were 31 December 2024)
        ("后年底前", [("unknown", None, None)]),
        ("前年底完成", [("unknown", None, None)]),
        # controls: this, next and last year's end
        ("年底前", [("dated", D(2024, 12, 31), None)]),
        ("明年底前", [("dated", D(2025, 12, 31), None)]),
        ("次年底前", [("dated", D(2025, 12, 31), None)]),
        ("上年底", [("dated", D(2023, 12, 31), None)]),
        ("提前年底完成", [("dated", D(2024, 12, 31), None)]),
        # … and a month of that year (前年6月底前 was 30 June 2024)
        ("前年6月底前", [("unknown", None, None)]),
        ("后年6月底前", [("unknown", None, None)]),
        ("以后年度每年3月底前报送", [("recurring", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1", None)]),
    ],
)
def test_probed_wrong_dates_2(text: str, expected: list[tuple[str, Any, Any]]) -> None:
    assert _read(text) == expected


# --- the eighth held-out round ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year naming the schedule the clauses after it set out (今年…时间,从即日开始,…) was 31 December
        ("今年征兵报名时间,从即日开始,7月31日前完成报名。", [("dated", D(2024, 7, 31), None)]),
        ("今年报名时间:7月31日前。", [("dated", D(2024, 7, 31), None)]),
        ("今年报名时间为7月1日至7月31日", [("dated", D(2024, 7, 31), D(2024, 7, 1))]),
        # … and the year it names is the dates' year
        ("2025年报名时间为7月1日至7月31日", [("dated", D(2025, 7, 31), D(2025, 7, 1))]),
        # control: a year's own target, then a dated step, keeps both
        (
            "今年完成报名,7月31日前完成公示。",
            [("dated", D(2024, 12, 31), D(2024, 1, 1)), ("dated", D(2024, 7, 31), None)],
        ),
        # a figure compared with last year's, a count since a time: no deadline (were 31 December, a start)
        ("今年征集任务与去年持平。", [("unknown", None, None)]),
        ("自进入10月份以来,全省发生50起火灾。", [("unknown", None, None)]),
        ("自2024年1月1日起施行。", [("start", None, D(2024, 1, 1))]),
        # an event held, feedback given: recounted (were 3 August and 4 June)
        ("8月3日,我区举行活动启动仪式暨专题部署会。", [("unknown", None, None)]),
        ("5月29日到6月4日,县委巡察组分别向被巡察单位反馈巡察情况。", [("unknown", None, None)]),
        # controls: the event scheduled, the feedback asked for
        ("定于8月3日举行启动仪式。", [("dated", D(2024, 8, 3), None)]),
        ("8月3日前举行启动仪式。", [("dated", D(2024, 8, 3), None)]),
        ("请于6月4日前向县委巡察办反馈整改情况。", [("dated", D(2024, 6, 4), None)]),
        # a year naming a farming season (2025年春耕 was 31 December 2025); a season alone stays unknown
        ("力争在2025年5月底前完工,保障2025年春耕生产用水。", [("dated", D(2025, 5, 31), None)]),
        ("2025年春季完成", [("unknown", None, None)]),
        # a census's reference day and the year its data cover (were 31 December 2023)
        ("第五次全国经济普查的标准时点是2023年12月31日。", [("unknown", None, None)]),
        ("普查时期资料为2023年年度资料。", [("unknown", None, None)]),
        # a news item's dateline (was 8 December); a launch on a day is a start
        (
            "本报北京12月8日电 (记者张三)现场登记将于2024年1月1日正式启动。",
            [("start", None, D(2024, 1, 1))],
        ),
        ("新华社北京1月16日电 自2020年起,义务兵征集调整。", [("start", None, D(2020, 1, 1))]),
        # controls: 电 in a word after a deadline; a launch by a day, a launch ceremony
        ("请于12月8日报送电子版。", [("dated", D(2024, 12, 8), None)]),
        ("2024年3月1日启动,6月底前完成。", [("start", None, D(2024, 3, 1)), ("dated", D(2024, 6, 30), None)]),
        ("6月底前启动。", [("dated", D(2024, 6, 30), None)]),
        ("3月1日启动仪式", [("dated", D(2024, 3, 1), None)]),
        # the day a winter holiday begins (was 20 January); control: a deadline about the holiday
        ("学校将在1月20日放寒假。", [("unknown", None, None)]),
        ("1月20日前报送寒假安排。", [("dated", D(2024, 1, 20), None)]),
        # some time after each month's end, no span given (was each month's end)
        ("每月终了后,编制月报。", [("unknown", None, None)]),
        # controls: the span after the end, with or without 的 (后的 was each month's, each quarter's end)
        ("每月终了后15日内报送。", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=15", None)]),
        ("每月终了后的15日内报送。", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=15", None)]),
        (
            "每季度结束后的10个工作日内报送。",
            [("recurring", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1", None)],
        ),
        # 持续… listed among the stages a clause counts is a stage's name (was ongoing); controls
        ("将整改细分为集中整改、持续整改、整改总结三个阶段。", [("unknown", None, None)]),
        ("集中整改、持续整改、整改总结", [("ongoing", None, None)]),
        ("立行立改、长期坚持", [("ongoing", None, None)]),
        # 每旬: each 旬's end, assumed (每旬 was no time, and 每旬、月末 the base month's end)
        ("每旬报送", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=10,20,-1", None)]),
        (
            "上半年每旬报送",
            [("recurring", "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6;BYMONTHDAY=10,20,-1", D(2024, 1, 1))],
        ),
        (
            "每旬、月末报送旬报和月报",
            [("recurring", "FREQ=MONTHLY;BYMONTHDAY=10,20,-1", None), ("unknown", None, None)],
        ),
        # controls: a 旬 of each month
        ("每月上旬", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=10", None)]),
        ("每月上、中、下旬", [("unknown", None, None)]),
        # a line break kept as a space inside a Chinese numeral (每月二 十日 was the 10th)
        ("并于每月二 十日前逐级陈报。", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=20", None)]),
        ("每月二十日前", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=20", None)]),
        (
            "分别于六 月卅日及十二月卅一日前报",
            [("dated", D(2024, 6, 30), None), ("dated", D(2024, 12, 31), None)],
        ),
    ],
)
def test_eighth_round_mechanisms(text: str, expected: list[tuple[str, Any, Any]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a past year's time, then a yearless deadline opening the next sentence (the base is 2024): that
        # year's, past, and dropped as within a sentence (the full stop made it 30 June 2024)
        ("2023年3月完成摸底。6月底前完成整改", [("unknown", None, None)]),
        ("2023年完成摸底。6月底前完成整改", [("unknown", None, None)]),
        ("2023年3月完成摸底,6月底前完成整改", [("unknown", None, None)]),
        # controls: a year summed up, a later year, a deadline with its own year, a rule
        ("总结2023年工作。6月底前完成整改", [("dated", D(2024, 6, 30), None)]),
        (
            "2025年3月完成摸底。6月底前完成整改",
            [("dated", D(2025, 3, 31), D(2025, 3, 1)), ("dated", D(2025, 6, 30), None)],
        ),
        ("2023年3月完成摸底。2024年6月底前完成整改", [("dated", D(2024, 6, 30), None)]),
        ("2023年3月完成摸底。每年6月底前报送", [("recurring", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=-1", None)]),
    ],
)
def test_past_year_across_a_full_stop(text: str, expected: list[tuple[str, Any, Any]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "window", "due"),
    [
        # a bracket giving one year of a yearly rule its own date (30 June 2024 was read, the bracket dropped)
        (
            "每年6月底前（2024年为7月底前）",
            (D(2024, 1, 1), D(2026, 12, 31)),
            ["2024-07-31", "2025-06-30", "2026-06-30"],
        ),
        # each year the bracket lists (2025's 30 June was read after the first item)
        (
            "每年6月底前(2024年为7月底前,2025年为8月底前)",
            (D(2024, 1, 1), D(2025, 12, 31)),
            ["2024-07-31", "2025-08-31"],
        ),
        # a later year cannot be taken out of the rule: the rule is unknown, the bracket's date stays
        ("每年6月底前（2026年为7月底前）", (D(2024, 1, 1), D(2026, 12, 31)), ["2026-07-31"]),
        # one month of a monthly rule (10 December was read): December takes its own day
        (
            "每月10日前（12月为20日前）",
            (D(2024, 10, 1), D(2025, 1, 31)),
            ["2024-10-10", "2024-11-10", "2024-12-20", "2025-01-10"],
        ),
        ("每月10日前报送(12月份为20日前)", (D(2024, 11, 1), D(2024, 12, 31)), ["2024-11-10", "2024-12-20"]),
        # a month the rule does not have: unknown rather than a rule the bracket contradicts
        ("每年6月底前(12月为20日前)", (D(2024, 1, 1), D(2024, 12, 31)), ["2024-12-20"]),
        # controls: brackets that are no exception keep the rule; a quarter's own date as before
        ("每月10日前报送（遇节假日顺延）", (D(2024, 11, 1), D(2024, 12, 31)), ["2024-11-10", "2024-12-10"]),
        ("每月10日前报送(12月为年度总结)", (D(2024, 11, 1), D(2024, 12, 31)), ["2024-11-10", "2024-12-10"]),
        ("每月10日前报送（1月免报）", (D(2024, 12, 1), D(2025, 2, 28)), ["2024-12-10", "2025-02-10"]),
        (
            "每季度末报送（四季度为次年1月10日前）",
            (D(2024, 9, 1), D(2025, 1, 31)),
            ["2024-09-30", "2025-01-10"],
        ),
    ],
)
def test_exception_in_brackets(text: str, window: tuple[dt.date, dt.date], due: list[str]) -> None:
    assert phrase_result(text, _B5, *window)["due"] == due
