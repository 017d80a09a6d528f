"""Every error a user can see: its exit code and its Chinese message.

The command line turns these into output in exactly one place
(`gpstd.commands.error_handler`); the core raises them and never prints.

| error | exit | when |
|---|---|---|
| `GpstdError` | 1 | bad input of any kind (the base) |
| `UsageError` | 2 | options that make no sense together |
| `NotFound` | 1 | an id, unit or section the register does not have |
| `BadWindow` | 1 | a date window that ends before it starts |
| `RegisterInvalid` | 1 | a register that cannot be used (carries every problem) |
| `VersionInvalid` | 1 | one of the two registers `gpstd diff` compares cannot be used (says which) |
| `GitError` | 1 | git missing, not a repository, an unknown revision, a file absent at one |
| `ProgressInvalid` | 1 | a progress file that cannot be read or written |
| `BadRecord` | 1 | a `done`/`undo` naming no occurrence or unit of the register |
| `UnreadableTable` | 1 | an import file that holds no readable table |
| `WriteFailed` | 1 | an output file that could not be written |
| `Conflict` | 75 | a file changed under us (EX_TEMPFAIL: run again) |
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "note"]


def visible(text: str) -> str:
    """`text` with each control character (`patterns.CONTROL`, and a carriage return) written out
    as \\x1b or \\u202e: a file name given on the command line (a mailed attachment's, through a
    glob) must not retitle, clear or reorder the user's terminal when a message names it."""
    from gpstd.patterns import CONTROL

    return CONTROL.sub(_written_out, text.replace("\r", "\\x0d"))


def _written_out(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True)
class Problem:
    """One finding about a file, positioned for editors and CI annotations."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    col: int  # 1-based
    path: str  # field path such as tasks[3].schedule[0].due, or "" for the file itself
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        where = f"{visible(self.file)}:{self.line}:{self.col}" if self.line else visible(self.file)
        label = {"error": "", "warning": "警告: ", "note": "说明: "}[self.severity]
        field = f"{self.path}: " if self.path else ""
        return f"{where}: {field}{label}{self.message}"


class GpstdError(Exception):
    """Base of every error a user may see; `exit_code` 1 means bad input."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UsageError(GpstdError):
    """Options that make no sense together (exit 2, like click's own usage errors)."""

    exit_code = 2


class NotFound(GpstdError):
    """An id, unit or section the register does not have."""


class BadWindow(GpstdError):
    """A date window that ends before it starts: bad input, not an empty answer."""


class _WithProblems(GpstdError):
    def __init__(self, problems: list[Problem]):
        shown = [p for p in problems if p.severity == "error"] or problems
        super().__init__("\n".join(p.format() for p in shown))
        self.problems = problems


class RegisterInvalid(_WithProblems):
    """The register file cannot be used; carries every problem found."""


class VersionInvalid(RegisterInvalid):
    """One of the two registers being compared cannot be used: the message says which side."""

    def __init__(self, side: str, problems: list[Problem]):
        super().__init__(problems)
        self.message = f"{side}不是有效的登记册，无法比较（gpstd check 可列出全部问题）：\n{self.message}"


class ProgressInvalid(_WithProblems):
    """The progress file cannot be read or written, or records in it are malformed."""


class BadRecord(GpstdError):
    """A `done`/`undo` that names no task, occurrence or responsible unit of the register."""


class UnreadableTable(GpstdError):
    """An import file that is not one of the supported kinds, or holds no readable table."""


class WriteFailed(GpstdError):
    """An output file could not be written; the message names the file and the reason."""


class GitError(GpstdError):
    """git is missing, or cannot give the file asked for: not a repository, no such revision, no
    such file at it. The message says what to do instead."""


class Conflict(GpstdError):
    """The file changed since it was read; writing would overwrite someone else's edit."""

    exit_code = 75


def format_path(loc: tuple[object, ...]) -> str:
    """A location as a field path: ("tasks", 3, "schedule") → tasks[3].schedule."""
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out
