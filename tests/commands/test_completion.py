"""Shell completion of units, sections and task ids, as bash asks for it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def complete(*words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the last word (an empty one: everything)."""
    line = " ".join(["gpstd", *words])
    proc = subprocess.run(
        [sys.executable, "-m", "gpstd"],
        env={
            **os.environ,
            **(env or {}),
            "_GPSTD_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words)),
        },
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.stderr == ""
    return proc.stdout.split()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (["unit", "区司"], ["区司法局"]),
        (["due", "--unit", "市桥"], ["市桥街", "市桥街道"]),  # aliases too
        (["done", "3", "--unit", "石碁"], ["石碁", "石碁镇"]),
        (["status", "--unit", "各镇"], ["各镇街", "各镇（街）"]),  # not 各镇(街): bash would need quotes
        (["section", "十"], ["十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八"]),
        (["list", "--section", "二"], ["二", "二十"]),  # the sections the plan has: no 十九
        (["show", "2"], ["2", *map(str, range(20, 29))]),
        (["status", "1"], ["1", *map(str, range(10, 20))]),
    ],
)
def test_values_complete_from_the_register(words: list[str], offered: list[str]) -> None:
    assert complete(*words) == offered


def test_completion_reads_the_register_given_with_file(tmp_path, register_copy) -> None:
    text = register_copy.read_text(encoding="utf-8").replace("区司法局", "区司法行政局")
    register_copy.write_text(text, encoding="utf-8")
    assert complete("unit", "--file", str(register_copy), "区司法") == ["区司法行政局"]


def test_an_unreadable_register_completes_nothing_quietly(tmp_path) -> None:
    bad = tmp_path / "tasks.yaml"
    bad.write_text("tasks: [\n", encoding="utf-8")
    assert complete("unit", "区", env={"GPSTD_FILE": str(bad)}) == []
