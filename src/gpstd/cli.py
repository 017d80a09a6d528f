"""Entry point: build the typer app and turn every error into a message and an exit code."""

from __future__ import annotations

import os
import sys

from gpstd.commands import app


def _register_commands() -> None:
    """Import every module of gpstd.commands: each registers its commands on `app`."""
    import importlib
    import pkgutil

    import gpstd.commands as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"gpstd.commands.{info.name}")


_register_commands()


def main() -> None:
    try:
        app(prog_name="gpstd")
    except KeyboardInterrupt:
        sys.stderr.write("gpstd: 已中断\n")
        sys.exit(130)
    except BrokenPipeError:
        # The reader (head, less) went away: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
