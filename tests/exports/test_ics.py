"""gpstd export ics: read back with icalendar; the dates the file yields -- expanded by dateutil, by
recurring_ical_events and by khal, a real client -- are the register's (gpstd's own count)."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from gpstd import register
from gpstd.obligations import Ledger

UID = re.compile(r"gpstd-番禺区-task(\d+)-item(\d+)(?:-[\w-]+)?@gpstd")


def _calendar(run, *args: str) -> Calendar:
    result = run("export", "ics", "--today", "2020-11-01", *args)
    assert result.exit_code == 0, result.stderr
    return Calendar.from_ical(result.stdout_bytes)


def _key(event) -> tuple[int, int]:
    """(task id, schedule item) of an event or a UID."""
    match = UID.fullmatch(event if isinstance(event, str) else str(event["UID"]))
    assert match, event
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


def test_quarterly_and_half_yearly_rules_are_every_n_months_from_the_first_date(run):
    """Outlook's yearly pattern holds one month: 每季度末 is the last day every 3 months, its phase
    from DTSTART. Task 7's rule starts 2021-01-01; task 21's from the register start, 2020-08-01."""
    events = {_key(e): e for e in _calendar(run).walk("VEVENT") if "RRULE" in e}
    rules = {key: _parts(e["RRULE"].to_ical().decode()) for key, e in events.items()}
    starts = {key: e.decoded("DTSTART") for key, e in events.items()}
    assert rules[(7, 1)] == rules[(21, 0)] == _parts("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1")
    assert (starts[(7, 1)], starts[(21, 0)]) == (dt.date(2021, 3, 31), dt.date(2020, 9, 30))
    assert rules[(16, 1)] == _parts("FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1")  # 每半年
    assert starts[(16, 1)] == dt.date(2020, 12, 31)
    assert rules[(13, 0)] == _parts("FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=31")  # 每年7月底: a plain date
    assert all(_one_month_one_day(e["RRULE"].to_ical().decode()) for e in events.values())


def _parts(rule: str) -> dict[str, str]:
    return dict(p.split("=") for p in rule.split(";"))


def _one_month_one_day(rule: str) -> bool:
    """A rule in the shapes of Outlook's recurrence patterns: yearly on one month and day, or one
    day every N months ([MS-OXCICAL] 2.1.3.2.2.3, 2.1.3.2.2.5)."""
    parts = _parts(rule)
    if "BYSETPOS" in parts or "," in parts.get("BYMONTHDAY", "") + parts.get("BYMONTH", ""):
        return False
    return parts["FREQ"] == "YEARLY" or (parts["FREQ"] == "MONTHLY" and "BYMONTH" not in parts)


# Rules no client pattern holds as one event (read into the bundled register with an override).
VARIED = {
    "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1": "FREQ=YEARLY;BYMONTH=2,3,11;BYMONTHDAY=-1",
    "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30": "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
    "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1": "FREQ=YEARLY;INTERVAL=2;BYMONTH=6,12;BYMONTHDAY=-1",
    "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20": "FREQ=MONTHLY;BYMONTHDAY=5,20",
}


@pytest.fixture
def varied(register_copy):
    text = register_copy.read_text(encoding="utf-8")
    for old, new in VARIED.items():
        line = f"        rrule: {old}\n"
        assert text.count(line) == 1, old
        text = text.replace(
            line, f"        rrule: {new}\n        override: 测试：换用日历软件难以照搬的规则\n"
        )
    register_copy.write_text(text, encoding="utf-8")
    return register_copy


def _expected_for(path, low: dt.date, high: dt.date):
    ledger = Ledger(register.load(str(path)))
    return {(o.task_id, o.item, o.due) for o in ledger.deadlines(low, high)}


def _by_recurring_ical_events(raw: bytes, low: dt.date, high: dt.date):
    """The second reader: icalendar parses the file, recurring_ical_events expands it."""
    import recurring_ical_events

    cal = Calendar.from_ical(raw)
    found = recurring_ical_events.of(cal).between(low, high + dt.timedelta(days=1))
    return [(*_key(ev), ev.decoded("DTSTART")) for ev in found]


LOW, HIGH = dt.date(2020, 8, 1), dt.date(2032, 12, 31)


def test_rules_no_pattern_holds_become_events_per_month_with_the_register_dates(run, varied):
    result = run("export", "ics", "--file", str(varied), "--today", "2020-11-01")
    assert result.exit_code == 0, result.stderr
    cal = Calendar.from_ical(result.stdout_bytes)
    rules = [e["RRULE"].to_ical().decode() for e in cal.walk("VEVENT") if "RRULE" in e]
    assert all(_one_month_one_day(rule) for rule in rules), rules
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert "gpstd-番禺区-task14-item0-m2-d-1@gpstd" in uids  # 每月30日: February's last day
    assert "gpstd-番禺区-task17-item0-d20@gpstd" in uids
    expected = _expected_for(varied, LOW, HIGH)
    assert _shown(cal, LOW, HIGH) == expected  # dateutil
    second = _by_recurring_ical_events(result.stdout_bytes, LOW, HIGH)
    assert len(second) == len(set(second)) and set(second) == expected


def test_piece_description_names_its_months(run, varied):
    cal = Calendar.from_ical(run("export", "ics", "--file", str(varied)).stdout_bytes)
    event = next(e for e in cal.walk("VEVENT") if str(e["UID"]).endswith("task13-item0-m2-d-1@gpstd"))
    text = str(event["DESCRIPTION"])
    assert "周期：每年2月、3月、11月末" in text and "本事项：其中每年2月末" in text


@pytest.mark.parametrize("fixture", ["register_copy", "varied"])
def test_khal_lists_the_register_dates(run, request, tmp_path, fixture):
    """The real client: khal imports the calendar into a fresh configuration and lists its events."""
    import shutil
    import subprocess

    khal = shutil.which("khal")
    if khal is None:
        pytest.skip("khal is not installed (apt-get install khal)")
    path = request.getfixturevalue(fixture)
    ics = tmp_path / "calendar.ics"
    assert run("export", "ics", "--file", str(path), "--today", "2020-11-01", "-o", str(ics)).exit_code == 0
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[gpstd]]\npath = {tmp_path / 'cal'}\ntype = calendar\n"
        "[locale]\nlocal_timezone = Asia/Shanghai\ndefault_timezone = Asia/Shanghai\n"
        "dateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ntimeformat = %H:%M\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "[default]\ndefault_calendar = gpstd\n",
        encoding="utf-8",
    )
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path)}
    khal_run = [khal, "-c", str(config)]
    subprocess.run(
        [*khal_run, "import", "--batch", "-a", "gpstd", str(ics)], env=env, check=True, timeout=120
    )
    listed = subprocess.run(
        [*khal_run, "list", "--format", "{start-date} {uid}", "--day-format", "", str(LOW), str(HIGH)],
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    ).stdout.split()
    shown = {(*_key(uid), dt.date.fromisoformat(day)) for day, uid in zip(listed[::2], listed[1::2])}
    assert len(listed) == 2 * len(shown)  # no date twice
    assert shown == _expected_for(path, LOW, HIGH)


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


@pytest.mark.parametrize("task", [7, 16, 21])
def test_an_assumed_rule_gives_its_note_as_the_reason_not_inside_a_sentence(run, task):
    """The note is the register's reason, written as a sentence of its own: it was put between
    “按” and “计”, which made “按此条在完成时间栏……按每半年末计。计” of every assumed rule."""
    item = next(i for i in register.load(None).task(task).schedule if i.assumed)
    cal = _calendar(run)
    event = next(e for e in cal.walk("VEVENT") if _key(e)[0] == task and "RRULE" in e)
    assert f"推定：原文未定具体日期（{item.note}）" in str(event["DESCRIPTION"]).split("\n")


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


def test_working_day_rules_are_one_event_per_date_as_the_ledger_counts_them(run, register_copy):
    """每月第3个工作日 follows the holiday calendar, which no RRULE can say: each date its own event,
    the dates the ledger gives (2021-02-03 after 春节's 调休, 2021-10-11 after 国庆)."""
    text = register_copy.read_text(encoding="utf-8")
    text = text.replace(
        "      deadline: 工作落实情况于2020年12月20日前报区政府办（调研科）。\n",
        "      deadline: 每月第3个工作日前报送。\n",
    ).replace(
        "      - kind: dated\n        text: 工作落实情况于2020年12月20日前报区政府办（调研科）\n        due: 2020-12-20\n"
        "        action: 将工作落实情况报区政府办（调研科）\n        recipient: 区政府办（调研科）\n",
        "      - kind: recurring\n        text: 每月第3个工作日前报送\n        rrule: FREQ=MONTHLY;BYMONTHDAY=1\n"
        "        workday: 3\n        action: 报送\n",
    )
    register_copy.write_text(text, encoding="utf-8")
    assert run("check", str(register_copy)).exit_code == 0, run("check", str(register_copy)).stdout
    result = run(
        "export", "ics", "--file", str(register_copy), "--after", "2021-01-01", "--before", "2021-12-31"
    )
    assert result.exit_code == 0, result.stderr
    events = [e for e in Calendar.from_ical(result.stdout_bytes).walk("VEVENT") if _key(e)[0] == 28]
    assert all("RRULE" not in e for e in events)
    days = sorted(e.decoded("DTSTART") for e in events)
    ledger = Ledger(register.load(str(register_copy)))
    assert days == [
        o.due for o in ledger.deadlines(dt.date(2021, 1, 1), dt.date(2021, 12, 31)) if o.task_id == 28
    ]
    assert dt.date(2021, 2, 3) in days and dt.date(2021, 10, 11) in days and len(days) == 12
