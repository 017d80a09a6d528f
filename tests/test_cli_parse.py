"""`gpstd parse` as a user and as a tool (JSON Lines) use it."""

from __future__ import annotations

import json


def test_parse_explains_recurring_rule(run):
    result = run("parse", "每年11月30日前报区政府办（调研科）", "--base", "2020-08-01",
                 "--to", "2021-12-31")
    assert result.exit_code == 0
    assert "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30" in result.stdout
    assert "2020-11-30、2021-11-30" in result.stdout


def test_parse_json_lines_from_stdin(run):
    result = run("parse", "-", "--json", "--base", "2020-01-01",
                 input="每季度\n2020年8月31日前，报区政府办（调研科），10月31日前在区政府门户网站公开\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["phrase"] for r in lines] == ["每季度", "2020年8月31日前，报区政府办（调研科），10月31日前在区政府门户网站公开"]
    assert lines[0]["due"] == ["2020-03-31", "2020-06-30", "2020-09-30", "2020-12-31"]
    assert lines[1]["due"] == ["2020-08-31", "2020-10-31"]
    assert [p["action"] for p in lines[1]["parts"]] == ["报区政府办（调研科）", "在区政府门户网站公开"]
    assert lines[1]["start"] is None


def test_parse_impossible_date_is_unknown_not_an_error(run):
    result = run("parse", "2020年13月45日前", "--json", "--base", "2020-01-01")
    record = json.loads(result.stdout)
    assert result.exit_code == 0
    assert record["parts"][0]["kind"] == "unknown"
    assert record["parts"][0]["problem"] == "日期不存在：2020年13月45日"
    assert record["due"] == []


def test_parse_bad_window_is_usage_error(run):
    result = run("parse", "每月", "--from", "2021-01-01", "--to", "2020-01-01")
    assert result.exit_code == 2 and "晚于" in result.stderr
