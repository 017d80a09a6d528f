"""Files as git has them: the repository a path is in, revisions, and a file's bytes at one.

git is run as a command (`git rev-parse`, `git cat-file`), never through a library: whatever git the
user has reads their repository the way their own `git diff` does. Every failure is a `GitError`
in Chinese that says what to do; git's own English message is added only where we cannot tell
what went wrong.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from gpstd.errors import GitError

# git's messages in English whatever the user's locale, so that the few we recognise are found;
# no prompt for credentials or an editor can ever wait on a reader that is not there.
_ENV = {"LC_ALL": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
_TWO_FILES = "比较两个文件请写 gpstd diff 旧.yaml 新.yaml"


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, env={**os.environ, **_ENV}, check=False
        )
    except FileNotFoundError:
        raise GitError(
            f"找不到 git 命令：请先安装 git（https://git-scm.com），或不经 git，{_TWO_FILES}"
        ) from None
    except OSError as exc:
        from gpstd.files import os_reason

        raise GitError(f"无法运行 git（{os_reason(exc)}）") from None


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    """git's first line of complaint, for messages about failures we do not recognise."""
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else f"退出码 {result.returncode}"


def toplevel(cwd: Path) -> Path:
    """The root of the work tree `cwd` is in; GitError when it is in none."""
    result = _git(["rev-parse", "--show-toplevel"], cwd)
    if result.returncode != 0:
        if b"not a git repository" in result.stderr:
            raise GitError(f"当前目录（{cwd}）不在 git 仓库中：{_TWO_FILES}")
        raise GitError(f"git 无法确定仓库位置：{_said(result)}")
    return Path(result.stdout.decode("utf-8", "surrogateescape").strip())


def commit(revision: str, cwd: Path) -> str:
    """The full hash of the commit `revision` names (a branch, tag, HEAD~1, a hash …)."""
    if not revision.strip() or revision.startswith("-"):
        raise GitError(f"版本名无效：「{revision}」")
    result = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], cwd)
    if result.returncode != 0:
        if revision == "HEAD":
            raise GitError("仓库还没有任何提交（HEAD 不存在）：先提交一次登记册，或" + _TWO_FILES)
        raise GitError(
            f"未知的版本「{revision}」：仓库中没有这个分支、标签或提交（git log --oneline 可查看提交）"
        )
    return result.stdout.decode("ascii").strip()


def merge_base(first: str, second: str, cwd: Path) -> str:
    """The commit `first...second` compares from: where the two histories met."""
    result = _git(["merge-base", first, second], cwd)
    if result.returncode != 0:
        raise GitError(f"版本「{first}」与「{second}」没有共同的祖先提交，无法用 ... 比较；请用 .. 比较")
    return result.stdout.decode("ascii").strip()


def show(commit_hash: str, path: str, cwd: Path, revision: str) -> bytes:
    """The bytes of the file at `path` (relative to the repository root, with /) in a commit."""
    listed = _git(["ls-tree", "--full-tree", "--end-of-options", commit_hash, "--", path], cwd)
    if listed.returncode != 0:
        raise GitError(f"git 无法读取版本「{revision}」：{_said(listed)}")
    entry = listed.stdout.decode("utf-8", "surrogateescape").split("\t", 1)[0].split()
    if not entry:
        raise GitError(f"版本「{revision}」中没有文件 {path}（{_why_absent(commit_hash, path, cwd)}）")
    if entry[1] != "blob":
        raise GitError(f"版本「{revision}」中的 {path} 不是文件")
    result = _git(["cat-file", "blob", entry[2]], cwd)
    if result.returncode != 0:
        raise GitError(f"git 无法读取版本「{revision}」中的 {path}：{_said(result)}")
    return result.stdout


def _why_absent(commit_hash: str, path: str, cwd: Path) -> str:
    """Why a commit has no file at `path`: deleted (or renamed) by an earlier commit, which is
    named, or not yet added."""
    deleted = _git(
        ["log", "-1", "--format=%h", "--diff-filter=D", "--end-of-options", commit_hash, "--", path], cwd
    )
    by = deleted.stdout.decode("ascii", "replace").strip() if deleted.returncode == 0 else ""
    if by:
        return f"已在提交 {by} 中删除或改名；git log --stat -1 {by} 可查看"
    return "该版本之后才加入，或当时用的是别的文件名"


def relative(path: Path, root: Path) -> str:
    """`path` (absolute or relative to the current directory) relative to the repository root."""
    full, base = path.resolve(), root.resolve()
    try:
        return full.relative_to(base).as_posix()
    except ValueError:
        raise GitError(f"文件 {path} 不在仓库 {root} 中：请给出仓库中的登记册，或{_TWO_FILES}") from None
