"""`--json` output: the text `json.dumps(value, ensure_ascii=False, indent=2)` gives, written by
msgspec (in C: a city's register gives tens of thousands of records)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

CHUNK = 1000
"""Items of a long list indented and written at a time: one indented copy of a province's output
is a hundred megabytes on top of the records themselves."""


def dumps(value: Any) -> bytes:
    import msgspec

    return msgspec.json.format(msgspec.json.encode(value), indent=2) + b"\n"


def echo(value: Any) -> None:
    """Write `value` as indented JSON to stdout (everything encoded before anything is written)."""
    pieces = _pieces(value)
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stdout (tests)
        sys.stdout.write(b"".join(pieces).decode("utf-8"))
        return
    sys.stdout.flush()
    for piece in pieces:
        buffer.write(piece)
    buffer.flush()


def _pieces(value: Any) -> Iterator[bytes]:
    """`dumps(value)` in pieces: a long list CHUNK items at a time, each indented only when written."""
    import msgspec

    if not isinstance(value, list) or len(value) <= CHUNK:
        yield dumps(value)
        return
    encoded = [msgspec.json.encode(value[i : i + CHUNK]) for i in range(0, len(value), CHUNK)]
    yield b"[\n"
    for n, chunk in enumerate(encoded):
        indented = msgspec.json.format(chunk, indent=2)  # "[\n  item,\n  item\n]"
        yield indented[2:-2]
        yield b",\n" if n < len(encoded) - 1 else b"\n"
    yield b"]\n"
