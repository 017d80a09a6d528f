"""Evidence of completion (办结佐证) a record carries: a web address, a document number (文号) or a
file kept in the repository beside the register.

`classify` tells them apart; `normalise` is what `gpstd done --evidence` stores (a file as its
path from the repository's root, so that everyone's checkout finds it); `problem` is what
`gpstd check` says about one that is malformed or missing.

- 网址: http:// or https:// with a host, no spaces (https://www.panyu.gov.cn/…).
- 文号: 机关代字〔年份〕序号号, as GB/T 9704-2012 writes a 发文字号 (穗番市桥〔2020〕12号); the
  brackets typed as [ ]、［ ］ or 【 】 are read too (GB/T 9704 asks for 六角括号 〔〕).
- 文件: anything else, a path to a file inside the repository.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from gpstd.progress.record import Record

Kind = Literal["url", "number", "file"]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_NUMBER = re.compile(r"^\S+[〔\[［【]\s*\d{4}\s*[〕\]］】]\s*\d+\s*号$")
KIND_NAMES: dict[Kind, str] = {"url": "网址", "number": "文号", "file": "文件"}


def classify(text: str) -> Kind:
    if _SCHEME.match(text.strip()):
        return "url"
    if _NUMBER.match(text.strip()):
        return "number"
    return "file"


def url_problem(text: str) -> str | None:
    parts = urllib.parse.urlsplit(text.strip())
    if parts.scheme.lower() not in ("http", "https"):
        return f"网址「{text}」应以 http:// 或 https:// 开头"
    if not parts.hostname or any(ch.isspace() for ch in text.strip()):
        return f"网址「{text}」不完整或含空格"
    return None


def repository_root(folder: Path) -> Path:
    """The repository holding `folder` (the nearest with .git, a worktree's .git file included),
    else `folder` itself."""
    start = folder.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def normalise(text: str, root: Path, cwd: Path | None = None) -> str:
    """What `done --evidence` stores; ValueError (a Chinese message) for evidence it cannot take."""
    text = text.strip()
    if not text or any(ch in text for ch in "\r\n"):
        raise ValueError("--evidence 应为一行：网址、文号或仓库中的文件")
    kind = classify(text)
    if kind == "url":
        problem = url_problem(text)
        if problem:
            raise ValueError(problem)
        return text
    if kind == "number":
        return text
    found = ((cwd or Path.cwd()) / text).resolve()
    if not found.is_file():
        raise ValueError(
            f"证据「{text}」不是网址（http:// 或 https://）、文号（如 穗番市桥〔2020〕12号），也不是存在的文件"
        )
    try:
        inside = found.relative_to(root.resolve())
    except ValueError:
        raise ValueError(
            f"证据文件「{text}」不在仓库 {root} 中：请先把它放进仓库（如 data/evidence/）"
        ) from None
    return inside.as_posix()


def problem(text: str, root: Path) -> str | None:
    """What is wrong with one piece of evidence of a progress file in repository `root`, if anything."""
    kind = classify(text)
    if kind == "url":
        return url_problem(text)
    if kind == "number":
        return None
    path = Path(text)
    if path.is_absolute() or ".." in path.parts:
        return f"证据文件「{text}」应写成相对于仓库根目录的路径"
    if not (root / path).is_file():
        return f"证据「{text}」不是网址或文号，而仓库中没有这个文件（{root / path}）"
    if os.path.islink(root / path):
        return f"证据文件「{text}」是符号链接：请放入文件本身"
    return None


def listed(records: Iterable[Record]) -> list[str]:
    """Each record with evidence once, as views list it: 2020-08-31 市桥街道：穗番市桥〔2020〕12号；…"""
    out: list[str] = []
    for record in records:
        if record.evidence:
            line = f"{record.due.isoformat()} {record.unit or '全部责任单位'}：{'；'.join(record.evidence)}"
            if line not in out:
                out.append(line)
    return out
