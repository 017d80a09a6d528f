"""`gpstd done`, `undo` and `status` against the seed register, and the completion rules."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gpstd import register
from gpstd.obligations import Ledger
from gpstd.progress import file as progress
from gpstd.progress.record import Record

TOWNS = [
    "市桥街道",
    "沙头街道",
    "东环街道",
    "桥南街道",
    "小谷围街道",
    "大石街道",
    "洛浦街道",
    "石壁街道",
    "钟村街道",
    "大龙街道",
    "沙湾街道",
    "南村镇",
    "新造镇",
    "化龙镇",
    "石楼镇",
    "石碁镇",
]
AUG31 = dt.date(2020, 8, 31)


@pytest.fixture(autouse=True)
def _who(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GPSTD_USER", "张三")
    monkeypatch.setenv("GPSTD_TODAY", "2020-09-05")


@pytest.fixture
def reg():
    return register.load(None)


@pytest.fixture
def cli(run, register_copy: Path):
    """Run gpstd against a copy of the register; its progress file is beside it."""

    def invoke(*args: str):
        return run(*args, "--file", str(register_copy))

    invoke.progress = register_copy.parent / "progress.yaml"  # type: ignore[attr-defined]
    return invoke


# --- the ledger a command reads -----------------------------------------------------------


def test_the_ledger_reads_the_progress_file_beside_the_register(reg, register_copy: Path) -> None:
    from gpstd.obligations import open_ledger

    (register_copy.parent / "progress.yaml").write_text(
        "records:\n  - task: 3\n    due: 2020-08-31\n    done: 2020-08-30\n", encoding="utf-8"
    )
    ledger = open_ledger(reg, str(register_copy))
    found = ledger.deadlines(AUG31, AUG31)
    assert [o.task_id for o in found if ledger.is_done(o, AUG31)] == [3]


def test_no_records_without_a_progress_file(reg, tmp_path: Path) -> None:
    from gpstd.obligations import open_ledger

    assert open_ledger(reg, None, tmp_path / "none.yaml").records == []


def test_a_dangling_progress_symlink_reads_the_same_in_queries_and_exports(cli, tmp_path: Path) -> None:
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    due = cli("due", "--after", "2020-08-31", "--before", "2020-08-31", "--progress", str(link), "--json")
    export = cli("export", "json", "--after", "2020-08-31", "--before", "2020-08-31", "--progress", str(link))
    assert (due.exit_code, due.stderr) == (export.exit_code, export.stderr) == (0, "")
    assert json.loads(export.stdout)["tasks"] and not any(
        o["done"] for t in json.loads(export.stdout)["tasks"] for o in t["occurrences"]
    )


def test_export_and_due_agree_on_what_is_done(cli) -> None:
    cli.progress.write_text(
        "records:\n  - task: 3\n    due: 2020-08-31\n    done: 2020-08-30\n", encoding="utf-8"
    )
    window = ("--after", "2020-08-31", "--before", "2020-08-31")
    due = json.loads(cli("due", *window, "--json").stdout)
    export = json.loads(cli("export", "json", *window).stdout)
    done = {t["id"] for t in export["tasks"] for o in t["occurrences"] if o["done"]}
    assert done == {o["id"] for o in due if o["done"]} == {3}


# --- gpstd done / undo ------------------------------------------------------------------


def test_done_records_a_units_report(cli) -> None:
    result = cli(
        "done", "3", "--due", "2020-08-31", "--unit", "市桥街", "--on", "2020-08-28", "--note", "已报送"
    )
    assert result.exit_code == 0
    assert result.stdout == (
        "已登记：任务 3（2020-08-31 到期）市桥街道 2020-08-28 完成（按时）。"
        "该事项 16 个责任单位中已完成 1 个。\n"
    )
    assert progress.load(cli.progress).records == [
        Record(3, AUG31, "市桥街道", dt.date(2020, 8, 28), "已报送", "张三")
    ]


def test_done_without_unit_completes_the_occurrence_and_defaults_to_today(cli) -> None:
    result = cli("done", "2", "--due", "2020-10-31", "--by", "李四")
    assert (
        result.stdout
        == "已登记：任务 2（2020-10-31 到期）全部责任单位 2020-09-05 完成（按时）。该事项已全部完成。\n"
    )
    assert progress.load(cli.progress).records == [
        Record(2, dt.date(2020, 10, 31), None, dt.date(2020, 9, 5), None, "李四")
    ]


def test_done_late_says_how_late(cli) -> None:
    result = cli("done", "3", "--due", "2020-08-31", "--unit", "沙头街道", "--on", "2020-09-02")
    assert "逾期 2 天" in result.stdout


def test_undo_removes_the_record_and_restores_the_file(cli) -> None:
    cli.progress.write_bytes((Path(__file__).resolve().parents[2] / "data" / "progress.yaml").read_bytes())
    before = cli.progress.read_bytes()
    cli("done", "3", "--due", "2020-08-31", "--unit", "市桥街道")
    result = cli("undo", "3", "--due", "2020-08-31", "--unit", "市桥街")
    assert result.exit_code == 0
    assert result.stdout == "已撤销：任务 3（2020-08-31 到期）市桥街道 的完成记录。\n"
    assert cli.progress.read_bytes() == before


BAD_DONE = [
    (["99", "--due", "2020-08-31"], "没有编号为 99 的任务（本登记册的编号：1–28）"),
    (["abc", "--due", "2020-08-31"], "任务编号应为整数，实际为「abc」"),
    (["3", "--due", "2020-08-30"], "任务 3 在 2020-08-30 没有到期事项；相近的到期日：2020-08-31、2020-10-31"),
    (["3", "--due", "2020-02-30"], "--due 的日期无效：「2020-02-30」"),
    (["3", "--due", "明年"], "--due 要写某一天：「明年」是一段时间"),
    (["3", "--due", "2020-08-31", "--on", "2020-13-01"], "--on 的日期无效"),
    (["3", "--due", "2020-08-31", "--unit", "火星局"], "没有名为「火星局」的单位"),
    (
        ["3", "--due", "2020-08-31", "--unit", "区司法局"],
        "「区司法局」不是任务 3（2020-08-31 到期）的责任单位（责任单位：市桥街道、沙头街道、东环街道、"
        "桥南街道、小谷围街道、大石街道、洛浦街道、石壁街道 等 16 个单位）",
    ),
    (
        ["14", "--due", "2020-11-30", "--unit", "区政府办"],  # the report is to 区政府办
        "「区政府办」不是任务 14（2020-11-30 到期）的责任单位",
    ),
    (
        ["3", "--due", "2020-08-31", "--unit", "南村", "--on", "2020-09-10"],
        "完成日期 2020-09-10 晚于今天（2020-09-05）",
    ),
    (["7", "--due", "2021-01-01"], "任务 7 在 2021-01-01 没有到期事项；相近的到期日：2021-03-31"),
    (
        ["3", "--due", "2020-08-31", "--unit", "市桥街道"],
        "已有这条记录（2020-08-28 完成，登记人：张三）；如需更正，先运行 "
        "gpstd undo 3 --due 2020-08-31 --unit 市桥街道",
    ),
    (["3", "--due", "2020-08-31", "--unit", "南村", "--by", ""], "--by 为空：写出登记人姓名，或省略 --by"),
    (["3", "--due", "2020-08-31", "--unit", "南村", "--by", " "], "--by 为空"),
    (
        ["3", "--due", "2020-08-31", "--unit", "南村", "--by", "张三\nrecords: []"],
        "--by 含换行或控制字符：登记人应为一行文字",
    ),
    # An escape sequence went into the file and came back out on every terminal that read it.
    (
        ["3", "--due", "2020-08-31", "--unit", "南村", "--note", "已报\x1b]0;x\x07"],
        "--note 含有控制字符 U+001B：请只写文字",
    ),
    (
        ["3", "--due", "2020-08-31", "--unit", "南村", "-e", "https://a.cn/\x1b[2J"],
        "--evidence 含有控制字符 U+001B：请只写文字",
    ),
    # A note that reads backwards on screen (Trojan Source): refused like an escape sequence.
    (
        ["3", "--due", "2020-08-31", "--unit", "南村", "--note", "已报送\u202e未"],
        "--note 含有改变文字显示方向的字符 U+202E：请只写文字",
    ),
]

BAD_UNDO = [
    (["99", "--due", "2020-08-31"], "没有编号为 99 的任务"),
    (["3", "--due", "2020-02-30"], "--due 的日期无效"),
    (["3", "--due", "2020-08-30"], "任务 3 在 2020-08-30 没有到期事项"),
    (["3", "--due", "2020-08-31", "--unit", "火星局"], "没有名为「火星局」的单位"),
    (["3", "--due", "2020-08-31", "--unit", "区司法局"], "不是任务 3（2020-08-31 到期）的责任单位"),
    (
        ["3", "--due", "2020-08-31", "--unit", "南村镇"],
        "任务 3（2020-08-31 到期）没有「南村镇」的完成记录；该事项已有的记录：市桥街道",
    ),
    (["3", "--due", "2020-08-31"], "没有不指定单位的完成记录；该事项已有的记录：市桥街道"),
]


@pytest.mark.parametrize(
    ("command", "args", "message"),
    [("done", a, m) for a, m in BAD_DONE] + [("undo", a, m) for a, m in BAD_UNDO],
)
def test_bad_input_exits_1_with_a_message_and_changes_nothing(cli, command, args, message) -> None:
    cli("done", "3", "--due", "2020-08-31", "--unit", "市桥街道", "--on", "2020-08-28")
    before = cli.progress.read_bytes()
    result = cli(command, *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stderr.startswith("gpstd: ")
    assert result.stdout == ""
    assert cli.progress.read_bytes() == before


def test_a_malformed_progress_file_is_reported_and_left_alone(cli) -> None:
    cli.progress.write_text("records:\n  - task: 3\n", encoding="utf-8")
    result = cli("done", "2", "--due", "2020-10-31")
    assert result.exit_code == 1
    assert "progress.yaml:2:1: records[0]: 缺少字段 due、done" in result.stderr
    assert cli.progress.read_text(encoding="utf-8") == "records:\n  - task: 3\n"


def test_progress_option_chooses_the_file(cli, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.yaml"
    assert cli("done", "2", "--due", "2020-10-31", "--progress", str(other)).exit_code == 0
    assert len(progress.load(other).records) == 1
    assert not cli.progress.exists()


def test_sixteen_concurrent_writers_lose_nothing(register_copy: Path) -> None:
    path = register_copy.parent / "progress.yaml"
    register.load(str(register_copy))  # warm the register cache the children share
    env = {**os.environ, "GPSTD_TODAY": "2020-09-05", "GPSTD_USER": "并发"}
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gpstd",
                "done",
                "3",
                "--due",
                "2020-08-31",
                "--unit",
                town,
                "--file",
                str(register_copy),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for town in TOWNS
    ]
    outcomes = [child.communicate(timeout=120) + (child.returncode,) for child in children]
    assert [code for _out, _err, code in outcomes] == [0] * 16, [err.decode() for _o, err, _c in outcomes]
    records = progress.load(path).records
    assert sorted(r.unit for r in records) == sorted(TOWNS)
    ledger = Ledger(register.load(str(register_copy)), records)
    [occ] = ledger.deadlines(AUG31, AUG31, [ledger.register.task(3)])
    assert ledger.is_done(occ, dt.date(2020, 9, 5))


# --- gpstd status -----------------------------------------------------------------------


def test_status_of_a_task_is_a_units_by_occurrences_matrix(cli) -> None:
    cli("done", "3", "--due", "2020-08-31", "--unit", "市桥街道", "--on", "2020-08-28")
    cli("done", "3", "--due", "2020-08-31", "--unit", "沙头街道", "--on", "2020-09-02")
    out = cli("status", "3").stdout.splitlines()
    cells = [
        [c.strip() for c in line.strip("│┃").split("│" if line.startswith("│") else "┃")]
        for line in out
        if line[:1] in "│┃"
    ]
    assert out[0] == "任务 3 完成情况"
    assert cells[:4] == [
        ["单位", "2020-08-31", "2020-10-31"],
        ["市桥街道", "✓", "待办"],
        ["沙头街道", "✓迟", "待办"],
        ["东环街道", "逾期", "待办"],
    ]
    assert cells[-1] == ["（事项）", "未完成", "未完成"]
    assert out[-2].startswith("图例：✓ 按时完成")


def test_status_json_of_a_task(cli) -> None:
    cli("done", "3", "--due", "2020-08-31", "--on", "2020-08-30", "--note", "集中报送")
    data = json.loads(cli("status", "3", "--json").stdout)
    assert [(o["id"], o["due"]) for o in data] == [(3, "2020-08-31"), (3, "2020-10-31")]  # like every --json
    first = data[0]
    assert first["done"] is True
    assert first["units"][0] == {
        "unit": "市桥街道",
        "role": "lead",
        "via": "各镇（街）",
        "state": "ontime",
        "code": "ontime",
        "label": "按时完成",
        "done": "2020-08-30",
        "note": "集中报送",
        "recorded_by": "张三",
        "evidence": [],
    }
    assert data[1]["units"][0]["state"] == "pending"


def test_status_summary_per_unit(cli) -> None:
    cli("done", "3", "--due", "2020-08-31", "--unit", "市桥街道", "--on", "2020-08-28")
    rows = {r["unit"]: r for r in json.loads(cli("status", "--json").stdout)}
    units = {u["name"]: u["id"] for u in json.loads(cli("units", "--json").stdout)}
    assert rows["市桥街道"] == {
        "id": units["市桥街道"],
        "unit": "市桥街道",
        "ontime": 1,
        "late": 0,
        "overdue": 0,
        "pending": 1,
    }  # the unit's id in `gpstd units --json`
    assert rows["沙头街道"]["overdue"] == 1
    text = [line for line in cli("status", "--unit", "市桥街").stdout.splitlines() if line[:1] in "│┃"]
    assert text[0].replace("┃", " ").split() == ["单位", "按时完成", "逾期完成", "逾期未完成", "待办"]
    assert text[1].replace("│", " ").split() == ["市桥街道", "1", "0", "0", "1"]


def test_status_of_an_unknown_task_exits_1(cli) -> None:
    result = cli("status", "99")
    assert result.exit_code == 1 and "没有编号为 99 的任务" in result.stderr


def test_status_does_not_touch_the_progress_file(cli) -> None:
    cli("done", "2", "--due", "2020-10-31")
    before = cli.progress.read_bytes()
    cli("status")
    cli("status", "2")
    assert cli.progress.read_bytes() == before


# --- completion in every view (show, list, section, unit, timeline, due, overdue) -------


def test_show_list_and_unit_reflect_what_is_done(cli) -> None:
    cli("done", "25", "--due", "2020-09-20", "--on", "2020-09-18", "--today", "2020-09-25")
    shown = cli("show", "25", "--today", "2020-09-25").stdout
    assert "按时完成" in shown and "逾期" not in shown
    assert json.loads(cli("show", "25", "--today", "2020-09-25", "--json").stdout)[0]["done"] == [
        "2020-09-20"
    ]
    cli("done", "2", "--due", "2020-10-31", "--on", "2020-09-01")
    rows = {r["id"]: r for r in json.loads(cli("list", "--json", "--today", "2020-09-25").stdout)}
    assert rows[2]["next_due"] is None and rows[2]["label"] == "按时完成"  # nothing left to do
    listed = [
        line
        for line in cli("section", "一", "--today", "2020-09-25").stdout.splitlines()
        if line.startswith("│    2 ")
    ]
    assert listed and "按时完成" in listed[0]


def test_unit_next_deadline_is_its_own_next_not_done(cli) -> None:
    cli("done", "3", "--due", "2020-08-31", "--unit", "市桥", "--on", "2020-08-28")
    cli("done", "3", "--due", "2020-10-31", "--unit", "市桥", "--on", "2020-09-01")
    mine = {r["id"]: r for r in json.loads(cli("unit", "市桥", "--json", "--today", "2020-09-25").stdout)}
    other = {r["id"]: r for r in json.loads(cli("unit", "沙头", "--json", "--today", "2020-09-25").stdout)}
    assert (other[3]["next_due"], other[3]["label"]) == ("2020-08-31", "逾期25天")  # its late report first
    assert mine[3]["next_due"] is None and mine[3]["label"] == "按时完成"


def test_timeline_marks_months_all_done(cli) -> None:
    cli("done", "25", "--due", "2020-09-20", "--on", "2020-09-18", "--today", "2020-09-25")
    window = ("--from", "2020-08-01", "--to", "2020-12-31", "--today", "2020-09-25")
    rows = json.loads(cli("timeline", *window, "--json").stdout)
    assert {"id": 25, "month": "2020-09", "count": 1, "done": 1} in rows
    line = next(x for x in cli("timeline", *window).stdout.splitlines() if x.startswith("│   25 "))
    assert "✓" in line


@pytest.mark.parametrize("command", ["list", "section", "unit", "show", "timeline"])
def test_views_take_progress_option(cli, tmp_path: Path, command: str) -> None:
    other = tmp_path / "other.yaml"
    cli(
        "done",
        "2",
        "--due",
        "2020-10-31",
        "--on",
        "2020-09-18",
        "--progress",
        str(other),
        "--today",
        "2020-09-25",
    )
    args = {"section": ["section", "一"], "unit": ["unit", "区政府办"], "show": ["show", "2"]}.get(
        command, [command]
    )
    result = cli(*args, "--progress", str(other), "--today", "2020-09-25")
    assert result.exit_code == 0, result.stderr
    assert ("✓" if command == "timeline" else "按时完成") in result.stdout


def test_unit_filter_leaves_out_what_that_unit_delivered(cli) -> None:
    cli("done", "3", "--due", "2020-08-31", "--unit", "市桥", "--on", "2020-08-28")
    late = json.loads(cli("overdue", "--unit", "市桥", "--today", "2020-12-01", "--json").stdout)
    assert (3, "2020-08-31") not in {(r["id"], r["due"]) for r in late}
    others = json.loads(cli("overdue", "--unit", "沙头", "--today", "2020-12-01", "--json").stdout)
    assert (3, "2020-08-31") in {(r["id"], r["due"]) for r in others}
    due = json.loads(cli("due", "--unit", "市桥", "--before", "2020-08-31", "--json").stdout)
    assert [r["done"] for r in due if r["id"] == 3] == [True]


def test_hand_written_short_unit_names_count(cli) -> None:
    cli.progress.write_text(
        "records:\n  - task: 3\n    due: 2020-08-31\n    unit: 沙头\n    done: 2020-08-30\n", encoding="utf-8"
    )
    rows = json.loads(cli("status", "3", "--unit", "沙头街道", "--json").stdout)
    assert [(u["unit"], u["state"], u["done"]) for u in rows[0]["units"]] == [
        ("沙头街道", "ontime", "2020-08-30")
    ]


BAD_RECORDS = """\
records:
  - task: 99
    due: 2020-08-31
    done: 2020-08-30
  - task: 3
    due: 2020-08-30
    done: 2020-08-30
  - task: 3
    due: 2020-08-31
    unit: 司法局
    done: 2020-08-30
"""


@pytest.mark.parametrize("command", ["status", "overdue"])
def test_records_that_match_nothing_are_reported(cli, command: str) -> None:
    cli.progress.write_text(BAD_RECORDS, encoding="utf-8")
    result = cli(command)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0].endswith(
        "progress.yaml:2:1: records[0]: 警告: 该记录不起作用：没有编号为 99 的任务（本登记册的编号：1–28）"
    )
    assert (
        "progress.yaml:5:1: records[1]: 警告: 该记录不起作用：任务 3 在 2020-08-30 没有到期事项" in lines[1]
    )
    assert (
        "progress.yaml:8:1: records[2]: 警告: 该记录不起作用：「区司法局」不是任务 3（2020-08-31 到期）的责任单位"
        in lines[2]
    )


def test_check_validates_a_progress_file_as_one(cli, run) -> None:
    cli.progress.write_text(BAD_RECORDS, encoding="utf-8")
    result = run("check", str(cli.progress), "--strict")
    assert result.exit_code == 1
    assert "records[0]: 警告: 该记录不起作用：没有编号为 99 的任务" in result.stdout
    assert "tasks" not in result.stdout  # not read as a register


# --- refusing what is not a progress file -----------------------------------------------


def test_a_device_as_progress_file_is_refused_at_once(cli) -> None:
    result = cli("done", "3", "--due", "2020-08-31", "--progress", "/dev/null")
    assert result.exit_code == 1
    assert result.stderr == "gpstd: /dev/null: 不是普通文件（设备或管道），不能作为完成情况文件\n"
    assert result.stdout == ""


def test_a_pipe_as_progress_file_is_refused_not_waited_on(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for args in (["status", "3"], ["overdue"], ["done", "3", "--due", "2020-08-31"]):
        result = cli(*args, "--progress", str(fifo))
        assert result.exit_code == 1 and "不是普通文件（设备或管道）" in result.stderr, args


def test_a_missing_directory_is_not_created(cli, tmp_path: Path) -> None:
    target = tmp_path / "nonexist" / "p.yaml"
    result = cli("done", "3", "--due", "2020-08-31", "--progress", str(target))
    assert result.exit_code == 1
    assert (
        result.stderr == f"gpstd: {target}: 无法写入：所在目录不存在\n"
    )  # a path-first message keeps the prefix
    assert not target.parent.exists()


def test_crlf_and_bom_survive_a_done(cli) -> None:
    cli.progress.write_bytes(
        b"\xef\xbb\xbfversion: 1\r\nrecords:\r\n  # c\r\n  - task: 3\r\n    due: 2020-08-31\r\n"
        b"    unit: \xe5\xb8\x82\xe6\xa1\xa5\xe8\xa1\x97\xe9\x81\x93\r\n    done: 2020-08-28\r\n"
    )
    before = cli.progress.read_bytes()
    assert cli("done", "2", "--due", "2020-10-31", "--on", "2020-09-01").exit_code == 0
    after = cli.progress.read_bytes()
    assert after.startswith(before) and after.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert len(progress.load(cli.progress).records) == 2


# --- status: --unit, windows, width ------------------------------------------------------


def test_status_of_a_task_for_one_unit(cli) -> None:
    out = [line for line in cli("status", "3", "--unit", "市桥").stdout.splitlines() if line.startswith("│")]
    assert [line.strip("│ ").split()[0] for line in out] == ["市桥街道", "（事项）"]
    result = cli("status", "3", "--unit", "司法局")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "gpstd: 「区司法局」不是任务 3 的责任单位（责任单位：市桥街道、沙头街道、"
    )


def test_status_limit_shows_the_first_units_and_counts_them_all(cli) -> None:
    window = ["--today", "2020-12-01", "--before", "2020-12-31", "--no-pager"]
    whole = cli("status", *window).stdout
    cut = cli("status", *window, "--limit", "3").stdout

    def units(text: str) -> list[str]:
        return [line.split("│")[1].strip() for line in text.splitlines() if line.startswith("│")]

    assert units(cut) == [*units(whole)[:3], "合计"]

    def total(text: str) -> list[str]:
        return next(line.split("│")[2:-1] for line in text.splitlines() if "合计" in line)

    assert [c.strip() for c in total(cut)] == [c.strip() for c in total(whole)]
    hidden = len(units(whole)) - 1 - 3
    assert f"（另有 {hidden} 个单位未显示，去掉 --limit 可看全部）" in cut
    assert len(json.loads(cli("status", *window[:-1], "--limit", "2", "--json").stdout)) == 2


def test_status_window_reversed_exits_1(cli) -> None:
    result = cli("status", "--after", "2021-03-31", "--before", "2021-01-01")
    assert result.exit_code == 1
    assert result.stderr == "gpstd: --after 2021-03-31 晚于 --before 2021-01-01：窗口起点不能晚于终点\n"


def test_status_matrix_of_eight_periods_fits_80_columns(cli, monkeypatch) -> None:
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    out = cli("status", "7", "--after", "2020-01-01", "--before", "2022-12-31").stdout
    assert max(map(cell_len, out.splitlines())) <= 80
    assert out.count("2021-03-31") == 1 and out.count("2022-12-31") == 1  # every period, once
    assert out.count("（事项）") == 2  # two blocks, each with the unit column


def test_status_summary_json_rows_have_integer_ids(cli) -> None:
    rows = json.loads(cli("status", "--json").stdout)
    assert rows and all(type(r["id"]) is int for r in rows)


# --- done dates and overlapping records -------------------------------------------------


@pytest.mark.parametrize("on", ["1900-01-01", "2019-07-01"])
def test_done_date_long_before_the_register_is_refused(cli, on: str) -> None:
    result = cli("done", "3", "--due", "2020-08-31", "--on", on)
    assert result.exit_code == 1
    assert result.stderr == f"gpstd: 完成日期 {on} 早于登记册起始日期（2020-08-01）一年以上，请检查 --on\n"
    assert not cli.progress.exists()


def test_a_record_already_covered_is_refused_and_the_file_left_alone(cli) -> None:
    cli("done", "3", "--due", "2020-08-31", "--on", "2020-08-30")
    before = cli.progress.read_bytes()
    result = cli("done", "3", "--due", "2020-08-31", "--unit", "市桥", "--on", "2020-08-31")
    assert result.exit_code == 1
    assert result.stderr == (
        "gpstd: 第 19 行的记录（全部责任单位，2020-08-30 完成）已登记该事项的这一部分，"
        "这条记录是重复的，未写入；确需另记一条（如不同的完成日期）请加 --force\n"
    )
    assert cli.progress.read_bytes() == before


def test_a_record_already_covered_is_written_with_force(cli) -> None:
    cli("done", "3", "--due", "2020-08-31", "--on", "2020-08-30")
    result = cli("done", "3", "--due", "2020-08-31", "--unit", "市桥", "--on", "2020-08-31", "--force")
    assert result.exit_code == 0 and result.stderr == ""
    check = cli("status", "3")
    assert (
        "progress.yaml:23:1: records[1]: 警告: 与第 19 行的记录（全部责任单位，2020-08-30 完成）重复"
        in check.stderr
    )
    undone = cli("undo", "3", "--due", "2020-08-31", "--unit", "市桥街道")
    assert undone.stdout == (
        "已撤销：任务 3（2020-08-31 到期）市桥街道 的完成记录。该事项的这一部分仍算完成："
        "第 19 行的记录（全部责任单位，2020-08-30 完成）仍然有效。\n"
    )


def test_a_units_own_earlier_record_is_when_it_finished(cli) -> None:
    # All towns recorded done on 09-20 (late), 市桥街道 on 08-20 (on time): 市桥街道 was
    # shown 逾期完成 on 09-20 (the first record written won), and looking back to 09-01 逾期 —
    # its own record was warned about as a duplicate and counted for nothing.
    cli(
        "done",
        "3",
        "--due",
        "2020-08-31",
        "--unit",
        "各镇（街）",
        "--on",
        "2020-09-20",
        "--today",
        "2020-11-01",
    )
    own = cli(
        "done", "3", "--due", "2020-08-31", "--unit", "市桥", "--on", "2020-08-20", "--today", "2020-11-01"
    )
    assert own.exit_code == 0, own.stderr
    for today, state in (("2020-11-01", "ontime"), ("2020-09-01", "ontime")):
        rows = json.loads(cli("ledger", "--json", "--unit", "市桥街道", "--today", today).stdout)
        row = next(r for r in rows if (r["id"], r["due"]) == (3, "2020-08-31"))
        assert (row["state"], row["done_on"]) == (state, "2020-08-20")
    assert "重复" not in cli("status", "3", "--today", "2020-11-01").stderr


def test_a_record_after_today_shows_no_completion_date(cli) -> None:
    # Looking back with --today, the ledger said 逾期1天 beside a completion date still to come.
    cli("done", "3", "--due", "2020-08-31", "--on", "2020-09-20", "--today", "2020-11-01")
    rows = json.loads(cli("ledger", "--json", "--unit", "沙头街道", "--today", "2020-09-01").stdout)
    row = next(r for r in rows if (r["id"], r["due"]) == (3, "2020-08-31"))
    assert (row["state"], row["done_on"]) == ("overdue", None)
    table = cli("ledger", "--unit", "沙头街道", "--today", "2020-09-01").stdout
    assert "2020-09-20" not in table


def test_undo_accepts_today(cli) -> None:
    cli("done", "2", "--due", "2020-10-31")
    assert cli("undo", "2", "--due", "2020-10-31", "--today", "2020-09-06").exit_code == 0


def test_recorder_from_the_environment_must_be_one_line(cli, monkeypatch) -> None:
    monkeypatch.setenv("GPSTD_USER", "张三\n李四")
    result = cli("done", "3", "--due", "2020-08-31", "--unit", "南村")
    assert result.exit_code == 1
    assert result.stderr == "gpstd: 环境变量 GPSTD_USER 含换行或控制字符：登记人应为一行文字\n"
    assert not cli.progress.exists()


def test_a_blank_recorder_in_the_environment_is_named_with_its_fix(cli, monkeypatch) -> None:
    monkeypatch.setenv("GPSTD_USER", " ")
    result = cli("done", "3", "--due", "2020-08-31", "--unit", "南村")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "gpstd: 环境变量 GPSTD_USER 为空：写出登记人姓名，或删去这个变量（默认为当前系统用户名）\n"
    )
    assert not cli.progress.exists()


def test_a_hand_written_record_long_before_the_register_is_warned_about(cli) -> None:
    # `done --on 2019-01-01` is refused; the same date written by hand counted as 按时 in silence.
    cli.progress.write_text(
        "version: 1\nrecords:\n  - task: 2\n    due: 2020-10-31\n    done: 2019-01-01\n", encoding="utf-8"
    )
    result = cli("status", "2", "--today", "2020-11-01")
    assert result.exit_code == 0
    assert (
        "progress.yaml:3:1: records[0]: 警告: 完成日期 2019-01-01 早于登记册起始日期（2020-08-01）一年以上，请核对"
        in result.stderr
    )


def test_done_far_from_any_deadline_is_not_called_work_without_dates(cli) -> None:
    # Task 16 falls due each year: --due 2010-08-31 was answered "没有具体的到期日（持续开展或不定期的工作）".
    result = cli("done", "16", "--due", "2010-08-31", "--today", "2020-11-01")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "gpstd: 任务 16 在 2010-08-31 前后两年内没有到期事项；请用 gpstd show 16 查看它的期限\n"
    )


def test_done_on_a_task_with_no_schedule_says_so(cli, register_copy: Path) -> None:
    text = register_copy.read_text(encoding="utf-8")
    old = (
        "    schedule:\n      - kind: dated\n        text: 2020年8月31日前，报区政府办（调研科）\n"
        "        due: 2020-08-31\n        action: 报区政府办（调研科）\n        recipient: 区政府办（调研科）\n"
    )
    register_copy.write_text(text.replace(old, "    schedule: []\n", 1), encoding="utf-8")
    result = cli("done", "1", "--due", "2020-08-31", "--today", "2020-11-01")
    assert result.exit_code == 1
    assert result.stderr == "gpstd: 任务 1 没有登记任何时间安排（schedule 为空），无法按到期日登记\n"
