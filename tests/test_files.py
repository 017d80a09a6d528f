"""gpstd.files: the target is replaced whole or not at all."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

import pytest

from gpstd.files import WriteFailed, atomic_open, atomic_write


def _leftovers(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]


def test_writes_bytes_and_text(tmp_path: Path) -> None:
    atomic_write(tmp_path / "a.bin", b"\x00\xff")
    atomic_write(tmp_path / "b.txt", "中文\r\n第二行")
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\xff"
    assert (tmp_path / "b.txt").read_bytes() == "中文\r\n第二行".encode()
    assert _leftovers(tmp_path) == []


def test_replaces_existing_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_file_gets_umask_mode_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "x", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x").stat().st_mode) == 0o644


def test_failure_inside_block_leaves_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("original")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write(b"partial")
        raise RuntimeError("boom")
    assert target.read_text() == "original"
    assert _leftovers(tmp_path) == []


def test_text_mode_context_manager(tmp_path: Path) -> None:
    with atomic_open(tmp_path / "t.txt", "w", newline="") as handle:
        handle.write("一\r\n二")
    assert (tmp_path / "t.txt").read_bytes() == "一\r\n二".encode()


def test_follows_symlink_and_keeps_it(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


@pytest.mark.parametrize(
    "name, reason",
    [
        ("missing/dir/out.txt", "所在目录不存在"),
        (".", "这是一个目录"),
        # These said the system's English (Not a directory, File name too long …).
        ("afile/out.txt", "路径中有一段不是目录"),
        ("a" * 300 + ".txt", "文件名过长"),
        ("loop", "符号链接"),
    ],
)
def test_errors_are_chinese_and_name_the_file(tmp_path: Path, name: str, reason: str) -> None:
    (tmp_path / "afile").write_text("x")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    with pytest.raises(WriteFailed) as info:
        atomic_write(tmp_path / name, "x")
    assert reason in info.value.message
    assert info.value.exit_code == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(WriteFailed, match="没有写入权限"):
            atomic_write(locked / "out.txt", "x")
    finally:
        locked.chmod(0o700)


def test_writes_into_a_named_pipe_instead_of_replacing_it(tmp_path):
    import os
    import stat
    import threading

    from gpstd.files import atomic_write

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    atomic_write(fifo, "内容")
    reader.join(5)
    assert got == ["内容".encode()]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_directory_that_exists_but_refuses_files_is_not_called_missing(tmp_path: Path) -> None:
    from gpstd.files import describe

    missing = describe(str(tmp_path / "nope" / "x.csv"), FileNotFoundError(2, "No such file"))
    assert missing.endswith("无法写入：所在目录不存在")
    there = describe(str(tmp_path / "x.csv"), FileNotFoundError(2, "No such file"))  # as /proc/x.csv gets
    assert there.endswith("无法写入：无法在该目录中创建文件")


@pytest.mark.parametrize("number", sorted(errno.errorcode))
def test_every_system_error_is_told_in_chinese(number: int) -> None:
    from gpstd.files import os_reason

    reason = os_reason(OSError(number, os.strerror(number)))
    assert reason and not re.search("[a-z]{3}", reason), reason


def test_a_name_made_from_a_long_unit_name_fits_a_file_system(tmp_path) -> None:
    # notice --unit for a unit of 300 characters: 催办通知-….docx was 900 bytes, 文件名过长.
    from gpstd.files import atomic_write, file_name

    name = file_name("区司法局" + "长" * 300)
    assert len(name.encode("utf-8")) <= 120 and name.endswith("…") and name.startswith("区司法局长")
    atomic_write(tmp_path / f"催办通知-{name}.docx", b"x")
    assert (tmp_path / f"催办通知-{name}.docx").read_bytes() == b"x"


def test_a_target_name_near_the_limit_is_written(tmp_path) -> None:
    # 247 bytes is a valid name, but its temporary name (.name.XXXXXXXX.tmp) was not: 文件名过长.
    from gpstd.files import atomic_write

    target = tmp_path / ("长" * 81 + ".csv")
    atomic_write(target, b"x")
    assert target.read_bytes() == b"x"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
