"""Deterministic CLI output: fixed terminal width, no colour, a private cache directory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "data" / "tasks.yaml"


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("GPSTD_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    for name in ("GPSTD_FILE", "GPSTD_TODAY", "GPSTD_MAX_MB", "GPSTD_NO_CACHE", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def register_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled register."""
    target = tmp_path / "tasks.yaml"
    shutil.copy(REGISTER, target)
    return target


@pytest.fixture
def run():
    """Invoke the CLI as a user would; returns click's Result (exit_code, stdout, stderr)."""
    from typer.testing import CliRunner

    from gpstd.cli import build

    app = build()

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def record_done(run):
    """`record_done(register)` records with `gpstd done`, beside `register`: task 1's only deadline
    (2020-08-31, all its units), task 21's 2020-09-30 quarter, and task 3's 2020-08-31 for one
    town of many (so that occurrence is not done); it returns the progress file's path."""

    def record(register: Path) -> Path:
        for args in (
            ["1", "--due", "2020-08-31"],
            ["21", "--due", "2020-09-30"],
            ["3", "--due", "2020-08-31", "--unit", "市桥街道"],
        ):
            result = run("done", *args, "--on", "2020-08-30", "--file", str(register))
            assert result.exit_code == 0, result.stderr
        return register.parent / "progress.yaml"

    return record
