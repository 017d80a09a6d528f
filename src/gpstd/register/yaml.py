"""The one place YAML is configured: reading with positions, and round-trip editing.

Reading: libyaml's C parser (PyYAML's `CParser`) gives an event stream, and `EventBuilder` turns
the events into plain data in one pass, with YAML 1.2's core schema as the resolver (`yes` and
`0x10` stay text where YAML 1.1 would make them a boolean and a number). What a register cannot
hold -- anchors and aliases, explicit tags, directives, deep nesting, duplicate keys -- is refused
in the same pass with its field path. No node tree is built for a valid register: `reader.Document`
composes one from the text only when a message asks for a line and column.

Writing: `round_trip()` is the ruamel.yaml configuration every file gpstd edits by hand-kept
rules uses (the progress file, an imported register): comments, key order and quoting survive.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from gpstd.errors import Problem, RegisterInvalid, format_path
from gpstd.patterns import LazyRegex, control_message

MAX_DEPTH = 32
SHARED_TEXT = 64  # texts up to this long are kept once however often they occur
# Past this many problems a file is not a register being edited but something else: stop
# collecting, so that 20 MB of garbage costs seconds, not minutes.
MAX_PROBLEMS = 1000

TAG = "tag:yaml.org,2002:"
STR, NULL, BOOL, INT, FLOAT = (TAG + t for t in ("str", "null", "bool", "int", "float"))
MAP, SEQ = TAG + "map", TAG + "seq"

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), by first character.
_CORE = [
    (NULL, LazyRegex(r"~|null|Null|NULL|"), "~nN"),
    (BOOL, LazyRegex(r"true|True|TRUE|false|False|FALSE"), "tTfF"),
    (INT, LazyRegex(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"), "-+0123456789"),
    (
        FLOAT,
        LazyRegex(
            r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        ),
        "-+.0123456789",
    ),
]
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


_MAYBE_NOT_TEXT = frozenset("".join(first for _tag, _pattern, first in _CORE))


def resolve_scalar(value: str) -> str:
    """The core-schema tag of a plain scalar."""
    if value and value[0] not in _MAYBE_NOT_TEXT:  # most scalars: keys and text
        return STR
    for tag, pattern, first in _CORE:
        if (value[:1] in first or (tag == NULL and not value)) and pattern.fullmatch(value):
            return tag
    return STR


@functools.cache
def parser_class() -> Any:
    """libyaml's parser where PyYAML was built with it (every wheel is); else PyYAML's own, in
    Python: the same events and nodes, slower."""
    try:
        from yaml.cyaml import CParser

        return CParser
    except ImportError:  # pragma: no cover - a PyYAML built without libyaml
        from yaml.composer import Composer
        from yaml.parser import Parser
        from yaml.reader import Reader
        from yaml.scanner import Scanner

        class PyParser(Reader, Scanner, Parser, Composer):
            def __init__(self, stream: str):
                Reader.__init__(self, stream)
                Scanner.__init__(self)
                Parser.__init__(self)
                Composer.__init__(self)

            def dispose(self) -> None:
                pass

        return PyParser


@functools.cache
def _loader() -> Any:
    """The parser with the YAML 1.2 core resolver (built on first use: ~10 ms of imports)."""
    from yaml.nodes import ScalarNode, SequenceNode
    from yaml.resolver import BaseResolver

    base = parser_class()

    class Loader(base, BaseResolver):  # type: ignore[valid-type, misc]
        def __init__(self, stream: str):
            base.__init__(self, stream)
            BaseResolver.__init__(self)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is ScalarNode:
                return resolve_scalar(value) if implicit[0] else STR
            return SEQ if kind is SequenceNode else MAP

    return Loader


_TOO_DEEP = f"嵌套超过 {MAX_DEPTH} 层，登记册不会有这样深的结构"


def load(path: str, text: str) -> Any:
    """The document's plain data, read from libyaml's events (`EventBuilder`); RegisterInvalid
    with the first syntax error, or with every construct a register may not use, positioned."""
    problems: list[Problem] = []
    with _syntax_errors(path):
        data = EventBuilder(path, problems).build(text)
    if problems:
        raise RegisterInvalid(sorted(problems, key=lambda p: (p.line, p.col)))
    return data


def compose(path: str, text: str) -> Any:
    """The node tree of a text `load` accepted, for positions (None for an empty document)."""
    with _syntax_errors(path):
        loader = _loader()(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()


@contextmanager
def _syntax_errors(path: str) -> Iterator[None]:
    """libyaml's syntax errors as one positioned problem in Chinese."""
    from yaml import MarkedYAMLError, YAMLError

    try:
        yield
    except MarkedYAMLError as exc:
        mark = syntax_mark(exc)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        # libyaml's own cap (1,000 levels) is met while it scans ahead, before ours counts
        message = _TOO_DEEP if "maximum nesting depth" in str(exc.problem) else syntax_message(exc)
        raise RegisterInvalid([Problem(path, line, col, "", message)]) from None
    except (YAMLError, RecursionError) as exc:
        raise RegisterInvalid([Problem(path, 0, 0, "", f"YAML 语法错误（{exc}）")]) from None


class EventBuilder:
    """Plain data straight from libyaml's event stream, no node tree: a province's register is
    millions of nodes, which a tree would hold in memory all at once.

    What a register never needs and a hostile file uses is refused here with its position:
    aliases (a billion laughs) and nesting deeper than MAX_DEPTH stop the reading; anchors,
    explicit tags other than !!str and %YAML/%TAG directives are listed. Keys are their text as
    written; dates stay text (pydantic reads them, so 2020-13-45 gets a positioned message); a
    duplicate key, a key that is a list or mapping and a number too long to read are problems.
    Positions of later problems come from `compose`, run only when one is asked for.
    """

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = problems
        self.stack: list[_Frame] = []
        # One string object for each distinct short text: a register repeats its keys, kinds,
        # dates, rules and unit names on every task (a province's: millions of copies otherwise).
        self.texts: dict[str, str] = {}

    def build(self, text: str) -> Any:
        """The document's data (None for an empty one); problems are added to `problems`."""
        from yaml import events

        parser = parser_class()(text)
        root: list[Any] = []
        # Names bound once: a province's register is millions of events through this loop.
        get_event, problems, add, scalar = parser.get_event, self.problems, self._add, self._scalar
        scalar_event = events.ScalarEvent
        try:
            while len(problems) < MAX_PROBLEMS:
                event = get_event()
                kind = type(event)
                if kind is scalar_event:
                    if event.anchor is not None or event.tag is not None:
                        self._marks(event)
                    add(root, scalar(event), event)
                elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                    if event.anchor is not None or event.tag is not None:
                        self._marks(event)
                    if len(self.stack) >= MAX_DEPTH:
                        self._refuse(event, (), _TOO_DEEP)  # the path would be 32 keys long
                        break
                    value: Any = {} if kind is events.MappingStartEvent else []
                    self.stack.append(_Frame(value, event, self._place()))
                elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                    frame = self.stack.pop()
                    self._add(root, frame.value, frame.event)
                elif kind is events.AliasEvent:
                    self._refuse(
                        event, self._place(), f"不支持 YAML 别名（*{event.anchor}）：请把内容逐条写出"
                    )
                    break
                elif kind is events.DocumentStartEvent:
                    if root:
                        self._refuse(event, (), "一个文件只能有一个 YAML 文档（删去多余的“---”）")
                        break
                    if event.version or event.tags:
                        self._refuse(event, (), "不支持 %YAML、%TAG 指令：请删去以“%”开头的行")
                elif kind is events.StreamEndEvent:
                    break
        finally:
            parser.dispose()
        return root[0] if root else None

    def _marks(self, event: Any) -> None:
        """Anchors and explicit tags on a node: listed, and the node read as if they were not there."""
        if event.anchor is not None:
            self._refuse(
                event, self._place(), f"不支持 YAML 锚点（&{event.anchor}）：请删去锚点，把内容逐条写出"
            )
        if event.tag is not None and event.tag not in (STR, "!"):
            self._refuse(
                event,
                self._place(),
                f"不支持 YAML 标签「{event.tag.replace(TAG, '!!')}」："
                "登记册只用文本、数字、日期、列表和映射（文本需要时加引号）",
            )

    def _add(self, root: list[Any], value: Any, event: Any) -> None:
        """Put a finished value where it belongs: the root, a list, or a mapping (as key or value)."""
        if not self.stack:
            root.append(value)
            return
        frame = self.stack[-1]
        if frame.is_list:
            frame.value.append(value)
        elif frame.key is _NO_KEY:
            self._key(frame, value, event)
        else:
            if frame.key is not _SKIP:
                frame.value[frame.key] = value
            frame.key = _NO_KEY

    def _key(self, frame: _Frame, value: Any, event: Any) -> None:
        if type(event).__name__ != "ScalarEvent":
            self._refuse(event, frame.loc, "映射的键应为文本，不能是列表或映射")
            frame.key = _SKIP
            return
        key = value if type(value) is str else event.value  # as written: the key 1 is the text "1"
        first = frame.first.get(key)
        if first is not None:
            self._refuse(event, (*frame.loc, key), f"重复的键「{key}」（首次出现在第 {first} 行）")
            frame.key = _SKIP
            return
        frame.first[key] = event.start_mark.line + 1
        frame.key = key

    def _place(self) -> tuple[Any, ...]:
        """Where the value that comes next goes: its parent's place and its key or index."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            return (*frame.loc, len(frame.value))
        return (*frame.loc, frame.key) if isinstance(frame.key, str) else frame.loc

    def _scalar(self, event: Any) -> Any:
        value = event.value
        if len(value) <= SHARED_TEXT:
            value = self.texts.setdefault(value, value)
        if event.style == '"' and (control := control_message(value)):  # written as an escape
            return self._refuse(event, self._place(), f"{control}（转义写法，如 \\e、\\x1b）；请删去它")
        if event.tag is not None or not event.implicit[0]:  # quoted, a block scalar, or !!str
            return value
        tag = resolve_scalar(value)
        if tag is STR:
            return value
        if tag == NULL:
            return None
        if tag == BOOL:
            return _BOOLS[value]
        if tag == INT:
            try:
                return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
            except ValueError:  # more digits than int() reads
                return self._refuse(event, self._place(), f"数值「{value[:20]}…」位数过多")
        return float(
            value.replace(".inf", "inf")
            .replace(".Inf", "inf")
            .replace(".INF", "inf")
            .replace(".nan", "nan")
            .replace(".NaN", "nan")
            .replace(".NAN", "nan")
        )

    def _refuse(self, event: Any, loc: tuple[Any, ...], message: str) -> Any:
        mark = event.start_mark
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(
                Problem(self.path, mark.line + 1, mark.column + 1, format_path(loc), message)
            )
        return _INVALID


class _Frame:
    """A mapping or sequence being built: its value, the event that opened it, its place, and for
    a mapping the key waiting for its value and the line where each key first appeared."""

    __slots__ = ("event", "first", "is_list", "key", "loc", "value")

    def __init__(self, value: Any, event: Any, loc: tuple[Any, ...]):
        self.value = value
        self.is_list = isinstance(value, list)
        self.event = event
        self.loc = loc
        self.key: Any = _NO_KEY
        self.first: dict[str, int] = {}


_NO_KEY = object()  # a mapping waits for a key
_SKIP = object()  # the value that comes next is dropped (its key was refused)


class _Invalid:
    """What a refused value becomes: never equal to a field name, never valid."""

    def __repr__(self) -> str:
        return "无效的值"


_INVALID = _Invalid()


# --- round trip -------------------------------------------------------------------


def round_trip(indent: tuple[int, int, int] = (2, 4, 2)) -> Any:
    """The one round-trip ruamel.yaml configuration: quotes kept, no line wrapping, Unicode
    written as it is; `indent` is (mapping, sequence, offset)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.allow_unicode = True
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


# --- messages ---------------------------------------------------------------------

_SYNTAX_HINTS = {  # first match wins: the specific before the general
    "while scanning a quoted scalar": "引号未闭合",
    "mapping values are not allowed": "此处不能出现“键: 值”（可能缺少缩进，或文本里的冒号需要加引号）",
    "could not find expected ':'": "缺少冒号“:”",
    "did not find expected key": "缩进不一致，或缺少“- ”",
    "found undefined alias": "引用了未定义的别名",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合？）",
    "did not find expected node content": "此处缺少内容",
    "found character that cannot start any token": "此处的字符不能开始一个 YAML 记号（例如 Tab、@、`）",
    "that cannot start any token": "此处的字符不能开始一个 YAML 记号（例如 Tab、@、`）",  # ruamel.yaml: found character '@' that …
    "found unknown escape character": "双引号字符串中有无效的转义字符",
    "expected <block end>, but found": "缩进不一致",
    "did not find expected '-' indicator": "列表项缩进不一致",
    "did not find expected ',' or ']'": "方括号“[”未闭合，或列表项之间缺少逗号",
    "did not find expected ',' or '}'": "花括号“{”未闭合，或项之间缺少逗号",
    "expected a single document": "一个文件只能有一个 YAML 文档（删去多余的“---”）",
    "but found another document": "一个文件只能有一个 YAML 文档（删去多余的“---”）",
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


def syntax_mark(exc: Any) -> Any:
    """Where to report a syntax error: where an unclosed quote opens (the parser only notices at
    the end of the file), else where the parser stopped. For PyYAML's and ruamel.yaml's errors."""
    if exc.context_mark is not None and str(exc.context).startswith("while scanning a quoted scalar"):
        return exc.context_mark
    return exc.problem_mark or exc.context_mark


def syntax_message(exc: Any) -> str:
    """Chinese for the problems we know; the parser's English only for those we do not."""
    english = " ".join(str(x) for x in (exc.context, exc.problem) if x)
    hint = next((zh for en, zh in _SYNTAX_HINTS.items() if en in english), None)
    duplicate = re.search(r'found duplicate key "([^"]*)"', english)  # ruamel.yaml's round trip
    if duplicate:
        return f"YAML 语法错误：键「{duplicate.group(1)}」重复（同一层只能写一次）"
    began, mark = exc.context_mark, exc.problem_mark
    if (
        began is not None
        and mark is not None
        and began.line != mark.line
        and str(exc.context).startswith("while ")
    ):
        # An unclosed bracket or quote is found lines later; say where it was opened.
        where = f"开始于第 {began.line + 1} 行第 {began.column + 1} 列"
        hint = f"{hint}，{where}" if hint else where
    return f"YAML 语法错误：{hint}" if hint else f"YAML 语法错误（{english}）"
