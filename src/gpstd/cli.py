"""Entry point: build the typer app and turn every error into a message and an exit code."""

from __future__ import annotations

import os
import sys

from gpstd.commands import app
from gpstd.commands import check as _check  # noqa: F401  (registers commands)
from gpstd.errors import GpstdError


def main() -> None:
    try:
        app(prog_name="gpstd")
    except GpstdError as exc:
        sys.stderr.write(f"gpstd: {exc.message}\n" if "\n" not in exc.message else exc.message + "\n")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("gpstd: 已中断\n")
        sys.exit(130)
    except BrokenPipeError:
        # The reader (head, less) went away: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # the one place a bug may surface: no traceback unless asked
        if os.environ.get("GPSTD_DEBUG"):
            raise
        sys.stderr.write(f"gpstd: 内部错误：{type(exc).__name__}: {exc}\n（设置 GPSTD_DEBUG=1 可查看详细信息）\n")
        sys.exit(70)
