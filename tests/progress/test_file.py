"""The progress file: round trip without losing a comment, lock, conflict check, atomic writes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from gpstd.errors import Problem
from gpstd.progress import file as pfile
from gpstd.progress.file import Record

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "progress.yaml"

HAND_WRITTEN = textwrap.dedent("""\
    # head comment
    version: 1
    records:
      # before first
      - task: 3
        due: 2020-08-31
        unit: "市桥街道"   # quoted
        done: 2020-08-28
        note: '电话确认'
        recorded_by: 张三
      # before second
      - due: 2020-08-31
        task: 3
        unit: 沙头街道
        done: 2020-09-02
        recorded_by: 李四
      # before third
      - task: 2
        due: 2020-10-31
        done: 2020-10-30
        recorded_by: 李四
    # trailing
    """)

NEW = Record(9, dt.date(2021, 7, 31), "区政务服务数据管理局", dt.date(2021, 7, 30), "巡查报告", "王五")
NEW_TEXT = (
    "  - task: 9\n    due: 2021-07-31\n    unit: 区政务服务数据管理局\n    done: 2021-07-30\n"
    "    note: 巡查报告\n    recorded_by: 王五\n"
)


@pytest.fixture
def hand(tmp_path: Path) -> Path:
    path = tmp_path / "progress.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return path


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]


def test_seed_is_empty_and_round_trips_byte_identical() -> None:
    progress = pfile.load(SEED)
    assert progress.records == []
    assert pfile.dump(progress) == SEED.read_bytes()


def test_unchanged_file_is_not_written(hand: Path) -> None:
    before = hand.stat().st_mtime_ns
    time.sleep(0.01)
    with pfile.edit(hand):
        pass
    assert hand.read_text(encoding="utf-8") == HAND_WRITTEN
    assert hand.stat().st_mtime_ns == before


def test_records_are_read_with_their_fields(hand: Path) -> None:
    records = pfile.load(hand).records
    assert records[0] == Record(3, dt.date(2020, 8, 31), "市桥街道", dt.date(2020, 8, 28), "电话确认", "张三")
    assert [r.unit for r in records] == ["市桥街道", "沙头街道", None]


def test_append_keeps_comments_quotes_key_order_and_closing_comment(hand: Path) -> None:
    with pfile.edit(hand) as progress:
        pfile.add(progress, NEW)
    expected = HAND_WRITTEN.replace("# trailing\n", NEW_TEXT + "# trailing\n")
    assert hand.read_text(encoding="utf-8") == expected


def test_append_to_the_seed_turns_the_empty_list_into_a_block(tmp_path: Path) -> None:
    path = tmp_path / "progress.yaml"
    path.write_bytes(SEED.read_bytes())
    with pfile.edit(path) as progress:
        pfile.add(progress, NEW)
    text = path.read_text(encoding="utf-8")
    assert text == SEED.read_text(encoding="utf-8").replace("records: []\n", "records:\n" + NEW_TEXT)
    assert pfile.load(path).records == [NEW]


def test_missing_file_is_created_from_the_template(tmp_path: Path) -> None:
    path = tmp_path / "progress.yaml"
    with pfile.edit(path) as progress:
        pfile.add(progress, NEW)
    assert _comments(path.read_text(encoding="utf-8")) == _comments(pfile.TEMPLATE)
    assert pfile.load(path).records == [NEW]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_remove_keeps_every_comment_but_the_records_own(hand: Path, index: int) -> None:
    victim = pfile.load(hand).records[index]
    with pfile.edit(hand) as progress:
        assert pfile.remove(progress, victim.task, victim.due, victim.unit) == [victim]
    text = hand.read_text(encoding="utf-8")
    kept = [c for c in _comments(HAND_WRITTEN) if not (index == 0 and c == "# quoted")]
    assert _comments(text) == kept
    assert victim not in pfile.load(hand).records
    assert len(pfile.load(hand).records) == 2


def test_remove_middle_record_leaves_other_lines_untouched(hand: Path) -> None:
    with pfile.edit(hand) as progress:
        pfile.remove(progress, 3, dt.date(2020, 8, 31), "沙头街道")
    lines = HAND_WRITTEN.splitlines(keepends=True)
    assert hand.read_text(encoding="utf-8") == "".join(lines[:11] + lines[16:])


def test_remove_the_only_record_leaves_an_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "progress.yaml"
    path.write_bytes(SEED.read_bytes())
    with pfile.edit(path) as progress:
        pfile.add(progress, NEW)
    with pfile.edit(path) as progress:
        pfile.remove(progress, NEW.task, NEW.due, NEW.unit)
    assert path.read_bytes() == SEED.read_bytes()


def test_add_then_remove_restores_the_hand_written_file(hand: Path) -> None:
    with pfile.edit(hand) as progress:
        pfile.add(progress, NEW)
    with pfile.edit(hand) as progress:
        pfile.remove(progress, NEW.task, NEW.due, NEW.unit)
    assert hand.read_text(encoding="utf-8") == HAND_WRITTEN


def test_indentation_of_the_file_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "progress.yaml"
    path.write_text(
        "version: 1\nrecords:\n- task: 2\n  due: 2020-10-31\n  done: 2020-10-30\n", encoding="utf-8"
    )
    with pfile.edit(path) as progress:
        pfile.add(progress, Record(4, dt.date(2020, 10, 31), None, dt.date(2020, 10, 29)))
    assert path.read_text(encoding="utf-8").endswith(
        "- task: 2\n  due: 2020-10-31\n  done: 2020-10-30\n- task: 4\n  due: 2020-10-31\n  done: 2020-10-29\n"
    )


def test_a_file_changed_since_it_was_read_is_not_clobbered(hand: Path) -> None:
    progress = pfile.load(hand)
    pfile.add(progress, NEW)
    edited = HAND_WRITTEN + "# someone else's line\n"
    hand.write_text(edited, encoding="utf-8")
    with pytest.raises(pfile.Conflict, match="已被修改"):
        pfile.save(progress)
    assert hand.read_text(encoding="utf-8") == edited


def test_a_file_created_since_it_was_read_is_not_clobbered(tmp_path: Path) -> None:
    path = tmp_path / "progress.yaml"
    progress = pfile.load(path)
    pfile.add(progress, NEW)
    path.write_text("version: 1\nrecords: []\n", encoding="utf-8")
    with pytest.raises(pfile.Conflict):
        pfile.save(progress)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("records: [\n", "YAML 语法错误"),
        ("- 1\n- 2\n", "顶层应为映射"),
        ("version: 1\nrecords: 3\n", "records: 应为列表"),
        ("records:\n  - task: 3\n    due: 2020-08-31\n", r"records\[0\]: 缺少字段 done"),
        ("records:\n  - task: x\n    due: 2020-08-31\n    done: 2020-08-30\n", "task: 应为任务编号"),
        (
            "records:\n  - task: 3\n    due: 2020-02-30\n    done: 2020-08-30\n",
            ":3:10: 日期无效「2020-02-30」",
        ),
        ("records:\n  - task: 3\n    due: '2020-02-30'\n    done: 2020-08-30\n", "due: 日期无效"),
        ("records:\n  - task: 3\n    due: 2020-08-31\n    done: 2020-08-30\n    unti: x\n", "未知字段 unti"),
        ("records:\n  - 3\n", "应为映射"),
        # A misspelt `records:` used to read as no records at all: every one silently not done.
        ("version: 1\nrecord:\n  - task: 3\n", ":2:1: record: 未知字段「record」"),
        ("version: 2\nrecords: []\n", ":1:1: version: 不支持的完成情况文件版本「2」"),
        ("version: x\nrecords: []\n", "不支持的完成情况文件版本「x」"),
        # What YAML's reader refuses ended in an internal error (ReaderError), with no line.
        ("records:\n  - task: 3\n    note: a\x00b\n", ":3:12: 含有 YAML 不允许的控制字符 U\\+0000"),
        ("records:\n  - task: 3\n\t  due: 2020-08-31\n", ":3:1: 用制表符（Tab）缩进"),
        ("records: []\nrecords: []\n", "YAML 语法错误：键「records」重复"),
        (
            'records:\n  - task: 3\n    due: 2020-08-31\n    done: 2020-08-30\n    note: "\\e]0;x\\a"\n',
            ":5:5: records\\[0\\].note: 含有控制字符 U\\+001B",
        ),
    ],
)
def test_malformed_files_are_refused_with_a_position(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "progress.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(pfile.ProgressInvalid, match=message) as caught:
        pfile.load(path)
    assert str(path) in caught.value.message


def test_a_write_that_would_drop_a_comment_is_refused(hand: Path) -> None:
    progress = pfile.load(hand)
    progress.doc["records"][0].ca.items.clear()  # as if ruamel.yaml had lost "# quoted" and more
    pfile.add(progress, NEW)
    with pytest.raises(pfile.ProgressInvalid, match="丢失注释"):
        pfile.save(progress)
    assert hand.read_text(encoding="utf-8") == HAND_WRITTEN


# --- atomicity: a writer killed mid-write leaves the old file or the new one -------------

_SLOW_WRITER = """
import datetime as dt, os, sys, time
from gpstd.progress import file as p
real_fsync = os.fsync
def slow_fsync(fd):
    sys.stdout.write("writing\\n"); sys.stdout.flush()
    time.sleep(60)
    real_fsync(fd)
os.fsync = slow_fsync
with p.edit(sys.argv[1]) as progress:
    p.add(progress, p.Record(9, dt.date(2021, 7, 31), None, dt.date(2021, 7, 30), "x" * 200000))
"""

_LOOPING_WRITER = """
import datetime as dt, sys
from gpstd.progress import file as p
for n in range(10000):
    with p.edit(sys.argv[1]) as progress:
        if progress.records:
            p.remove(progress, 9, dt.date(2021, 7, 31), None)
        else:
            p.add(progress, p.Record(9, dt.date(2021, 7, 31), None, dt.date(2021, 7, 30), "x" * 300000))
"""


def test_a_writer_killed_before_the_rename_leaves_the_old_file(hand: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(hand)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n"  # the new content is in the temporary file
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert hand.read_text(encoding="utf-8") == HAND_WRITTEN
    with pfile.edit(hand) as progress:  # the lock died with the writer
        pfile.add(progress, NEW)
    assert NEW in pfile.load(hand).records


def test_a_writer_killed_at_random_moments_never_leaves_a_torn_file(hand: Path) -> None:
    with pfile.edit(hand) as progress:
        pfile.add(progress, Record(9, dt.date(2021, 7, 31), None, dt.date(2021, 7, 30), "x" * 300000))
    full = hand.read_bytes()
    states = {full, HAND_WRITTEN.encode()}
    for delay in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
        child = subprocess.Popen([sys.executable, "-c", _LOOPING_WRITER, str(hand)])
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert hand.read_bytes() in states
    leftovers = [p.name for p in hand.parent.iterdir() if p.name.endswith(".tmp")]
    assert all(name.startswith(".progress.yaml.") for name in leftovers)  # hidden, never the file


def test_lock_file_is_hidden_beside_the_progress_file(hand: Path) -> None:
    assert pfile.lock_path(hand) == hand.with_name(".progress.yaml.lock").resolve()
    assert os.path.basename(pfile.lock_path(hand)).startswith(".")


def test_bundled_register_keeps_progress_out_of_the_package(monkeypatch, tmp_path):
    from gpstd.register import bundled_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    from gpstd.progress.location import default_path

    path = default_path(str(bundled_path()))
    assert path == tmp_path / "gpstd" / "progress.yaml"
    assert bundled_path().parent not in path.parents


def test_quoted_texts_are_read_as_plain_text(tmp_path: Path) -> None:
    """A hand-quoted note, unit or evidence ("已报送") came through as ruamel's quoted-string
    type, which the JSON writer does not know: ledger/status/show --json ended in an internal
    error. The number ruamel reads from 0x3 is an int of its own kind too."""
    path = tmp_path / "progress.yaml"
    path.write_text(
        'records:\n  - task: 0x3\n    due: 2020-08-31\n    unit: "市桥街道"\n    done: 2020-08-30\n'
        '    note: \'已报送\'\n    evidence: ["https://a.cn/x"]\n    recorded_by: "张三"\n',
        encoding="utf-8",
    )
    [record] = pfile.load(path).records
    values = [record.task, record.unit, record.note, record.recorded_by, *record.evidence]
    assert [type(value) for value in values] == [int, str, str, str, str]


def test_a_malformed_record_is_reported_at_its_field(tmp_path: Path) -> None:
    path = tmp_path / "progress.yaml"
    path.write_text("records:\n  - task: 3\n    due: 2020-08-31\n    done: 八月\n", encoding="utf-8")
    with pytest.raises(pfile.ProgressInvalid) as caught:
        pfile.load(path)
    assert caught.value.problems == [
        Problem(str(path), 4, 5, "records[0].done", "日期无效「八月」（应写作 2020-08-31）")
    ]


def test_a_yaml_syntax_error_is_reported_in_chinese_where_it_begins(tmp_path: Path) -> None:
    path = tmp_path / "progress.yaml"
    path.write_text('records:\n  - task: 3\n    note: "未闭合\n    done: 2020-08-30\n', encoding="utf-8")
    with pytest.raises(pfile.ProgressInvalid) as caught:
        pfile.load(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.col) == (3, 11)
    assert problem.message.startswith("YAML 语法错误：") and "found" not in problem.message


def test_a_crashed_writers_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    from gpstd.progress import file as progress_file
    from gpstd.progress.record import Record

    path = tmp_path / "progress.yaml"
    leftover = tmp_path / ".progress.yaml.abc123.tmp"
    leftover.write_text("half a file")
    keep = tmp_path / ".other.yaml.abc123.tmp"  # another file's: not ours
    keep.write_text("x")
    with progress_file.edit(path) as progress:
        progress_file.add(progress, Record(3, dt.date(2020, 8, 31), None, dt.date(2020, 8, 30)))
    assert not leftover.exists() and keep.exists()
    assert [p.name for p in tmp_path.glob(".progress.yaml.*.tmp")] == []


def test_append_to_a_hand_written_flow_list_keeps_the_closing_comment_last(tmp_path: Path) -> None:
    path = tmp_path / "progress.yaml"
    path.write_text(
        "# 完成情况\nrecords: [{task: 3, due: 2020-08-31, unit: 市桥街道, done: 2020-08-28}]\n# 最后的注释\n",
        encoding="utf-8",
    )
    with pfile.edit(path) as progress:
        pfile.add(progress, NEW)
    text = path.read_text(encoding="utf-8")
    assert _comments(text) == ["# 完成情况", "# 最后的注释"]
    assert text.endswith(NEW_TEXT + "# 最后的注释\n")
    assert [r.task for r in pfile.load(path).records] == [3, 9]


def test_a_progress_file_that_cannot_be_opened_is_told_in_chinese(tmp_path: Path) -> None:
    """A symlink loop (or a name too long) ended `gpstd done --progress` in an internal error."""
    loop = tmp_path / "progress.yaml"
    loop.symlink_to(loop)
    with pytest.raises(pfile.ProgressInvalid, match="无法读取（符号链接层数过多"):
        pfile.load(loop)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("directory", ["/proc", "/sys"])
def test_a_lock_that_cannot_be_created_is_a_message_at_once(directory: str) -> None:
    """Where no lock file can be made (a read-only directory; /sys, /proc as any user) `gpstd
    done` ended in an internal error (PermissionError), or waited 60 s and blamed another gpstd."""
    started = time.monotonic()
    refused = r"无法写入：无法在所在目录创建锁文件 \.progress\.yaml\.lock"
    with pytest.raises(pfile.ProgressInvalid, match=refused), pfile.edit(Path(directory) / "progress.yaml"):
        pass
    assert time.monotonic() - started < 5
