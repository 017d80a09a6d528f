"""Abuse found in QA: every case here once ended in exit 70 (内部错误), a traceback, or a
silent wrong answer."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import REGISTER

GPSTD = [sys.executable, "-m", "gpstd"]


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "GPSTD_CACHE_DIR": str(tmp_path / "cache"),
        "NO_COLOR": "1",
        "GPSTD_FILE": str(REGISTER),
        "COLUMNS": "100",
    }


@pytest.mark.parametrize(
    "args",
    [
        ("agenda", "--today", "9999-12-31"),
        ("agenda", "--today", "9999-12-20", "--days", "30"),
        ("overdue", "--today", "0001-01-01"),
        ("due", "--today", "9999-12-31"),
        ("due", "--after", "9999-12-31"),
        ("list", "--today", "9999-12-31"),
        ("timeline", "--today", "9999-12-31"),
        ("timeline", "--from", "0001-01-01", "--to", "9999-12-31"),
        ("show", "13", "--today", "0001-01-01"),
        ("status", "--today", "9999-12-31"),
        ("export", "json", "--today", "9999-12-31"),
    ],
)
def test_far_dates_are_a_clear_error(run, args):
    result = run(*args)
    assert result.exit_code == 1, result.stderr
    assert "日期超出范围" in result.stderr and "内部错误" not in result.stderr


@pytest.mark.parametrize("name", ["100", "99999999999999999999999", "²", "9" * 5000])
def test_section_numbers_out_of_range_are_not_found(run, name):
    result = run("section", name)
    assert result.exit_code == 1
    assert "没有方案项目" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("section", ""),
        ("due", "--section", "", "--before", "2020-12-31"),
        ("due", "--unit", "", "--before", "2020-12-31"),
        ("list", "--unit", " "),
        ("export", "csv", "--section", ""),
    ],
)
def test_empty_filter_is_an_error_not_everything(run, args):
    result = run(*args)
    assert result.exit_code == 1, result.stdout
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["done", "undo"])
def test_empty_unit_does_not_mean_every_unit(run, register_copy, command):
    result = run(command, "14", "--due", "2020-11-30", "--unit", "", "--file", str(register_copy))
    assert result.exit_code == 1
    assert "--unit 为空" in result.stderr
    assert not (register_copy.parent / "progress.yaml").exists()


def test_parse_with_stdin_closed(tmp_path):
    result = subprocess.run(  # noqa: PLW1510 - the exit code is asserted
        [*GPSTD, "parse", "-"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.close(0),
    )
    assert result.returncode == 2, result.stderr
    assert "标准输入已关闭" in result.stderr and "内部错误" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("due", "--before", "2020-12-31"),
        ("list",),
        ("parse", "每年7月"),
        ("export", "csv"),
        ("export", "json"),
        ("--help",),
        ("due", "--help"),
    ],
)
def test_reader_going_away_is_not_an_error(tmp_path, args):
    proc = subprocess.Popen(
        [*GPSTD, *args], env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.close()  # like `| head -0`: the reader is gone before we write
    err = proc.stderr.read().decode()
    assert proc.wait() == 0, err
    assert err == ""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [("due", "--before", "2020-12-31"), ("export", "csv"), ("--help",), ("parse", "每年7月")]
)
def test_full_stdout_is_a_message_not_a_traceback(tmp_path, args):
    with open("/dev/full", "w") as full:
        result = subprocess.run(  # noqa: PLW1510 - the exit code is asserted
            [*GPSTD, *args], env=_env(tmp_path), stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert result.returncode == 1
    assert "无法写出结果" in result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr


def test_export_into_a_named_pipe_writes_into_it(run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("export", "csv", "-o", str(fifo))
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a pipe, not replaced by a file
    assert received and "序号" in received[0].decode("utf-8-sig")


def test_export_to_dev_stdout(tmp_path):
    result = subprocess.run(  # noqa: PLW1510 - the exit code is asserted
        [*GPSTD, "export", "csv", "-o", "/dev/stdout"], env=_env(tmp_path), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "序号" in result.stdout


def test_export_to_empty_file_name(run):
    result = run("export", "json", "-o", "")
    assert result.exit_code == 2
    assert "-o 需要一个文件名" in result.stderr


def test_export_group_alone_shows_its_help(run):
    result = run("export")
    assert result.exit_code == 2
    assert "错误" not in result.stderr and "命令：" in result.stderr


@pytest.mark.parametrize(
    "name,content",
    [
        ("empty.xlsx", b""),
        ("empty.docx", b""),
        ("junk.xlsx", b"\x00\x01junk" * 100),
        ("junk.docx", b"\x00\x01junk" * 100),
    ],
)
def test_import_damaged_office_file(run, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("import", str(path))
    assert result.exit_code == 1
    assert f"{path}: 不是有效的" in result.stderr


def test_import_not_utf8_text(run, tmp_path):
    path = tmp_path / "list.txt"
    path.write_bytes("序号\t责任单位\n".encode("gbk"))
    result = run("import", str(path))
    assert result.exit_code == 1
    assert "不是 UTF-8 编码" in result.stderr


def test_register_that_is_not_a_regular_file_is_refused_at_once(run):
    result = run("list", "--file", "/dev/zero")
    assert result.exit_code == 1
    assert "/dev/zero: 不是普通文件（设备或管道），不能作为登记册读取" in result.stderr


def test_empty_file_option(run):
    assert "--file 为空" in run("list", "--file", "").stderr
    result = run("check", "")
    assert result.exit_code == 2 and "文件名为空" in result.stderr
