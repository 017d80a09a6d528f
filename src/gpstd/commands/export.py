"""`gpstd export …`: the register as calendar, spreadsheet, CSV, JSON or web page."""

from __future__ import annotations

import typer

from gpstd.commands import app

export_app = typer.Typer(
    help="导出登记册：ics 日历、xlsx 表格、csv、json、html 网页。\n\n示例：gpstd export ics --unit 区司法局 -o 司法局.ics",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app, name="export")
