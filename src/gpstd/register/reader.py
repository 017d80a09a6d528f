"""A register file read into plain data that remembers where each value came from.

Hostile input stays bounded before YAML sees it: a size cap, a node-count estimate, text that
must be UTF-8 with no tabs in the indentation and no control characters; `gpstd.register.yaml`
then reads the data from libyaml's events, refusing anchors, aliases, tags and deep nesting, and
composes the node tree for positions only when a message asks for one.
Every refusal is a `RegisterInvalid` whose problems name the line and column.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
from typing import Any

from gpstd.errors import Problem, RegisterInvalid
from gpstd.files import NotRegular, TooLarge, os_reason, read_regular
from gpstd.patterns import BIDI, LazyRegex, character_message
from gpstd.register import yaml

DEFAULT_MAX_MB = 20


def max_bytes() -> int:
    """Size cap in bytes; `$GPSTD_MAX_MB` raises it for very large registers."""
    return int(_positive("GPSTD_MAX_MB", DEFAULT_MAX_MB, "兆字节", 10**6) * 1024 * 1024)


def max_nodes() -> int:
    """Cap on the YAML nodes a file may hold, estimated from its text; `$GPSTD_MAX_NODES` sets
    it, otherwise it grows with the size cap (a register has ~0.06 nodes per byte)."""
    if "GPSTD_MAX_NODES" in os.environ:
        return int(_positive("GPSTD_MAX_NODES", 0, "个", 10**10))
    return max_bytes() // 16


def _positive(name: str, default: float, unit: str, most: int) -> float:
    """A limit set in the environment: a positive number up to `most`, else a usage error naming
    the variable, not a silent default (a typo would otherwise look like a register too large)."""
    text = os.environ.get(name)
    if text is None:
        return default
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= most:  # also refuses nan and inf
        from gpstd.errors import UsageError

        raise UsageError(f"环境变量 {name} 应为正数（{unit}，至多 {most}），实为「{text}」")
    return value


class Document:
    """A parsed file: its plain data, and positions in it when a message needs one (the node
    tree is composed from the text then, once: a valid register never pays for it)."""

    def __init__(self, path: str, data: Any, text: str | None = None):
        self.path = path
        self.data = data
        self._text = text
        self._root: Any = None
        self._maps: dict[int, dict[Any, Any]] = {}

    @property
    def root(self) -> Any:
        """The root node (None for an empty document), composed on first use."""
        if self._root is None and self._text is not None and self.data is not None:
            self._root = yaml.compose(self.path, self._text)
        return self._root

    def position(self, loc: tuple[Any, ...]) -> tuple[int, int]:
        """1-based (line, column) of the deepest node that `loc` reaches."""
        node = self.root
        if node is None:
            return 1, 1
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        for key in loc:
            node = self._child(node, key)
            if node is None:
                break
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
        return line, col

    def key_position(self, loc: tuple[Any, ...]) -> tuple[int, int]:
        """Position of the key `loc[-1]` itself inside the mapping at `loc[:-1]`."""
        parent = self._node(loc[:-1])
        if parent is not None and parent.tag == yaml.MAP:
            found = self._pairs(parent).get(loc[-1])
            if found is not None:
                return found[0].start_mark.line + 1, found[0].start_mark.column + 1
        return self.position(loc[:-1])

    def _node(self, loc: tuple[Any, ...]) -> Any:
        node = self.root
        for key in loc:
            if node is None:
                return None
            node = self._child(node, key)
        return node

    def _pairs(self, node: Any) -> dict[Any, Any]:
        """A mapping node's first (key node, value node) for each key text, built once: a thousand
        problems in a mapping of a million keys must not scan it a thousand times."""
        pairs = self._maps.get(id(node))
        if pairs is None:
            pairs = self._maps[id(node)] = {}
            for k, v in node.value:
                if isinstance(k.value, str):
                    pairs.setdefault(k.value, (k, v))
        return pairs

    def _child(self, node: Any, key: Any) -> Any:
        if node.tag == yaml.MAP:
            found = self._pairs(node).get(str(key) if isinstance(key, int) else key)
            return found[1] if found is not None else None
        if node.tag == yaml.SEQ and isinstance(key, int) and 0 <= key < len(node.value):
            return node.value[key]
        return None


def read_bytes(path: str) -> bytes:
    """The file's bytes: a regular file within the size cap, or RegisterInvalid saying why not."""
    try:
        return read_regular(path, max_bytes())
    except IsADirectoryError:
        raise _refused(path, "这是一个目录，不是登记册文件") from None
    except FileNotFoundError:
        raise _refused(path, "文件不存在") from None
    except PermissionError:
        raise _refused(path, "没有读取该文件的权限") from None
    except NotRegular:
        raise _refused(path, "不是普通文件（设备或管道），不能作为登记册读取") from None
    except TooLarge as exc:
        raise _refused(path, _too_large(exc.size)) from None
    except OSError as exc:
        raise _refused(path, f"无法读取（{os_reason(exc)}）") from None


def _refused(path: str, message: str, line: int = 0, col: int = 0) -> RegisterInvalid:
    return RegisterInvalid([Problem(path, line, col, "", message)])


def _too_large(size: int) -> str:
    return (
        f"文件过大（{size / 1048576:.1f} MB），超过上限 {max_bytes() / 1048576:.0f} MB；"
        "如确需读取，请设置环境变量 GPSTD_MAX_MB"
    )


def read(path: str, raw: bytes | None = None) -> Document:
    """Read and parse `path` (or the given bytes); RegisterInvalid with every problem found."""
    if raw is None:
        raw = read_bytes(path)
    if len(raw) > max_bytes():
        raise _refused(path, _too_large(len(raw)))
    text = _decode(path, raw)
    refused = refused_characters(path, text)
    if refused:
        raise RegisterInvalid(refused)
    _check_nodes(path, text)
    return Document(path, yaml.load(path, text), text)


def _decode(path: str, raw: bytes) -> str:
    hint = "请用 UTF-8 保存文件（WPS/记事本“另存为”时选择 UTF-8）"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # the BOM of UTF-16, which Windows tools write
        raise _refused(path, f"文件是 UTF-16 编码（开头有 UTF-16 字节顺序标记）；{hint}", 1, 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # Columns count characters, as editors do; what precedes the bad byte decodes cleanly.
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8")) + 1
        raise _refused(
            path,
            f"不是有效的 UTF-8 编码（第 {exc.start + 1} 字节 0x{raw[exc.start]:02x}，"
            f"可能是 GBK 编码）；{hint}",
            line,
            col,
        ) from None
    return text.removeprefix("\ufeff")


def refused_characters(path: str, text: str) -> list[Problem]:
    """Tabs in the indentation and characters YAML's reader refuses, each with its line and
    column, in the order of the file (for the register and the progress file alike)."""
    refused = _tab_problems(path, text) + _control_problems(path, text)
    return sorted(refused, key=lambda p: (p.line, p.col))


_TAB_INDENT = LazyRegex(r"^[ ]*\t", re.MULTILINE)


def _tab_problems(path: str, text: str) -> list[Problem]:
    if "\t" not in text:
        return []
    problems = []
    for match in itertools.islice(_TAB_INDENT.finditer(text), yaml.MAX_PROBLEMS):
        line = text.count("\n", 0, match.start()) + 1
        problems.append(
            Problem(path, line, match.end() - match.start(), "", "用制表符（Tab）缩进；YAML 只能用空格缩进")
        )
    return problems


@functools.cache
def _control() -> re.Pattern[str]:
    """What YAML's reader refuses, found here so that every occurrence gets its line (the C
    reader reports a byte offset). Compiled on first use: the class spans all of Unicode."""
    return re.compile(f"[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[{BIDI}]")


def _control_problems(path: str, text: str) -> list[Problem]:
    problems = []
    for match in itertools.islice(_control().finditer(text), 100):
        line, col = _line_col(text, match.start())
        problems.append(
            Problem(
                path,
                line,
                col,
                "",
                _refused_message(match.group()),
            )
        )
    return problems


def _refused_message(ch: str) -> str:
    if re.fullmatch(f"[{BIDI}]", ch):  # YAML allows them; we do not (patterns.BIDI)
        return f"{character_message(ch)}（可使屏幕上显示的文字与文件中的不同）；请删去它"
    return f"含有 YAML 不允许的控制字符 U+{ord(ch):04X}；请删去它（常见于从网页或 Word 复制的文本）"


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at `index`."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _check_nodes(path: str, text: str) -> None:
    """Refuse in milliseconds what would take minutes to compose: 19 MB of `- a` lines is five
    million nodes. Counts lines and separators, an overestimate of the nodes."""
    estimate = text.count("\n") + text.count(",") + text.count(": ") + text.count("- ")
    limit = max_nodes()
    if estimate > limit:
        raise _refused(
            path,
            f"文件中的 YAML 节点过多（约 {estimate:,} 个，上限 {limit:,} 个），不像是一份登记册；"
            "如确需读取，请设置环境变量 GPSTD_MAX_NODES",
        )
