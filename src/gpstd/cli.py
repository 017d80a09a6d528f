"""Entry point: build the typer app and turn every error into a message and an exit code.

`gpstd due …` imports and builds only the command it runs: building typer's click tree for
all commands costs ~25 ms and importing every command module ~15 ms more, about a third of
the start-up budget. `gpstd.cli.app` (tests, docs) and anything not in COMMANDS (--help,
completion, a mistyped name that deserves a suggestion) get the whole app.
"""

from __future__ import annotations

import os
import sys
from typing import Any

# The modules of gpstd.commands that define each top-level command or group.
# tests/test_performance.py checks this table against what the modules register.
COMMANDS: dict[str, tuple[str, ...]] = {
    "check": ("check",), "schema": ("check",), "import": ("importing",), "parse": ("parse",),
    "done": ("progress",), "undo": ("progress",), "status": ("progress",),
    "export": ("export", "publish"),
    **{name: ("query",) for name in ("due", "agenda", "overdue", "list", "section", "unit", "show",
                                     "units", "sections", "timeline")},
}


def _register_commands(names: tuple[str, ...] | None = None) -> None:
    """Import modules of gpstd.commands (all of them by default): each registers its commands."""
    import importlib

    if names is None:
        import pkgutil

        import gpstd.commands as package

        names = tuple(sorted(info.name for info in pkgutil.iter_modules(package.__path__)))
    for name in names:
        importlib.import_module(f"gpstd.commands.{name}")


def __getattr__(name: str) -> Any:
    """`gpstd.cli.app`: the typer app with every command registered."""
    if name == "app":
        from gpstd.commands import app

        _register_commands()
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def command_name(info: Any) -> str:
    from typer.main import get_command_name

    return info.name or get_command_name(info.callback.__name__)


def _lean(name: str) -> Any:
    """The click group holding only the command or group `name`, or None to build them all."""
    modules = COMMANDS.get(name)
    if modules is None:
        return None
    import copy

    import typer.main

    from gpstd.commands import app

    _register_commands(modules)
    lean = copy.copy(app)
    lean.registered_commands = [c for c in app.registered_commands if command_name(c) == name]
    lean.registered_groups = [g for g in app.registered_groups if g.name == name]
    if not lean.registered_commands and not lean.registered_groups:
        return None
    group = typer.main.get_group(lean)  # a group even with one command, as the full app is
    group.params.extend(typer.main.get_install_completion_arguments())
    return group


def _summary() -> Any:
    """The whole group for `gpstd --help`: commands listed from their help, none built.

    Building a command means inspecting its signature and evaluating every annotation; the
    listing only needs each command's name and help text, which typer takes from
    CommandInfo or the docstring exactly as below (a test compares the two outputs).
    """
    import copy
    import inspect

    import typer.main
    from typer.core import TyperCommand, TyperGroup

    app = __getattr__("app")
    shell = copy.copy(app)
    shell.registered_commands, shell.registered_groups = [], []
    group = typer.main.get_group(shell)
    group.params.extend(typer.main.get_install_completion_arguments())
    for info in app.registered_commands:
        text = inspect.cleandoc(info.help) if info.help is not None else inspect.getdoc(info.callback)
        group.add_command((info.cls or TyperCommand)(
            name=command_name(info), help=text, short_help=info.short_help, hidden=info.hidden,
            deprecated=info.deprecated, rich_markup_mode=app.rich_markup_mode,
            rich_help_panel=info.rich_help_panel))
    for info in app.registered_groups:  # after the commands, where typer puts them
        solved = typer.main.solve_typer_info_defaults(info)
        group.add_command((solved.cls or TyperGroup)(
            name=solved.name, help=solved.help, short_help=solved.short_help, hidden=solved.hidden,
            deprecated=solved.deprecated, rich_markup_mode=app.rich_markup_mode,
            rich_help_panel=solved.rich_help_panel))
    return group


def _exit_now(code: Any) -> None:
    """End the process as SystemExit(code) would, without freeing the register the command
    loaded (gpstd.cache.kept): output flushed, nothing else left to do."""
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away: not an error of ours
        code = 0
    sys.stderr.flush()
    os._exit(code or 0)


def main() -> None:
    import gc

    args = sys.argv[1:]
    view = bool(args) and COMMANDS.get(args[0]) == ("query",)  # a read-only view
    collecting = gc.isenabled()
    try:
        if "_GPSTD_COMPLETE" in os.environ:  # shell completion needs every command's options
            group = None
        elif args in ([], ["--help"], ["-h"]):
            group = _summary()
        else:
            if view:
                # A read-only view lives a fraction of a second and makes no cyclic garbage
                # worth finding: the collections that importing typer alone sets off walk
                # ~100,000 objects for nothing (~1.5% of a 10,000-task query's instructions).
                gc.disable()
            group = _lean(args[0])
            if not {"-h", "--help"} & set(args):
                from gpstd import cache

                cache.freeze_after_load = True  # a process that ends with the command
        if group is None:
            __getattr__("app")(prog_name="gpstd")
        else:
            group(prog_name="gpstd")
    except SystemExit as exc:
        # Only the read-only views: a command that writes leaves by the ordinary way.
        if view and "gpstd.cache" in sys.modules and sys.modules["gpstd.cache"].kept:
            _exit_now(exc.code)
        raise
    except KeyboardInterrupt:
        sys.stderr.write("gpstd: 已中断\n")
        sys.exit(130)
    except BrokenPipeError:
        # The reader (head, less) went away: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    finally:
        if collecting:  # for a caller that runs main() in its own process and goes on
            gc.enable()
