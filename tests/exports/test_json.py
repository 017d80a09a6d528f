"""gpstd export json: the contract documented in docs/exports.md, checked key by key."""

from __future__ import annotations

import json
from pathlib import Path

TOP_KEYS = [
    "format",
    "version",
    "today",
    "window",
    "filters",
    "register_version",
    "meta",
    "units",
    "groups",
    "tasks",
]
TASK_KEYS = [
    "id",
    "section",
    "cells",
    "units",
    "schedule",
    "note",
    "status",
    "next_due",
    "occurrences",
    "state",
    "label",
    "days",
    "deadlines",
]
OCCURRENCE_KEYS = [
    "task_id",
    "due",
    "status",
    "item",
    "recurring",
    "text",
    "action",
    "recipient",
    "by",
    "done",
    "state",
    "label",
    "days",
    "assumed",
    "obligations",
]


def _export(run, *args: str) -> dict:
    result = run("export", "json", "--today", "2020-11-01", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_contract_keys(run):
    data = _export(run)
    assert list(data) == TOP_KEYS
    assert data["format"] == "gpstd-export" and data["version"] == 1
    assert data["today"] == "2020-11-01"
    assert data["window"] == {"start": None, "end": "2021-12-31"}
    assert data["filters"] == {"unit": None, "section": None, "direct": False, "after": None, "before": None}
    assert data["meta"]["district"] == "番禺区" and data["meta"]["start"] == "2020-08-01"
    task = data["tasks"][0]
    assert list(task) == TASK_KEYS
    assert isinstance(task["id"], int)
    assert list(task["occurrences"][0]) == OCCURRENCE_KEYS


def test_full_register_with_occurrences(run):
    data = _export(run)
    assert [t["id"] for t in data["tasks"]] == list(range(1, 29))
    task14 = data["tasks"][13]
    assert [o["due"] for o in task14["occurrences"]] == ["2020-11-30", "2021-11-30"]
    assert task14["next_due"]["due"] == "2020-11-30"
    assert task14["status"] == "later"
    assert task14["schedule"][0]["rrule"] == "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30"
    first = data["tasks"][0]
    [occurrence] = first["occurrences"]
    obligations = occurrence.pop("obligations")
    assert occurrence == {
        "task_id": 1,
        "due": "2020-08-31",
        "status": "overdue",
        "item": 0,
        "recurring": False,
        "text": "2020年8月31日前，报区政府办（调研科）",
        "action": "报区政府办（调研科）",
        "recipient": "区政府办（调研科）",
        "by": None,
        "done": False,
        "state": "overdue",
        "label": "逾期62天",
        "days": 62,
        "assumed": False,
    }
    # 区发展改革局 named, the rest through 区有关目录编制部门 -- never 区政府办, to whom it is reported
    assert obligations[0] == {
        "unit": "区发展改革局",
        "role": "lead",
        "via": None,
        "status": "overdue",
        "state": "overdue",
        "label": "逾期62天",
        "days": 62,
        "done_on": None,
    }
    assert "区政府办" not in {o["unit"] for o in obligations} and len(obligations) == 6
    # the overdue deadline is the one the task's row shows (next_due: the earliest open one)
    assert first["next_due"]["due"] == "2020-08-31" and first["status"] == "overdue"


def test_filters_and_window_are_recorded(run):
    data = _export(run, "--unit", "司法局", "--after", "2021-01-01", "--before", "2021-12-31")
    assert data["filters"]["unit"] == "司法局"
    assert data["window"] == {"start": "2021-01-01", "end": "2021-12-31"}
    dues = [o["due"] for t in data["tasks"] for o in t["occurrences"]]
    assert dues and all("2021-01-01" <= d <= "2021-12-31" for d in dues)
    assert all(t["occurrences"] for t in data["tasks"])


def test_output_is_utf8_not_escaped(run):
    result = run("export", "json")
    assert "番禺区" in result.stdout and "\\u" not in result.stdout


def test_occurrences_say_whether_they_are_done(run, register_copy, record_done):

    record_done(register_copy)
    data = _export(run, "--file", str(register_copy))
    done = {(t["id"], o["due"]): o["done"] for t in data["tasks"] for o in t["occurrences"]}
    assert [key for key, value in done.items() if value] == [(1, "2020-08-31"), (21, "2020-09-30")]
    assert done[(3, "2020-08-31")] is False  # one town of many reported
    task21 = data["tasks"][20]
    assert task21["next_due"] == {**task21["next_due"], "due": "2020-12-31", "done": False}
    assert data["tasks"][0]["status"] == "done"  # every view's state: done once every owner delivered


def test_docs_describe_every_export_and_the_json_keys():
    text = (Path(__file__).resolve().parents[2] / "docs" / "exports.md").read_text(encoding="utf-8")
    for fmt in ("ics", "xlsx", "csv", "json"):  # html: docs/publish.md
        assert f"gpstd export {fmt}" in text
    for key in [*TOP_KEYS, *TASK_KEYS, *OCCURRENCE_KEYS]:
        assert f'"{key}"' in text, key
