"""`--json` output as text: exactly `json.dumps(value, ensure_ascii=False, indent=2)`, faster.

With `indent`, the json module encodes in pure Python (its C encoder only does compact
output): ~3 µs a value, 3 s for the 60,000 occurrences of a 100,000-task register. This
writer makes the same text with the C string escaper and one call per container, a few
times faster; anything it does not know (a float, a non-text key) goes to json.dumps.
Never imports rich.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

try:  # what json.dumps(ensure_ascii=False) uses
    from _json import encode_basestring as _string
except ImportError:  # pragma: no cover - other interpreters
    from json.encoder import py_encode_basestring as _string


class _Unsupported(Exception):
    pass


def dumps(value: Any) -> str:
    """The text of json.dumps(value, ensure_ascii=False, indent=2)."""
    try:
        return _text(value, 0)
    except _Unsupported:
        return json.dumps(value, ensure_ascii=False, indent=2)


def echo(value: Any, plain: bool = False) -> None:
    """Write dumps(value) and a newline to stdout as UTF-8, a list a thousand items at a time.

    plain: the caller has checked that `value` holds only text, integers, booleans, null, lists
    and text-keyed mappings, so a large list goes to msgspec without walking it again; a list
    of msgspec Structs (gpstd.render.records) comes only so, and a thousand or more of them."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if type(value) is list and len(value) >= _MSGSPEC_FROM:
        parts = _msgspec_parts(value, plain)
        if parts is not None:
            if buffer is None:
                _write_parts(parts, lambda data: out.write(data.decode("utf-8")))
                return
            out.flush()
            _write_parts(parts, buffer.write)
            buffer.flush()
            return
    if buffer is None or type(value) is not list or not value:
        out.write(dumps(value) + "\n")
        return
    try:
        pieces = [_text(item, 1) for item in value[:1]]  # fail early, before writing anything
    except _Unsupported:
        out.write(dumps(value) + "\n")
        return
    out.flush()
    buffer.write(b"[\n  " + pieces[0].encode("utf-8"))
    for at in range(1, len(value), 1000):
        try:
            chunk = "".join([",\n  " + _text(item, 1) for item in value[at : at + 1000]])
        except _Unsupported:
            chunk = "".join(
                [
                    ",\n  " + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
                    for item in value[at : at + 1000]
                ]
            )
        buffer.write(chunk.encode("utf-8"))
    buffer.write(b"\n]\n")
    buffer.flush()


# msgspec writes the same text ~10x faster in C; its import (~10 ms) pays from a thousand records.
_MSGSPEC_FROM = 1000
_PLAIN = {str, int, bool, type(None)}


def _msgspec_parts(value: list[Any], plain: bool = False) -> list[bytes] | None:
    """`value` as compact JSON by msgspec, a thousand items a part, or None.

    Only for text, integers, booleans, null, lists and text-keyed mappings: msgspec writes
    floats (1e20, nan) and other keys differently from json.dumps. All of it is encoded before
    anything is written, so that an error (an integer past 64 bits) leaves no half output.
    """
    if not plain and not _plain_rows(value):
        return None
    try:
        import msgspec
    except ImportError:  # pragma: no cover - optional speed-up
        return None
    encode = msgspec.json.Encoder().encode
    try:
        return [encode(value[at : at + _PART]) for at in range(0, len(value), _PART)]
    except (TypeError, ValueError, OverflowError, msgspec.EncodeError):
        return None


_PART = 1000


def _write_parts(parts: list[bytes], write: Callable[[bytes], Any]) -> None:
    """Write the list that `parts` (each a compact JSON list) make up, as json.dumps(indent=2)
    would, indenting one part at a time: 60,000 records at once would be 30 MB of fresh memory
    (20,000 page faults, a tenth of a second), a part at a time reuses the same 0.5 MB."""
    import msgspec

    indent = msgspec.json.format
    write(b"[")
    for n, part in enumerate(parts):
        write((b",\n" if n else b"\n") + indent(part, indent=2)[2:-2])  # "[\n  …\n]": its items
    write(b"\n]\n")


def _plain_rows(rows: list[Any]) -> bool:
    """_plain(rows), inlined for the usual list of flat records (60,000 of them at scale)."""
    plain = _PLAIN
    for row in rows:
        if type(row) is not dict:
            if not _plain(row):
                return False
            continue
        for key, item in row.items():
            if type(key) is not str or (type(item) not in plain and not _plain(item)):
                return False
    return True


def _plain(value: Any) -> bool:
    kind = type(value)
    if kind is dict:
        plain = _PLAIN
        for key, item in value.items():
            if type(key) is not str:
                return False
            if type(item) not in plain and not _plain(item):
                return False
        return True
    if kind is list or kind is tuple:
        plain = _PLAIN
        return all(type(item) in plain or _plain(item) for item in value)
    return kind in _PLAIN


_KEYS: dict[str, str] = {}  # a record's few keys, encoded once


def _key(key: Any) -> str:
    text = _KEYS.get(key)
    if text is None:
        if type(key) is not str:
            raise _Unsupported
        text = _KEYS[key] = _string(key) + ": "
    return text


def _text(value: Any, level: int) -> str:
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is dict:
        return _dict(value, level)
    if kind is list or kind is tuple:
        return _list(value, level)
    return _scalar(value)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    raise _Unsupported  # floats (nan, inf), subclasses, objects: json.dumps decides


def _dict(value: dict[Any, Any], level: int) -> str:
    if not value:
        return "{}"
    parts: list[str] = []
    append = parts.append
    for key, item in value.items():
        kind = type(item)
        if kind is str:
            append(_key(key) + _string(item))
        elif item is None:
            append(_key(key) + "null")
        elif kind is dict or kind is list or kind is tuple:
            append(_key(key) + _text(item, level + 1))
        else:
            append(_key(key) + _scalar(item))
    inner = "\n" + "  " * (level + 1)
    return "{" + inner + ("," + inner).join(parts) + "\n" + "  " * level + "}"


def _list(value: list[Any] | tuple[Any, ...], level: int) -> str:
    if not value:
        return "[]"
    inner = "\n" + "  " * (level + 1)
    body = ("," + inner).join(
        [_string(item) if type(item) is str else _text(item, level + 1) for item in value]
    )
    return "[" + inner + body + "\n" + "  " * level + "]"
