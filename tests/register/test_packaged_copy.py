"""The register bundled in the wheel is data/tasks.yaml, byte for byte."""

from __future__ import annotations

from pathlib import Path

from gpstd import register

ROOT = Path(__file__).resolve().parents[2]


def test_bundled_register_equals_data_tasks_yaml() -> None:
    bundled = register.bundled_path()
    assert bundled == ROOT / "src" / "gpstd" / "data" / "tasks.yaml"
    assert bundled.read_bytes() == (ROOT / "data" / "tasks.yaml").read_bytes(), (
        "src/gpstd/data/tasks.yaml differs: copy data/tasks.yaml over it"
    )


def test_bundled_register_is_packaged() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/*.yaml"' in pyproject
