"""`gpstd remind`, `notice` and `report` as a user runs them: exit codes and exact messages."""

from __future__ import annotations

import pytest


def test_remind_prints_one_block_per_unit(run) -> None:
    result = run("remind", "--today", "2020-11-25")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("【督办提醒】") == 26
    assert result.stdout.startswith("【督办提醒】区政府办\n截至2020年11月25日，逾期未完成3项。\n")
    assert "\n\n【督办提醒】区政务服务数据管理局\n" in result.stdout


def test_remind_with_nothing_to_say(run) -> None:
    result = run("remind", "--today", "2020-08-01")
    assert result.exit_code == 0
    assert result.stdout == "截至 2020-08-01，没有逾期或 3 天内到期的事项。\n"


@pytest.mark.parametrize(
    ("today", "says"),
    [
        ("2021-01-01", "今天（2021-01-01，元旦假期）不是工作日（--workdays-only），不作提醒。\n"),
        ("2020-11-28", "今天（2020-11-28，周六）不是工作日（--workdays-only），不作提醒。\n"),
    ],
)
def test_remind_workdays_only_is_quiet_on_days_off(run, today, says) -> None:
    result = run("remind", "--today", today, "--workdays-only")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == says


def test_remind_workdays_only_runs_on_a_make_up_working_sunday(run) -> None:
    # 2020-09-27 was a Sunday worked in exchange for the National Day holiday (调休).
    result = run("remind", "--today", "2020-09-27", "--workdays-only", "--unit", "区民政局")
    assert result.exit_code == 0
    assert result.stdout.startswith("【督办提醒】区民政局\n")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "html"], 2, "--format 应为 text、markdown 或 json，实为「html」"),
        (["--to", "wecom"], 2, "--to、--secret 只与 --webhook 一起使用"),
        (["--days", "-1"], 2, "-1"),
        (["--unit", "不存在局"], 1, "不存在局"),
    ],
)
def test_remind_bad_options(run, args, code, message) -> None:
    result = run("remind", "--today", "2020-11-25", *args)
    assert result.exit_code == code
    assert message in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("remind", "--today", "2999-12-31", "--days", "3660", "--format", "json"),
        ("report", "--period", "2999", "--today", "2999-12-31", "--json"),
        ("report", "--period", "1900Q1", "--today", "1900-01-01", "--json"),
    ],
)
def test_far_dates_are_answered(run, args) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("remind", "--today", "2020-11-25", "--days", "99999"), 2, "99999 不在允许范围 0 至 3660 内"),
        (("notice", "--unit", "区民政局", "--today", "2020-11-25", "-o", ""), 2, "-o 需要一个文件名"),
        (("report", "--period", "2020-01-01..", "--today", "2020-11-25"), 1, "--period 终止 为空"),
    ],
)
def test_bad_values_are_messages(run, args, code, message, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_document_is_never_written_over_the_register(run, register_copy) -> None:
    result = run(
        "report",
        "--period",
        "2020H2",
        "--today",
        "2021-01-10",
        "--file",
        str(register_copy),
        "-o",
        str(register_copy),
        "--force",
    )
    assert result.exit_code == 1
    assert "是正在读取的登记册本身" in result.stderr


@pytest.mark.parametrize("name", ["区司法局/区信访局", "../../区司法局"])
def test_a_notice_named_after_its_unit_stays_in_the_current_directory(
    run, register_copy, name, monkeypatch
) -> None:
    """The default file name is the unit's: a unit written with a slash (or a hostile ../) was a
    path, to a directory that did not exist or out of the current one."""
    register_copy.write_text(
        register_copy.read_text(encoding="utf-8").replace("区司法局", name), encoding="utf-8"
    )
    here = register_copy.parent / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = run("notice", "--unit", name, "--today", "2020-12-05", "--file", str(register_copy))
    assert result.exit_code == 0, result.stderr
    safe = name.replace("/", "_")
    assert [p.name for p in here.iterdir()] == [f"催办通知-{safe}.docx"]


_DOCUMENT_OPTIONS = [
    *[(["notice", "--unit", "市桥街道"], option) for option in ("--title", "--issuer", "--number")],
    *[
        (["report", "--period", "2020"], option)
        for option in ("--title", "--issuer", "--number", "--addressee")
    ],
]


@pytest.mark.parametrize(("command", "option"), _DOCUMENT_OPTIONS)
def test_a_control_character_in_a_document_option_is_a_message(run, tmp_path, command, option) -> None:
    """A .docx cannot hold one: lxml's ValueError was an internal error."""
    result = run(*command, "--today", "2020-11-25", option, "标题\x01", "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 1
    assert f"{option} 含有控制字符 U+0001：请只写文字" in result.stderr
    assert list(tmp_path.iterdir()) == []
