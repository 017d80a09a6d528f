"""A register with hostile text: formulas, newlines, commas, quotes, semicolons, tabs.

Spreadsheet formats neutralise cells that would run as formulas: CSV with a visible
apostrophe, XLSX as explicit strings with the hidden quote prefix (text intact); every
other character survives every format exactly. Data formats (JSON, ICS) keep the
text as it is: they are not evaluated.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

REGISTER = Path(__file__).resolve().parents[2] / "data" / "tasks.yaml"

# Harmless but awkward: must come out byte for byte in every format.
AWKWARD = "逗号, 分号; 双引号\"引\"、单引号'单'\n第二行\t制表 反斜杠\\ 结尾"
FORMULAS = {  # task id → cells.task starting with a formula trigger
    2: "\t=cmd|' /C calc'!A0",
    4: '=HYPERLINK("http://evil.example";"点我"), 分号; "引号"\n第二行',
    5: "@SUM(1,2)\t加载信息",
    6: "-1+1\r\n巡查\r结束",
}
DEADLINE_4 = '+2020年10月31日前。\n附言："务必"; 按时, 报送'
ACTION_14 = '=将落实情况报区政府办（调研科）, "急"; 完'

ORIGINAL = {
    2: "汇总编制区本级政务公开事项标准目录。",
    4: "建设“基层政务公开标准化规范化”栏目（含区本级、镇（街））。",
    5: "在“基层政务公开标准化规范化”栏目加载信息。",
    6: "对信息加载情况进行网上巡查考核，查漏补缺。",
    14: "每年组织对本单位文件公开属性进行评估调整。",
}


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "tasks.yaml"
    shutil.copy(REGISTER, path)
    text = path.read_text(encoding="utf-8")
    for task_id, value in FORMULAS.items():
        text = _replace_once(text, f"task: {ORIGINAL[task_id]}", f"task: {_q(value)}")
    text = _replace_once(text, f"task: {ORIGINAL[14]}", f"task: {_q(AWKWARD)}")
    text = _replace_once(text, "deadline: 2020年10月31日前。\n", f"deadline: {_q(DEADLINE_4)}\n")
    text = _replace_once(text, "action: 将落实情况报区政府办（调研科）\n", f"action: {_q(ACTION_14)}\n")
    path.write_text(text, encoding="utf-8")
    return path


def _export(run, hostile: Path, fmt: str, *args: str):
    result = run("export", fmt, "--file", str(hostile), "--today", "2020-11-01", *args)
    assert result.exit_code == 0, result.stderr
    return result


def _by_seq(rows: list[list]) -> dict[str, list]:
    return {str(r[0]): list(r) for r in rows[1:]}


def test_hostile_register_is_valid(run, hostile):
    result = run("check", str(hostile))
    assert result.exit_code == 0, result.stdout + result.stderr


def _assert_spreadsheet_rows(rows: dict[str, list], guard: str = "'") -> None:
    for task_id, value in FORMULAS.items():
        assert rows[str(task_id)][2] == guard + value
    assert rows["4"][3] == guard + DEADLINE_4
    assert rows["14"][2] == AWKWARD


def test_csv_neutralises_formulas_and_keeps_text(run, hostile):
    data = _export(run, hostile, "csv").stdout_bytes.decode("utf-8-sig")
    _assert_spreadsheet_rows(_by_seq(list(csv.reader(io.StringIO(data, newline="")))))
    occ = _export(run, hostile, "csv", "--occurrences", "--section", "七").stdout_bytes
    rows = list(csv.reader(io.StringIO(occ.decode("utf-8-sig"), newline="")))
    assert "'" + ACTION_14 in [r[5] for r in rows]
    assert AWKWARD in [r[3] for r in rows]


def test_xlsx_neutralises_formulas_and_keeps_text(run, hostile):
    wb = load_workbook(io.BytesIO(_export(run, hostile, "xlsx").stdout_bytes))
    ws = wb["重点任务清单"]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    # The text itself, no visible apostrophe: the hidden quote prefix marks it as text.
    _assert_spreadsheet_rows(
        _by_seq([[None]] + [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]), guard=""
    )
    guarded = [
        c
        for row in ws.iter_rows(min_row=3)
        for c in row
        if str(c.value or "").startswith(("=", "+", "-", "@", "\t"))
    ]
    assert len(guarded) == len(FORMULAS) + 1
    assert all(c.quotePrefix and c.data_type == "s" for c in guarded)
    occ = wb["全部期限"]
    assert all(c.data_type != "f" for row in occ.iter_rows() for c in row)
    cell = next(c for row in occ.iter_rows(min_row=2) for c in row if c.value == ACTION_14)
    assert cell.quotePrefix and cell.data_type == "s"


def test_json_keeps_every_text_exactly(run, hostile):
    data = json.loads(_export(run, hostile, "json").stdout)
    tasks = {t["id"]: t for t in data["tasks"]}
    for task_id, value in FORMULAS.items():
        assert tasks[task_id]["cells"]["task"] == value
    assert tasks[14]["cells"]["task"] == AWKWARD
    assert tasks[4]["cells"]["deadline"] == DEADLINE_4
    assert tasks[14]["occurrences"][0]["action"] == ACTION_14


def test_ics_keeps_every_text_exactly(run, hostile):
    raw = _export(run, hostile, "ics").stdout_bytes
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    cal = Calendar.from_ical(raw)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    event14 = events["gpstd-番禺区-task14-item0@gpstd"]
    description = str(event14["DESCRIPTION"])
    assert f"工作任务：{AWKWARD}\n" in description
    assert f"办理事项：{ACTION_14}\n" in description
    assert ACTION_14 in str(event14["SUMMARY"])
    event4 = events["gpstd-番禺区-task4-item0@gpstd"]
    assert f"工作任务：{FORMULAS[4]}\n" in str(event4["DESCRIPTION"])
    assert f"完成时间及方式：{DEADLINE_4}\n" in str(event4["DESCRIPTION"])
    # Calendars know one line break: CRLF and CR arrive as LF.
    event6 = events["gpstd-番禺区-task6-item0@gpstd"]
    assert "工作任务：-1+1\n巡查\n结束\n" in str(event6["DESCRIPTION"])


def _title_register(tmp_path: Path, title: str, district: str = "番禺区") -> Path:
    path = tmp_path / "tasks.yaml"
    text = REGISTER.read_text(encoding="utf-8")
    text = _replace_once(
        text, "  title: 番禺区基层政务公开标准化规范化工作重点任务清单\n", f"  title: {_q(title)}\n"
    )
    text = _replace_once(text, "  district: 番禺区\n", f"  district: {_q(district)}\n")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_title_that_looks_like_a_formula_is_text(run, tmp_path, fmt):
    path = _title_register(tmp_path, '=HYPERLINK("http://evil.example";"点我")')
    result = run(
        "export",
        fmt,
        "--file",
        str(path),
        "--ledger" if fmt == "csv" else "--today",
        *([] if fmt == "csv" else ["2020-11-01"]),
    )
    assert result.exit_code == 0, result.stderr
    if fmt == "xlsx":
        cell = load_workbook(io.BytesIO(result.stdout_bytes))["重点任务清单"]["A1"]
        assert cell.data_type == "s" and cell.quotePrefix
        assert cell.value == '=HYPERLINK("http://evil.example";"点我")'


def test_a_title_on_two_lines_is_refused_by_check_and_never_crashes_an_export(run, tmp_path):
    path = _title_register(tmp_path, "第一行\n第二行", district="番禺\n区")
    found = run("check", str(path))
    assert found.exit_code == 1
    assert (
        "meta.title: meta.title 应为一行文字" in found.stdout
        and "meta.district: meta.district 应为一行文字" in found.stdout
    )
    from gpstd.exports.ics import one_line, uid

    assert one_line("番禺\n区\r\x0b") == "番禺 区" and "\n" not in uid("番禺\n区", 1, 0)


def test_ics_counts_events_not_the_words_in_a_description(run, tmp_path):
    path = tmp_path / "tasks.yaml"
    text = REGISTER.read_text(encoding="utf-8")
    path.write_text(
        _replace_once(
            text,
            "      task: 汇总编制区本级政务公开事项标准目录。\n",
            f"      task: {_q('汇总编制目录。' + chr(10) + 'BEGIN:VEVENT' + chr(10) + 'END:VEVENT')}\n",
        ),
        encoding="utf-8",
    )
    result = run("export", "ics", "--file", str(path), "-o", str(tmp_path / "cal.ics"))
    assert result.exit_code == 0, result.stderr
    cal = Calendar.from_ical((tmp_path / "cal.ics").read_bytes())
    assert b"BEGIN:VEVENT" in (tmp_path / "cal.ics").read_bytes().split(b"DESCRIPTION", 1)[1][:4000]
    assert f"已导出 {len(list(cal.walk('VEVENT')))} 个日历事项" in result.stderr


def test_xlsx_refuses_a_cell_longer_than_a_spreadsheet_holds(
    run, register_copy: Path, tmp_path: Path
) -> None:
    # A 责任单位 cell naming 5,000 units (an import of a long list): the .xlsx held 40,000
    # characters in one cell, which Excel cuts or reports as damaged. Nothing is written now.
    many = "、".join(f"区第{i}局" for i in range(5000))
    text = register_copy.read_text(encoding="utf-8")
    text = text.replace("responsible: 区发展改革局等区有关目录编制部门", f"responsible: {many}", 1)
    register_copy.write_text(text, encoding="utf-8")
    out = tmp_path / "list.xlsx"
    result = run("export", "xlsx", "--file", str(register_copy), "-o", str(out), "--today", "2020-11-01")
    assert result.exit_code == 1
    assert result.stderr == (
        f"gpstd: 序号 1 的「责任单位」有 {len(many)} 个字符，超过表格单元格的上限 32767，"
        "Excel/WPS 会截断或报告文件损坏；未导出。请改用 gpstd export csv 或 json\n"
    )
    assert not out.exists()
