"""Files read and written safely: regular files only, within a size cap; replaced atomically.

Reading (`read_regular`): the file is opened without blocking (a FIFO planted where a file
should be must not hang a command) and, where asked, without following a symlink; only a
regular file is read, and never more than the cap, whatever its size said.

Writing (`atomic_write`): readers see the old file or the new one, never half of either.
Appending (`append`): for files other steps also write to, such as a CI job's summary.

The data goes to a temporary file in the target's directory (so `os.replace` is a
rename within one file system), is flushed and fsynced, then renamed over the target;
on any failure the temporary file is removed and the target is untouched. A symlink is
followed, so the file it points to is replaced and the link survives. The new file keeps
the mode of the file it replaces (or gets the usual umask-based mode), not mkstemp's 0600.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from gpstd.errors import WriteFailed


class NotRegular(OSError):
    """A device, a pipe or a socket where a regular file was expected."""


class TooLarge(OSError):
    """A file larger than the cap it was read with."""

    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


def _read_all(fd: int, size: int) -> bytes:
    """`size` bytes (fewer at the end of the file): one read of a regular file returns them all,
    straight into the bytes object returned (reading into a buffer and copying it out costs a
    second pass over a city's register, page faults included)."""
    chunks, got = [], 0
    while got < size and (chunk := os.read(fd, size - got)):
        chunks.append(chunk)
        got += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_regular(path: str | os.PathLike[str], limit: int, *, follow: bool = True) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them: NotRegular for anything
    else (a directory raises IsADirectoryError), TooLarge past the cap; `follow=False` refuses a
    symlink (ELOOP, an OSError)."""
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(f"{path}: not a regular file")
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        data = _read_all(fd, info.st_size)
        while len(data) <= limit and (more := os.read(fd, min(1 << 20, limit + 1 - len(data)))):
            data += more  # it grew while we read
        if len(data) > limit:
            raise TooLarge(len(data))
        return data
    finally:
        os.close(fd)


def file_name(text: str) -> str:
    """`text` (a unit's name, say) made one file name on any system: a path separator, and what
    Windows refuses in a name, become "_" (区司法局/区信访局 is not a directory and a file); a name
    too long for a file system (255 bytes, with room for a prefix and the writer's temporary
    name) is cut short and ends in "…"."""
    import re

    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text)
    if len(name.encode("utf-8")) <= NAME_BYTES:
        return name
    cut = name.encode("utf-8")[: NAME_BYTES - 3].decode("utf-8", "ignore")
    return cut + "…"


NAME_BYTES = 120  # of a name made from text: a file system allows 255


def atomic_write(path: str | os.PathLike[str], data: bytes | str, encoding: str = "utf-8") -> None:
    """Write `data` (text is encoded with `encoding`, newlines untouched) to `path` atomically."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    if _is_special(path):  # /dev/stdout, /dev/null, a named pipe: write into it, never replace it
        try:
            with open(path, "wb") as handle:
                handle.write(payload)
        except OSError as exc:
            raise WriteFailed(describe(str(path), exc)) from None
        return
    with atomic_open(path) as handle:
        handle.write(payload)


def append(path: str | os.PathLike[str], text: str) -> None:
    """Add `text` (UTF-8) at the end of `path`, creating it if need be: the way GitHub's
    $GITHUB_STEP_SUMMARY is written, where every step adds its part."""
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise WriteFailed(describe(str(path), exc)) from None


def _is_special(path: str | os.PathLike[str]) -> bool:
    """An existing target that is neither a regular file nor a directory."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


@contextmanager
def atomic_open(
    path: str | os.PathLike[str], mode: str = "wb", encoding: str | None = None, newline: str | None = None
) -> Iterator[IO[Any]]:
    """A file object to write `path` through; it replaces `path` only if the block succeeds.

    `mode` is "wb" or "w" (text, with `encoding`, default UTF-8, and `newline`).
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open: mode must be 'w' or 'wb', not {mode!r}")
    target = os.path.realpath(os.fspath(path))
    directory = os.path.dirname(target) or "."
    fd, tmp = _mkstemp(target, directory)
    try:
        text: dict[str, Any] = {"encoding": encoding or "utf-8", "newline": newline} if mode == "w" else {}
        with os.fdopen(fd, mode, **text) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as exc:
        _discard(tmp)
        if isinstance(exc, OSError):
            raise WriteFailed(describe(target, exc)) from exc
        raise
    _fsync_dir(directory)


def _mkstemp(target: str, directory: str) -> tuple[int, str]:
    if os.path.isdir(target):
        raise WriteFailed(f"{target}: 这是一个目录，请给出文件名")
    import tempfile

    try:
        return tempfile.mkstemp(prefix=temp_prefix(os.path.basename(target)), suffix=".tmp", dir=directory)
    except OSError as exc:
        raise WriteFailed(describe(target, exc)) from exc


def temp_prefix(name: str) -> str:
    """How the temporary files of a write to `name` begin: the name, cut short — a 250-byte
    target name is allowed, and its temporary name (14 bytes longer) must be too."""
    stem = name.encode("utf-8", "surrogateescape")[:NAME_BYTES].decode("utf-8", "ignore")
    return f".{stem}."


def _mode_for(target: str) -> int:
    try:
        return os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _discard(tmp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


def _fsync_dir(directory: str) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a directory, nor needs to."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems (e.g. certain network mounts) refuse: not fatal
        pass
    finally:
        os.close(fd)


def describe(path: str, exc: OSError) -> str:
    """An OSError as a Chinese message that names the file."""
    if isinstance(exc, FileNotFoundError):
        # /proc/x.csv: the directory is there, it only refuses new files
        reason = (
            "无法在该目录中创建文件"
            if os.path.isdir(os.path.dirname(os.path.abspath(path)))
            else "所在目录不存在"
        )
    elif isinstance(exc, PermissionError):
        reason = "没有写入权限"
    elif isinstance(exc, IsADirectoryError):
        reason = "这是一个目录，请给出文件名"
    else:
        reason = os_reason(exc)
    return f"{path}: 无法写入：{reason}"


_REASONS = {
    "ENOENT": "文件或目录不存在",
    "EACCES": "没有权限",
    "EPERM": "操作不被允许",
    "EISDIR": "这是一个目录",
    "ENOTDIR": "路径中有一段不是目录",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出磁盘配额",
    "EFBIG": "文件过大",
    "EROFS": "文件系统是只读的",
    "ENAMETOOLONG": "文件名过长",
    "ELOOP": "符号链接层数过多（可能指向自己）",
    "EIO": "磁盘读写出错",
    "EBUSY": "文件正被占用",
    "ETXTBSY": "文件正被占用",
    "EMFILE": "打开的文件过多",
    "ENFILE": "打开的文件过多",
    "ENXIO": "设备不存在，或管道另一端没有读取方",
    "EAGAIN": "暂时无法操作，请稍后重试",
    "EINVAL": "文件名或操作无效",
    "EXDEV": "不能跨文件系统移动",
    "ENODEV": "设备不存在",
    "EEXIST": "文件已存在",
    "ESTALE": "网络文件系统上的文件已失效",
    "ECONNREFUSED": "连接被拒绝",
    "ECONNRESET": "连接被对方断开",
    "ECONNABORTED": "连接被中止",
    "ETIMEDOUT": "连接超时",
    "EHOSTUNREACH": "主机不可达",
    "ENETUNREACH": "网络不可达",
    "ENETDOWN": "网络不可用",
    "EPIPE": "对方已关闭连接",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Chinese: its own words (strerror) are English."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _REASONS.get(name) or (f"系统错误 {name}" if name else "系统错误")
