"""Edits a reviewer meets, each made to the seed register's text (and keeping it valid), and a git
repository to make them in.

Every edit asserts that the text it replaces is there: if the seed register changes, the test
that uses it fails here, not by comparing two identical files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from tests_support import REGISTER

Edit = Callable[[str], str]


def replace(text: str, old: str, new: str, count: int = 1) -> str:
    assert text.count(old) == count, f"the seed register no longer has: {old!r}"
    return text.replace(old, new)


def move_date(text: str) -> str:
    """Task 3's second deadline: 10月31日 → 11月30日, in the cell, the clause and the due date."""
    text = replace(
        text,
        "deadline: 2020年8月31日前，报区政府办（调研科），10月31日前在区政府门户网站以文件汇编形式公开。",
        "deadline: 2020年8月31日前，报区政府办（调研科），11月30日前在区政府门户网站以文件汇编形式公开。",
    )
    return replace(
        text,
        "text: 10月31日前在区政府门户网站以文件汇编形式公开\n        due: 2020-10-31",
        "text: 11月30日前在区政府门户网站以文件汇编形式公开\n        due: 2020-11-30",
    )


def change_rule(text: str) -> str:
    """Task 14: 每年11月30日前 → 每年12月31日前."""
    text = replace(
        text,
        "落实情况请于每年11月30日前报区政府办（调研科）",
        "落实情况请于每年12月31日前报区政府办（调研科）",
        2,
    )
    return replace(
        text, "rrule: FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30", "rrule: FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"
    )


def add_unit(text: str) -> str:
    """Task 25 gains 区司法局 as a cooperating unit."""
    return replace(
        text,
        "    units:\n      lead:\n        - 区民政局\n    schedule:\n      - kind: dated\n        text: 2020年9月20日前",
        "    units:\n      lead:\n        - 区民政局\n      cooperating:\n        - 区司法局\n    schedule:\n"
        "      - kind: dated\n        text: 2020年9月20日前",
    )


def remove_unit(text: str) -> str:
    """Task 10 loses its cooperating 区司法局."""
    return replace(
        text,
        "      cooperating:\n        - 区政务服务数据管理局\n        - 区司法局\n    schedule:\n"
        "      - kind: dated\n        text: 2020年9月30日前将所制定的制度报市政务公开办",
        "      cooperating:\n        - 区政务服务数据管理局\n    schedule:\n"
        "      - kind: dated\n        text: 2020年9月30日前将所制定的制度报市政务公开办",
    )


def change_cell(text: str) -> str:
    """Task 11's 工作任务 cell reworded."""
    return replace(
        text, "task: 落实文件确定和标注公开属性。", "task: 落实文件确定和标注公开属性，并定期自查。"
    )


def remove_task(text: str) -> str:
    """Task 12 (不定期) taken out."""
    start, end = text.index("  - id: 12\n"), text.index("  - id: 13\n")
    return text[:start] + text[end:]


def add_task(text: str) -> str:
    """Task 29, a copy of task 28 with its own number and wording."""
    last = text[text.index("  - id: 28\n") :]
    added = replace(last, "id: 28", "id: 29")
    added = replace(added, 'seq: "28"', 'seq: "29"')
    added = replace(added, "政府信息公开条例纳入普法内容。", "政府信息公开条例纳入年度普法考核。")
    return text.rstrip("\n") + "\n\n" + added


def insert_item(text: str) -> str:
    """Task 3 gains a first deadline, 2020年8月15日前完成初稿, ahead of its two others."""
    text = replace(
        text,
        "deadline: 2020年8月31日前，报区政府办（调研科），10月31日前",
        "deadline: 2020年8月15日前完成初稿，2020年8月31日前，报区政府办（调研科），10月31日前",
    )
    return replace(
        text,
        "        - 各镇（街）\n    schedule:\n      - kind: dated\n        text: 2020年8月31日前，报区政府办（调研科）\n",
        "        - 各镇（街）\n    schedule:\n      - kind: dated\n        text: 2020年8月15日前完成初稿\n"
        "        due: 2020-08-15\n        action: 完成初稿\n"
        "      - kind: dated\n        text: 2020年8月31日前，报区政府办（调研科）\n",
    )


def drop_member(text: str) -> str:
    """石碁镇 leaves the collective term 各镇（街）."""
    return replace(text, "      - 石楼镇\n      - 石碁镇\n", "      - 石楼镇\n")


def set_end(text: str) -> str:
    """The register ends on 2022-12-31 (it had no end)."""
    return replace(text, "  start: 2020-08-01\n", "  start: 2020-08-01\n  end: 2022-12-31\n")


def comment_only(text: str) -> str:
    return replace(
        text,
        "# 修改后请运行：gpstd check data/tasks.yaml\n",
        "# 修改后请运行：gpstd check data/tasks.yaml（改过注释）\n",
    )


def seed() -> str:
    return REGISTER.read_text(encoding="utf-8")


def write(path: Path, *edits: Edit) -> Path:
    text = seed()
    for edit in edits:
        text = edit(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- a git repository in a temporary directory ---------------------------------------------

# Whatever the machine's git configuration (signing, hooks, templates), the test's commits are plain.
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_DATE": "2020-08-01T09:00:00+08:00",
    "GIT_COMMITTER_DATE": "2020-08-01T09:00:00+08:00",
}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env={**os.environ, **GIT_ENV}, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def repository(root: Path) -> Path:
    """A repository whose one commit (on main) holds the seed register at data/tasks.yaml."""
    if shutil.which("git") is None:
        pytest.skip("git 未安装")
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    git(root, "symbolic-ref", "HEAD", "refs/heads/main")
    git(root, "config", "user.name", "测试者")
    git(root, "config", "user.email", "tester@example.org")
    write(root / "data" / "tasks.yaml")
    git(root, "add", "data/tasks.yaml")
    git(root, "commit", "-q", "-m", "登记册")
    return root


def commit(repo: Path, message: str, *edits: Edit) -> str:
    """Apply `edits` to the seed register, commit, and return the commit's hash."""
    write(repo / "data" / "tasks.yaml", *edits)
    git(repo, "commit", "-q", "-a", "-m", message)
    return git(repo, "rev-parse", "HEAD")
