"""gpstd export csv and the shared row model (gpstd.exports.table)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from gpstd.exports.table import OCCURRENCE_COLUMNS, TASK_COLUMNS, neutralise


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+2", "'=1+2"),
        ("+86 20", "'+86 20"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("区司法局", "区司法局"),
        ("a=b", "a=b"),
        ("", ""),
        (None, None),
        (dt.date(2020, 1, 1), dt.date(2020, 1, 1)),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_default_is_task_table_with_bom_and_crlf(run):
    result = run("export", "csv", "--today", "2020-11-01")
    assert result.exit_code == 0, result.stderr
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    rows = _rows(data)
    assert tuple(rows[0]) == TASK_COLUMNS
    assert len(rows) == 29
    assert rows[14][:5] == [
        "14",
        "区各有关部门、各镇（街）",
        "每年组织对本单位文件公开属性进行评估调整。",
        "落实情况请于每年11月30日前报区政府办（调研科）。",
        "（七）",
    ]
    assert rows[14][5:] == ["2020-11-30", "未到期"]
    # 任务21's quarter ends are the register's assumption (原文未定具体日期): the state says so
    assert rows[21][5:] == ["2020-09-30", "逾期32天（推定日期）"]


def test_no_bom(run):
    data = run("export", "csv", "--no-bom").stdout_bytes
    assert data.startswith("序号,".encode())


def test_occurrences_table(run):
    result = run(
        "export",
        "csv",
        "--occurrences",
        "--after",
        "2020-11-01",
        "--before",
        "2020-11-30",
        "--today",
        "2020-11-25",
    )
    rows = _rows(result.stdout_bytes)
    assert tuple(rows[0]) == OCCURRENCE_COLUMNS
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("2020-11-15", "20"),
        ("2020-11-30", "5"),
        ("2020-11-30", "14"),
        ("2020-11-30", "24"),
    ]
    at = rows[0].index("状态")
    assert {r[at] for r in rows[1:]} == {"逾期10天", "5天内"}


def test_date_window_keeps_only_tasks_with_deadlines_in_it(run):
    rows = _rows(run("export", "csv", "--after", "2020-11-01", "--before", "2020-11-30").stdout_bytes)
    assert sorted(int(r[0]) for r in rows[1:]) == [5, 14, 20, 24]


def test_status_says_done_for_what_the_progress_file_records(run, register_copy, record_done):

    record_done(register_copy)
    base = ["--today", "2020-11-01", "--file", str(register_copy)]
    tasks = {r[0]: r for r in _rows(run("export", "csv", *base).stdout_bytes)[1:]}
    assert tasks["1"][5:] == ["2020-08-31", "按时完成"]  # its only, last deadline is done (as on the page)
    assert tasks["3"][5:] == ["2020-08-31", "逾期62天"]  # one town of many reported: the rest are late
    assert tasks["21"][5:] == ["2020-12-31", "未到期（推定日期）"]  # the next quarter is still to come
    table = _rows(run("export", "csv", "--occurrences", *base).stdout_bytes)
    at = table[0].index("状态")
    status = {(r[0], r[1]): r[at] for r in table[1:]}
    assert status[("2020-08-31", "1")] == "按时完成" and status[("2020-09-30", "21")] == "按时完成"
    assert status[("2020-08-31", "3")] == "逾期62天" and status[("2020-12-31", "21")] == "未到期"
    assert sum(r[at] == "按时完成" for r in table[1:]) == 2
    town = next(r for r in table[1:] if (r[0], r[1]) == ("2020-08-31", "3"))
    assert town[at + 1] == "市桥街道" and town[at + 2].startswith("沙头街道、东环街道")
