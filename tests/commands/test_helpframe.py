"""Every help screen in Chinese: the frame, the notes, the placeholders, the line breaks."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import typer.main

from gpstd.cli import build
from gpstd.commands import helpframe
from gpstd.render.grid import width

SRC = Path(__file__).resolve().parents[2] / "src" / "gpstd"
ENGLISH_FRAME = [
    "Usage:",
    "Options:",
    "Commands:",
    "Arguments:",
    "Show this message",
    "[default:",
    "env var",
    "[required]",
    "x>=",
    "<=x",
    "Install completion",
    "Show completion",
]
ALLOWED = set(helpframe.PLACEHOLDERS.values())


def _commands() -> list[tuple[list[str], object]]:
    found: list[tuple[list[str], object]] = []

    def walk(cmd: object, path: list[str]) -> None:
        found.append((path, cmd))
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(build()), [])
    return found


COMMANDS = _commands()


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=lambda p: " ".join(p) or "gpstd")
def test_every_help_screen_is_chinese_and_fits(run, path: list[str]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("用法：gpstd")
    assert not [word for word in ENGLISH_FRAME if word in out]
    assert "显示本帮助并退出。" in out
    assert max(width(line) for line in out.splitlines()) <= 100  # the frame's width, by display columns
    assert not re.search(r"^\s*[、。，）」]", out, flags=re.M)  # no line starts with closing punctuation


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=lambda p: " ".join(p) or "gpstd")
def test_every_value_is_named_by_one_chinese_placeholder(path: list[str]) -> None:
    cmd = dict((tuple(p), c) for p, c in COMMANDS)[tuple(path)]
    for param in getattr(cmd, "params", []):
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            continue
        shown = re.sub(r"[\[\].]", "", param.metavar or "")
        assert shown in ALLOWED, f"{' '.join(path)} {param.name}: {param.metavar!r}"


def test_notes_in_chinese() -> None:
    assert helpframe.note("default: 30; 0<=x<=3660") == "[默认：30；0 至 3660]"
    assert helpframe.note("x>=1") == "[至少 1]"
    assert helpframe.note("env var: GPSTD_TODAY") == "[环境变量：GPSTD_TODAY]"
    assert helpframe.note("required") == "[必填]"


def test_chinese_lines_of_a_paragraph_join_without_a_space() -> None:
    assert helpframe.paragraphs("状态按今天算：\n逾期N天、今天到期\n\n示例：gpstd due\n--before 月底") == [
        "状态按今天算：逾期N天、今天到期",
        "示例：gpstd due --before 月底",
    ]


def test_a_mistyped_command_is_answered_in_chinese(run) -> None:
    result = run("lsit")
    assert result.exit_code == 2
    assert "错误：没有命令「lsit」，你是不是想写 list？" in result.stderr
    assert "No such" not in result.stderr and "Did you mean" not in result.stderr


def test_only_one_module_reaches_into_typers_vendored_click() -> None:
    """typer does not export the click it vendors; an upgrade that moves it fails here, once."""
    reaching = sorted(
        {
            str(path.relative_to(SRC))
            for path in SRC.rglob("*.py")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("typer._click")
        }
    )
    assert reaching == ["commands/clickapi.py"]
    from gpstd.commands import clickapi

    assert {clickapi.ClickException, clickapi.UsageError, clickapi.HelpFormatter}
