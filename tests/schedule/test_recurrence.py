"""gpstd.schedule.recurrence: expansion, bounds, caching, validation and the rule in words."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gpstd.schedule import recurrence as rec
from gpstd.schedule.recurrence import describe_rule, expand, to_rrule_text, validate_rrule

D = dt.date
QUARTERS = "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"


@pytest.mark.parametrize(
    ("rule", "low", "high", "kw", "expected"),
    [
        (
            QUARTERS,
            D(2020, 1, 1),
            D(2020, 12, 31),
            {},
            [D(2020, 3, 31), D(2020, 6, 30), D(2020, 9, 30), D(2020, 12, 31)],
        ),
        (
            QUARTERS,
            D(2020, 1, 1),
            D(2021, 12, 31),
            {"start": D(2021, 6, 30)},
            [D(2021, 6, 30), D(2021, 9, 30), D(2021, 12, 31)],
        ),
        (
            QUARTERS,
            D(2020, 1, 1),
            D(2021, 12, 31),
            {"until": D(2020, 9, 29)},
            [D(2020, 3, 31), D(2020, 6, 30)],
        ),
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
            D(2020, 1, 1),
            D(2021, 12, 31),
            {},
            [D(2020, 2, 29), D(2021, 2, 28)],
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            D(2021, 1, 15),
            D(2021, 3, 31),
            {},
            [D(2021, 1, 31), D(2021, 2, 28), D(2021, 3, 31)],
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
            D(2021, 1, 1),
            D(2021, 3, 31),
            {},
            [D(2021, 1, 30), D(2021, 2, 28), D(2021, 3, 30)],
        ),
        (
            "FREQ=MONTHLY;BYMONTH=2,3;BYMONTHDAY=10",
            D(2021, 1, 1),
            D(2021, 12, 31),
            {},
            [D(2021, 2, 10), D(2021, 3, 10)],
        ),
        (
            "FREQ=WEEKLY;BYDAY=FR",
            D(2021, 1, 1),
            D(2021, 1, 20),
            {},
            [D(2021, 1, 1), D(2021, 1, 8), D(2021, 1, 15)],
        ),
        (
            "FREQ=YEARLY;INTERVAL=2;BYMONTH=12;BYMONTHDAY=31",
            D(2019, 1, 1),
            D(2024, 12, 31),
            {"anchor": D(2020, 1, 1)},
            [D(2020, 12, 31), D(2022, 12, 31), D(2024, 12, 31)],
        ),
        (
            "FREQ=YEARLY;INTERVAL=2;BYMONTH=12;BYMONTHDAY=31",
            D(2019, 1, 1),
            D(2024, 12, 31),
            {"anchor": D(2021, 5, 1)},
            [D(2019, 12, 31), D(2021, 12, 31), D(2023, 12, 31)],
        ),
        (
            "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1;UNTIL=20211231",
            D(2020, 1, 1),
            D(2025, 1, 1),
            {},
            [D(2020, 7, 31), D(2021, 7, 31)],
        ),
        (QUARTERS, D(2021, 1, 1), D(2020, 1, 1), {}, []),  # an empty window
        ("not a rule", D(2021, 1, 1), D(2021, 12, 31), {}, []),  # never raises
        ("FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=1", D(2021, 1, 1), D(2021, 12, 31), {}, []),
    ],
)
def test_expand(
    rule: str, low: dt.date, high: dt.date, kw: dict[str, dt.date], expected: list[dt.date]
) -> None:
    assert expand(rule, low, high, **kw) == expected


def test_expand_ten_years_of_a_quarterly_rule() -> None:
    dates = expand(QUARTERS, D(2020, 1, 1), D(2029, 12, 31))
    assert len(dates) == 40 and dates[0] == D(2020, 3, 31) and dates[-1] == D(2029, 12, 31)


def test_expand_is_memoised_per_rule_and_bounds() -> None:
    rec.cache_clear()
    for _ in range(1000):
        expand(QUARTERS, D(2020, 1, 1), D(2029, 12, 31))
    info = rec._expand_cached.cache_info()
    assert (info.misses, info.hits) == (1, 999)


def test_expand_returns_a_fresh_list() -> None:
    first = expand(QUARTERS, D(2020, 1, 1), D(2020, 12, 31))
    first.clear()
    assert len(expand(QUARTERS, D(2020, 1, 1), D(2020, 12, 31))) == 4


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ("FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1", None),
        (QUARTERS, None),
        ("FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1", None),
        ("FREQ=WEEKLY;BYDAY=FR", None),
        ("RRULE:FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=31", None),
        ("", "周期规则为空"),
        ("FREQ=YEARLY", "每年规则须写明 BYMONTH 和 BYMONTHDAY"),
        ("FREQ=MONTHLY", "每月规则须写明 BYMONTHDAY"),
        ("FREQ=WEEKLY", "每周规则须写明 BYDAY"),
        ("FREQ=HOURLY", "FREQ 应为"),
        ("FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=1", "BYMONTH 超出范围"),
        ("FREQ=YEARLY;BYMONTH=x;BYMONTHDAY=1", "BYMONTH 应为整数"),
        ("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;COUNT=3", "不支持的字段：COUNT"),
        ("DTSTART=20200101;FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1", "不支持的字段：DTSTART"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY 应为"),
        ("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;UNTIL=2020", "UNTIL 应为"),
    ],
)
def test_validate_rrule(rule: str, problem: str | None) -> None:
    found = validate_rrule(rule)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1", "每年7月31日"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "每年2月末"),
        ("FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30", "每年11月30日"),
        (QUARTERS, "每季度末（3月31日、6月30日、9月30日、12月31日）"),
        ("FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1", "每半年末（6月30日、12月31日）"),
        ("FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=15", "每年1月、4月、7月、10月15日"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "每月末"),
        ("FREQ=MONTHLY;BYMONTHDAY=5", "每月5日"),
        ("FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1", "每月30日（小月为月末）"),
        ("FREQ=WEEKLY;BYDAY=FR", "每周五"),
        ("FREQ=WEEKLY;BYDAY=SU", "每周日"),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR", "每周一、三、五"),
        ("FREQ=MONTHLY;BYDAY=FR;BYSETPOS=2", "每月第2个星期五"),
        ("FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1", "每月最后一个星期五"),
        ("FREQ=MONTHLY;BYDAY=-2TU", "每月倒数第2个星期二"),
        ("FREQ=MONTHLY;BYDAY=MO", "每月每个星期一"),
        ("FREQ=YEARLY;BYMONTH=5;BYDAY=2SU", "每年5月第2个星期日"),
        ("FREQ=YEARLY;INTERVAL=2;BYMONTH=12;BYMONTHDAY=31", "每两年12月31日"),
        ("gibberish", "gibberish"),
    ],
)
def test_describe_rule(rule: str, words: str) -> None:
    assert describe_rule(rule) == words


def test_to_rrule_text() -> None:
    assert to_rrule_text("freq=yearly;bymonth=7;bymonthday=-1") == "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1"
    assert to_rrule_text(QUARTERS, until=D(2022, 12, 31)) == QUARTERS + ";UNTIL=20221231"


@pytest.mark.parametrize(
    ("day", "days", "setpos"),
    [
        (5, (5,), ()),
        (28, (28,), ()),
        (29, (28, 29), (-1,)),
        (30, (28, 29, 30), (-1,)),
        (31, (-1,), ()),
    ],
)
def test_day_of_month_rule(day: int, days: tuple[int, ...], setpos: tuple[int, ...]) -> None:
    assert rec.day_of_month_rule(day) == (days, setpos)


# --- properties -------------------------------------------------------------------

_RULES = st.sampled_from(
    [
        QUARTERS,
        "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1",
        "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=15",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=YEARLY;INTERVAL=2;BYMONTH=12;BYMONTHDAY=31",
        "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1",
    ]
)
_DATES = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))


@settings(max_examples=300, deadline=None)
@given(
    _RULES,
    _DATES,
    _DATES,
    st.one_of(st.none(), _DATES),
    st.one_of(st.none(), _DATES),
    st.one_of(st.none(), _DATES),
)
def test_expansion_stays_inside_window_and_bounds(
    rule: str,
    low: dt.date,
    high: dt.date,
    start: dt.date | None,
    until: dt.date | None,
    anchor: dt.date | None,
) -> None:
    dates = expand(rule, low, high, start=start, until=until, anchor=anchor)
    assert dates == sorted(set(dates))
    for day in dates:
        assert low <= day <= high
        assert start is None or day >= start
        assert until is None or day <= until


@settings(max_examples=100, deadline=None)
@given(_RULES, _DATES, st.integers(0, 800), st.integers(0, 800))
def test_expanding_a_sub_window_gives_the_same_dates(rule: str, low: dt.date, extra: int, cut: int) -> None:
    high = low + dt.timedelta(days=extra)
    middle = low + dt.timedelta(days=min(cut, extra))
    whole = expand(rule, low, high, anchor=D(2020, 1, 1))
    parts = expand(rule, low, middle, anchor=D(2020, 1, 1)) + expand(
        rule, middle + dt.timedelta(days=1), high, anchor=D(2020, 1, 1)
    )
    assert whole == parts


@given(st.text(max_size=60))
def test_bad_rules_never_raise(rule: str) -> None:
    assert expand(rule, D(2020, 1, 1), D(2020, 12, 31)) in ([],) or validate_rrule(rule) is None
    assert isinstance(describe_rule(rule), str)


@pytest.mark.parametrize(
    ("rrule", "problem"),
    [
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            "周期规则永远不会有日期：BYMONTH=2 的月份都没有 BYMONTHDAY=30 这一天",
        ),
        (
            "FREQ=MONTHLY;BYMONTH=4,6;BYMONTHDAY=31",
            "周期规则永远不会有日期：BYMONTH=4,6 的月份都没有 BYMONTHDAY=31 这一天",
        ),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", None),  # leap years only: rare, not never
        ("FREQ=YEARLY;BYMONTH=2,3;BYMONTHDAY=30", None),
    ],
)
def test_a_rule_that_never_fires_is_invalid(rrule: str, problem: str | None) -> None:
    assert rec.validate_rrule(rrule) == problem


_MONTH_DAY_RULES = st.builds(
    lambda freq, interval, months, days: rec.make_rule(
        freq, interval=interval, bymonth=tuple(sorted(months)), bymonthday=tuple(days)
    ),
    st.sampled_from(["YEARLY", "MONTHLY"]),
    st.integers(1, 4),
    st.sets(st.integers(1, 12), max_size=4),
    st.lists(st.integers(-31, 31).filter(bool), min_size=1, max_size=3, unique=True),
)


@settings(max_examples=300, deadline=None)
@given(
    _MONTH_DAY_RULES,
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)),
    st.integers(0, 2000),
    st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))),
)
def test_month_and_day_rules_are_counted_as_dateutil_expands_them(
    rule: str, low: dt.date, span: int, anchor: dt.date | None
) -> None:
    """The direct count of 每月/每季度/每年 rules gives dateutil's dates for every window and phase."""
    from dateutil.rrule import rrulestr

    high = low + dt.timedelta(days=span)
    rec.cache_clear()
    ours = expand(rule, low, high, anchor=anchor)
    interval = int(rec.rule_parts(rule).get("INTERVAL", "1"))
    phase = anchor if anchor and interval > 1 else low  # expand's default phase: the window's start
    month = phase.month if rule.startswith("FREQ=MONTHLY") and interval > 1 else 1
    start = dt.datetime(phase.year, month, 1)
    while start.date() > low:  # back by whole periods to before the window, the phase kept
        start = start.replace(year=start.year - interval)
    midnight = dt.datetime.min.time()
    theirs = [
        d.date()
        for d in rrulestr(rule, dtstart=start).between(
            dt.datetime.combine(low, midnight), dt.datetime.combine(high, midnight), inc=True
        )
    ]
    assert ours == theirs
