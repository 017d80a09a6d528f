"""gpstd.render.console: the text a view makes reaches the reader, through a pager or not."""

from __future__ import annotations

import os

import pytest

from gpstd.render import console

LONG = "".join(f"第 {n} 行\n" for n in range(200))


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(console, "is_terminal", lambda: True)
    monkeypatch.setattr(
        console.shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((80, 24))
    )


@pytest.mark.parametrize("pager", ["no-such-pager-gpstd", "'unclosed", "/", "LESS=R no-such-pager-gpstd -R"])
def test_a_pager_that_cannot_run_leaves_the_text_on_stdout(terminal, monkeypatch, capfd, pager: str) -> None:
    """PAGER naming a program that is not there printed the shell's English (not found) and
    nothing else: the whole view was lost, exit 0."""
    monkeypatch.setenv("GPSTD_PAGER", pager)
    console.show(LONG)
    out, err = capfd.readouterr()
    assert out == LONG
    assert err == f"gpstd: 无法运行分页程序「{pager}」（$GPSTD_PAGER 或 $PAGER），直接输出\n"


def test_a_pager_that_runs_gets_the_text(terminal, monkeypatch, capfd, tmp_path) -> None:
    got = tmp_path / "paged"
    monkeypatch.setenv("GPSTD_PAGER", f"LC_ALL=C cat > {got}")
    console.show(LONG)
    assert capfd.readouterr() == ("", "")
    assert got.read_text(encoding="utf-8") == LONG
