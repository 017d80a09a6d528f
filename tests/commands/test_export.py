"""Options every export shares: -o, dates, filters, errors in Chinese, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FORMATS = ["ics", "xlsx", "csv", "json"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_is_written_and_reported(run, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    result = run("export", fmt, "-o", str(target), "--today", "2020-11-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert target.stat().st_size > 0
    assert "已导出" in result.stderr and str(target) in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize("fmt", [*FORMATS, "html"])
def test_an_existing_file_is_replaced_only_with_force(run, tmp_path, fmt):
    """As `gpstd import -o`: an existing file is kept unless --force says otherwise."""
    target = tmp_path / "out"
    target.write_text("old content")
    refused = run("export", fmt, "--output", str(target))
    assert refused.exit_code == 1
    assert refused.stderr == f"gpstd: {target}: 文件已存在；加 --force 覆盖，或换一个输出文件名\n"
    assert target.read_text() == "old content"
    assert run("export", fmt, "--output", str(target), "--force").exit_code == 0
    assert b"old content" not in target.read_bytes()


@pytest.mark.parametrize("fmt", ["ics", "csv", "json"])
def test_dash_means_stdout(run, fmt):
    assert (
        run("export", fmt, "-o", "-", "--today", "2020-11-01").stdout_bytes
        == run("export", fmt, "--today", "2020-11-01").stdout_bytes
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_directory_is_a_chinese_error(run, tmp_path, fmt):
    result = run("export", fmt, "-o", str(tmp_path / "no" / "such" / "out"))
    assert result.exit_code == 1
    assert "无法写入：所在目录不存在" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_refuses_to_overwrite_the_register(run, register_copy):
    before = register_copy.read_bytes()
    result = run("export", "json", "--file", str(register_copy), "-o", str(register_copy))
    assert result.exit_code == 1
    assert (
        result.stderr == f"gpstd: -o {register_copy} 是正在读取的登记册本身，导出会覆盖它：请换一个文件名\n"
    )
    assert register_copy.read_bytes() == before


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--before", "某天"], 1, "--before 的日期无效：「某天」"),
        (["--after", "2020-13-01"], 1, "--after 的日期无效"),
        (["--today", "昨天之前"], 1, "--today 的日期无效"),
        (
            ["--after", "2021-01-01", "--before", "2020-01-01"],
            1,
            "gpstd: --after 2021-01-01 晚于 --before 2020-01-01：窗口起点不能晚于终点",
        ),
        (["--unit", "不存在的局"], 1, "没有名为「不存在的局」的单位"),
        (["--section", "99"], 1, "没有方案项目「99」"),
        (["--file", "/nonexistent/tasks.yaml"], 1, "文件不存在"),
    ],
)
def test_bad_options_are_chinese_errors(run, fmt, args, code, message):
    result = run("export", fmt, *args)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("spelling", ["2020-12-31", "2020/12/31", "2020年12月31日"])
def test_date_spellings(run, spelling):
    result = run("export", "json", "--before", spelling)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["window"]["end"] == "2020-12-31"


def test_today_from_environment(run, monkeypatch):
    monkeypatch.setenv("GPSTD_TODAY", "2021-06-01")
    assert json.loads(run("export", "json").stdout)["today"] == "2021-06-01"


def test_help_is_chinese_with_examples(run):
    result = run("export", "--help")
    assert result.exit_code == 0
    for fmt in FORMATS:
        assert fmt in result.stdout
    for fmt in FORMATS:
        text = run("export", fmt, "--help").stdout
        assert "示例：gpstd export " + fmt in text
        assert "--unit" in text and "--output" in text


def test_register_is_not_modified_by_exports(run, register_copy: Path, tmp_path):
    before = register_copy.read_bytes()
    for fmt in FORMATS:
        run("export", fmt, "--file", str(register_copy), "-o", str(tmp_path / fmt))
    assert register_copy.read_bytes() == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_leap_day_today(run, fmt):
    assert run("export", fmt, "--today", "2024-02-29").exit_code == 0


def _done_json(run, *args: str) -> list[tuple[int, str]]:
    result = run("export", "json", "--today", "2020-11-01", *args)
    assert result.exit_code == 0, result.stderr
    return [
        (t["id"], o["due"]) for t in json.loads(result.stdout)["tasks"] for o in t["occurrences"] if o["done"]
    ]


def test_progress_option_names_another_file(run, register_copy: Path, tmp_path, record_done):
    moved = record_done(register_copy).rename(tmp_path / "elsewhere.yaml")
    assert _done_json(run, "--file", str(register_copy)) == []
    assert _done_json(run, "--file", str(register_copy), "--progress", str(moved)) == [
        (1, "2020-08-31"),
        (21, "2020-09-30"),
    ]
    assert _done_json(run, "--file", str(register_copy), "--progress", str(tmp_path / "none.yaml")) == []


@pytest.mark.parametrize("args", [["ics"], ["csv"], ["csv", "--occurrences"], ["json"], ["html"]])
def test_without_a_progress_file_nothing_is_done(run, register_copy: Path, args):
    """(xlsx: in test_export_xlsx.py, which reads the cells.)"""
    result = run("export", *args, "--today", "2020-11-01", "--file", str(register_copy))
    assert result.exit_code == 0, result.stderr
    assert "按时完成" not in result.stdout and '"done": true' not in result.stdout
    assert not (register_copy.parent / "progress.yaml").exists()


@pytest.mark.parametrize("fmt", [*FORMATS, "html"])
def test_refuses_to_overwrite_the_progress_file(run, register_copy, fmt, record_done):
    progress = record_done(register_copy)
    before = progress.read_bytes()
    for args in (["--progress", str(progress)], []):  # given, or found beside the register
        result = run("export", fmt, "--file", str(register_copy), *args, "-o", str(progress))
        assert result.exit_code == 1
        assert (
            f"gpstd: -o {progress} 是正在读取的完成情况文件，导出会覆盖其中的完成记录：请换一个文件名"
            in result.stderr
        )
    assert progress.read_bytes() == before


def test_a_binary_document_is_not_written_to_a_terminal(monkeypatch) -> None:
    """`gpstd report -o -` and `gpstd notice -o -` on a terminal poured a .docx's bytes over it
    (export xlsx already refused): the terminal is no place for a binary file."""
    import io
    import sys

    from gpstd.commands.export import emit
    from gpstd.errors import UsageError

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    with pytest.raises(UsageError, match="二进制文件，不能显示在终端：请用 -o 指定文件"):
        emit(b"PK\x03\x04", "-", None, "通报")
    emit("<html></html>", None, None, "网页")
    assert sys.stdout.getvalue() == "<html></html>"
