"""The everyday commands as a user runs them on the bundled register."""

from __future__ import annotations

import json

import pytest

# Every 2020 deadline of the seed, read off the source table by hand (task id, due):
# dated milestones plus the 2020 occurrences of recurring rules counted from 2020-08-01.
SEED_2020 = {
    (1, "2020-08-31"),
    (3, "2020-08-31"),
    (25, "2020-09-20"),
    (10, "2020-09-30"),
    (11, "2020-09-30"),
    (21, "2020-09-30"),
    (2, "2020-10-31"),
    (3, "2020-10-31"),
    (4, "2020-10-31"),
    (20, "2020-11-15"),
    (5, "2020-11-30"),
    (14, "2020-11-30"),
    (24, "2020-11-30"),
    (26, "2020-12-10"),
    (17, "2020-12-20"),
    (23, "2020-12-20"),
    (27, "2020-12-20"),
    (28, "2020-12-20"),
    (6, "2020-12-31"),
    (8, "2020-12-31"),
    (16, "2020-12-31"),
    (18, "2020-12-31"),
    (21, "2020-12-31"),
    (22, "2020-12-31"),
    (23, "2020-12-31"),
}


def _json(result):
    assert result.exit_code == 0, result.stderr + result.stdout
    return json.loads(result.stdout)


def test_due_before_lists_every_2020_deadline(run):
    rows = _json(run("due", "--before", "2020-12-31", "--json", "--today", "2020-11-20"))
    assert {(r["id"], r["due"]) for r in rows} == SEED_2020
    assert [r["due"] for r in rows] == sorted(r["due"] for r in rows)


@pytest.mark.parametrize("spelling", ["2020-12-31", "2020/12/31", "2020年12月31日"])
def test_due_accepts_date_spellings(run, spelling):
    rows = _json(run("due", "--before", spelling, "--json"))
    assert len(rows) == len(SEED_2020)


def test_due_window_and_status(run):
    rows = _json(
        run("due", "--after", "2020-11-01", "--before", "2020-11-30", "--json", "--today", "2020-11-25")
    )
    assert [(r["id"], r["due"], r["status"]) for r in rows] == [
        (20, "2020-11-15", "overdue"),
        (5, "2020-11-30", "soon"),
        (14, "2020-11-30", "soon"),
        (24, "2020-11-30", "soon"),
    ]
    assert rows[1]["recurring"] is False and rows[2]["recurring"] is True


def test_due_default_is_next_30_days(run):
    rows = _json(run("due", "--json", "--today", "2020-12-01"))
    assert {r["due"] for r in rows} == {"2020-12-10", "2020-12-20", "2020-12-31"}


def test_due_flags_weekend_and_holiday(run):
    rows = _json(run("due", "--after", "2020-10-31", "--before", "2020-10-31", "--json"))
    assert rows and all(r["day_off"] == "周六" for r in rows)  # 2020-10-31 is a Saturday


def test_due_table_grouped_by_month_with_legend(run):
    result = run("due", "--before", "2020-09-30", "--today", "2020-09-25")
    assert result.exit_code == 0
    out = result.stdout
    assert "2020年8月" in out and "2020年9月" in out
    assert out.index("2020年8月") < out.index("2020年9月")
    assert "逾期25天" in out and "5天内" in out
    assert "\x1b[" not in out and "图例" not in out  # piped: no escape codes, and no legend of colours


def test_due_unit_and_section_filters(run):
    rows = _json(run("due", "--before", "2021-12-31", "--unit", "区司法局", "--direct", "--json"))
    # 区司法局 leads 15, 19, 28 and cooperates on 10 and 13 (会同 / 组织); 19 is 长期 (no date).
    assert {(r["id"], r["due"]) for r in rows} == {
        (10, "2020-09-30"),
        (28, "2020-12-20"),
        (15, "2021-02-20"),
        (13, "2021-07-31"),
    }
    rows = _json(run("due", "--before", "2020-12-31", "--section", "（七）", "--json"))
    assert {r["id"] for r in rows} == {11, 14}


def test_due_unit_labels_the_collective_term(run):
    result = run("due", "--before", "2020-09-30", "--unit", "市桥街", "--today", "2020-09-01")
    assert result.exit_code == 0
    assert result.stdout.count("经「各镇（街）」") == 2  # tasks 3 and 11, both through 各镇（街）
    rows = _json(run("due", "--before", "2020-09-30", "--unit", "区司法局", "--json"))
    assert [(r["id"], r["via"]) for r in rows] == [
        (1, "区有关目录编制部门"),
        (10, None),
        (11, "区各有关单位"),
    ]
    assert "经「" not in run("due", "--before", "2020-09-30", "--unit", "区司法局", "--direct").stdout
    assert all("via" not in r for r in _json(run("due", "--before", "2020-09-30", "--json")))


def test_bad_date_exits_1_with_message(run):
    result = run("due", "--before", "2020-13-45")
    assert result.exit_code == 1
    assert "--before 的日期无效" in result.stderr


def test_empty_result_says_so(run):
    result = run("due", "--after", "2020-08-01", "--before", "2020-08-02")
    assert result.exit_code == 0
    assert result.stdout == "没有符合条件的事项\n"
    assert run("list", "--unit", "区国家档案馆", "--section", "一").stdout == "没有符合条件的任务\n"


def test_unit_includes_collective_terms_with_label(run):
    rows = _json(run("unit", "司法局", "--json"))
    by_id = {r["id"]: r for r in rows}
    assert by_id[15]["via"] is None and by_id[15]["role"] == "lead"
    assert by_id[13]["role"] == "cooperating"
    assert by_id[14]["via"] == "区各有关部门"
    assert by_id[11]["via"] == "区各有关单位"
    direct = _json(run("unit", "区司法局", "--direct", "--json"))
    assert {r["id"] for r in direct} == {10, 13, 15, 19, 28}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("区司法厅", "gpstd: 没有名为「区司法厅」的单位；相近的名称：区司法局\n"),
        ("化龙街", "gpstd: 没有名为「化龙街」的单位；相近的名称：化龙镇\n"),  # not 大龙街道: 化龙 is the name
        (
            "发改委",
            "gpstd: 没有名为「发改委」的单位；相近的名称：区发展改革局（区发改局）\n",
        ),  # once, not twice
        ("档案局", "gpstd: 没有名为「档案局」的单位；相近的名称：区国家档案馆\n"),
    ],
)
def test_unknown_unit_suggests_full_names(run, name, message):
    result = run("unit", name)
    assert result.exit_code == 1 and result.stderr == message


@pytest.mark.parametrize("name", ["卫健局", "公安局"])
def test_a_bureau_the_register_does_not_list_is_pointed_to_the_terms_covering_it(run, name):
    """Not to unrelated bureaus (区民政局, 区教育局): to the collective terms that would include it."""
    result = run("unit", name)
    assert result.exit_code == 1
    assert result.stderr == (
        f"gpstd: 没有名为「{name}」的单位。登记册没有单独列出它；看名称它像区直部门，如果是，它经这些集合称谓承担任务："
        "区各有关部门、区各有关单位、区有关目录编制部门（如 gpstd unit 区各有关部门）；"
        "也可能在原文未列成员、整体计算的称谓之内：公共企事业单位主管部门\n"
    )


def test_a_part_of_a_name_prefers_names_to_aliases(run):
    rows = _json(run("unit", "民政", "--json"))  # also inside 番禺区人民政府办公室, 区政府办's alias
    assert 25 in {r["id"] for r in rows}


def test_unit_town_reaches_group_tasks(run):
    rows = _json(run("unit", "市桥街", "--json"))
    # 16's half-yearly screening is 区政府办's and 22's summary 区政务服务数据管理局's: 16 for its 长期
    # part; 22 because its 责任单位 names 各镇（街）, with no deadline of the town's own
    assert {r["id"] for r in rows} == {3, 11, 14, 16, 17, 22}
    assert all(r["via"] == "各镇（街）" for r in rows)
    task22 = next(r for r in rows if r["id"] == 22)
    assert (task22["next_due"], task22["state"], task22["label"]) == (None, "unscheduled", "本单位无期限")
    result = run("unit", "市桥街", "--today", "2021-01-05")
    assert "经「各镇（街）」" in result.stdout
    assert "本单位无期限" in next(line for line in result.stdout.splitlines() if line.startswith("│   22 "))
    # ... and 22's summary is still not the town's to deliver, nor to be chased for
    assert 22 not in {
        r["id"] for r in _json(run("overdue", "--unit", "市桥街", "--today", "2021-01-05", "--json"))
    }


def test_unit_unknown_and_ambiguous(run):
    result = run("unit", "区司发局")
    assert result.exit_code == 1 and "区司法局" in result.stderr
    result = run("unit", "街道")
    assert result.exit_code == 1 and "不唯一" in result.stderr


@pytest.mark.parametrize("spelling", ["七", "7", "（七）", "(七)"])
def test_section_spellings(run, spelling):
    rows = _json(run("section", spelling, "--json"))
    assert [r["id"] for r in rows] == [11, 12, 13, 14]
    assert rows[0]["cells"]["section"] == "（七）"


@pytest.mark.parametrize("name", ["五", "5", "（五）", "十九"])
def test_section_the_plan_skips_has_no_tasks(run, name):
    result = run("section", name)
    assert result.exit_code == 1
    key = "五" if name in ("五", "5", "（五）") else "十九"
    assert result.stderr == (
        f"gpstd: 方案项目（{key}）在原文中没有（方案跳过了这个编号）；本登记册的方案项目：一、二、三、四、六、七、八、九、十、十一、十二、"
        "十三、十四、十五、十六、十七、十八、二十\n"
    )
    assert run("section", name, "--json").exit_code == 1


@pytest.mark.parametrize("name", ["二十一", "99", "甲", "五五"])
def test_section_unknown(run, name):
    result = run("section", name)
    assert result.exit_code == 1 and f"没有方案项目「{name}」" in result.stderr


def test_show_task_in_full(run):
    result = run("show", "13", "--today", "2021-08-01")
    assert result.exit_code == 0
    assert "每年7月组织对两年半前" in result.stdout
    assert "2021-07-31" in result.stdout and "2022-07-31" in result.stdout
    rows = _json(run("show", "13", "--json", "--today", "2021-08-01"))
    assert rows[0]["past"] == ["2021-07-31"] and rows[0]["upcoming"][0] == "2022-07-31"


def test_show_unknown_id(run):
    result = run("show", "99")
    assert result.exit_code == 1 and "没有编号为 99 的任务" in result.stderr


def test_list_json_contract(run):
    rows = _json(run("list", "--json", "--today", "2020-08-01"))
    assert [r["id"] for r in rows] == list(range(1, 29))
    first = rows[0]
    assert set(first["cells"]) == {"seq", "responsible", "task", "deadline", "section"}
    assert first["next_due"] == "2020-08-31"


@pytest.mark.parametrize(
    ("task_id", "sentence"),
    [("12", "该任务没有具体期限（不定期）。"), ("19", "该任务没有具体期限（长期）。")],
)
def test_show_a_task_without_dates_says_so(run, task_id, sentence):
    result = run("show", task_id, "--today", "2020-11-01")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == sentence
    assert "期限（过去与接下来）" not in result.stdout and "图例" not in result.stdout


def test_units_and_sections(run):
    units = _json(run("units", "--json"))
    sifa = next(u for u in units if u["name"] == "区司法局")
    assert sifa["tasks"] == 5 and isinstance(sifa["id"], int)
    towns = next(u for u in units if u["name"] == "各镇（街）")
    assert len(towns["members"]) == 16
    sections = _json(run("sections", "--json"))
    assert {"id": 6, "section": "七", "tasks": 4} in sections


def test_units_count_tasks_through_collective_terms(run):
    """A town is named by no task directly: its work reaches it through 各镇（街） and the like."""
    units = _json(run("units", "--json"))
    shiqiao = next(u for u in units if u["name"] == "市桥街道")
    assert (shiqiao["tasks"], shiqiao["via_groups"]) == (0, 6)  # what `gpstd unit 市桥街道` lists
    assert next(u for u in units if u["name"] == "各镇（街）")["via_groups"] == 0
    lines = run("units").stdout.splitlines()
    assert "直接任务数" in lines[1] and "经集合称谓" in lines[1]
    row = next(line for line in lines if line.startswith("│ 市桥街道"))
    assert [cell.strip() for cell in row.split("│")[4:6]] == ["0", "6"]


def test_agenda_and_overdue(run):
    agenda = _json(run("agenda", "--days", "10", "--json", "--today", "2020-11-25"))
    late = _json(run("overdue", "--json", "--today", "2020-11-25"))
    coming = [(r["id"], r["due"]) for r in agenda if r["status"] != "overdue"]
    assert coming == [(5, "2020-11-30"), (14, "2020-11-30"), (24, "2020-11-30")]
    assert agenda[: len(late)] == late  # everything overdue first, as overdue lists it
    rows = _json(run("overdue", "--json", "--today", "2020-09-01"))
    assert {(r["id"], r["due"]) for r in rows} == {(1, "2020-08-31"), (3, "2020-08-31")}
    assert all(r["status"] == "overdue" for r in rows)


def test_today_from_environment(run, monkeypatch):
    monkeypatch.setenv("GPSTD_TODAY", "2020-09-01")
    rows = _json(run("overdue", "--json"))
    assert len(rows) == 2


@pytest.mark.parametrize("command", [("overdue",), ("units",), ("done", "3", "--due", "2020-08-31")])
def test_empty_today_is_an_error_not_the_real_today(run, register_copy, command):
    result = run(*command, "--today", "", "--file", str(register_copy))
    assert result.exit_code == 1
    assert result.stderr == "gpstd: --today 为空：应写一个日期，如 2020-12-31\n" and result.stdout == ""
    assert not (register_copy.parent / "progress.yaml").exists()


def test_bad_today_from_the_environment_is_named(run, monkeypatch):
    monkeypatch.setenv("GPSTD_TODAY", "bad")
    result = run("overdue")
    assert result.exit_code == 1
    assert result.stderr.startswith("gpstd: 环境变量 GPSTD_TODAY 的日期无效：「bad」")
    result = run("overdue", "--today", "2020-13-45")  # typed: named as the option, env var unused
    assert result.exit_code == 1 and result.stderr.startswith("gpstd: --today 的日期无效：「2020-13-45」")


def test_timeline_counts_per_month(run):
    rows = _json(run("timeline", "--from", "2020-08-01", "--to", "2020-12-31", "--json"))
    assert {"id": 21, "month": "2020-09", "count": 1, "done": 0} in rows
    assert {"id": 23, "month": "2020-12", "count": 2, "done": 0} in rows
    result = run("timeline", "--from", "2020-08-01", "--to", "2020-12-31")
    assert result.exit_code == 0 and "合计" in result.stdout and "各月期限分布" in result.stdout


def test_unknown_option_is_usage_error(run):
    result = run("due", "--bogus")
    assert result.exit_code == 2


def test_done_occurrences_leave_overdue_and_show_in_due(run, register_copy):
    file = str(register_copy)
    assert run("done", "1", "--due", "2020-08-31", "--file", file, "--on", "2020-08-30").exit_code == 0
    rows = _json(run("overdue", "--json", "--today", "2020-09-01", "--file", file))
    assert {(r["id"], r["due"]) for r in rows} == {(3, "2020-08-31")}
    rows = _json(run("due", "--before", "2020-08-31", "--json", "--file", file))
    assert {(r["id"], r["done"]) for r in rows} == {(1, True), (3, False)}
    result = run("due", "--before", "2020-08-31", "--file", file, "--today", "2020-09-01")
    assert "已完成" in result.stdout


@pytest.mark.parametrize("command", [["due", "--after", "2024-02-29"], ["show", "14"], ["list"]])
def test_leap_day_today(run, command):
    result = run(*command, "--today", "2024-02-29", "--json")
    assert result.exit_code == 0, result.stderr


def test_overdue_for_one_unit_leaves_out_its_own_report(run, register_copy):
    file = str(register_copy)
    assert (
        run(
            "done", "3", "--due", "2020-08-31", "--unit", "市桥街道", "--file", file, "--today", "2020-08-31"
        ).exit_code
        == 0
    )
    mine = _json(run("overdue", "--json", "--today", "2020-09-01", "--unit", "市桥街道", "--file", file))
    assert (3, "2020-08-31") not in {(r["id"], r["due"]) for r in mine}
    other = _json(run("overdue", "--json", "--today", "2020-09-01", "--unit", "南村镇", "--file", file))
    assert (3, "2020-08-31") in {(r["id"], r["due"]) for r in other}


def test_weekends_flagged_in_years_without_holiday_data(run):
    rows = _json(run("due", "--after", "2027-07-31", "--before", "2027-07-31", "--json"))
    assert rows and all(r["day_off"] == "周末" for r in rows)  # a Saturday; the calendar ends in 2026
    out = run("due", "--after", "2027-07-31", "--before", "2027-07-31", "--today", "2027-07-01").stdout
    assert "休:周末" in out
    assert out.count("2027年的法定节假日尚无数据，只标出周末。") == 1


def test_show_lists_five_upcoming_deadlines_of_a_yearly_task(run):
    record = _json(run("show", "14", "--json", "--today", "2020-09-25"))[0]
    assert record["upcoming"] == ["2020-11-30", "2021-11-30", "2022-11-30", "2023-11-30", "2024-11-30"]


@pytest.mark.parametrize("command", ["units", "sections"])
def test_every_command_takes_today(run, command):
    assert run(command, "--today", "2020-09-25").exit_code == 0
    result = run(command, "--today", "2020-02-30")
    assert result.exit_code == 1 and "--today 的日期无效" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--from", "2020-12-01", "--to", "2020-08-01"),
            "gpstd: --from 2020-12-01 晚于 --to 2020-08-01：窗口起点不能晚于终点\n",
        ),
        (
            ("--from", "2020-01-01", "--to", "2026-01-01"),
            "gpstd: 时间轴最多显示 60 个月，请缩小 --from/--to 的范围\n",
        ),
    ],
)
def test_timeline_bad_range_is_bad_input(run, args, message):
    result = run("timeline", *args)
    assert result.exit_code == 1
    assert result.stderr == message


def test_status_words_are_defined_once():
    from gpstd.exports import html
    from gpstd.obligations.states import CODE_LABELS

    assert html.STATUS["overdue"][0] == CODE_LABELS["overdue"]
    assert html.STATUS["later"][0] == CODE_LABELS["later"]


def test_legend_is_shown_only_with_colour(run):
    coloured = run("due", "--before", "2020-09-30", "--today", "2020-09-25", "--color", "always").stdout
    assert "● 按时完成" in coloured and "\x1b[1;31m逾期25天\x1b[0m" in coloured
    assert run("due", "--color", "sometimes").exit_code == 2


def test_status_names_units_by_the_ids_units_gives(run) -> None:
    listed = {r["name"]: r["id"] for r in _json(run("units", "--json"))}
    summary = _json(
        run("status", "--json", "--today", "2020-09-05", "--after", "2020-08-01", "--before", "2020-12-31")
    )
    assert summary and all(listed[r["unit"]] == r["id"] for r in summary)


def test_timeline_ending_before_today_is_the_same_reversed_window_error(run) -> None:
    result = run("timeline", "--to", "2020-01-01", "--today", "2020-11-01")
    assert result.exit_code == 1
    assert result.stderr == "gpstd: --from 2020-11-01 晚于 --to 2020-01-01：窗口起点不能晚于终点\n"


@pytest.mark.parametrize(
    "view",
    [
        ["due", "--before", "2020-12-31"],
        ["agenda"],
        ["overdue"],
        ["list"],
        ["section", "七"],
        ["unit", "司法局"],
        ["show", "1"],
        ["units"],
        ["sections"],
        ["timeline"],
        ["ledger"],
        ["status"],
    ],
)
def test_every_view_takes_the_pager_options(run, view: list[str]) -> None:
    for option in ("--no-pager", "--pager"):
        result = run(*view, option, "--today", "2020-11-25")
        assert result.exit_code == 0, (view, option, result.stderr)
        assert result.stdout


def test_years_without_holiday_data_are_named_as_a_span_not_one_by_one(run):
    out = run("overdue", "--today", "2999-12-31").stdout
    assert "2027—2999年的法定节假日尚无数据，只标出周末。" in out
    assert "2028、" not in out


def test_a_unit_named_with_half_width_brackets_is_found(run, register_copy):
    # 区司法局(法治办) in the register: `unit 区司法局` and even the exact name answered
    # 没有名为「区司法局(法治办)」的单位；相近的名称：区司法局(法治办).
    text = register_copy.read_text(encoding="utf-8").replace("区司法局", "区司法局(法治办)")
    register_copy.write_text(text, encoding="utf-8")
    for name in ("区司法局", "区司法局(法治办)", "区司法局（法治办）"):
        result = run("unit", name, "--file", str(register_copy), "--today", "2020-11-01")
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("区司法局(法治办)（区直部门）")
