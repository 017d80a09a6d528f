"""`--json` output: the text `json.dumps(value, ensure_ascii=False, indent=2)` gives, written by
msgspec (in C: a city's register gives tens of thousands of records)."""

from __future__ import annotations

import sys
from typing import Any


def dumps(value: Any) -> bytes:
    import msgspec

    return msgspec.json.format(msgspec.json.encode(value), indent=2) + b"\n"


def echo(value: Any) -> None:
    """Write `value` as indented JSON to stdout."""
    data = dumps(value)
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stdout (tests)
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()
