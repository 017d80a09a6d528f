"""gpstd.cli.COMMANDS names, for each command, the module that registers it (`gpstd due` imports
only gpstd.commands.query): a command missing from the table, or put under another module, would
fail only when a user typed it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from gpstd.cli import COMMANDS

_REGISTERED = """
import importlib, json
import typer.main
from gpstd.commands import app

def names():
    found = {info.name or typer.main.get_command_name(info.callback.__name__) for info in app.registered_commands}
    return found | {info.name for info in app.registered_groups}

out = {}
for module in sorted(set(json.loads(MODULES))):
    before = names()
    importlib.import_module("gpstd.commands." + module)
    out.update({name: module for name in names() - before})
print(json.dumps(out))
"""


def test_every_command_is_registered_by_the_module_the_table_names():
    code = _REGISTERED.replace("MODULES", repr(json.dumps(sorted(set(COMMANDS.values())))))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    registered = json.loads(result.stdout)
    assert {name: registered.get(name) for name in COMMANDS} == COMMANDS
    assert sorted(set(registered) - set(COMMANDS)) == []


_FULL = """
import sys
import typer.main
from gpstd.cli import build
typer.main.get_command(build())(sys.argv[1:], prog_name="gpstd")
"""


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LINES"} | {"COLUMNS": "100"}
    return subprocess.run([sys.executable, *argv], capture_output=True, text=True, env=env, check=False)


def _gpstd(*args: str) -> subprocess.CompletedProcess[str]:
    return _run("-m", "gpstd", *args)


def test_the_top_level_help_is_that_of_the_whole_application():
    """`gpstd --help` lists commands from their names and help alone (cli.listed_only): what a
    user reads must be what the fully built application says."""
    for args in (["--help"], ["-h"], []):
        shown, full = _gpstd(*args), _run("-c", _FULL, *args)
        assert (shown.returncode, shown.stdout, shown.stderr) == (full.returncode, full.stdout, full.stderr)
        assert "命令：" in shown.stdout + shown.stderr


def test_a_mistyped_command_is_answered_from_the_listing():
    shown = _gpstd("lsit")
    assert shown.returncode == 2
    assert "lsit" in shown.stderr and "list" in shown.stderr


def test_a_command_after_the_end_of_options_runs():
    shown = _gpstd("--", "show", "1", "--today", "2020-11-01", "--no-pager")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("任务 1")


def _gpstd_bytes(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "LINES"} | {
        "COLUMNS": "100",
        "PYTHONIOENCODING": encoding,
    }
    return subprocess.run([sys.executable, "-m", "gpstd", *args], capture_output=True, env=env, check=False)


def test_a_stream_that_cannot_write_chinese_writes_utf8():
    """PYTHONIOENCODING=ascii, or a C locale with PYTHONUTF8=0: every view used to end in an
    internal error (UnicodeEncodeError, exit 70); it writes UTF-8 instead, as --json does."""
    for encoding in ("ascii", "latin-1"):
        shown = _gpstd_bytes(encoding, "status", "3", "--today", "2020-11-01", "--no-pager")
        assert shown.returncode == 0, shown.stderr
        assert "任务 3" in shown.stdout.decode("utf-8")
        missing = _gpstd_bytes(encoding, "show", "999", "--today", "2020-11-01")
        assert missing.returncode == 1
        assert "999" in missing.stderr.decode("utf-8") and "\\u" not in missing.stderr.decode("utf-8")


def test_gbk_output_is_written_as_its_superset_gb18030():
    """A Windows console redirected to a file writes GBK, which has no ✓: `status 3` and even
    `--help` ended in a traceback. GB18030 reads as GBK wherever GBK has the character."""
    for args in (["status", "3", "--today", "2020-11-01", "--no-pager"], ["--help"]):
        shown = _gpstd_bytes("gbk", *args)
        assert shown.returncode == 0, shown.stderr
        assert "✓" in shown.stdout.decode("gb18030")


def test_a_closed_stdout_is_a_reader_that_went_away():
    """`gpstd list >&-`: Python has no sys.stdout at all, and every view ended in an internal
    error (AttributeError) where check and export were quiet. Like a reader gone (`| head`),
    there is no one to tell: exit 0."""
    env = {k: v for k, v in os.environ.items() if k != "LINES"} | {"COLUMNS": "100"}
    command = f"{sys.executable} -m gpstd list --today 2020-11-01 >&-"
    shown = subprocess.run(["sh", "-c", command], capture_output=True, text=True, env=env, check=False)
    assert (shown.returncode, shown.stderr) == (0, "")


def test_messages_write_out_control_characters_of_a_file_name(tmp_path):
    # `gpstd import 附件*.docx` over a mailed file named with ESC sequences: every message naming
    # it sent them to the terminal (clear screen, retitle); stderr now writes them out as \x1b.
    path = tmp_path / "附件\x1b[2J\x1b]0;pwn\x07.docx"
    path.write_bytes(b"not a zip")
    shown = _gpstd("import", str(path))
    assert shown.returncode == 1
    assert "\x1b" not in shown.stderr and "\x07" not in shown.stderr
    assert "附件\\x1b[2J\\x1b]0;pwn\\x07.docx" in shown.stderr


def test_messages_write_out_characters_that_reorder_a_file_name(tmp_path):
    # A name with a right-to-left override read backwards on the terminal ("附件‮xcod.exe"): written out.
    path = tmp_path / "附件\u202excod.exe.docx"
    path.write_bytes(b"not a zip")
    shown = _gpstd("import", str(path))
    assert shown.returncode == 1
    assert "\u202e" not in shown.stderr
    assert "附件\\u202excod.exe.docx" in shown.stderr
