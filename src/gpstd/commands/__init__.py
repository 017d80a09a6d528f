"""The command line: one module per command group, each mapping options to core calls.

`app` is the typer application every module registers its commands on; errors are turned
into messages in `gpstd.commands.error_handler` alone.
"""

from __future__ import annotations

from typing import Annotated

import typer

from gpstd.commands.error_handler import Group
from gpstd.commands.helpframe import App

app = App(
    cls=Group,
    name="gpstd",
    help="政务公开重点任务登记册：查询、校验、导出。\n\n示例：gpstd due --before 2020-12-31",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,  # plain click help: rich's help formatter alone costs ~60 ms of start-up
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _show_version(value: bool) -> None:
    if value:
        from gpstd import __version__

        typer.echo(f"gpstd {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_show_version, is_eager=True, help="显示版本号并退出。"),
    ] = False,
) -> None:
    """Options of gpstd itself; runs before every command, so it does nothing else."""
