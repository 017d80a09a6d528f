"""One error hierarchy: each error carries the exit code and the Chinese message a user sees.

The CLI turns these into output in exactly one place (`gpstd.cli.main`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One finding about a register file, positioned for editors and CI annotations."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    col: int  # 1-based
    path: str  # field path such as tasks[3].schedule[0].due, or "" for the file itself
    message: str
    severity: str = "error"  # "error" | "warning"

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        label = "" if self.severity == "error" else "警告: "
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


class RegisterInvalid(GpstdError):
    """The register file cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        errors = [p for p in problems if p.severity == "error"]
        super().__init__("\n".join(p.format() for p in errors))
        self.problems = problems


class ProgressInvalid(GpstdError):
    """The progress file cannot be read or written, or records in it are malformed; carries
    every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


class BadWindow(GpstdError):
    """A date window that ends before it starts: bad input (exit 1), like a date that does
    not exist; neither a usage error nor an empty answer."""


class NotFound(GpstdError):
    """An id, unit or section the register does not have."""
