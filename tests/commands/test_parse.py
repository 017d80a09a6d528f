"""`gpstd parse` as a user and as a tool (JSON Lines) use it."""

from __future__ import annotations

import json

import pytest


def test_parse_explains_recurring_rule(run):
    result = run("parse", "每年11月30日前报区政府办（调研科）", "--base", "2020-08-01", "--to", "2021-12-31")
    assert result.exit_code == 0
    assert "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30" in result.stdout
    assert "2020-11-30、2021-11-30" in result.stdout


def test_parse_json_lines_from_stdin(run):
    result = run(
        "parse",
        "-",
        "--json",
        "--base",
        "2020-01-01",
        input="每季度\n2020年8月31日前，报区政府办（调研科），10月31日前在区政府门户网站公开\n",
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["phrase"] for r in lines] == [
        "每季度",
        "2020年8月31日前，报区政府办（调研科），10月31日前在区政府门户网站公开",
    ]
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


def test_parse_reversed_window_is_bad_input_like_a_bad_date(run):
    # docs/cli.md: bad dates exit 1; a window that ends before it starts is one
    result = run("parse", "每月", "--from", "2021-01-01", "--to", "2020-01-01")
    assert result.exit_code == 1
    assert result.stderr == "gpstd: --from 2021-01-01 晚于 --to 2020-01-01：窗口起点不能晚于终点\n"
    assert run("parse", "每月", "--from", "2021-13-45").exit_code == 1


def test_parse_stdin_invalid_utf8_is_an_error_not_replaced(run):
    result = run("parse", "-", "--json", input=b"\xe6\xaf\x8f\xe5\xad\xa3\xe5\xba\xa6\n\n\xff\xfe\n")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "gpstd: 标准输入第 3 行不是有效的 UTF-8 文本：请先转换为 UTF-8 再输入\n"


def test_parse_stdin_skips_blank_lines(run):
    result = run("parse", "-", "--json", "--base", "2020-06-01", input="月底\r\n\n   \n每年\n")
    assert [json.loads(line)["phrase"] for line in result.stdout.splitlines()] == ["月底", "每年"]


@pytest.mark.parametrize("phrases", [[""], ["   "], ["每年7月", ""]])
def test_an_empty_phrase_is_a_usage_error(run, phrases):
    result = run("parse", *phrases)
    assert result.exit_code == 2
    assert "表述是空的" in result.stderr and result.stdout == ""
