"""gpstd.exports.icsrules: a rule's pieces, each in a shape Outlook's patterns hold, give together
exactly the register's dates (expanded by gpstd) when dateutil expands each from its first date."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from gpstd.exports.icsrules import pieces
from gpstd.schedule.recurrence import expand, make_rule, rule_parts, validate_rrule

LOW, HIGH = dt.date(2020, 8, 1), dt.date(2033, 12, 31)


def _client_dates(rrule: str, low: dt.date, high: dt.date) -> list[dt.date]:
    """Each piece from its first date of the register's, expanded by dateutil as a client would."""
    register = expand(rrule, low, high, start=low)
    found = []
    for piece in pieces(rrule):
        first = next((d for d in register if piece.holds(d)), None)
        if first is None:
            continue
        text = f"{piece.rule};UNTIL={high:%Y%m%d}"
        rule = rrulestr(text, dtstart=dt.datetime.combine(first, dt.time()))
        found += [d.date() for d in rule]
    return found


def _outlook_shape(rule: str) -> bool:
    """One month and one day a year, or one day (1–28, or the last) every N months."""
    parts = rule_parts(rule)
    day = parts.get("BYMONTHDAY", "")
    if "," in day or "BYSETPOS" in parts:
        return False
    if parts["FREQ"] == "YEARLY":
        return (
            set(parts) <= {"FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY"} and "," not in day + parts["BYMONTH"]
        )
    return (
        parts["FREQ"] == "MONTHLY"
        and set(parts) <= {"FREQ", "INTERVAL", "BYMONTHDAY"}
        and (day == "-1" or 1 <= int(day) <= 28 or "INTERVAL" in parts)
    )


@pytest.mark.parametrize(
    "rrule, written",
    [
        ("FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", ["FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1"]),
        ("FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1", ["FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1"]),
        ("FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10", ["FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10"]),
        ("FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1", ["FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=31"]),
        (
            "FREQ=YEARLY;INTERVAL=2;BYMONTH=12;BYMONTHDAY=-1",
            ["FREQ=YEARLY;INTERVAL=2;BYMONTH=12;BYMONTHDAY=31"],
        ),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", ["FREQ=MONTHLY;BYMONTHDAY=-1"]),
        ("FREQ=MONTHLY;BYMONTHDAY=5,20", ["FREQ=MONTHLY;BYMONTHDAY=5", "FREQ=MONTHLY;BYMONTHDAY=20"]),
        (
            "FREQ=YEARLY;BYMONTH=2,3,11;BYMONTHDAY=-1",
            [
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
                "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31",
                "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30",
            ],
        ),
        ("FREQ=WEEKLY;BYDAY=FR", ["FREQ=WEEKLY;BYDAY=FR"]),
    ],
)
def test_rules_in_the_shapes_clients_take(rrule: str, written: list[str]) -> None:
    assert [p.rule for p in pieces(rrule)] == written


def test_a_day_clamped_to_short_months_is_a_piece_per_month() -> None:
    found = pieces("FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1")  # 每月30日（小月为月末）
    assert len(found) == 12
    assert found[1].rule == "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    assert found[3].rule == "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=30"
    assert [p.key for p in found[:2]] == ["m1-d30", "m2-d-1"]


def test_one_piece_keeps_the_item_uid_several_are_named() -> None:
    assert pieces("FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1")[0].key is None
    assert [p.key for p in pieces("FREQ=MONTHLY;BYMONTHDAY=5,20")] == ["d5", "d20"]


_DAYS = st.sampled_from([1, 5, 10, 15, 20, 28, 29, 30, 31, -1, -2])


@st.composite
def month_day_rules(draw: st.DrawFn) -> str:
    if draw(st.booleans()):  # 每月N日, clamped to short months as the phrase reader writes it
        day = draw(st.sampled_from([29, 30]))
        return make_rule("MONTHLY", bymonthday=tuple(range(28, day + 1)), bysetpos=(-1,))
    freq = draw(st.sampled_from(["YEARLY", "MONTHLY"]))
    months = tuple(sorted(draw(st.sets(st.integers(1, 12), min_size=1, max_size=12))))
    days = tuple(sorted(draw(st.sets(_DAYS, min_size=1, max_size=3))))
    interval = draw(st.sampled_from([1, 1, 2, 3]))
    every_month = freq == "MONTHLY" and draw(st.booleans())
    return make_rule(freq, interval=interval, bymonth=() if every_month else months, bymonthday=days)


@settings(max_examples=300, deadline=None)
@given(month_day_rules(), st.dates(dt.date(2020, 1, 1), dt.date(2024, 12, 31)))
def test_pieces_give_exactly_the_register_dates(rrule: str, low: dt.date) -> None:
    if validate_rrule(rrule) is not None:
        return
    register = expand(rrule, low, HIGH, start=low)
    client = _client_dates(rrule, low, HIGH)
    assert sorted(client) == register  # no date missing, none extra, none twice
    written = [p.rule for p in pieces(rrule)]
    kept = written == [rrule] and not _outlook_shape(rrule)  # every N months on a day 29–31: as it is
    assert kept or all(_outlook_shape(rule) for rule in written), written
