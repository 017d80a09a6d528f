"""Reading a register's YAML safely, keeping the position of every node.

The one place that configures ruamel.yaml for reading. Hostile input stays bounded:
a size cap, no aliases (an alias bomb is refused at its first `*`), a nesting cap,
and invalid UTF-8, tabs and syntax errors reported with their line in Chinese.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
from typing import Any

from gpstd.errors import Problem

MAX_DEPTH = 32
# Past this many problems a file is not a register being edited but something else:
# stop collecting, so that 20 MB of garbage costs seconds, not minutes.
MAX_PROBLEMS = 1000
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


class Document:
    """A parsed file: its plain data and its node tree, for positions."""

    def __init__(self, path: str, data: Any, root: Any = None):
        self.path = path
        self.data = data
        self.root = root  # a PyYAML or ruamel.yaml node, or None for an empty document
        self._maps: dict[int, dict[Any, Any]] = {}

    def position(self, loc: tuple[Any, ...]) -> tuple[int, int]:
        """1-based (line, column) of the deepest node that `loc` reaches."""
        node = self.root
        line, col = (1, 1)
        if node is None:
            return line, col
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
        if parent is not None and parent.tag.endswith(":map"):
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
        """A mapping node's first (key node, value node) for each key text, built once:
        a thousand problems in a mapping of a million keys must not scan it a thousand times."""
        pairs = self._maps.get(id(node))
        if pairs is None:
            pairs = self._maps[id(node)] = {}
            for k, v in node.value:
                if isinstance(k.value, str):
                    pairs.setdefault(k.value, (k, v))
        return pairs

    def _child(self, node: Any, key: Any) -> Any:
        if node.tag.endswith(":map"):
            found = self._pairs(node).get(str(key) if isinstance(key, int) else key)
            return found[1] if found is not None else None
        if node.tag.endswith(":seq") and isinstance(key, int) and 0 <= key < len(node.value):
            return node.value[key]
        return None


def read(path: str, raw: bytes | None = None, *, quick: bool = False) -> Document:
    """Read and parse `path` (or the given bytes); raise YamlRefused with every problem.

    quick: read with rapidyaml where it reads as YAML 1.2 does (`yamlfast.quick_data`), keeping
    no positions: for a caller that reads the file again this way if it finds a problem."""
    if raw is None:
        raw = read_bytes(path)
    _check_size(path, len(raw))
    text = _decode(path, raw)
    refused = _tab_problems(path, text) + _control_problems(path, text)
    if refused:
        raise YamlRefused(sorted(refused, key=lambda p: (p.line, p.col)))
    _check_nodes(path, text)
    from gpstd import yamlfast

    if yamlfast.needs_events(text):
        return _read_ruamel(path, text)
    if quick and len(text) >= yamlfast.QUICK_FROM:
        data = yamlfast.quick_data(text)
        if data is not yamlfast._SLOW:
            return Document(path=path, data=data, root=None)
    root = yamlfast.compose(path, text)
    if root is None:
        return Document(path=path, data=None, root=None)
    try:
        return Document(path=path, data=yamlfast.build(root), root=root)
    except yamlfast.Slow:
        pass
    yamlfast.refuse_deep(path, root)
    problems = list(itertools.islice(_duplicate_keys(path, root), MAX_PROBLEMS))
    data = _Builder(_yaml(), path, problems).build(root)
    if problems:
        raise YamlRefused(sorted(problems, key=lambda p: (p.line, p.col)))
    return Document(path=path, data=data, root=root)


def _read_ruamel(path: str, text: str) -> Document:
    """Aliases, directives, deep nesting: ruamel.yaml's event pre-pass refuses or reads them."""
    yaml = _yaml()
    root = _compose(yaml, path, text)
    if root is None:
        return Document(path=path, data=None, root=None)
    problems = list(itertools.islice(_duplicate_keys(path, root), MAX_PROBLEMS))
    data = _Builder(yaml, path, problems).build(root)
    if problems:
        raise YamlRefused(sorted(problems, key=lambda p: (p.line, p.col)))
    return Document(path=path, data=data, root=root)


def read_bytes(path: str) -> bytes:
    """The file's bytes, refusing what is not a regular file (a directory, /dev/zero, a
    pipe that never ends) or is larger than the size cap, before reading any of it."""
    import stat

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise YamlRefused([Problem(path, 0, 0, "", "不是普通文件（设备或管道），不能作为登记册读取")])
        _check_size(path, info.st_size)
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
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # the BOM of UTF-16, which Windows tools write
        raise YamlRefused([Problem(path, 1, 1, "", (
            "文件是 UTF-16 编码（开头有 UTF-16 字节顺序标记）；请用 UTF-8 保存文件（WPS/记事本“另存为”时选择 UTF-8）"))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # Columns count characters, as editors do; what precedes the bad byte decodes cleanly.
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8")) + 1
        raise YamlRefused([Problem(path, line, col, "", (
            f"不是有效的 UTF-8 编码（第 {exc.start + 1} 字节 0x{raw[exc.start]:02x}，可能是 GBK 编码）；"
            "请用 UTF-8 保存文件（WPS/记事本“另存为”时选择 UTF-8）"))]) from None
    return text.removeprefix("\ufeff")


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _tab_problems(path: str, text: str) -> list[Problem]:
    if "\t" not in text:  # the usual case, found in C without the line-by-line pattern
        return []
    problems = []
    for match in itertools.islice(_TAB_INDENT.finditer(text), MAX_PROBLEMS):
        line = text.count("\n", 0, match.start()) + 1
        col = match.end() - match.start()
        problems.append(Problem(path, line, col, "", "用制表符（Tab）缩进；YAML 只能用空格缩进"))
    return problems


@functools.cache
def _control() -> re.Pattern[str]:
    """What YAML's reader refuses (ruamel.yaml.reader.Reader.NON_PRINTABLE), found here so that
    every occurrence gets its line: the C reader reports a byte offset, not a line. Compiled on
    first use: this class spans all of Unicode and costs as much as the rest of the module's
    import (~5 ms), which commands served from the cache would pay for nothing."""
    return re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _control_problems(path: str, text: str) -> list[Problem]:
    problems = []
    for match in _control().finditer(text):
        line, col = _line_col(text, match.start())
        problems.append(Problem(path, line, col, "", (
            f"含有 YAML 不允许的控制字符 U+{ord(match.group()):04X}；请删去它（常见于从网页或 Word 复制的文本）")))
        if len(problems) >= 100:
            break
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


_SYNTAX_HINTS = {  # first match wins: the specific before the general
    "while scanning a quoted scalar": "引号未闭合",
    "mapping values are not allowed": "此处不能出现“键: 值”（可能缺少缩进，或文本里的冒号需要加引号）",
    "could not find expected ':'": "缺少冒号“:”",
    "did not find expected key": "缩进不一致，或缺少“- ”",
    "found undefined alias": "引用了未定义的别名",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合？）",
    "did not find expected node content": "此处缺少内容",
    "found character that cannot start any token": "此处的字符不能开始一个 YAML 记号（例如 Tab、@、`）",
    "found unknown escape character": "双引号字符串中有无效的转义字符",
    "expected <block end>, but found": "缩进不一致",
    "did not find expected '-' indicator": "列表项缩进不一致",
    "could not determine a constructor": "不支持的 YAML 标签",
    "did not find expected ',' or ']'": "方括号“[”未闭合，或列表项之间缺少逗号",
    "did not find expected ',' or '}'": "花括号“{”未闭合，或项之间缺少逗号",
    "expected a single document": "一个文件只能有一个 YAML 文档（删去多余的“---”）",
    "found a tab character": "此处有制表符（Tab）；YAML 只能用空格缩进",
    "while scanning an anchor": "“&”后应为锚点名",
    "while scanning an alias": "“*”后应为别名",
    "while scanning a block scalar": "“|”或“>”之后的写法有误",
    "while scanning a directive": "“%”开头的指令有误",
    "block sequence entries are not allowed": "此处不能出现列表项“- ”（可能缩进不对）",
    "found unexpected ':'": "此处的冒号“:”需要加引号",
    "found incompatible YAML document": "不支持的 YAML 版本指令",
    "expected <document start>": "文档结束后又出现了内容（删去多余的“...”或其后的内容）",
    "while parsing a flow": "方括号或花括号内的写法有误",
}


def _compose(yaml: Any, path: str, text: str) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    try:
        _bound_events(yaml, text)
        return yaml.compose(text)
    except _Refusal as exc:
        raise YamlRefused([Problem(path, exc.mark.line + 1, exc.mark.column + 1, "", exc.message)]) from None
    except MarkedYAMLError as exc:
        mark = syntax_mark(exc)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise YamlRefused([Problem(path, line, col, "", syntax_message(exc))]) from None
    except ReaderError as exc:  # _control_problems should have caught it first
        raise YamlRefused([Problem(path, 0, 0, "", f"含有 YAML 不允许的字符（{exc.reason}）")]) from None
    except (YAMLError, RecursionError) as exc:
        raise YamlRefused([Problem(path, 0, 0, "", f"YAML 语法错误（{exc}）")]) from None


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at `index`."""
    index = max(0, min(index, len(text)))
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _unclosed_quote(exc: Any) -> bool:
    return exc.context_mark is not None and str(exc.context).startswith("while scanning a quoted scalar")


def syntax_mark(exc: Any) -> Any:
    """Where to report a syntax error: where an unclosed quote opens (the parser only notices
    at the end of the file), else where the parser stopped. For every reader of YAML here."""
    if _unclosed_quote(exc):
        return exc.context_mark
    return exc.problem_mark or exc.context_mark


def syntax_message(exc: Any) -> str:
    """Chinese for the problems we know; the parser's English only for those we do not."""
    english = " ".join(str(x) for x in (exc.context, exc.problem) if x)
    hint = next((zh for en, zh in _SYNTAX_HINTS.items() if en in english), None)
    began, mark = exc.context_mark, exc.problem_mark
    if began is not None and mark is not None and began.line != mark.line and \
            str(exc.context).startswith("while "):
        # An unclosed bracket or quote is found lines later; say where it was opened.
        where = f"开始于第 {began.line + 1} 行第 {began.column + 1} 列"
        hint = f"{hint}，{where}" if hint else where
    return f"YAML 语法错误：{hint}" if hint else f"YAML 语法错误（{english}）"


_syntax_message = syntax_message  # the name gpstd.yamlfast imports


def _duplicate_keys(path: str, node: Any) -> Any:
    stack: list[tuple[Any, tuple[Any, ...]]] = [(node, ())]
    while stack:
        current, loc = stack.pop()
        if current.tag.endswith(":map"):
            seen: dict[Any, int] = {}
            for key, value in current.value:
                k = key.value if not isinstance(key.value, list) else id(key)
                if k in seen:
                    yield Problem(path, key.start_mark.line + 1, key.start_mark.column + 1,
                                  format_path(loc + (k,)), f"重复的键「{k}」（首次出现在第 {seen[k]} 行）")
                else:
                    seen[k] = key.start_mark.line + 1
                stack.append((value, loc + (k,)))
        elif current.tag.endswith(":seq"):
            stack.extend((item, loc + (i,)) for i, item in enumerate(current.value))


def format_path(loc: tuple[Any, ...]) -> str:
    """A location as a field path: ("tasks", 3, "schedule") → tasks[3].schedule."""
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _TS = (_TAG + t for t in ("str", "null", "bool", "int", "timestamp"))
_SCALARS = {_TAG + name for name in ("null", "bool", "int", "float", "str")}


def _as_ruamel(node: Any) -> Any:
    """A PyYAML scalar node as ruamel.yaml's constructor expects it (YAML 1.2's numbers)."""
    from ruamel.yaml.nodes import ScalarNode

    if isinstance(node, ScalarNode):
        return node
    return ScalarNode(node.tag, node.value, start_mark=node.start_mark, style=node.style)


class _Builder:
    """Plain data from the node tree, reporting what a register cannot hold instead of raising.

    Dates stay text (pydantic parses them, so 2020-13-45 becomes a positioned message rather
    than a crash); keys are their text as written; tags other than YAML's core ones are refused.
    """

    def __init__(self, yaml: Any, path: str, problems: list[Problem]):
        self.constructor = yaml.constructor
        self.path = path
        self.problems = problems

    def build(self, node: Any, loc: tuple[Any, ...] = ()) -> Any:
        if node.tag == _TAG + "map":
            out = {}
            for k, v in node.value:
                key = self._key(k, loc)
                out[key] = self.build(v, loc + (key,))
            return out
        if node.tag == _TAG + "seq":
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        if node.tag == _TAG + "timestamp":
            return node.value
        if node.tag == _STR and isinstance(node.value, str):  # what the constructor returns, faster
            return node.value
        if node.tag in _SCALARS and isinstance(node.value, str):  # not `!!str {a: 1}`
            try:
                return self.constructor.construct_object(_as_ruamel(node))
            except (ValueError, ArithmeticError):  # e.g. more digits than int() accepts
                return self._refuse(node, loc, f"无法读取的数值「{node.value[:20]}…」（位数过多）")
        return self._refuse(node, loc, f"不支持的 YAML 标签「{node.tag.replace(_TAG, '!!')}」："
                            "登记册只用文本、数字、日期、列表和映射")

    def _key(self, node: Any, loc: tuple[Any, ...]) -> Any:
        if isinstance(node.value, str):
            return node.value
        return self._refuse(node, loc, "映射的键应为文本，不能是列表或映射")

    def _refuse(self, node: Any, loc: tuple[Any, ...], message: str) -> Any:
        mark = node.start_mark
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, format_path(loc),
                                         message))
        return object()  # unique: never equal to a field name, never valid


def max_nodes() -> int:
    """Cap on the YAML nodes a file may hold, estimated from its text; `$GPSTD_MAX_NODES`
    sets it, otherwise it grows with the size cap (a register has ~0.06 per byte)."""
    try:
        return int(os.environ["GPSTD_MAX_NODES"])
    except (KeyError, ValueError):
        return max_bytes() // 16


def _check_nodes(path: str, text: str) -> None:
    """Refuse in milliseconds what would take minutes to compose: 19 MB of `- a` lines is
    five million nodes. Counts lines and separators, an overestimate of the nodes."""
    estimate = text.count("\n") + text.count(",") + text.count(": ") + text.count("- ")
    limit = max_nodes()
    if estimate > limit:
        raise YamlRefused([Problem(path, 0, 0, "", (
            f"文件中的 YAML 节点过多（约 {estimate:,} 个，上限 {limit:,} 个），不像是一份登记册；"
            "如确需读取，请设置环境变量 GPSTD_MAX_NODES"))])
