"""What the terminal shows: a snapshot of one table, 80-column fit, colour policy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gpstd.render.tables import STATUS

SNAPSHOTS = Path(__file__).parent / "snapshots"
DUE_ARGS = ("due", "--before", "2020-09-30", "--today", "2020-09-25")


def test_due_table_snapshot(run):
    result = run(*DUE_ARGS)
    snapshot = SNAPSHOTS / "due-2020-09.txt"
    if os.environ.get("GPSTD_UPDATE_SNAPSHOTS"):
        snapshot.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        DUE_ARGS,
        ("unit", "区民政局", "--today", "2020-11-01"),
        ("show", "21", "--today", "2020-11-01"),
        ("timeline", "--from", "2020-08-01"),
        ("section", "七"),
    ],
)
def test_fits_80_columns(run, monkeypatch, args):
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    result = run(*args)
    assert result.exit_code == 0
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80


def _gpstd(*args: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    environ.update(env)
    proc = subprocess.run(
        [sys.executable, "-m", "gpstd", *args], capture_output=True, text=True, env=environ, check=True
    )
    return proc.stdout


def test_colour_only_on_a_terminal_and_never_with_no_color():
    coloured = _gpstd(*DUE_ARGS, FORCE_COLOR="1", COLUMNS="100")
    assert "\x1b[" in coloured
    assert "\x1b[" not in _gpstd(*DUE_ARGS, COLUMNS="100")  # piped
    plain = _gpstd(*DUE_ARGS, FORCE_COLOR="1", NO_COLOR="1", COLUMNS="100")
    assert "\x1b" not in plain


def test_status_is_written_not_only_coloured(run):
    out = run(*DUE_ARGS).stdout
    for label in ("逾期", "7天内"):
        assert label in out
    assert all(label in out for label, _style in (STATUS["overdue"], STATUS["soon"], STATUS["later"]))


def test_no_color_on_a_terminal_writes_no_escape_codes(run, monkeypatch):
    """rich alone keeps bold (ESC[1m) under NO_COLOR; docs/cli.md promises no control characters."""
    monkeypatch.setenv("FORCE_COLOR", "1")  # a terminal, as rich sees it
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[1m" in run(*DUE_ARGS).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    result = run(*DUE_ARGS)
    assert result.exit_code == 0 and "2020年9月" in result.stdout
    assert "\x1b" not in result.stdout


def test_timeline_title_stays_on_one_line_at_80_columns(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run("timeline", "--from", "2020-08-01", "--to", "2020-09-30", "--today", "2020-08-01")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "各月期限分布（2020年8月—2020年9月）"
