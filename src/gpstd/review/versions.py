"""Which two versions of a register `gpstd diff` compares, and their bytes.

As `git diff` reads its arguments: none is the working tree against HEAD; `REV` is that revision
against the working tree; `A..B` is A against B (an empty side is HEAD); `A...B` is B against
where it left A (their merge base: what a pull request from B into A changes). Two file names
compare those files, in a repository or not.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from gpstd.errors import RegisterInvalid, UsageError, VersionInvalid

DEFAULT_REGISTER = "data/tasks.yaml"
_YAML = (".yaml", ".yml")


@dataclass(frozen=True)
class Version:
    """One side of the comparison: a file on disk, or a file at a revision of a repository."""

    label: str
    """How messages name it: the file (`data/tasks.yaml`) or git's `REV:path`."""
    path: str
    """The file as annotations name it: relative to the repository root, else as given."""
    raw: bytes
    revision: str | None = None
    """The revision as the user wrote it (HEAD, main, HEAD~1, …); None for a file on disk."""
    commit: str | None = None
    """The full hash of that revision's commit."""
    worktree: bool = False
    """A file on disk in a repository's working tree (compared with a revision of it)."""


def pick(arguments: Sequence[str], file: str | None, cwd: Path | None = None) -> tuple[Version, Version]:
    """The older and the newer version the arguments of `gpstd diff` name."""
    here = cwd or Path.cwd()
    if len(arguments) > 2:
        raise UsageError("参数过多：gpstd diff [版本 | 版本..版本] 或 gpstd diff 旧.yaml 新.yaml")
    if len(arguments) == 2:
        if file is not None:
            raise UsageError("比较两个文件时不能再用 --file：gpstd diff 旧.yaml 新.yaml")
        first, second = arguments
        if not any((here / name).exists() for name in arguments):
            raise UsageError(f"没有文件「{first}」和「{second}」：比较两个版本请写 {first}..{second}")
        return _on_disk(first, "old", here), _on_disk(second, "new", here)
    spec = arguments[0] if arguments else None
    if spec is not None and ".." not in spec and spec.endswith(_YAML) and (here / spec).is_file():
        raise UsageError(
            f"「{spec}」是文件，不是版本：比较两个文件请给出两个文件名，gpstd diff 旧.yaml 新.yaml"
        )
    return _in_repository(spec, file, here)


def side_name(label: str, which: str) -> str:
    return f"{'旧' if which == 'old' else '新'}版本「{label}」"


def _on_disk(name: str, which: str, cwd: Path, path: str | None = None, label: str | None = None) -> Version:
    from gpstd.register.reader import read_bytes

    if not name.strip():
        raise UsageError("文件名为空：请写要比较的登记册路径")
    label = label or name
    try:
        raw = read_bytes(str(cwd / name))
    except RegisterInvalid as exc:
        problems = [replace(p, file=label) for p in exc.problems]
        raise VersionInvalid(side_name(label, which), problems) from None
    return Version(label, path or name, raw)


def _in_repository(spec: str | None, file: str | None, cwd: Path) -> tuple[Version, Version]:
    from gpstd import gitfiles

    root = gitfiles.toplevel(cwd)
    target = _register(file, cwd, root)
    path = gitfiles.relative(target, root)
    if spec is None:
        return _at("HEAD", path, root), _working(target, path, cwd)
    if "..." in spec:
        first, second = _sides(spec, "...")
        newer = _at(second, path, root)
        base = gitfiles.merge_base(gitfiles.commit(first, root), newer.commit or second, root)
        return _at(base, path, root, spelled=f"{first}...{second} 的分叉点 {base[:7]}"), newer
    if ".." in spec:
        first, second = _sides(spec, "..")
        return _at(first, path, root), _at(second, path, root)
    return _at(spec, path, root), _working(target, path, cwd)


def _sides(spec: str, dots: str) -> tuple[str, str]:
    """The two revisions of `A..B` or `A...B`; an empty one is HEAD, as in git."""
    parts = spec.split(dots)
    if (
        len(parts) != 2
        or not any(parts)
        or any(".." in p or p.startswith(".") or p.endswith(".") for p in parts)
    ):
        raise UsageError(f"版本范围「{spec}」的写法不对：应为 旧版本{dots}新版本，如 main{dots}HEAD")
    return parts[0] or "HEAD", parts[1] or "HEAD"


def _register(file: str | None, cwd: Path, root: Path) -> Path:
    """The register compared in a repository: --file, $GPSTD_FILE, ./data/tasks.yaml, then the
    repository's data/tasks.yaml (a file deleted from the working tree is still named)."""
    if file is not None:
        if not file.strip():
            raise UsageError("--file 为空：请写登记册文件的路径")
        return cwd / file
    if os.environ.get("GPSTD_FILE"):
        return cwd / os.environ["GPSTD_FILE"]
    local = cwd / DEFAULT_REGISTER
    return local if local.exists() else root / DEFAULT_REGISTER


def _at(revision: str, path: str, root: Path, spelled: str | None = None) -> Version:
    from gpstd import gitfiles

    commit = gitfiles.commit(revision, root)
    name = spelled or revision
    raw = gitfiles.show(commit, path, root, name)
    return Version(f"{revision if spelled is None else commit[:7]}:{path}", path, raw, name, commit)


def _working(target: Path, path: str, cwd: Path) -> Version:
    return replace(_on_disk(str(target), "new", cwd, path, os.path.relpath(target, cwd)), worktree=True)
