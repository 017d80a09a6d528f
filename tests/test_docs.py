"""Docs that cannot rot: every command is documented and the reference matches --help."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _reference():
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current():
    current = (ROOT / "docs" / "cli-reference.md").read_text(encoding="utf-8")
    assert current == _reference().render(), "run: python scripts/cli_reference.py > docs/cli-reference.md"


def test_every_command_is_in_the_docs():
    docs = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md") if p.name != "cli-reference.md"
    )
    missing = [" ".join(c) for c in _reference().commands() if f"gpstd {' '.join(c)}" not in docs]
    assert missing == []


def test_every_command_has_chinese_help_and_an_example():
    reference = _reference()
    for command in reference.commands():
        text = reference.help_text(command)
        assert "示例" in text, command
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text.split("Options")[0]), command


def test_readme_links_resolve():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in (
        "docs/register.md",
        "docs/phrases.md",
        "docs/cli.md",
        "docs/ci.md",
        "docs/exports.md",
        "docs/publish.md",
        "docs/import.md",
        "docs/progress.md",
        "docs/performance.md",
    ):
        assert f"({target})" in readme
        assert (ROOT / target).is_file(), target


# --- the console examples of docs/cli.md are what the commands print ---------------------

CLI_DOC = ROOT / "docs" / "cli.md"
_EXAMPLE = re.compile(r"(```console\n\$ (gpstd [^\n]*)\n)(.*?)(```)", re.S)


def _examples() -> list[tuple[str, str]]:
    return [(m.group(2), m.group(3)) for m in _EXAMPLE.finditer(CLI_DOC.read_text(encoding="utf-8"))]


def _output(run, command: str) -> str:
    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 0, (command, result.stderr)
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def test_cli_doc_examples_are_what_the_commands_print(run, monkeypatch):
    """Each `$ gpstd …` block, run as the docs say (100 columns, no colour, the seed register
    and its empty progress file); GPSTD_UPDATE_DOCS=1 rewrites the blocks instead."""
    monkeypatch.chdir(ROOT)
    examples = _examples()
    assert len(examples) >= 9
    for command, _shown in examples:  # fixed days only: an example that moves with the date would rot
        assert "--today" in command or command.split()[1] in ("sections", "units"), command
    if os.environ.get("GPSTD_UPDATE_DOCS"):
        text = _EXAMPLE.sub(
            lambda m: m.group(1) + _output(run, m.group(2)) + m.group(4), CLI_DOC.read_text(encoding="utf-8")
        )
        CLI_DOC.write_text(text, encoding="utf-8")
    for command, shown in _examples():
        assert shown == _output(run, command), f"{command}: run GPSTD_UPDATE_DOCS=1 pytest tests/test_docs.py"


# --- the README's terminal session is what the commands print; its list names every command --

README = ROOT / "README.md"
_SESSION = re.compile(r"(## 一段真实的终端会话\n\n```console\n)(.*?)(```)", re.S)


def _session_commands() -> list[str]:
    block = _SESSION.search(README.read_text(encoding="utf-8"))
    assert block, "README.md: no terminal session block"
    return [line[2:] for line in block.group(2).splitlines() if line.startswith("$ gpstd ")]


def _session(run) -> str:
    return "".join(f"$ {command}\n{_output(run, command)}" for command in _session_commands())


def test_readme_session_is_what_the_commands_print(run, monkeypatch):
    """Run as shown at 80 columns from the repository root; GPSTD_UPDATE_DOCS=1 rewrites it."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")
    commands = _session_commands()
    assert len(commands) >= 3
    assert all("--today" in c or c.split()[1] in ("check", "parse") for c in commands), commands
    if os.environ.get("GPSTD_UPDATE_DOCS"):
        text = _SESSION.sub(
            lambda m: m.group(1) + _session(run) + m.group(3), README.read_text(encoding="utf-8")
        )
        README.write_text(text, encoding="utf-8")
    shown = _SESSION.search(README.read_text(encoding="utf-8")).group(2)
    assert shown == _session(run), "run GPSTD_UPDATE_DOCS=1 pytest tests/test_docs.py"


def test_readme_command_list_names_every_command():
    listed = README.read_text(encoding="utf-8").split("## 常用命令", 1)[1].split("```", 2)[1]
    missing = [" ".join(c) for c in _reference().commands() if f"$ gpstd {' '.join(c)} " not in listed]
    assert missing == []
