"""`gpstd check`: one test per class of bad input (issue 2), each with the exact message and line.

Broken registers are made by text-editing a copy of data/tasks.yaml, so the lines asserted
here are the seed's own (task 1 starts at line 215, its schedule at 228).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GPSTD = Path(sys.executable).parent / "gpstd"


def edit(path: Path, old: str, new: str, count: int = 1) -> Path:
    """Replace the first `count` occurrences of `old`, which must be there."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"not in the register: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def write(tmp_path: Path, text: str | bytes, name: str = "tasks.yaml") -> Path:
    target = tmp_path / name
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return target


def errors(stdout: str) -> list[str]:
    """The error lines of text output: no warnings, no per-file summary."""
    return [
        line
        for line in stdout.splitlines()
        if ": 警告: " not in line
        and ": 说明: " not in line
        and not line.endswith(("个警告", "校验通过", "个警告）", "个说明", "个说明）"))
    ]


def check_errors(run, path: Path, *args: str) -> list[str]:
    result = run("check", str(path), *args)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stderr == ""
    return errors(result.stdout)


# --- the file as YAML ------------------------------------------------------------------


def test_yaml_syntax_error(run, register_copy: Path) -> None:
    edit(
        register_copy,
        "      task: 相应编制本领域政务公开事项标准目录。",
        "      task: 相应编制本领域: 政务公开事项标准目录。",
    )
    assert check_errors(run, register_copy) == [
        # translated problems carry no English tail
        f"{register_copy}:220:20: YAML 语法错误：此处不能出现“键: 值”（可能缺少缩进，或文本里的冒号需要加引号）",
    ]


def test_unclosed_bracket(run, tmp_path: Path) -> None:
    path = write(tmp_path, "meta:\n  sections: [一, 二\nunits: []\n")
    assert check_errors(run, path) == [
        f"{path}:3:6: YAML 语法错误：方括号“[”未闭合，或列表项之间缺少逗号，开始于第 2 行第 13 列",
    ]


def test_tab_indentation(run, register_copy: Path) -> None:
    edit(register_copy, "    section: 一\n    cells:", "\tsection: 一\n    cells:")
    edit(register_copy, '      seq: "2"', '  \t  seq: "2"')
    assert check_errors(run, register_copy) == [
        f"{register_copy}:216:1: 用制表符（Tab）缩进；YAML 只能用空格缩进",
        f"{register_copy}:238:3: 用制表符（Tab）缩进；YAML 只能用空格缩进",
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "# 只有注释\n", "---\n...\n"])
def test_empty_file(run, tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    assert check_errors(run, path) == [f"{path}:1:1: 文件为空：登记册至少需要 meta、units、groups、tasks"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("- id: 1\n- id: 2\n", "列表"),
        ("番禺区重点任务清单\n", "单个值"),
        ("42\n", "单个值"),
    ],
)
def test_top_level_of_wrong_type(run, tmp_path: Path, text: str, found: str) -> None:
    path = write(tmp_path, text)
    assert check_errors(run, path) == [f"{path}:1:1: 顶层应为映射（meta: …、tasks: …），实际为{found}"]


def test_duplicate_keys(run, register_copy: Path) -> None:
    edit(register_copy, "    section: 一\n    cells:", "    section: 一\n    section: 二\n    cells:")
    edit(register_copy, "  district: 番禺区\n", "  district: 番禺区\n  district: 番禺\n")
    assert check_errors(run, register_copy) == [
        f"{register_copy}:16:3: meta.district: 重复的键「district」（首次出现在第 15 行）",
        f"{register_copy}:218:5: tasks[0].section: 重复的键「section」（首次出现在第 217 行）",
    ]


def test_invalid_utf8(run, register_copy: Path) -> None:
    raw = register_copy.read_bytes()
    cell = "区发展改革局等区有关目录编制部门"
    gbk = "区发展改革局等".encode() + "区有关".encode("gbk") + "目录编制部门".encode()
    register_copy.write_bytes(raw.replace(cell.encode(), gbk, 1))
    offset = raw.index(cell.encode()) + len("区发展改革局等".encode())
    assert check_errors(run, register_copy) == [
        f"{register_copy}:219:27: 不是有效的 UTF-8 编码（第 {offset + 1} 字节 0x{'区'.encode('gbk')[0]:02x}，"
        "可能是 GBK 编码）；请用 UTF-8 保存文件（WPS/记事本“另存为”时选择 UTF-8）",
    ]


def test_control_character(run, register_copy: Path) -> None:
    edit(register_copy, "相应编制本领域政务", "相应编制\x00本领域政务")
    edit(register_copy, "  district: 番禺区", "  district: 番禺区\x1b")
    assert check_errors(run, register_copy) == [
        f"{register_copy}:15:16: 含有 YAML 不允许的控制字符 U+001B；请删去它（常见于从网页或 Word 复制的文本）",
        f"{register_copy}:220:17: 含有 YAML 不允许的控制字符 U+0000；请删去它（常见于从网页或 Word 复制的文本）",
    ]


def test_unsupported_tags(run, register_copy: Path) -> None:
    edit(register_copy, "  district: 番禺区", "  district: !!python/object/apply:os.system [ls]")
    edit(register_copy, '      seq: "1"', '      seq: !custom "1"')
    message = "：登记册只用文本、数字、日期、列表和映射（文本需要时加引号）"
    assert check_errors(run, register_copy) == [
        f"{register_copy}:15:13: meta.district: 不支持 YAML 标签「!!python/object/apply:os.system」{message}",
        f"{register_copy}:218:12: tasks[0].cells.seq: 不支持 YAML 标签「!custom」{message}",
    ]


def test_alias_bomb_is_refused_quickly(run, tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    found = check_errors(run, path)
    assert found[0] == f"{path}:1:4: a: 不支持 YAML 锚点（&a）：请删去锚点，把内容逐条写出"
    assert found[-1] == f"{path}:2:8: b[0]: 不支持 YAML 别名（*a）：请把内容逐条写出"


def test_alias_refused_even_when_harmless(run, register_copy: Path) -> None:
    edit(register_copy, "    section: 一\n    cells:", "    section: &s 一\n    cells:")
    edit(register_copy, "  - id: 2\n    section: 一", "  - id: 2\n    section: *s")
    assert check_errors(run, register_copy) == [
        f"{register_copy}:216:14: tasks[0].section: 不支持 YAML 锚点（&s）：请删去锚点，把内容逐条写出",
        f"{register_copy}:236:14: tasks[1].section: 不支持 YAML 别名（*s）：请把内容逐条写出",
    ]


@pytest.mark.parametrize("style", ["flow", "block"])
def test_deep_nesting_is_refused(run, tmp_path: Path, style: str) -> None:
    depth = 100_000 if style == "flow" else 2_000
    if style == "flow":
        text, where = "meta: " + "[" * depth + "]" * depth + "\n", "1:1006"  # where libyaml stops
    else:
        text, where = "".join(" " * i + f"k{i}:\n" for i in range(depth)), "33:33"
    path = write(tmp_path, text)
    found = check_errors(run, path)
    assert found == [f"{path}:{where}: 嵌套超过 32 层，登记册不会有这样深的结构"]


def test_50_mb_file_is_refused_by_the_size_cap(run, tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    with path.open("wb") as fh:
        fh.write(b"tasks:\n" + b"  - id: 1\n" * (50 * 1024 * 1024 // 10))
    found = check_errors(run, path)
    assert found == [f"{path}: 文件过大（50.0 MB），超过上限 20 MB；如确需读取，请设置环境变量 GPSTD_MAX_MB"]


def test_missing_file_and_directory(run, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run("check", str(missing), str(tmp_path))
    assert result.exit_code == 1
    assert errors(result.stdout) == [f"{missing}: 文件不存在", f"{tmp_path}: 这是一个目录，不是登记册文件"]


# --- the file as a register ----------------------------------------------------------


def test_unknown_key_with_did_you_mean(run, register_copy: Path) -> None:
    edit(register_copy, "    section: 一\n    cells:", "    sectoin: 一\n    cells:")
    edit(register_copy, "  timezone: Asia/Shanghai", "  time_zone: Asia/Shanghai")
    assert check_errors(run, register_copy) == [
        f"{register_copy}:16:3: meta.time_zone: 未知字段「time_zone」，你是不是想写「timezone」？",
        f"{register_copy}:215:5: tasks[0].section: 缺少必填字段「section」",
        f"{register_copy}:216:5: tasks[0].sectoin: 未知字段「sectoin」，你是不是想写「section」？",
    ]


def test_unknown_key_without_a_close_match_lists_the_fields(run, register_copy: Path) -> None:
    edit(register_copy, '      seq: "1"\n', '      seq: "1"\n      备注: 无\n')
    assert check_errors(run, register_copy) == [
        f"{register_copy}:219:7: tasks[0].cells.备注: 未知字段「备注」；"
        "可用字段：seq、responsible、task、deadline、section",
    ]


def test_missing_required_fields(run, register_copy: Path) -> None:
    edit(register_copy, "      deadline: 2020年8月31日前，报区政府办（调研科）。\n", "")
    edit(register_copy, "  district: 番禺区\n", "")
    assert check_errors(run, register_copy) == [
        f"{register_copy}:13:3: meta.district: 缺少必填字段「district」",
        f"{register_copy}:217:7: tasks[0].cells.deadline: 缺少必填字段「deadline」",
    ]


def test_missing_top_level_sections(run, tmp_path: Path) -> None:
    path = write(tmp_path, "version: 1\n")
    assert check_errors(run, path) == [
        f"{path}:1:1: meta: 缺少必填字段「meta」",
        f"{path}:1:1: units: 缺少必填字段「units」",
        f"{path}:1:1: groups: 缺少必填字段「groups」",
        f"{path}:1:1: tasks: 缺少必填字段「tasks」",
    ]


def test_wrong_types(run, register_copy: Path) -> None:
    edit(register_copy, '      seq: "1"', "      seq: 1")
    edit(register_copy, "  - id: 2\n", "  - id: 二\n")
    edit(register_copy, "      lead:\n        - 区政府办\n", "      lead: 区政府办\n")
    edit(
        register_copy,
        "      - kind: dated\n        text: 2020年10月31日前",
        "      - kind: sometimes\n        text: 2020年10月31日前",
    )
    assert check_errors(run, register_copy) == [
        f'{register_copy}:218:12: tasks[0].cells.seq: 应为文本，实际为 1（数字或日期当作文本时请加引号，例如 "1"）',
        f"{register_copy}:235:9: tasks[1].id: 应为整数，实际为 '二'",
        f"{register_copy}:244:13: tasks[1].units.lead: 应为列表，实际为 '区政府办'",
        f"{register_copy}:246:15: tasks[1].schedule[0].kind: 取值应为 'dated'、'recurring'、'start'、'ongoing'、"
        "'irregular' 之一，实际为 'sometimes'",
    ]


def test_tasks_not_a_list(run, tmp_path: Path, register_copy: Path) -> None:
    text = register_copy.read_text(encoding="utf-8")
    path = write(tmp_path, text[: text.index("\ntasks:")] + "\ntasks: 28项\n", "short.yaml")
    assert check_errors(run, path) == [f"{path}:214:8: tasks: 应为列表（每个任务以“- ”开头）"]


def test_duplicate_task_ids(run, register_copy: Path) -> None:
    edit(register_copy, "  - id: 2\n", "  - id: 1\n")
    assert check_errors(run, register_copy) == [
        f"{register_copy}:235:9: tasks[1].id: 任务编号 1 重复（首次出现在 tasks[0]）",
        f"{register_copy}:235:9: tasks[1].id: 任务编号 1 与原文序号「2」不一致",
    ]


def test_impossible_due_date(run, register_copy: Path) -> None:
    edit(register_copy, "        due: 2020-08-31", "        due: 2020-13-45")
    edit(register_copy, "        due: 2020-10-31", "        due: 2020-02-30")
    hint = "应为 YYYY-MM-DD 格式的真实日期，例如 2020-08-31"
    assert check_errors(run, register_copy) == [
        f"{register_copy}:230:14: tasks[0].schedule[0].due: 日期无效：'2020-13-45'（月份应在 1 到 12 之间；{hint}）",
        f"{register_copy}:249:14: tasks[1].schedule[0].due: 日期无效：'2020-02-30'（该月没有这一天；{hint}）",
    ]


def test_impossible_date_in_schedule_text(run, register_copy: Path) -> None:
    # The cell and the reading change together, so the text is still verbatim from the cell.
    edit(register_copy, "2020年8月31日前，报区政府办（调研科）", "2020年13月45日前，报区政府办（调研科）", 2)
    edit(register_copy, "2020年10月31日前在区政府门户网站", "2020年2月30日前在区政府门户网站", 2)
    assert check_errors(run, register_copy) == [
        f"{register_copy}:229:15: tasks[0].schedule[0].text: 原文日期「2020年13月45日」不存在：月份应在 1 到 12 之间",
        f"{register_copy}:248:15: tasks[1].schedule[0].text: 原文日期「2020年2月30日」不存在：2月没有30日",
    ]


def test_schedule_text_not_in_its_cell(run, register_copy: Path) -> None:
    edit(
        register_copy,
        "        text: 2020年8月31日前，报区政府办（调研科）",
        "        text: 2020年8月30日前，报区政府办（调研科）",
    )
    found = check_errors(run, register_copy)
    assert found[0] == (
        f"{register_copy}:229:15: tasks[0].schedule[0].text: "
        "原文片段「2020年8月30日前，报区政府办（调研科）」不在「完成时间及方式」栏中"
    )


def test_dated_without_due(run, register_copy: Path) -> None:
    edit(register_copy, "        due: 2020-08-31\n", "")
    found = check_errors(run, register_copy)
    assert len(found) == 1
    # The reading hint comes from the phrase parser (issue 3), when it reads the text.
    assert found[0] in (
        f"{register_copy}:228:9: tasks[0].schedule[0]: kind 为 dated 的条目缺少 due",
        f"{register_copy}:228:9: tasks[0].schedule[0]: kind 为 dated 的条目缺少 due；原文读作 2020-08-31，"
        "可写 due: 2020-08-31",
    )


def test_ongoing_with_a_due_date(run, register_copy: Path) -> None:
    edit(
        register_copy,
        "      - kind: dated\n        text: 2020年8月31日前，报区政府办（调研科）",
        "      - kind: ongoing\n        text: 2020年8月31日前，报区政府办（调研科）",
    )
    assert check_errors(run, register_copy) == [
        f"{register_copy}:228:15: tasks[0].schedule[0].kind: kind 为 ongoing 的条目不应有 due 或 rrule",
    ]


def test_invalid_rrule(run, register_copy: Path) -> None:
    text = register_copy.read_text(encoding="utf-8")
    line = text[: text.index("rrule: FREQ=YEARLY;BYMONTH=7;")].count("\n") + 1
    edit(
        register_copy,
        "rrule: FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1",
        "rrule: FREQ=FORTNIGHTLY;BYMONTH=7;BYMONTHDAY=-1",
    )
    found = check_errors(run, register_copy)
    assert len(found) == 1
    assert found[0].startswith(f"{register_copy}:{line}:16: tasks[12].schedule[0].rrule: ")


def test_undeclared_section(run, register_copy: Path) -> None:
    edit(register_copy, "    section: 一\n    cells:", "    section: 二十一\n    cells:")
    assert check_errors(run, register_copy) == [
        f"{register_copy}:216:14: tasks[0].section: 方案项目「二十一」未在 meta.sections 中声明，你是不是想写「十一」「二十」「十」？",
    ]


def test_undeclared_units(run, register_copy: Path) -> None:
    edit(register_copy, "        - 区发展改革局\n", "        - 区发改委\n")
    edit(
        register_copy,
        "      lead:\n        - 区政府办\n",
        "      lead:\n        - 区政府\n      cooperating:\n        - 番禺日报\n",
    )
    assert check_errors(run, register_copy) == [
        f"{register_copy}:225:11: tasks[0].units.lead[0]: 单位「区发改委」未在 units 或 groups 中声明，"
        "你是不是想写「区发改局」「区发展改革局」「区委组织部」？",
        f"{register_copy}:245:11: tasks[1].units.lead[0]: 单位「区政府」未在 units 或 groups 中声明，"
        "你是不是想写「区政府办」「区政府办公室」「区民政局」？",
        f"{register_copy}:247:11: tasks[1].units.cooperating[0]: 单位「番禺日报」未在 units 或 groups 中声明",
    ]


def test_all_problems_at_once(run, register_copy: Path) -> None:
    edit(register_copy, "    section: 一\n    cells:", "    sectoin: 一\n    cells:")  # task 1: schema
    edit(register_copy, "  - id: 3\n", "  - id: 1\n")  # task 3: ids
    edit(register_copy, "        due: 2020-10-31", "        due: 2020-10-32")  # task 2: date
    edit(register_copy, "        - 各镇（街）\n", "        - 各镇（街道）\n")  # task 3: unit
    result = run("check", str(register_copy))
    assert result.exit_code == 1
    found = errors(result.stdout)
    assert [line.split(": ", 2)[1] for line in found] == [
        "tasks[0].section",
        "tasks[0].sectoin",
        "tasks[1].schedule[0].due",
        "tasks[2].id",
        "tasks[2].id",  # a duplicate, and not the 序号 3
        "tasks[2].units.lead[0]",
    ]
    assert result.stdout.splitlines()[-1].startswith(f"{register_copy}: 6 个错误，")


# --- output formats, warnings, exit codes ------------------------------------------------


def test_format_github_exact_annotations(run, register_copy: Path) -> None:
    edit(register_copy, "    section: 一\n    cells:", "    section: 二十一\n    cells:")
    edit(register_copy, "  start: 2020-08-01\n", "  start: 2020-08-01\n  end: 2020-10-30\n")
    result = run("check", str(register_copy), "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        f"::error file={register_copy},line=217,col=14,title=tasks[0].section::"
        "方案项目「二十一」未在 meta.sections 中声明，你是不是想写「十一」「二十」「十」？"
    ) in lines
    assert (
        f"::warning file={register_copy},line=250,col=14,title=tasks[1].schedule[0].due::"
        "截止日期 2020-10-31 晚于登记册结束日期 2020-10-30"
    ) in lines
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_format_github_whole_file_problem_and_escaping(run, tmp_path: Path) -> None:
    path = write(tmp_path, "", "a,b:c.yaml")
    result = run("check", str(path), "--format", "github")
    assert result.stdout == (
        f"::error file={str(path).replace(',', '%2C').replace(':', '%3A')},line=1,col=1::"
        "文件为空：登记册至少需要 meta、units、groups、tasks\n"
    )


def test_format_json_structure(run, register_copy: Path, tmp_path: Path) -> None:
    edit(register_copy, "    section: 一\n    cells:", "    section: 二十一\n    cells:")
    empty = write(tmp_path, "", "empty.yaml")
    result = run("check", str(register_copy), str(empty), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(r["file"], r["valid"]) for r in report] == [(str(register_copy), False), (str(empty), False)]
    first = [p for p in report[0]["problems"] if p["severity"] == "error"]
    assert first == [
        {
            "file": str(register_copy),
            "line": 216,
            "col": 14,
            "path": "tasks[0].section",
            "message": "方案项目「二十一」未在 meta.sections 中声明，你是不是想写「十一」「二十」「十」？",
            "severity": "error",
        }
    ]
    assert report[1]["problems"] == [
        {
            "file": str(empty),
            "line": 1,
            "col": 1,
            "path": "",
            "message": "文件为空：登记册至少需要 meta、units、groups、tasks",
            "severity": "error",
        }
    ]


def test_warning_passes_unless_strict(run, register_copy: Path) -> None:
    edit(register_copy, "  start: 2020-08-01\n", "  start: 2020-08-01\n  end: 2020-10-30\n")
    warning = (
        f"{register_copy}:250:14: tasks[1].schedule[0].due: 警告: "
        "截止日期 2020-10-31 晚于登记册结束日期 2020-10-30"
    )
    relaxed = run("check", str(register_copy))
    assert relaxed.exit_code == 0
    assert warning in relaxed.stdout.splitlines()
    assert relaxed.stdout.splitlines()[-1].startswith(f"{register_copy}: 校验通过（")
    strict = run("check", str(register_copy), "--strict")
    assert strict.exit_code == 1
    assert strict.stdout == relaxed.stdout


def test_valid_register_exits_0(run, register_copy: Path) -> None:
    result = run("check", str(register_copy))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith(f"{register_copy}: 校验通过")


def test_default_register_is_the_bundled_one(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith(
        f"{Path(__file__).resolve().parents[2] / 'src/gpstd/data/tasks.yaml'}"
    )


def test_unknown_option_is_a_usage_error(run) -> None:
    result = run("check", "--bogus")
    assert result.exit_code == 2
    assert "--bogus" in result.stderr  # click's message, localised by gpstd.cli
    assert result.stdout == ""


def test_unknown_format_is_a_usage_error(run, register_copy: Path) -> None:
    result = run("check", str(register_copy), "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr == "gpstd: 不支持的格式「xml」：可用 text、github、json\n"


def test_several_files_at_once(run, register_copy: Path, tmp_path: Path) -> None:
    broken = write(tmp_path, "- 1\n", "broken.yaml")
    result = run("check", str(register_copy), str(broken))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-2:] == [
        f"{broken}:1:1: 顶层应为映射（meta: …、tasks: …），实际为列表",
        f"{broken}: 1 个错误，0 个警告",
    ]
    assert any(line.startswith(f"{register_copy}: 校验通过") for line in lines)
    twice = run("check", str(register_copy), str(register_copy))
    assert twice.exit_code == 0


def test_no_traceback_from_the_real_executable(tmp_path: Path, register_copy: Path) -> None:
    """Through the installed console script, as CI runs it: bad files give messages, never tracebacks."""
    bad = [
        write(tmp_path, b"meta: !!python/object/apply:os.system [echo hi]\n", "tag.yaml"),
        write(tmp_path, b"meta:\n  start: 2020-13-45\n", "date.yaml"),
        write(tmp_path, b"\xff\xfe\x00m\x00e\x00t\x00a", "utf16.yaml"),
        write(tmp_path, "a: &x [1]\nb: *x\n", "alias.yaml"),
        write(tmp_path, "version: " + "9" * 5000 + "\n", "bigint.yaml"),
        edit(register_copy, "    section: 一\n", "    section: 二十一\n"),
    ]
    env = {**os.environ, "GPSTD_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("GPSTD_DEBUG", None)
    proc = subprocess.run(  # noqa: PLW1510 - the exit code is asserted
        [str(GPSTD), "check", *map(str, bad)], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stderr == ""
    summaries = [
        line
        for line in proc.stdout.splitlines()
        if "个警告" in line and ": " in line and not line.split(": ")[0].count(":")
    ]
    assert [s.split(": ")[0] for s in summaries] == [str(p) for p in bad]


# --- CI integration: the pre-commit hook and docs/ci.md ------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def test_pre_commit_hook() -> None:
    import re

    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["gpstd-check", "gpstd-diff"]
    hook = hooks[0]
    assert (hook["id"], hook["entry"], hook["language"]) == ("gpstd-check", "gpstd check", "python")
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("tasks.yaml", "data/tasks.yaml", "a/b/tasks.yml"))
    assert not any(files.search(p) for p in ("mytasks.yaml", "tasks.yaml.bak", "data/tasks.json"))
    # docs/ci.md shows how a repository whose register has another name overrides files:
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    override = re.compile(re.findall(r"\n +files: (.*register.*)\n", doc)[0])
    assert all(override.search(p) for p in ("tasks.yaml", "data/panyu-register-2021.yaml", "register.yml"))
    assert not any(override.search(p) for p in ("register/notes.yaml", "tasks.yaml.bak"))


def test_docs_ci_example_is_real_output(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The broken-register session shown in docs/ci.md is what gpstd prints today."""
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    shown = doc.split("一个改坏了的登记册", 1)[1].split("```\n", 2)[1]
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "tasks.yaml"
    path.write_bytes((ROOT / "data" / "tasks.yaml").read_bytes())
    edit(path, "    section: 一\n    cells:", "    sectoin: 一\n    cells:")
    edit(path, "        due: 2020-10-31", "        due: 2020-10-32")
    edit(path, "        - 各镇（街）\n", "        - 各镇（街道）\n")
    monkeypatch.chdir(tmp_path)
    result = run("check", "data/tasks.yaml")
    assert result.exit_code == 1
    assert result.stdout == shown
    assert "gpstd check data/tasks.yaml --format github" in doc
    assert "      - id: gpstd-check" in doc


def test_too_many_problems_stop_the_check(run, tmp_path: Path, register_copy: Path) -> None:
    text = register_copy.read_text(encoding="utf-8")
    head = text[: text.index("\ntasks:")] + "\ntasks:\n"
    path = write(tmp_path, head + "  - id: 0\n" * 400, "many.yaml")
    result = run("check", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    first_task_line = head.count("\n") + 1
    assert (
        f"{path}:{first_task_line + 250}:5: tasks[250]: 问题过多（已超过 1000 个），此后的 150 个任务未检查"
    ) in lines


# --- review of issue 2: what the schema lets through -----------------------------------


@pytest.mark.parametrize(("written", "found"), [("true", "True"), ("1.0", "1.0"), ('"1"', "'1'")])
def test_task_id_must_be_a_plain_integer(run, register_copy: Path, written: str, found: str) -> None:
    # pydantic would read all three as 1: a second task 1 that the duplicate check never saw
    edit(register_copy, "  - id: 2\n", f"  - id: {written}\n")
    assert check_errors(run, register_copy) == [
        f"{register_copy}:235:9: tasks[1].id: 应为整数，实际为 {found}（须写不带引号和小数点的整数，例如 7）",
    ]


def test_due_read_in_its_cell_inherits_the_year(run, register_copy: Path) -> None:
    # task 23: 12月31日前 takes 2021 from the clause before it, not the register's start year
    edit(
        register_copy,
        "      deadline: 2020年12月20日前向社会公开。12月31日前",
        "      deadline: 2021年12月20日前向社会公开。12月31日前",
    )
    edit(
        register_copy,
        "        text: 2020年12月20日前向社会公开\n        due: 2020-12-20",
        "        text: 2021年12月20日前向社会公开\n        due: 2021-12-20",
    )
    edit(
        register_copy,
        "        text: 12月31日前将工作落实情况报区政府办（调研科）\n        due: 2020-12-31",
        "        text: 12月31日前将工作落实情况报区政府办（调研科）\n        due: 2021-12-31",
    )
    result = run("check", str(register_copy), "--strict")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == f"{register_copy}: 校验通过（0 个警告，1 个说明）"


def test_due_that_differs_from_the_cell_is_an_error(run, register_copy: Path) -> None:
    edit(
        register_copy,
        "        text: 12月31日前将工作落实情况报区政府办（调研科）\n        due: 2020-12-31",
        "        text: 12月31日前将工作落实情况报区政府办（调研科）\n        due: 2021-12-31",
    )
    result = run("check", str(register_copy))
    assert result.exit_code == 1
    assert (
        f"{register_copy}:662:14: tasks[22].schedule[1].due: 原文「12月31日前将工作落实情况报"
        "区政府办（调研科）」读作 2020-12-31，而 due 为 2021-12-31；如确需另读，请在 override 写明理由"
    ) in result.stdout.splitlines()


def test_meta_contradictions(run, register_copy: Path) -> None:
    edit(register_copy, "version: 1\n", "version: 2\n")
    edit(register_copy, "  title: 番禺区基层政务公开标准化规范化工作重点任务清单\n", '  title: "  "\n')
    edit(register_copy, "  timezone: Asia/Shanghai\n", "  timezone: Asia/Beijing\n")
    edit(register_copy, "  start: 2020-08-01\n", "  start: 2020-08-01\n  end: 2020-07-31\n")
    edit(register_copy, "    - 二\n    - 三\n", "    - 二\n    - 二\n    - 三\n")
    assert check_errors(run, register_copy) == [
        f"{register_copy}:10:10: version: 不支持的登记册版本 2：目前只有版本 1",
        f"{register_copy}:13:10: meta.title: 标题为空：请照原文写清单标题",
        f"{register_copy}:16:13: meta.timezone: 时区「Asia/Beijing」不是有效的 IANA 时区名（例如 Asia/Shanghai）",
        f"{register_copy}:18:8: meta.end: 结束日期 2020-07-31 早于起始日期 2020-08-01",
        f"{register_copy}:22:7: meta.sections[2]: 方案项目「二」重复声明（另见 meta.sections[1]）",
    ]


def test_schedule_item_contradictions(run, register_copy: Path) -> None:
    edit(register_copy, "        due: 2020-08-31\n", "        due: 2020-08-31\n        start: 2020-09-01\n")
    edit(
        register_copy,
        "        due: 2020-10-31\n",
        "        due: 2020-10-31\n        rrule: FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=31\n",
    )
    edit(
        register_copy,
        "        start: 2021-01-01\n        rrule: FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1\n",
        "        start: 2021-01-01\n        until: 2020-12-31\n"
        "        rrule: FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1\n",
    )
    edit(
        register_copy,
        "        rrule: FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1\n",
        "        rrule: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\n",
    )
    assert check_errors(run, register_copy) == [
        f"{register_copy}:231:16: tasks[0].schedule[0].start: 开始日期 2020-09-01 晚于截止日期 2020-08-31",
        f"{register_copy}:251:16: tasks[1].schedule[0].rrule: kind 为 dated 的条目不应有 rrule（周期规则请写 kind: recurring）",
        f"{register_copy}:348:16: tasks[6].schedule[1].until: 结束日期 2020-12-31 早于开始日期 2021-01-01",
        f"{register_copy}:465:16: tasks[12].schedule[0].rrule: 周期规则永远不会有日期：BYMONTH=2 的月份都没有 "
        "BYMONTHDAY=30 这一天",
    ]


def test_group_covers_a_kind_no_unit_has(run, register_copy: Path) -> None:
    edit(register_copy, "    covers:\n      - 区直部门\n", "    covers:\n      - 区直部门门\n")
    result = run("check", str(register_copy))
    assert result.exit_code == 0
    assert (
        f"{register_copy}:192:9: groups[1].covers[0]: 警告: 类别「区直部门门」没有任何单位（units 的 kind），"
        "你是不是想写「区直部门」「区直单位」「党委部门」？"
    ) in result.stdout.splitlines()


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_progress_file_beside_a_broken_register_is_one_problem(
    run, tmp_path: Path, register_copy: Path, fmt: str
) -> None:
    broken = tmp_path / "p" / "tasks.yaml"
    broken.parent.mkdir()
    broken.write_text("tasks: [\n", encoding="utf-8")
    progress_file = broken.parent / "progress.yaml"
    progress_file.write_text("records: []\n", encoding="utf-8")
    result = run("check", str(progress_file), str(register_copy), "--format", fmt)
    assert result.exit_code == 1
    if fmt == "json":
        found = json.loads(result.stdout)
        assert [f["file"] for f in found] == [str(progress_file), str(register_copy)]
        assert [f["valid"] for f in found] == [False, True]
    assert f"对照的登记册 {broken} 无法读取：{broken}:" in result.stdout


def test_progress_file_problem_keeps_its_line_and_field(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "p4.yaml").write_text(
        "records:\n  - task: 3\n    due: 2020-08-31\n    done: 八月\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    text = run("check", "./p4.yaml")
    assert text.exit_code == 1
    assert (
        text.stdout.splitlines()[0] == "./p4.yaml:4:5: records[0].done: 日期无效「八月」（应写作 2020-08-31）"
    )
    github = run("check", "./p4.yaml", "--format", "github")
    assert github.stdout == (
        "::error file=./p4.yaml,line=4,col=5,title=records[0].done::日期无效「八月」（应写作 2020-08-31）\n"
    )


def test_an_overridden_item_shows_the_registers_own_reading(run, register_copy: Path) -> None:
    """Under an override the note states the dates the register uses: a later edit to them (here
    the quarter-end rule made the 15th) changes what a reviewer reads, not only the YAML."""
    before = run("check", str(register_copy)).stdout
    assert "登记册读作：每季度末（3月31日、6月30日、9月30日、12月31日）" in before
    assert "自 2021-01-01 起" in before
    edit(
        register_copy,
        "        rrule: FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1\n        action: 纳入网站季度通报",
        "        rrule: FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=15\n        action: 纳入网站季度通报",
    )
    after = run("check", str(register_copy)).stdout
    assert "登记册读作：每年3月、6月、9月、12月15日" in after and after != before


@pytest.mark.parametrize(
    ("workday", "message"),
    [
        ("3", "只有 kind 为 recurring 且有 rrule 的条目才能写 workday"),  # on a dated item
        ("true", "workday"),  # strict: not read as 1
    ],
)
def test_workday_belongs_to_recurring_rules(run, register_copy: Path, workday: str, message: str) -> None:
    edit(register_copy, "        due: 2020-08-31\n", f"        due: 2020-08-31\n        workday: {workday}\n")
    found = check_errors(run, register_copy)
    assert any("schedule[0].workday" in line and message in line for line in found), found


def test_a_month_has_no_zeroth_or_thirtieth_working_day(run, register_copy: Path) -> None:
    edit(
        register_copy,
        "        rrule: FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1\n        action: 纳入网站季度通报",
        "        rrule: FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1\n        workday: 30\n        action: 纳入网站季度通报",
    )
    found = check_errors(run, register_copy)
    assert any("workday 为 30：应为 1 至 23" in line for line in found), found


def test_a_file_name_with_control_characters_is_named_without_them(run, register_copy: Path) -> None:
    # A name from a glob over mailed files: its ESC … BEL retitled the terminal when check named it.
    named = register_copy.with_name("tasks\x1b]0;pwn\x07.yaml")
    register_copy.rename(named)
    result = run("check", str(named))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "tasks\\x1b]0;pwn\\x07.yaml: 校验通过" in result.stdout
