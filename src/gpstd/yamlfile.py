"""Reading a register's YAML safely, keeping the position of every node.

The one place that configures ruamel.yaml for reading. Hostile input stays bounded:
a size cap, no aliases (an alias bomb is refused at its first `*`), a nesting cap,
and invalid UTF-8, tabs and syntax errors reported with their line in Chinese.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from gpstd.errors import Problem

MAX_DEPTH = 32
DEFAULT_MAX_MB = 20


def max_bytes() -> int:
    """Size cap in bytes; `$GPSTD_MAX_MB` raises it for very large registers."""
    try:
        return int(float(os.environ.get("GPSTD_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024)
    except ValueError:
        return DEFAULT_MAX_MB * 1024 * 1024


class YamlRefused(Exception):
    """The file cannot be read as a register document; carries the problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].message if problems else "")
        self.problems = problems


@dataclass
class Document:
    """A parsed file: its plain data and its node tree, for positions."""

    path: str
    data: Any
    root: Any  # ruamel.yaml node, or None for an empty document

    def position(self, loc: tuple[Any, ...]) -> tuple[int, int]:
        """1-based (line, column) of the deepest node that `loc` reaches."""
        node = self.root
        line, col = (1, 1)
        if node is None:
            return line, col
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        for key in loc:
            node = _child(node, key)
            if node is None:
                break
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
        return line, col

    def key_position(self, loc: tuple[Any, ...]) -> tuple[int, int]:
        """Position of the key `loc[-1]` itself inside the mapping at `loc[:-1]`."""
        parent = self._node(loc[:-1])
        if parent is not None and parent.tag.endswith(":map"):
            for k, _v in parent.value:
                if k.value == loc[-1]:
                    return k.start_mark.line + 1, k.start_mark.column + 1
        return self.position(loc[:-1])

    def _node(self, loc: tuple[Any, ...]) -> Any:
        node = self.root
        for key in loc:
            if node is None:
                return None
            node = _child(node, key)
        return node


def _child(node: Any, key: Any) -> Any:
    if node.tag.endswith(":map"):
        for k, v in node.value:
            if k.value == key or (isinstance(key, int) and k.value == str(key)):
                return v
        return None
    if node.tag.endswith(":seq") and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def read(path: str, raw: bytes | None = None) -> Document:
    """Read and parse `path` (or the given bytes); raise YamlRefused with every problem."""
    if raw is None:
        raw = _read_bytes(path)
    _check_size(path, len(raw))
    text = _decode(path, raw)
    tabs = _tab_problems(path, text)
    if tabs:
        raise YamlRefused(tabs)
    yaml = _yaml()
    root = _compose(yaml, path, text)
    duplicates = list(_duplicate_keys(path, root)) if root is not None else []
    if duplicates:
        raise YamlRefused(duplicates)
    data = _construct(yaml, root) if root is not None else None
    return Document(path=path, data=data, root=root)


def _read_bytes(path: str) -> bytes:
    try:
        _check_size(path, os.path.getsize(path))
        with open(path, "rb") as fh:
            return fh.read()
    except IsADirectoryError:
        raise YamlRefused([Problem(path, 0, 0, "", "这是一个目录，不是登记册文件")]) from None
    except FileNotFoundError:
        raise YamlRefused([Problem(path, 0, 0, "", "文件不存在")]) from None
    except PermissionError:
        raise YamlRefused([Problem(path, 0, 0, "", "没有读取该文件的权限")]) from None


def _check_size(path: str, size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise YamlRefused([Problem(path, 0, 0, "", (
            f"文件过大（{size / 1048576:.1f} MB），超过上限 {limit / 1048576:.0f} MB；"
            "如确需读取，请设置环境变量 GPSTD_MAX_MB"))])


def _decode(path: str, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlRefused([Problem(path, line, col, "", (
            f"不是有效的 UTF-8 编码（第 {exc.start} 字节 0x{raw[exc.start]:02x}）；"
            "请用 UTF-8 保存文件（WPS/记事本“另存为”时选择 UTF-8）"))]) from None
    return text.removeprefix("\ufeff")


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _tab_problems(path: str, text: str) -> list[Problem]:
    problems = []
    for match in _TAB_INDENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.end() - match.start()
        problems.append(Problem(path, line, col, "", "用制表符（Tab）缩进；YAML 只能用空格缩进"))
    return problems


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    yaml.allow_duplicate_keys = True  # reported all at once by _duplicate_keys instead
    return yaml


def _bound_events(yaml: Any, text: str) -> None:
    """Refuse aliases and deep nesting from the event stream, before any node is built.

    The C parser composes in one go, so this cheap pass is where an alias bomb stops.
    """
    from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent

    depth = 0
    for event in yaml.parse(text):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refusal(event.start_mark, f"嵌套超过 {MAX_DEPTH} 层，登记册不会有这样深的结构")
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
        elif isinstance(event, AliasEvent):
            raise _Refusal(event.start_mark, f"不支持 YAML 别名（*{event.anchor}）：请把内容逐条写出")


class _Refusal(Exception):
    def __init__(self, mark: Any, message: str):
        super().__init__(message)
        self.mark = mark
        self.message = message


_SYNTAX_HINTS = {
    "mapping values are not allowed": "此处不能出现“键: 值”（可能缺少缩进，或文本里的冒号需要加引号）",
    "could not find expected ':'": "缺少冒号“:”",
    "did not find expected key": "缩进不一致，或缺少“- ”",
    "found undefined alias": "引用了未定义的别名",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合？）",
    "did not find expected node content": "此处缺少内容",
    "found character that cannot start any token": "此处的字符不能开始一个 YAML 记号（例如 Tab、@、`）",
    "found unknown escape character": "双引号字符串中有无效的转义字符",
    "while scanning a quoted scalar": "引号未闭合",
    "expected <block end>, but found": "缩进不一致",
    "did not find expected '-' indicator": "列表项缩进不一致",
    "could not determine a constructor": "不支持的 YAML 标签",
}


def _compose(yaml: Any, path: str, text: str) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        _bound_events(yaml, text)
        return yaml.compose(text)
    except _Refusal as exc:
        raise YamlRefused([Problem(path, exc.mark.line + 1, exc.mark.column + 1, "", exc.message)]) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise YamlRefused([Problem(path, line, col, "", _syntax_message(exc))]) from None
    except (YAMLError, RecursionError) as exc:
        raise YamlRefused([Problem(path, 0, 0, "", f"YAML 语法错误（{exc}）")]) from None


def _syntax_message(exc: Any) -> str:
    english = " ".join(str(x) for x in (exc.context, exc.problem) if x)
    hint = next((zh for en, zh in _SYNTAX_HINTS.items() if en in english), None)
    return f"YAML 语法错误：{hint}（{english}）" if hint else f"YAML 语法错误（{english}）"


def _duplicate_keys(path: str, node: Any) -> Any:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.tag.endswith(":map"):
            seen: dict[Any, int] = {}
            for key, value in current.value:
                k = key.value if not isinstance(key.value, list) else id(key)
                if k in seen:
                    yield Problem(path, key.start_mark.line + 1, key.start_mark.column + 1, "",
                                  f"重复的键「{k}」（首次出现在第 {seen[k]} 行）")
                else:
                    seen[k] = key.start_mark.line + 1
                stack.append(value)
        elif current.tag.endswith(":seq"):
            stack.extend(current.value)


def _construct(yaml: Any, root: Any) -> Any:
    yaml.constructor.allow_duplicate_keys = True
    return yaml.constructor.construct_document(root)
