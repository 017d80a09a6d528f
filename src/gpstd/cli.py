"""Entry point: register the commands a run needs and hand the arguments to click.

`gpstd due …` imports only the module that defines `due`: importing every command module and
building all their click commands would add a third to a query's start-up. `--help`, shell
completion and a mistyped name (which deserves a suggestion) get every command.
"""

from __future__ import annotations

import codecs
import importlib
import os
import sys
from typing import Any, TextIO

import typer
import typer.main

# The module of gpstd.commands that defines each top-level command or group
# (tests/commands/test_cli.py checks it against what the modules register).
COMMANDS: dict[str, str] = {
    "check": "check",
    "schema": "check",
    "import": "importing",
    "parse": "parse",
    "done": "progress",
    "undo": "progress",
    "status": "progress",
    "export": "export",
    "diff": "diff",
    "remind": "supervision",
    "notice": "supervision",
    "report": "supervision",
    **{
        name: "query"
        for name in (
            "due",
            "agenda",
            "overdue",
            "ledger",
            "list",
            "section",
            "unit",
            "show",
            "units",
            "sections",
            "timeline",
        )
    },
}


def register_commands(names: set[str] | None = None) -> None:
    """Import the command modules (all of them by default): each registers its commands on
    `gpstd.commands.app`."""
    for name in sorted(names or set(COMMANDS.values())):
        importlib.import_module(f"gpstd.commands.{name}")


def main() -> None:
    from gpstd.commands import app

    fit_streams()
    args = sys.argv[1:]
    if args[:1] == ["--"]:  # the end of options before the command's name
        args = args[1:]
    wanted = COMMANDS.get(args[0]) if args and "_GPSTD_COMPLETE" not in os.environ else None
    register_commands({wanted} if wanted else None)
    if wanted:
        only(app, args[0])
    elif "_GPSTD_COMPLETE" not in os.environ:
        listed_only(app)
    typer.main.get_command(app)(prog_name="gpstd")


def fit_streams() -> None:
    """Let stdout and stderr write any text gpstd makes. A stream whose encoding has no Chinese
    (PYTHONIOENCODING=ascii, a C locale with PYTHONUTF8=0) writes UTF-8, as --json and the pager
    always do; GBK (a Windows console redirected to a file) becomes GB18030, its superset, which
    also has ✓; any other encoding writes "?" for what it lacks rather than failing. A stream
    closed before we started (`>&-`, Python's None) is a reader gone, as `| head` is: /dev/null."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not encoding or not hasattr(stream, "reconfigure"):
            continue
        try:
            name = codecs.lookup(encoding).name
            "中文".encode(name)
        except (LookupError, UnicodeEncodeError):
            stream.reconfigure(encoding="utf-8")
            continue
        if name in ("gbk", "gb2312"):
            stream.reconfigure(encoding="gb18030")
        elif not name.startswith(("utf", "gb18030")):
            stream.reconfigure(errors="replace")
    sys.stderr = VisibleStream(sys.stderr)


class VisibleStream:
    """stderr carries messages only, never data: whatever control character a message quotes
    (from a file name, an environment variable, an option) is written out as text
    (`errors.visible`), not sent to the terminal. Everything else is the stream's own."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        from gpstd.errors import visible

        self._stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def only(app: typer.Typer, name: str) -> None:
    """Keep just the command `name` of those its module registered: typer builds every registered
    command before running one, reading each function's signature (~4 ms a command)."""
    app.registered_commands = [info for info in app.registered_commands if _name(info) == name]


def listed_only(app: typer.Typer) -> None:
    """Reduce each command to its name and help, for a run that only lists them (`gpstd`,
    `gpstd --help`, a mistyped name): building a command reads its function's signature and
    makes every option, a third of the top-level help's time."""
    import copy
    import inspect

    def stub() -> None:  # never run: a run that runs a command keeps its real function
        raise AssertionError("gpstd: a listed-only command was invoked")

    infos = []
    for info in app.registered_commands:
        listed = copy.copy(info)
        listed.help = info.help or inspect.getdoc(info.callback)
        listed.name = _name(info)
        listed.callback = stub
        infos.append(listed)
    app.registered_commands = infos


def _name(info: typer.models.CommandInfo) -> str | None:
    """A registered command's name: given, or typer's from its function (list_tasks → list-tasks)."""
    if info.name or info.callback is None:
        return info.name
    return typer.main.get_command_name(info.callback.__name__)


def build() -> typer.Typer:
    """The application with every command registered (for tests and the generated docs)."""
    from gpstd.commands import app

    register_commands()
    return app
