"""gpstd export ics: read back with icalendar, RRULEs expanded with dateutil against gpstd's own dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from gpstd import register
from gpstd.obligations import Ledger

UID = re.compile(r"gpstd-番禺区-task(\d+)-item(\d+)@gpstd")


def _calendar(run, *args: str) -> Calendar:
    result = run("export", "ics", "--today", "2020-11-01", *args)
    assert result.exit_code == 0, result.stderr
    return Calendar.from_ical(result.stdout_bytes)


def _key(event) -> tuple[int, int]:
    match = UID.fullmatch(str(event["UID"]))
    assert match, event["UID"]
    return int(match[1]), int(match[2])


def _dates(event, low: dt.date, high: dt.date) -> list[dt.date]:
    """What a calendar client shows: DTSTART, or the RRULE expanded from it by dateutil."""
    start = event.decoded("DTSTART")
    if "RRULE" not in event:
        return [start] if low <= start <= high else []
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=dt.datetime.combine(start, dt.time()))
    found = rule.between(dt.datetime.combine(low, dt.time()), dt.datetime.combine(high, dt.time()), inc=True)
    return [d.date() for d in found]


def _shown(cal: Calendar, low: dt.date, high: dt.date) -> set[tuple[int, int, dt.date]]:
    return {(*_key(ev), day) for ev in cal.walk("VEVENT") for day in _dates(ev, low, high)}


def _expected(low: dt.date | None, high: dt.date, unit: str | None = None):
    """The deadlines the ledger gives (a unit's: those it owes)."""
    ledger = Ledger(register.load(None))
    return {(o.task_id, o.item, o.due) for o in ledger.deadlines(low, high, unit=unit)}


@pytest.mark.parametrize(
    "low, high",
    [
        (dt.date(2020, 8, 1), dt.date(2030, 12, 31)),
        (dt.date(2021, 3, 15), dt.date(2023, 6, 30)),
        (dt.date(2020, 11, 1), dt.date(2020, 12, 31)),
    ],
)
def test_calendar_shows_exactly_gpstd_dates(run, low, high):
    whole = _calendar(run)
    assert _shown(whole, low, high) == _expected(low, high)
    windowed = _calendar(run, "--after", low.isoformat(), "--before", high.isoformat())
    assert _shown(windowed, dt.date(1900, 1, 1), dt.date(2100, 1, 1)) == _expected(low, high)


def test_unit_calendar_has_only_its_tasks(run):
    cal = _calendar(run, "--unit", "区司法局")
    low, high = dt.date(2020, 8, 1), dt.date(2026, 12, 31)
    assert _shown(cal, low, high) == _expected(low, high, unit="区司法局")
    assert "区司法局" in str(cal["X-WR-CALNAME"])


def test_recurring_items_are_one_event_with_rrule(run):
    cal = _calendar(run)
    events = cal.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    reg = register.load(None)
    recurring = {(t.id, i) for t in reg.tasks for i, s in enumerate(t.schedule) if s.kind == "recurring"}
    with_rule = {_key(e) for e in events if "RRULE" in e}
    assert with_rule == recurring
    # Task 7's quarterly rule starts 2021-01-01; task 21's from the register start, 2020-08-01.
    quarterly = {
        _key(e)[0]: e.decoded("DTSTART")
        for e in events
        if "RRULE" in e and e["RRULE"]["BYMONTH"] == [3, 6, 9, 12]
    }
    assert quarterly == {7: dt.date(2021, 3, 31), 21: dt.date(2020, 9, 30)}


def test_all_day_events_and_calendar_properties(run):
    result = run("export", "ics", "--today", "2020-11-01")
    raw = result.stdout_bytes.decode()
    assert "DTSTART;VALUE=DATE:20200831\r\n" in raw
    assert "X-WR-TIMEZONE:Asia/Shanghai\r\n" in raw
    cal = Calendar.from_ical(result.stdout_bytes)
    assert str(cal["X-WR-CALNAME"]) == "番禺区政务公开重点任务"
    assert str(cal["VERSION"]) == "2.0"
    for event in cal.walk("VEVENT"):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and end == start + dt.timedelta(days=1)


def test_uids_are_stable_across_runs_and_days(run):
    first = _calendar(run)
    later = Calendar.from_ical(run("export", "ics", "--today", "2021-05-05").stdout_bytes)
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in later.walk("VEVENT")]
    assert str(first.walk("VEVENT")[0]["UID"]) == "gpstd-番禺区-task1-item0@gpstd"


def test_description_tells_task_units_section_and_what_is_due(run):
    cal = _calendar(run)
    event = next(e for e in cal.walk("VEVENT") if _key(e) == (16, 1))
    text = str(event["DESCRIPTION"])
    assert "工作任务：落实政策解读“三同步”要求，提高解读质量。" in text
    assert "期限：区政府办每半年筛选优秀解读案例报市参评" in text
    assert "办理事项：筛选优秀解读案例报市参评" in text
    assert "执行单位：区政府办" in text
    assert "牵头单位：区各有关部门、各镇（街）" in text
    assert "方案项目：（九）" in text
    assert "周期：每半年末" in text
    assert str(event["SUMMARY"]).startswith("任务16：")


@pytest.mark.parametrize(
    "days, trigger",
    [
        ("7", -dt.timedelta(days=7) + dt.timedelta(hours=9)),
        ("1", -dt.timedelta(hours=15)),
    ],
)
def test_reminder_n_days_before_at_nine(run, days, trigger):
    cal = _calendar(run, "--remind", days)
    alarms = cal.walk("VALARM")
    assert len(alarms) == len(cal.walk("VEVENT"))
    assert {a.decoded("TRIGGER") for a in alarms} == {trigger}
    assert {str(a["ACTION"]) for a in alarms} == {"DISPLAY"}


def test_remind_zero_disables_alarms(run):
    assert _calendar(run, "--remind", "0").walk("VALARM") == []


def test_negative_remind_is_refused(run):
    result = run("export", "ics", "--remind", "-3")
    assert result.exit_code == 2
    assert "--remind 应为 0 或正整数" in result.stderr


def test_before_clips_rules_with_until(run):
    cal = _calendar(run, "--before", "2021-12-31")
    rules = [e["RRULE"] for e in cal.walk("VEVENT") if "RRULE" in e]
    assert rules and all(r["UNTIL"][0] == dt.date(2021, 12, 31) for r in rules)


def test_section_filter_and_empty_window(run):
    cal = _calendar(run, "--section", "7")
    assert {_key(e)[0] for e in cal.walk("VEVENT")} == {11, 13, 14}
    empty = _calendar(run, "--after", "1990-01-01", "--before", "1990-12-31")
    assert empty.walk("VEVENT") == []


def test_register_end_becomes_until_and_dates_still_agree(run, register_copy):
    text = register_copy.read_text(encoding="utf-8")
    register_copy.write_text(
        text.replace("  start: 2020-08-01\n", "  start: 2020-08-01\n  end: 2022-06-30\n", 1), encoding="utf-8"
    )
    result = run("export", "ics", "--file", str(register_copy))
    assert result.exit_code == 0, result.stderr
    cal = Calendar.from_ical(result.stdout_bytes)
    rules = [e["RRULE"] for e in cal.walk("VEVENT") if "RRULE" in e]
    assert rules and all(r["UNTIL"][0] == dt.date(2022, 6, 30) for r in rules)
    ledger = Ledger(register.load(str(register_copy)))
    low, high = dt.date(2020, 1, 1), dt.date(2030, 12, 31)
    assert _shown(cal, low, high) == {(o.task_id, o.item, o.due) for o in ledger.deadlines(low, high)}


def test_done_milestone_is_marked_and_silent_and_rules_list_done_dates(run, register_copy, record_done):

    record_done(register_copy)
    events = {_key(ev): ev for ev in _calendar(run, "--file", str(register_copy)).walk("VEVENT")}
    first = events[(1, 0)]
    assert str(first["SUMMARY"]).startswith("【已完成】任务1：")
    assert not first.walk("VALARM")
    town = events[(3, 0)]  # one town of many reported: not done
    assert str(town["SUMMARY"]).startswith("任务3：") and town.walk("VALARM")
    rule = events[(21, 0)]  # the quarterly rule stays one event, with its alarm
    assert "RRULE" in rule and "EXDATE" not in rule and rule.walk("VALARM")
    assert str(rule["SUMMARY"]).startswith("任务21：")
    assert "\n已完成：2020-09-30\n" in str(rule["DESCRIPTION"])
    done = [k for k, ev in events.items() if "已完成" in str(ev["SUMMARY"]) + str(ev["DESCRIPTION"])]
    assert sorted(done) == [(1, 0), (21, 0)]


def test_without_progress_no_event_is_marked(run, register_copy):
    events = list(_calendar(run, "--file", str(register_copy)).walk("VEVENT"))
    assert events and all(ev.walk("VALARM") for ev in events)
    assert not any("已完成" in str(ev["SUMMARY"]) + str(ev["DESCRIPTION"]) for ev in events)


def test_dtstamp_is_a_real_utc_instant(run):
    # Midnight of --today in Shanghai (UTC+8) is 16:00 UTC the day before.
    raw = run("export", "ics", "--today", "2020-11-01").stdout_bytes.decode()
    stamps = set(re.findall(r"\r\nDTSTAMP:(\S+)\r\n", raw))
    assert stamps == {"20201031T160000Z"}
