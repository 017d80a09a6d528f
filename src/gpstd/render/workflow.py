"""GitHub Actions workflow commands (`::error file=…,line=…::message`), escaped as GitHub reads them.

GitHub shows at most ten annotations of each kind per step (and fifty per job); the rest are
dropped without a word, so a renderer that may have more says so in the last one it keeps.
"""

from __future__ import annotations

PER_STEP = 10


def escape(value: str, prop: bool = False) -> str:
    """%, CR and LF percent-encoded (and , : too in a property such as file= or title=)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def command(
    level: str, message: str, file: str | None = None, line: int = 0, col: int = 0, title: str = ""
) -> str:
    """One workflow command line: `level` is error, warning or notice."""
    where = []
    if file:
        where.append(f"file={escape(file, True)}")
        if line:
            where.append(f"line={line}")
            if col:
                where.append(f"col={col}")
    if title:
        where.append(f"title={escape(title, True)}")
    head = f"::{level} {','.join(where)}" if where else f"::{level}"
    return f"{head}::{escape(message)}\n"
