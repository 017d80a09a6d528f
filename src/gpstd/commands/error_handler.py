"""The one place where an error becomes a message and an exit code.

`Group` is the click group of the whole command line: whatever a command raises while its
arguments are parsed or it runs comes through `handle`. gpstd's own errors print their Chinese
message (exit 1, 2 for usage, 75 for a conflict); click's usage errors are translated; a reader
that went away (`| head`) is success; anything else is a bug of ours: one line, exit 70, and a
traceback only with GPSTD_DEBUG=1.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any, NoReturn

import typer

from gpstd.commands import helpframe
from gpstd.commands.clickapi import ClickException, UsageError
from gpstd.errors import GpstdError, RegisterInvalid

INTERNAL_ERROR = 70  # EX_SOFTWARE
INTERRUPTED = 130
# Errors writing our output (stdout > /dev/full, a full disk or quota): files we write ourselves
# report them through gpstd.files, so one that arrives here is stdout's.
_OUTPUT_FULL = {28, 122, 27}  # ENOSPC, EDQUOT, EFBIG


class Group(helpframe.Group):
    """The gpstd command group: parsing and running go through `handle`."""

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            if sys.stdout is not None:
                sys.stdout.flush()  # a reader that went away shows here, not at interpreter exit
            return result
        except Exception as exc:  # noqa: BLE001 - every error goes through handle, which re-raises what is not ours
            handle(exc, ctx)
        except KeyboardInterrupt:
            sys.stderr.write("gpstd: 已中断\n")
            raise typer.Exit(INTERRUPTED) from None

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:  # `gpstd --help | head -1` prints the help here, before invoke
            return super().make_context(*args, **kwargs)
        except OSError as exc:
            handle(exc, None)


def handle(exc: Exception, ctx: typer.Context | None) -> NoReturn:
    """Turn `exc` into output and an exit (raises typer.Exit, or re-raises click's own exits)."""
    if isinstance(exc, (typer.Exit, typer.Abort)) or (
        isinstance(exc, ClickException) and not isinstance(exc, UsageError)
    ):
        raise exc
    if isinstance(exc, BrokenPipeError):
        _quiet_stdout()
        raise typer.Exit(0)
    if isinstance(exc, GpstdError):
        # A list of problems (file:line: …, one a line) stands alone, like gpstd check's output.
        prefix = "" if isinstance(exc, RegisterInvalid) else "gpstd: "
        _stderr(f"{prefix}{exc.message}\n")
        raise typer.Exit(exc.exit_code)
    if isinstance(exc, UsageError):
        from gpstd.commands import usage

        usage.show(exc)
        raise typer.Exit(exc.exit_code)
    if isinstance(exc, OSError) and exc.errno in _OUTPUT_FULL:
        from gpstd.files import os_reason

        reason = os_reason(exc)
        _stderr(f"gpstd: 无法写出结果（标准输出）：{reason}\n")
        _quiet_stdout()  # what is still buffered cannot be written either: drop it quietly
        raise typer.Exit(1)
    if os.environ.get("GPSTD_DEBUG"):
        raise exc
    _stderr(
        f"gpstd: 内部错误：{type(exc).__name__}: {exc}\n（设置 GPSTD_DEBUG=1 可查看详细信息，并请报告此问题）\n"
    )
    raise typer.Exit(INTERNAL_ERROR)


def _stderr(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def _quiet_stdout() -> None:
    """Send what is left of stdout to /dev/null, so that flushing it at exit stays quiet."""
    with contextlib.suppress(AttributeError, OSError, ValueError):  # no real stdout (tests, closed)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
