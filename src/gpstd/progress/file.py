"""The progress file: records of delivered occurrences, read and written without losing a line.

The file sits beside the register (data/progress.yaml) so that the plan and the record
of work change separately in git. It is edited by hand as well as by `gpstd done`, so
every write is a ruamel.yaml round trip (comments, key order and quoting survive),
taken under a file lock, refused if the file changed since it was read, and atomic;
a file that does not change is not written at all.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gpstd.errors import Conflict, Problem, ProgressInvalid
from gpstd.progress.record import KEYS, Record

LOCK_TIMEOUT = 60.0

TEMPLATE = """\
# 政务公开重点任务完成情况记录（与 tasks.yaml 同目录）
#
# 每条记录一项任务某一到期事项的完成情况：
#   task         任务编号（tasks.yaml 中的 id）
#   due          该事项的到期日（周期性任务每期一个到期日）
#   unit         完成的单位（可省略：省略即该事项的全部责任单位都已完成）
#   done         完成日期（收到报送或确认完成的日期）
#   note         备注（可省略），如报送文号、方式
#   recorded_by  登记人
#
# 请用命令登记，例如：
#   gpstd done 3 --due 2020-08-31 --unit 市桥街道 --on 2020-08-28 --note "已报送目录"
#   gpstd undo 3 --due 2020-08-31 --unit 市桥街道
# 也可手工编辑；保存后运行 gpstd status 核对。流程见 docs/progress.md。

version: 1

records: []
"""


def _invalid(path: str | Path, message: str, line: int = 0, col: int = 1, where: str = "") -> ProgressInvalid:
    """ProgressInvalid for one problem of the file at `path`."""
    return ProgressInvalid([Problem(str(path), line, col, where, message)])


@dataclass
class Progress:
    """A progress file as read: its bytes, their hash, the round-trip document, the records."""

    path: Path
    raw: bytes | None  # None when the file does not exist yet
    doc: Any
    records: list[Record] = field(default_factory=list)
    dropped_comments: list[str] = field(default_factory=list)  # inside records removed

    @property
    def digest(self) -> str | None:
        import hashlib  # loading OpenSSL costs every query a few ms; only writes need it

        return None if self.raw is None else hashlib.sha256(self.raw).hexdigest()

    def for_occurrence(self, task_id: int, due: dt.date) -> list[Record]:
        return [r for r in self.records if r.task == task_id and r.due == due]


# --- reading ---------------------------------------------------------------------------


def _guess_indent(text: str) -> tuple[int, int, int]:
    """The file's own indentation of `records:` items, so that a write keeps its layout."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("records:")), None)
    for line in lines[start + 1 :] if start is not None else []:
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if not stripped.startswith("- "):
            break
        offset = len(line) - len(stripped)
        inner = stripped[2:]
        return 2, offset + 2 + len(inner) - len(inner.lstrip(" ")), offset
    return 2, 4, 2


def load(path: str | Path) -> Progress:
    """Read a progress file; a missing file reads as the empty template."""
    from gpstd.register.reader import max_bytes

    path = Path(path)
    _refuse_special(path)
    try:
        raw: bytes | None = path.read_bytes()
    except FileNotFoundError:
        raw = None
    except IsADirectoryError:
        raise _invalid(path, "这是一个目录，不是完成情况文件") from None
    except PermissionError:
        raise _invalid(path, "没有读取该文件的权限") from None
    except OSError as exc:  # a symlink loop, a name too long, a file where a directory should be
        from gpstd.files import os_reason

        raise _invalid(path, f"无法读取（{os_reason(exc)}）") from None
    if raw is not None and len(raw) > max_bytes():
        raise _invalid(path, f"文件过大（{len(raw)} 字节）；可设置 GPSTD_MAX_MB 放宽上限")
    text = TEMPLATE if raw is None else _decode(path, raw)
    doc = _parse(path, text)
    return Progress(path, raw, doc, _records(path, doc))


def _refuse_special(path: Path) -> None:
    """A device or a pipe is no progress file: reading /dev/stdout would wait for input and
    writing /dev/null would lose the record (the register reader refuses them too)."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing or unreadable: read_bytes says which
    if stat.S_ISDIR(mode):
        raise _invalid(path, "这是一个目录，不是完成情况文件")
    if not stat.S_ISREG(mode):
        raise _invalid(path, "不是普通文件（设备或管道），不能作为完成情况文件")


def _decode(path: Path, raw: bytes) -> str:
    try:
        # A BOM or CRLF from a Windows editor is put back on write (see dump); inside, one
        # line ending, or ruamel.yaml keeps the CR in comments and doubles it on the way out.
        return raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise _invalid(path, f"不是 UTF-8 编码（第 {exc.start} 字节）") from None


def _parse(path: Path, text: str) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import MarkedYAMLError

    from gpstd.register.reader import refused_characters
    from gpstd.register.yaml import round_trip, syntax_mark, syntax_message

    refused = refused_characters(str(path), text)
    if refused:  # YAML's reader would stop at the first with a character offset
        raise ProgressInvalid(refused)
    try:
        doc = round_trip(_guess_indent(text)).load(text)
    except MarkedYAMLError as exc:
        mark = syntax_mark(exc)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 1)
        raise _invalid(path, syntax_message(exc), line, col) from None
    except ValueError:  # ruamel.yaml builds dates itself and fails on 2020-02-30
        raise _impossible_date(path, text) from None
    if doc is None:
        doc = CommentedMap(version=1)
    elif not isinstance(doc, CommentedMap):
        raise _invalid(path, "顶层应为映射（version: 1、records: […]）", 1)
    else:
        _check_top(path, doc)
    if doc.get("records") is None:
        doc["records"] = CommentedSeq()
    if not isinstance(doc["records"], CommentedSeq):
        line = doc.lc.value("records")[0] + 1
        raise _invalid(path, "应为列表（每条记录以“- ”开头）", line, 1, "records")
    return doc


def _check_top(path: Path, doc: Any) -> None:
    """Only `version: 1` and `records:`: a misspelt `records:` would read as no records at all,
    and a later version's file may mean what this one cannot read."""
    for key in doc:
        line, col = (n + 1 for n in doc.lc.key(key))
        if key not in ("version", "records"):
            message = f"未知字段「{key}」（完成情况文件只有 version 和 records 两项，记录写在 records: 下）"
            raise _invalid(path, message, line, col, str(key))
        version = doc[key]
        if key == "version" and (isinstance(version, bool) or version != 1):
            raise _invalid(
                path, f"不支持的完成情况文件版本「{version}」：目前只有版本 1", line, col, "version"
            )


def _impossible_date(path: Path, text: str) -> ProgressInvalid:
    import re

    for number, line in enumerate(text.splitlines(), 1):
        for found in re.finditer(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", line):
            try:
                dt.date(*map(int, found.groups()))
            except ValueError:
                return _invalid(path, f"日期无效「{found.group()}」：没有这一天", number, found.start() + 1)
    return _invalid(path, "文件中有无效的值")


class _FieldError(ValueError):
    """A malformed value of one field (`key`) of a record."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


def _records(path: Path, doc: Any) -> list[Record]:
    found, problems = [], []
    for index, item in enumerate(doc["records"]):
        line = doc["records"].lc.item(index)[0] + 1
        try:
            found.append(_record(item, line))
        except ValueError as exc:
            problems.append(_problem(path, item, index, line, exc))
    if problems:
        raise ProgressInvalid(problems)
    return found


def _problem(path: Path, item: Any, index: int, line: int, exc: ValueError) -> Problem:
    """Where a record's problem is: at its field (records[0].done) when it is one field's."""
    key = getattr(exc, "key", None)
    if key is None or not hasattr(item, "lc") or key not in item:
        return Problem(str(path), line, 1, f"records[{index}]", str(exc))
    key_line, key_col = item.lc.key(key)
    return Problem(str(path), key_line + 1, key_col + 1, f"records[{index}].{key}", str(exc))


def _record(item: Any, line: int | None = None) -> Record:
    if not isinstance(item, dict):
        raise ValueError("应为映射（task: …、due: …、done: …）")
    unknown = [str(k) for k in item if k not in KEYS]
    if unknown:
        raise ValueError(f"未知字段 {'、'.join(unknown)}（可用字段：{'、'.join(KEYS)}）")
    missing = [k for k in ("task", "due", "done") if item.get(k) is None]
    if missing:
        raise ValueError(f"缺少字段 {'、'.join(missing)}")
    task = item["task"]
    if isinstance(task, bool) or not isinstance(task, int):
        raise _FieldError("task", f"应为任务编号（整数），实际为「{task}」")
    return Record(
        int(task),  # ruamel.yaml's own kinds (0x3 is a HexInt, "a" a quoted string) end here
        _day(item["due"], "due"),
        _text(item.get("unit"), "unit"),
        _day(item["done"], "done"),
        _text(item.get("note"), "note"),
        _text(item.get("recorded_by"), "recorded_by"),
        line,
        _evidence(item.get("evidence")),
    )


def _evidence(value: Any) -> tuple[str, ...]:
    """One piece of evidence as text, or several as a list of texts."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        text = _text(item, "evidence")
        if text is None or not text.strip() or isinstance(item, (list, dict)):
            raise _FieldError("evidence", "应为网址、文号或文件路径（一条文字，或几条文字的列表）")
        out.append(text.strip())
    return tuple(out)


def _day(value: Any, key: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise _FieldError(key, f"日期无效「{value}」（应写作 2020-08-31）") from None


def _text(value: Any, key: str) -> str | None:
    if value is None:
        return value
    if isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        from gpstd.patterns import control_message

        if control := control_message(str(value)):  # "\e[2J" written as an escape
            raise _FieldError(key, f"{control}；请删去它")
        return str(value)
    raise _FieldError(key, "应为文字")


# --- writing ---------------------------------------------------------------------------


def lock_path(path: str | Path) -> Path:
    path = Path(os.path.realpath(path))
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold the file's lock (reentrant within this process)."""
    from filelock import FileLock, Timeout

    _can_create(path, lock_path(path))
    lock = FileLock(lock_path(path), timeout=LOCK_TIMEOUT, is_singleton=True)
    try:
        with lock:
            yield
    except Timeout:
        raise Conflict(
            f"{path}: 等待文件锁超时（{LOCK_TIMEOUT:.0f} 秒）：另一个 gpstd 正在写入，请稍后重试"
        ) from None


def _can_create(path: str | Path, lock: Path) -> None:
    """filelock raises where the lock cannot be made (a read-only directory), or retries until its
    timeout as if another writer held it (/proc): say so at once, in Chinese."""
    from gpstd.files import os_reason

    try:
        os.close(os.open(lock, os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644))
    except OSError as exc:
        raise _invalid(path, f"无法写入：无法在所在目录创建锁文件 {lock.name}（{os_reason(exc)}）") from None


@contextmanager
def edit(path: str | Path) -> Iterator[Progress]:
    """Read the file under its lock, let the caller change it, and save it if it changed."""
    path = Path(path)
    _refuse_special(path)
    if not path.parent.is_dir():  # filelock would create the directory for its lock file
        raise _invalid(path, "无法写入：所在目录不存在")
    with locked(path):
        progress = load(path)
        yield progress
        save(progress)


def dump(progress: Progress) -> bytes:
    """The document as bytes, with the file's own line endings and BOM (a file saved by a
    Windows editor must not change on every line for one new record)."""
    import codecs
    import io

    raw = progress.raw
    text = TEMPLATE if raw is None else raw.decode("utf-8-sig")
    out = io.StringIO()
    from gpstd.register.yaml import round_trip

    round_trip(_guess_indent(text)).dump(progress.doc, out)
    data = out.getvalue()
    if raw is not None and raw[: raw.find(b"\n") + 1].endswith(b"\r\n"):
        data = data.replace("\n", "\r\n")
    bom = codecs.BOM_UTF8 if raw is not None and raw.startswith(codecs.BOM_UTF8) else b""
    return bom + data.encode("utf-8")


def save(progress: Progress) -> bool:
    """Write the file if its content changed; False when nothing had to be written."""
    from gpstd.files import atomic_write

    data = dump(progress)
    if data == progress.raw:
        return False
    with locked(progress.path):
        try:
            current: bytes | None = progress.path.read_bytes()
        except FileNotFoundError:
            current = None
        if current != progress.raw:
            raise Conflict(
                f"{progress.path}: 文件在读取之后已被修改（可能有人同时在编辑），"
                "为免覆盖他人的修改，本次未写入；请重新运行命令"
            )
        _check_comments_kept(progress, data)
        _remove_crashed_writes(progress.path)
        atomic_write(progress.path, data)
    progress.raw = data
    return True


def _remove_crashed_writes(path: Path) -> None:
    """Temporary files a writer killed mid-write left beside the file (`.progress.yaml.*.tmp`, as
    gpstd.files names them). Only writers holding the lock make them, and we hold it: any there
    now belongs to a writer that died. Regular files only; a link is never followed."""
    import glob
    import stat

    from gpstd.files import temp_prefix

    target = Path(os.path.realpath(path))
    for leftover in target.parent.glob(f"{glob.escape(temp_prefix(target.name))}*.tmp"):
        try:
            if stat.S_ISREG(os.lstat(leftover).st_mode):
                leftover.unlink()
        except OSError:
            pass  # gone already, or not ours to remove: the write goes on


def _comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]


def _check_comments_kept(progress: Progress, data: bytes) -> None:
    """Refuse a write that would drop a whole-line comment outside the removed records."""
    from collections import Counter

    before = Counter(_comment_lines(TEMPLATE if progress.raw is None else progress.raw.decode("utf-8-sig")))
    lost = before - Counter(_comment_lines(data.decode("utf-8-sig"))) - Counter(progress.dropped_comments)
    if lost:
        listed = "；".join(sorted(lost))
        raise _invalid(progress.path, f"写入会丢失注释（{listed}），已放弃写入；请手工编辑该文件")


# --- editing records, keeping every comment where a reader expects it -------------------
#
# ruamel.yaml hangs the comment lines between two list items on the last key of the item
# above. Appending or deleting an item would therefore leave a file's closing comments
# above the new record, or drop the comments above the record after a deleted one; the
# helpers below move those lines so that they stay where they were in the text.


def _trailing(item: Any) -> Any:
    """The comment token after an item's last value: its end-of-line part and the lines below."""
    if not hasattr(item, "ca") or not item:
        return None
    entry = item.ca.items.get(list(item)[-1])
    return entry[2] if entry and len(entry) > 2 else None


def _split(value: str) -> tuple[str, str]:
    head, newline, below = value.partition("\n")
    return head + newline, below


def _token(value: str, column: int) -> Any:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    return CommentToken(value, CommentMark(column), None)


def _set_trailing(item: Any, token: Any, value: str) -> None:
    """Give `item`'s last value the trailing comment `value` (at `token`'s column)."""
    key = list(item)[-1]
    entry = item.ca.items.setdefault(key, [None, None, None, None])
    existing = entry[2]
    if existing is not None:
        existing.value += value.removeprefix("\n") if existing.value.endswith("\n") else value
        return
    entry[2] = _token(value, token.column)


def new_item(record: Record) -> Any:
    """The record as the file writes it: evidence as one text, or a list when there are several."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def value(key: str) -> Any:
        found = getattr(record, key)
        if key == "evidence":
            return None if not found else found[0] if len(found) == 1 else CommentedSeq(found)
        return found

    return CommentedMap((k, v) for k in KEYS if (v := value(k)) is not None)


def add(progress: Progress, record: Record) -> None:
    """Append a record after the last one (a file's closing comments stay at its end)."""
    records = progress.doc["records"]
    item = new_item(record)
    if records.fa.flow_style():
        records.fa.set_block_style()
    token = _trailing(records[-1]) if len(records) else None
    if token is not None:
        eol, below = _split(token.value)
        if below:
            token.value = eol
            _set_trailing(item, token, "\n" + below)
    records.append(item)
    progress.records.append(record)


def remove(progress: Progress, task: int, due: dt.date, unit: str | None) -> list[Record]:
    """Delete the records for (task, due, unit); the removed records, last first."""
    indices = [i for i, r in enumerate(progress.records) if (r.task, r.due, r.unit) == (task, due, unit)]
    return [_delete(progress, i) for i in reversed(indices)]


def _delete(progress: Progress, index: int) -> Record:
    records = progress.doc["records"]
    item = records[index]
    token = _trailing(item)
    below = _split(token.value)[1] if token is not None else ""
    for entry in item.ca.items.values():
        for part in entry[2:3]:
            if part is not None:
                text = _split(part.value)[0] if part is token else part.value
                progress.dropped_comments += _comment_lines(text)
    if below:
        if index > 0:
            _set_trailing(records[index - 1], token, "\n" + below)
        else:
            _keep_above_list(progress.doc, token, below)
    del records[index]
    return progress.records.pop(index)


def _keep_above_list(doc: Any, token: Any, below: str) -> None:
    """The first record is going: the lines below it now follow the `records:` key."""
    records = doc["records"]
    entry = doc.ca.items.setdefault("records", [None, None, None, None])
    if len(records) > 1:
        # ruamel.yaml emits the lines above a list's first item from the parent key's entry,
        # one token a line, indented by the token's column.
        column = entry[3][0].column if entry[3] else max(records.lc.item(1)[1] - 2, 0)
        lines = [_token(line.strip() + "\n", column) for line in below.splitlines()]
        entry[3] = [*(entry[3] or []), *lines]
    else:
        records.fa.set_flow_style()  # `records: []`, the lines below it after
        if entry[2] is None:
            entry[2] = _token("\n" + below, token.column)
        else:
            entry[2].value += below
