"""Paths and helpers shared by the tests (imported as `tests_support`; tests/ is on sys.path)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "data" / "tasks.yaml"
