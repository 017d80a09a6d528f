"""The fast reader: PyYAML's libyaml loader with YAML 1.2's implicit types.

Composing a node tree with positions costs ~5 s for 10,000 tasks in ruamel.yaml (its
resolver alone ~3 s), and the alias pre-pass, duplicate-key walk and builder ~3 s more.
PyYAML's C loader (the same libyaml parser as ruamel.yaml.clib) with YAML 1.2's implicit
types builds the same data in ~0.5 s, and its nodes keep their positions. It handles only
what it can reproduce exactly -- core-schema scalars, string keys, no duplicate keys, no
aliases, no %YAML directive, shallow nesting -- and raises `Slow` for anything else, so that
`gpstd.yamlfile` builds the data the careful way and reports every problem with its line.

Quicker still, where rapidyaml is installed (`quick_data`): its C++ parser reads the file and
writes JSON, which the json module decodes in C, with no Python call per node (10,000 tasks:
~0.3 s instead of ~1.1 s). rapidyaml's JSON is not YAML 1.2's reading in every corner (it
keeps `~`, `True`, `0x10`, `.inf` as text and drops tags), so it is used only for text where
it cannot differ -- no tags, tabs or document markers; no text in its output that YAML 1.2
would read as null, a boolean or a number; no float; no duplicate key -- and anything else
goes the way above. Positions are then composed only if a problem needs one.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from gpstd.errors import Problem
from gpstd.yamlfile import (_BOOL, _INT, _NULL, _STR, _TAG, _TS, MAX_DEPTH, YamlRefused, _syntax_message,
                            syntax_mark)

_SLOW = object()
# ruamel.yaml's VersionedResolver table for YAML 1.2, verbatim (ruamel/yaml/resolver.py).
_IMPLICIT_1_2 = [
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    (_TAG + "float", r"""^(?:
         [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""", list("-+0123456789.")),
    (_INT, r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""", list("-+0123456789")),
    (_TAG + "merge", r"^(?:<<)$", ["<"]),
    (_NULL, r"""^(?: ~
        |null|Null|NULL
        | )$""", ["~", "n", "N", ""]),
    (_TS, r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", list("0123456789")),
    (_TAG + "value", r"^(?:=)$", ["="]),
    (_TAG + "yaml", r"^(?:!|&|\*)$", list("!&*")),
]
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")  # what int() reads as the 1.2 constructor does
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = {"", "~", "null", "Null", "NULL"}
# Nesting the C composer would recurse into without bound: long runs of flow brackets or of
# block indicators. Such a file takes the slow path, whose event pre-pass refuses it.
_DEEP_BLOCK = re.compile(r"\n[ ?:-]{64}")  # a literal first character: scanned in C, not tried at every offset
_FLOW = re.compile(r"[][{}]")
_MAX_FLOW = 100_000


def _flow_depth(text: str) -> int:
    """Deepest nesting of flow brackets, counting brackets inside quotes too (an overestimate)."""
    brackets = text.count("[") + text.count("{")
    if brackets == 0:
        return 0
    if brackets > _MAX_FLOW:
        return _MAX_FLOW
    depth = deepest = 0
    for match in _FLOW.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


class Slow(Exception):
    """The fast loader cannot reproduce what the positioned path would make of this."""


@functools.cache
def _fast_loader() -> Any:
    from yaml.cyaml import CParser
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode
    from yaml.resolver import BaseResolver

    class Resolver(BaseResolver):
        yaml_implicit_resolvers: dict[Any, Any] = {}

    for tag, pattern, first in _IMPLICIT_1_2:
        Resolver.add_implicit_resolver(tag, re.compile(pattern, re.X), first)
    implicit_for = Resolver.yaml_implicit_resolvers.get

    class Loader(CParser, Resolver):  # type: ignore[misc,valid-type]
        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            Resolver.__init__(self)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            # BaseResolver.resolve without path resolvers: called for every node.
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in implicit_for(value[:1], ()):
                        if regexp.match(value):
                            return tag
                return _STR
            return _TAG + "seq" if kind is SequenceNode else _TAG + "map"

    def build(node: Any, depth: int) -> Any:
        cls = node.__class__
        if cls is ScalarNode:
            tag = node.tag
            if tag == _STR or tag == _TS:
                return node.value
            if tag == _NULL and node.value in _NULLS:
                return None
            if tag == _BOOL and node.value in _BOOLS:
                return _BOOLS[node.value]
            if tag == _INT and _PLAIN_INT.fullmatch(node.value):
                return int(node.value)
            raise Slow
        if depth >= MAX_DEPTH:
            raise Slow
        if cls is MappingNode and node.tag == _TAG + "map":
            out: dict[str, Any] = {}
            for key, value in node.value:
                if key.__class__ is not ScalarNode or key.value in out:
                    raise Slow
                out[key.value] = build(value, depth + 1)
            return out
        if cls is SequenceNode and node.tag == _TAG + "seq":
            return [build(item, depth + 1) for item in node.value]
        raise Slow

    return Loader, build


# Where rapidyaml's reading may differ from YAML 1.2's: tags, anchors (a scalar after one is
# not found by _QUICK_RISKY), aliases (an undefined one it reads as text), tabs (it takes
# `a:<TAB>b` for one scalar), line breaks other than LF and CRLF (a lone CR, U+0085, U+2028,
# U+2029), a byte order mark after the start, a last line without a line break (it ends a
# block scalar's last line with one), several documents (`---` or `...` at a line's start,
# indented too: rapidyaml ends a block scalar there), an empty key (which it accepts), a
# block scalar at a line's start (`|` at column 0, which YAML refuses), and a flow collection
# holding a colon (`[1:20]` is one text to YAML, a mapping to rapidyaml), running over several
# lines or nested in another.
# Patterns that start with a literal character, which re scans for in C (a character class
# it tries at every offset: 30 ms over 10,000 tasks each), searched in the text between newlines
# (those at a line's start are _LINE_START, below).
# Escapes rapidyaml reads otherwise: a surrogate (`"\ud800"`, which YAML refuses, it writes as
# CESU-8), an escaped line break (before an empty line it folds to a space, not a newline).
_ESCAPE = re.compile(r"\\(?:[\r\n]|u[dD][89a-fA-F]|U0000[dD][89a-fA-F])")
# A flow collection holding a colon, a `?` (a key to YAML) or a `#` (maybe a comment, which
# rapidyaml reads as text in `{a #c}`), or running over several lines.
_FLOW_UNSAFE = (re.compile(r"\[(?!\])[^\n\]}:?#]*+[\n:?#]"), re.compile(r"\{(?!\})[^\n\]}:?#]*+[\n:?#]"))
# An implicit key is at most 1024 characters to YAML, unbounded to rapidyaml: a colon past the
# 1000th character of a line is looked at (keys are on one line), in lines that long only.
_LONG_LINE = re.compile(r"\n[^\n]{1000}")
# A quoted implicit key is on one line to YAML, on several to rapidyaml: a line holding a
# quote before a colon must hold an even number of quotes up to it (and no backslash).
_QUOTED_KEYS = (re.compile(r'"[ ]*+:'), re.compile(r"'[ ]*+:"))
# rapidyaml's JSON indents a block collection two spaces a level and writes a flow one on one
# line (nested in none, see _FLOW_RISKY): a line indented this far means nesting the careful path
# may refuse (beyond MAX_DEPTH), which rapidyaml does not.
_DEEP_JSON = "\n" + " " * 2 * (MAX_DEPTH - 2)
_NAN_INF = re.compile(r'\.(?:nan|inf)"')  # a literal first character, as above
# A plain scalar that YAML 1.2 reads as null, a boolean or a number but rapidyaml writes as a
# JSON string (`~`, `True`, `007`, `0x10`, `1_000`, `-_`, `.5`, `.inf` …) or as a float, standing
# alone where a plain scalar can begin: after `: `, `- `, `? `, a flow bracket or comma, or an
# indentation; and ending at a comment, the line's end, a colon or a flow bracket. What it
# misses cannot differ: rapidyaml writes unquoted only valid JSON numbers, true, false and
# null, which YAML 1.2 reads alike (and floats are refused below). What it finds in quoted or
# block text only sends the file the careful way. One pattern per context, each starting with
# a literal character, with possessive spaces: ~80 ms over 10,000 tasks, where one pattern
# with a look-behind took a second.
# In the same places, at any length: what cannot begin a plain scalar, which rapidyaml reads
# as text where YAML refuses it (`@`, a backquote, `%`, `]`, `}`) or reads otherwise (`?`, a
# key in a flow collection to YAML, `[?a]`), a block scalar's header with more than its
# chomping indicator and a comment (rapidyaml skips what it does not know: `|6 x`, `> -`; and
# an indentation indicator), and in a flow collection a nested one.
_RISKY_SCALAR = r"""(?=[~NTF<=*+\-.0-9])
    (?:~|Null|NULL|True|TRUE|False|FALSE|<<|=|\*
      |[-+]?0[0-9_]+|[-+]?0[box][0-9a-fA-F_]*|[-+]?[0-9_]*_[0-9_]*
      |[-+]?[0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
      |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))
    (?=[ \r]*(?:\#[^\n]*)?$|[ ]*[\]},:])"""
_NOT_PLAIN = r"[@`%?\]}]"
_BLOCK_HEADER = r"[|>](?![-+]?(?:[ ]++(?:\#[^\n]*+)?)?\r?$)"
# At a line's start also: an empty key, a block scalar, a document marker (indented too).
_LINE_START = r"(?:-[ ]++)*+:[ \r\n]|[|>]|---|\.\.\.|" + _NOT_PLAIN


def _risky(start: str, first: str) -> re.Pattern[str]:
    return re.compile(f"{start}(?:{first}|{_RISKY_SCALAR})", re.VERBOSE | re.MULTILINE)


_QUICK_RISKY = [*(_risky(start, f"{_NOT_PLAIN}|{_BLOCK_HEADER}") for start in (r":[ ]++", r"-[ ]++", r"\?[ ]++")),
                _risky(r"\n[ ]*+", _LINE_START)]
_FLOW_RISKY = [_risky(start, r"[@`%?\[{|>]") for start in (r"\[[ ]*+", r"\{[ ]*+", r",[ ]*+")]


def _may_differ(text: str) -> bool:
    """Whether rapidyaml's reading of `text` might not be YAML 1.2's (see the patterns above).
    Control characters YAML refuses are not looked for: `yamlfile.read` refuses them first."""
    if not text.endswith("\n"):
        return True
    if "!" in text or "&" in text or "*" in text or "\t" in text or "\ufeff" in text \
            or "\u2028" in text or "\u2029" in text or "\x85" in text:
        return True
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return True
    if "\\" in text and _ESCAPE.search(text):
        return True
    lines = "\n" + text + "\n"  # every line, the first and the last too, between newlines
    if len(text) > 1000:
        for match in _LONG_LINE.finditer(lines):
            if ":" in lines[match.end():lines.find("\n", match.end())]:
                return True
    for pattern in _QUOTED_KEYS:
        quote = pattern.pattern[0]
        if quote in text:
            for match in pattern.finditer(lines):
                line = lines[lines.rfind("\n", 0, match.start()) + 1:match.start() + 1]
                if line.count(quote) % 2 or "\\" in line:
                    return True
    patterns = list(_QUICK_RISKY)
    if "[" in text or "{" in text:  # flow context: a comma can separate scalars
        patterns += [*_FLOW_UNSAFE, *_FLOW_RISKY]
    return any(p.search(lines) for p in patterns)


class _Differs(Exception):
    pass


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Differs  # a duplicate key: the careful path reports it with its line
    return out


def _no_float(text: str) -> Any:
    raise _Differs  # YAML 1.2 floats are left to the careful path, as `build` does


@functools.cache
def _ryml() -> Any:
    try:
        import ryml
    except ImportError:  # not on every platform: the libyaml path reads the same data
        return None
    return ryml


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """rapidyaml prints its parse errors to file descriptor 2 before raising; the careful
    path reports them in Chinese, so its English must not reach the user's terminal."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


# rapidyaml reads YAML otherwise than YAML 1.2 in many corners (tests/test_yamlfile.py lists
# two dozen, each screened below); it is worth that risk only where it saves time a user
# notices: a merged register of thousands of tasks. A district's list (28 tasks: 40 KB) is
# read the careful way, where it saves a few milliseconds.
QUICK_FROM = 1_000_000  # characters


def quick_data(text: str) -> Any:
    """The document's data read by rapidyaml, or _SLOW where that could differ from the
    careful path's YAML 1.2 reading (or rapidyaml is missing, or the text is not YAML)."""
    ryml = _ryml()
    if ryml is None or _may_differ(text):
        return _SLOW
    try:
        with _quiet_stderr():
            tree = ryml.parse_in_arena(text.encode("utf-8"))
            if tree.is_stream(tree.root_id()):
                return _SLOW  # several documents, where the patterns above missed a marker
            emitted = ryml.emit_json_malloc(tree, tree.root_id())
    except Exception:  # rapidyaml's parse errors; the careful path says where and why
        return _SLOW
    if not emitted or not emitted.strip():
        return _SLOW  # an empty document: the careful path says so
    if _DEEP_JSON in emitted or '" ' in emitted:
        return _SLOW  # too deep; or a text beginning with a space: a line indented wrongly
        # after a comment line, which rapidyaml reads as a key " j"
    if _NAN_INF.search(emitted):
        return _SLOW  # rapidyaml writes `nan`, `-infinity`, a key ".NaN" … as ".nan", "-.inf"
    import json

    try:
        return json.loads(emitted, object_pairs_hook=_unique, parse_float=_no_float,
                          parse_constant=_no_float)
    except (ValueError, _Differs, RecursionError):
        return _SLOW


def needs_events(text: str) -> bool:
    """Whether the file may hold what only ruamel.yaml's event pre-pass refuses safely:
    aliases, a %YAML directive (other implicit types), nesting the C composer would recurse
    into without bound."""
    return "*" in text or text.startswith("%") or "\n%" in text \
        or _DEEP_BLOCK.search("\n" + text) is not None or _flow_depth(text) > MAX_DEPTH


def compose(path: str, text: str) -> Any:
    from yaml import MarkedYAMLError, YAMLError

    loader = _fast_loader()[0](text)
    try:
        return loader.get_single_node()
    except MarkedYAMLError as exc:
        mark = syntax_mark(exc)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise YamlRefused([Problem(path, line, col, "", _syntax_message(exc))]) from None
    except (YAMLError, RecursionError) as exc:
        raise YamlRefused([Problem(path, 0, 0, "", f"YAML 语法错误（{exc}）")]) from None
    finally:
        loader.dispose()


def refuse_deep(path: str, root: Any) -> None:
    """The first collection, in file order, nested deeper than MAX_DEPTH (as _bound_events)."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node.value, list):
            continue
        if depth > MAX_DEPTH:
            mark = node.start_mark
            raise YamlRefused([Problem(path, mark.line + 1, mark.column + 1, "",
                                       f"嵌套超过 {MAX_DEPTH} 层，登记册不会有这样深的结构")])
        children = [c for pair in node.value for c in pair] \
            if node.value and isinstance(node.value[0], tuple) else node.value
        stack.extend((child, depth + 1) for child in reversed(children))


def build(root: Any) -> Any:
    """The data of a composed document, or raise Slow."""
    return _fast_loader()[1](root, 0)


def _fast_data(text: str) -> Any:
    """The document's data as the positioned path builds it, or _SLOW (for tests)."""
    if needs_events(text):
        return _SLOW
    try:
        root = compose("", text)
        return None if root is None else _fast_loader()[1](root, 0)
    except (Slow, YamlRefused):
        return _SLOW
