"""`gpstd done`, `undo` and `status` against the seed register, and the completion rules."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gpstd import progress, register
from gpstd.occurrences import expand
from gpstd.progress import Record

TOWNS = ["市桥街道", "沙头街道", "东环街道", "桥南街道", "小谷围街道", "大石街道", "洛浦街道", "石壁街道",
         "钟村街道", "大龙街道", "沙湾街道", "南村镇", "新造镇", "化龙镇", "石楼镇", "石碁镇"]
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


def _occ(reg, task_id: int, due: dt.date = AUG31):
    return progress.occurrence(reg, task_id, due)


# --- completion rules -----------------------------------------------------------------


def test_a_group_with_listed_members_counts_member_by_member(reg) -> None:
    occ = _occ(reg, 3)
    assert progress.Tracker(reg, []).units(occ) == TOWNS
    some = [Record(3, AUG31, town, AUG31) for town in TOWNS[:-1]]
    assert not progress.is_done(reg, some, occ)
    assert progress.is_done(reg, [*some, Record(3, AUG31, "石碁镇", AUG31)], occ)


@pytest.mark.parametrize("unit", [None, "各镇（街）"])
def test_one_record_for_the_occurrence_or_the_group_covers_every_member(reg, unit) -> None:
    assert progress.is_done(reg, [Record(3, AUG31, unit, AUG31)], _occ(reg, 3))


def test_a_group_known_only_by_kind_counts_as_one_unit(reg) -> None:
    occ = _occ(reg, 1)
    assert progress.Tracker(reg, []).units(occ) == ["区发展改革局", "区有关目录编制部门"]
    records = [Record(1, AUG31, "区发展改革局", AUG31), Record(1, AUG31, "区有关目录编制部门", AUG31)]
    assert progress.is_done(reg, records, occ)
    assert not progress.is_done(reg, records[:1], occ)


def test_cooperating_units_are_not_counted(reg) -> None:
    occ = _occ(reg, 10, dt.date(2020, 9, 30))
    assert progress.Tracker(reg, []).units(occ) == ["区政府办"]


def test_pending_leaves_out_what_is_done_and_keeps_order(reg) -> None:
    found = expand(reg, None, dt.date(2020, 9, 30))
    records = [Record(1, AUG31, None, AUG31), Record(10, dt.date(2020, 9, 30), "区政府办", AUG31)]
    left = progress.pending(reg, records, found)
    assert [(o.task_id, o.due) for o in left] == \
        [(o.task_id, o.due) for o in found if (o.task_id, o.due) not in {(1, AUG31), (10, dt.date(2020, 9, 30))}]


def test_pending_for_one_unit_looks_at_that_units_part_only(reg) -> None:
    found = [_occ(reg, 3)]
    records = [Record(3, AUG31, "市桥街道", AUG31)]
    assert progress.pending(reg, records, found, unit="市桥街") == []
    assert progress.pending(reg, records, found, unit="沙头街道") == found
    assert progress.pending(reg, records, found) == found


def test_pending_for_reads_the_progress_file_beside_the_register(reg, register_copy: Path) -> None:
    (register_copy.parent / "progress.yaml").write_text(
        "records:\n  - task: 3\n    due: 2020-08-31\n    done: 2020-08-30\n", encoding="utf-8")
    found = [_occ(reg, 3), _occ(reg, 1)]
    assert progress.pending_for(reg, str(register_copy), found) == found[1:]


def test_pending_for_without_a_progress_file_leaves_everything(reg, tmp_path: Path) -> None:
    found = [_occ(reg, 3)]
    assert progress.pending_for(reg, None, found, path=tmp_path / "none.yaml") == found


# --- gpstd done / undo ------------------------------------------------------------------


def test_done_records_a_units_report(cli) -> None:
    result = cli("done", "3", "--due", "2020-08-31", "--unit", "市桥街", "--on", "2020-08-28", "--note", "已报送")
    assert result.exit_code == 0
    assert result.stdout == ("已登记：任务 3（2020-08-31 到期）市桥街道 2020-08-28 完成（按时）。"
                             "该事项 16 个责任单位中已完成 1 个。\n")
    assert progress.load(cli.progress).records == [
        Record(3, AUG31, "市桥街道", dt.date(2020, 8, 28), "已报送", "张三")]


def test_done_without_unit_completes_the_occurrence_and_defaults_to_today(cli) -> None:
    result = cli("done", "2", "--due", "2020-10-31", "--by", "李四")
    assert result.stdout == "已登记：任务 2（2020-10-31 到期）全部责任单位 2020-09-05 完成（按时）。该事项已全部完成。\n"
    assert progress.load(cli.progress).records == [Record(2, dt.date(2020, 10, 31), None, dt.date(2020, 9, 5), None, "李四")]


def test_done_late_says_how_late(cli) -> None:
    result = cli("done", "3", "--due", "2020-08-31", "--unit", "沙头街道", "--on", "2020-09-02")
    assert "逾期 2 天" in result.stdout


def test_undo_removes_the_record_and_restores_the_file(cli) -> None:
    cli.progress.write_bytes((Path(__file__).parent.parent / "data" / "progress.yaml").read_bytes())
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
    (["3", "--due", "明年"], "--due 的日期无效"),
    (["3", "--due", "2020-08-31", "--on", "2020-13-01"], "--on 的日期无效"),
    (["3", "--due", "2020-08-31", "--unit", "火星局"], "没有名为「火星局」的单位"),
    (["3", "--due", "2020-08-31", "--unit", "区司法局"],
     "「区司法局」不是任务 3（2020-08-31 到期）的责任单位（责任单位：各镇（街））"),
    (["10", "--due", "2020-09-30", "--unit", "区司法局"], "「区司法局」是任务 10 的配合单位；完成情况按牵头单位（区政府办）登记"),
    (["1", "--due", "2020-08-31", "--unit", "区教育局"],
     "由「区有关目录编制部门」整体计算（原文未列其成员单位），请用 --unit 区有关目录编制部门 登记"),
    (["3", "--due", "2020-08-31", "--unit", "南村", "--on", "2020-09-10"], "完成日期 2020-09-10 晚于今天（2020-09-05）"),
    (["7", "--due", "2021-01-01"], "任务 7 在 2021-01-01 没有到期事项；相近的到期日：2021-03-31"),
    (["3", "--due", "2020-08-31", "--unit", "市桥街道"], "已有这条记录（2020-08-28 完成，由张三登记）；如需更正，先运行 "
     "gpstd undo 3 --due 2020-08-31 --unit 市桥街道"),
]

BAD_UNDO = [
    (["99", "--due", "2020-08-31"], "没有编号为 99 的任务"),
    (["3", "--due", "2020-02-30"], "--due 的日期无效"),
    (["3", "--due", "2020-08-30"], "任务 3 在 2020-08-30 没有到期事项"),
    (["3", "--due", "2020-08-31", "--unit", "火星局"], "没有名为「火星局」的单位"),
    (["3", "--due", "2020-08-31", "--unit", "区司法局"], "不是任务 3（2020-08-31 到期）的责任单位"),
    (["3", "--due", "2020-08-31", "--unit", "南村镇"],
     "任务 3（2020-08-31 到期）没有「南村镇」的完成记录；该事项已有的记录：市桥街道"),
    (["3", "--due", "2020-08-31"], "没有不指定单位的完成记录；该事项已有的记录：市桥街道"),
]


@pytest.mark.parametrize(("command", "args", "message"),
                         [("done", a, m) for a, m in BAD_DONE] + [("undo", a, m) for a, m in BAD_UNDO])
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
    assert "progress.yaml:2: records[0]: 缺少字段 due、done" in result.stderr
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
        subprocess.Popen([sys.executable, "-m", "gpstd", "done", "3", "--due", "2020-08-31",
                          "--unit", town, "--file", str(register_copy)],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for town in TOWNS
    ]
    outcomes = [child.communicate(timeout=120) + (child.returncode,) for child in children]
    assert [code for _out, _err, code in outcomes] == [0] * 16, [err.decode() for _o, err, _c in outcomes]
    records = progress.load(path).records
    assert sorted(r.unit for r in records) == sorted(TOWNS)
    assert progress.is_done(register.load(str(register_copy)), records, _occ(register.load(None), 3))


# --- gpstd status -----------------------------------------------------------------------


def test_status_of_a_task_is_a_units_by_occurrences_matrix(cli) -> None:
    cli("done", "3", "--due", "2020-08-31", "--unit", "市桥街道", "--on", "2020-08-28")
    cli("done", "3", "--due", "2020-08-31", "--unit", "沙头街道", "--on", "2020-09-02")
    out = cli("status", "3").stdout.splitlines()
    assert out[:4] == ["任务 3 完成情况", "单位        2020-08-31  2020-10-31",
                       "市桥街道    ✓           待办", "沙头街道    ✓迟         待办"]
    assert out[4] == "东环街道    逾期        待办"
    assert out[-2] == "（事项）    未完成      未完成"
    assert out[-1].startswith("图例：✓ 按时完成")


def test_status_json_of_a_task(cli) -> None:
    cli("done", "3", "--due", "2020-08-31", "--on", "2020-08-30", "--note", "集中报送")
    data = json.loads(cli("status", "3", "--json").stdout)
    first = data["occurrences"][0]
    assert data["task"] == 3 and first["due"] == "2020-08-31" and first["done"] is True
    assert first["units"][0] == {"unit": "市桥街道", "state": "ontime", "done": "2020-08-30",
                                 "note": "集中报送", "recorded_by": "张三"}
    assert data["occurrences"][1]["units"][0]["state"] == "pending"


def test_status_summary_per_unit(cli) -> None:
    cli("done", "3", "--due", "2020-08-31", "--unit", "市桥街道", "--on", "2020-08-28")
    rows = {r["unit"]: r for r in json.loads(cli("status", "--json").stdout)}
    assert rows["市桥街道"] == {"unit": "市桥街道", "ontime": 1, "late": 0, "overdue": 0, "pending": 1}
    assert rows["沙头街道"]["overdue"] == 1
    text = cli("status", "--unit", "市桥街").stdout.splitlines()
    assert text[1].split() == ["单位", "按时完成", "逾期完成", "逾期未完成", "待办"]
    assert text[2].split() == ["市桥街道", "1", "0", "0", "1"]


def test_status_of_an_unknown_task_exits_1(cli) -> None:
    result = cli("status", "99")
    assert result.exit_code == 1 and "没有编号为 99 的任务" in result.stderr


def test_status_does_not_touch_the_progress_file(cli) -> None:
    cli("done", "2", "--due", "2020-10-31")
    before = cli.progress.read_bytes()
    cli("status")
    cli("status", "2")
    assert cli.progress.read_bytes() == before
