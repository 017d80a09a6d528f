"""What the terminal shows: a snapshot, widths, Chinese line breaking, colour policy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gpstd.render.grid import CLOSING, OPENING, Cell, Column, Section, table, width, wrap

SNAPSHOTS = Path(__file__).parent / "snapshots"
DUE_ARGS = ("due", "--before", "2020-09-30", "--today", "2020-09-25")


def test_due_table_snapshot(run):
    result = run(*DUE_ARGS)
    snapshot = SNAPSHOTS / "due-2020-09.txt"
    if os.environ.get("GPSTD_UPDATE_SNAPSHOTS"):
        snapshot.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize("columns", ["80", "60"])
@pytest.mark.parametrize(
    "args",
    [
        DUE_ARGS,
        ("overdue", "--today", "2020-12-01"),
        ("unit", "区民政局", "--today", "2020-11-01"),
        ("show", "21", "--today", "2020-11-01"),
        ("timeline", "--from", "2020-08-01", "--to", "2020-12-31", "--today", "2020-09-01"),
        ("section", "七"),
        ("ledger", "--unit", "市桥街道", "--today", "2020-12-01"),
        ("status", "--today", "2020-12-01"),
    ],
)
def test_fits_the_screen_and_never_splits_a_date(run, monkeypatch, args, columns):
    monkeypatch.setenv("COLUMNS", columns)
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    table_lines = [line for line in lines if line[:1] in "┏┃┡│├└"]
    if columns == "80":  # at 60 a six-column table may not fit; it still never splits a date
        assert max(width(line) for line in table_lines) <= int(columns)
    import re

    for line in table_lines:  # a date is whole on its line, or not there: never 2021-07-3|1
        assert not re.search(r"\d{4}-\d{2}-\d?\s*[│┃]\s*$", line), line


def test_one_table_with_months_as_separator_rows(run):
    out = run("due", "--before", "2021-07-31", "--today", "2020-09-25").stdout
    tops = [line for line in out.splitlines() if line.startswith("┏")]
    assert len(tops) == 1  # one table: every month's rows share the column widths
    assert "│ 2020年8月" in out and "│ 2021年7月" in out
    assert len({width(line) for line in out.splitlines() if line[:1] in "┏┃│├└"}) == 1


@pytest.mark.parametrize(
    "text",
    [
        "将所制定的制度报市政务公开办。落实文件确定和标注公开属性。",
        "在“基层政务公开标准化规范化”栏目加载信息。",
        "每季度情况通报，抄送区政府办（调研科）。区政务服务数据管理局汇总各单位情况",
        "区各有关部门、各镇（街）、区各有关单位、公共企事业单位主管部门",
    ],
)
@pytest.mark.parametrize("limit", [9, 10, 12, 17, 24])  # a column is never narrower than 10
def test_chinese_line_breaking(text, limit):
    lines = wrap(text, limit)
    assert "".join(lines) == text  # nothing lost, nothing added
    assert all(width(line) <= limit for line in lines)
    assert not any(line[0] in CLOSING for line in lines[1:])  # no 、。）」 at a line's start
    assert not any(line[-1] in OPENING for line in lines[:-1])  # no （「“ at a line's end


def test_latin_runs_are_not_split():
    assert wrap("截止 2021-07-31 之前报送", 12) == ["截止", "2021-07-31", "之前报送"]


def test_a_word_wider_than_the_column_is_cut_and_the_text_goes_on_after_it():
    assert wrap("见 https://example.gov.cn/zwgk/2021 网站", 10) == [
        "见",
        "https://ex",
        "ample.gov.",
        "cn/zwgk/20",
        "21 网站",
    ]
    assert wrap("报送区政务公开办   2021-07-31前", 12) == ["报送区政务公", "开办", "2021-07-31前"]


def test_table_layout_is_exact():
    text = table(
        [Column("期限", wrap=False), Column("说明", max_width=8)],
        [Section("2020年9月"), [Cell("2020-09-30"), "落实文件确定和标注。"]],
        40,
        color=False,
    )
    assert text == (
        "┏━━━━━━━━━━━━┳━━━━━━━━━━┓\n"
        "┃ 期限       ┃ 说明     ┃\n"
        "┡━━━━━━━━━━━━╇━━━━━━━━━━┩\n"
        "│ 2020年9月             │\n"
        "│ 2020-09-30 │ 落实文件 │\n"
        "│            │ 确定和标 │\n"
        "│            │ 注。     │\n"
        "└────────────┴──────────┘\n"
    )


def test_a_text_column_is_as_wide_as_its_widest_line_up_to_its_cap():
    unit, note = Column("单位", max_width=24), Column("说明", max_width=8)
    repeated = ["7", "区司法局", Cell("落实文件确定和标注。", "soon")]
    text = table(
        [Column("编号", align="right", wrap=False), unit, note],
        [repeated, ["12", "区政务服务数据管理局\n区司法局", "报送"], repeated],
        60,
        color=False,
    )
    assert text == (
        "┏━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┓\n"
        "┃ 编号 ┃ 单位                 ┃ 说明     ┃\n"
        "┡━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━┩\n"
        "│    7 │ 区司法局             │ 落实文件 │\n"
        "│      │                      │ 确定和标 │\n"
        "│      │                      │ 注。     │\n"
        "│   12 │ 区政务服务数据管理局 │ 报送     │\n"
        "│      │ 区司法局             │          │\n"
        "│    7 │ 区司法局             │ 落实文件 │\n"
        "│      │                      │ 确定和标 │\n"
        "│      │                      │ 注。     │\n"
        "└──────┴──────────────────────┴──────────┘\n"
    )


def _gpstd(*args: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    environ.update(env)
    proc = subprocess.run(
        [sys.executable, "-m", "gpstd", *args], capture_output=True, text=True, env=environ, check=True
    )
    return proc.stdout


def test_colour_policy():
    coloured = _gpstd(*DUE_ARGS, FORCE_COLOR="1", COLUMNS="100")
    assert "\x1b[1;31m逾期25天\x1b[0m" in coloured and "图例" in coloured
    piped = _gpstd(*DUE_ARGS, COLUMNS="100")
    assert "\x1b[" not in piped and "图例" not in piped  # states are in words; no legend of colours
    assert "\x1b" not in _gpstd(*DUE_ARGS, FORCE_COLOR="1", NO_COLOR="1", COLUMNS="100")
    assert "\x1b[" in _gpstd(*DUE_ARGS, "--color", "always", NO_COLOR="1")  # asked for: kept for less -R
    assert "\x1b[" not in _gpstd(*DUE_ARGS, "--color", "never", FORCE_COLOR="1")


def test_states_are_written_not_only_coloured(run):
    out = run(*DUE_ARGS).stdout
    assert "逾期25天" in out and "5天内" in out


def test_a_past_plan_says_so_under_the_table(run):
    out = run("due", "--before", "2020-12-31", "--today", "2026-12-03").stdout
    assert "本登记册是 2020年8月起的计划" in out and "--today" in out
    assert "本登记册是" not in run(*DUE_ARGS).stdout


def test_limit_cuts_the_rows_and_says_so(run):
    out = run("due", "--before", "2020-12-31", "--today", "2020-09-25", "--limit", "2").stdout
    rows = [line for line in out.splitlines() if line.startswith("│ 2020-")]
    assert len(rows) == 2 and "另有" in out and "--limit" in out


@pytest.mark.parametrize("args", [("unit", "区政务服务数据管理局"), ("list",), ("section", "十四")])
def test_a_next_deadline_the_register_assumed_says_so(run, monkeypatch, args):
    """Task 21's 每季度 has no day: its quarter end is the register's reading, marked as due and
    agenda mark it, in the rows that give each task's next deadline too."""
    monkeypatch.setenv("COLUMNS", "240")
    out = run(*args, "--today", "2020-09-01").stdout
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if line.startswith("│")}
    assert "2020-09-30 未到期（推定日期）" in rows["21"]
    assert "推定" not in "".join(line for key, line in rows.items() if key not in ("7", "16", "21"))
