"""Docs that cannot rot: every command is documented and the reference matches --help."""

from __future__ import annotations

import importlib.util
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
    docs = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")
                     if p.name != "cli-reference.md")
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
    for target in ("docs/register.md", "docs/phrases.md", "docs/cli.md", "docs/ci.md",
                   "docs/exports.md", "docs/publish.md", "docs/import.md", "docs/progress.md",
                   "docs/performance.md"):
        assert f"({target})" in readme
        assert (ROOT / target).is_file(), target
