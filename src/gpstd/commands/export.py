"""`gpstd export …`: the register as calendar, spreadsheet, CSV, JSON or web page.

Each command maps its options to a `gpstd.exports.Selection`, asks one format module
for bytes and writes them to stdout or, atomically, to -o FILE.
"""

from __future__ import annotations

from typing import Annotated

import typer

from gpstd.commands import app, helpframe
from gpstd.commands.options import (
    AfterOpt,
    BeforeOpt,
    DirectOpt,
    FileOpt,
    ForceOpt,
    OutputOpt,
    ProgressOpt,
    SectionOpt,
    TodayOpt,
    UnitOpt,
)

export_app = helpframe.App(
    cls=helpframe.Group,
    help="导出登记册：ics 日历、xlsx 表格、csv、json、html 网页。\n\n示例：gpstd export ics --unit 区司法局 -o 司法局.ics",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app, name="export")


def emit(
    data: bytes | str,
    output: str | None,
    file: str | None,
    summary: str,
    progress_file: str | None = None,
    force: bool = False,
) -> None:
    """To stdout, or atomically to `output`: never over the register or progress file read, and over
    another existing file only with --force (as `gpstd import -o`)."""
    from gpstd.errors import GpstdError, UsageError

    if output in (None, "-"):
        from gpstd.render.console import is_terminal

        if isinstance(data, bytes) and data.startswith(b"PK\x03\x04") and is_terminal():  # .docx, .xlsx
            raise UsageError("结果是二进制文件，不能显示在终端：请用 -o 指定文件，或把输出重定向到文件")
        typer.echo(data, nl=False)
        return
    import os

    from gpstd import register
    from gpstd.files import atomic_write
    from gpstd.progress.location import locate

    if not output.strip():
        raise UsageError("-o 需要一个文件名（写到标准输出时省略 -o 或写 -o -）")
    if os.path.realpath(output) == os.path.realpath(register.find(file)):
        raise GpstdError(f"-o {output} 是正在读取的登记册本身，导出会覆盖它：请换一个文件名")
    progress = locate(file, progress_file)
    if progress.exists() and os.path.realpath(output) == os.path.realpath(progress):
        raise GpstdError(f"-o {output} 是正在读取的完成情况文件，导出会覆盖其中的完成记录：请换一个文件名")
    if os.path.lexists(output) and not force and not _is_device(output):
        raise GpstdError(f"{output}: 文件已存在；加 --force 覆盖，或换一个输出文件名")
    atomic_write(output, data)
    typer.echo(f"已导出{summary}：{output}", err=True)


def _is_device(path: str) -> bool:
    """/dev/stdout, a pipe: written into, not replaced, so there is nothing to lose."""
    import os
    import stat

    try:
        return not stat.S_ISREG(os.stat(path).st_mode) and not stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


@export_app.command(epilog="示例：gpstd export ics --unit 区司法局 --remind 3 -o 司法局.ics")
def ics(
    unit: UnitOpt = None,
    section: SectionOpt = None,
    direct: DirectOpt = False,
    after: AfterOpt = None,
    before: BeforeOpt = None,
    remind: Annotated[
        int, typer.Option("--remind", metavar="天数", help="提前几天提醒（当天 9:00 弹出）；0 表示不设提醒。")
    ] = 7,
    output: OutputOpt = None,
    force: ForceOpt = False,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
) -> None:
    """导出 iCalendar 日历（.ics）：每个期限一个全天事项，周期性期限用重复规则，可导入或订阅。

    事项 UID 固定，重新导入会更新而不会重复。订阅与导入方法见 docs/exports.md。
    """
    from gpstd import exports
    from gpstd.errors import UsageError
    from gpstd.exports import ics as fmt

    if remind < 0:
        raise UsageError(f"--remind 应为 0 或正整数（提前天数），实为 {remind}")
    sel = exports.from_options(file, unit, section, direct, after, before, today, progress_file)
    data = fmt.build(sel, remind_days=remind)
    events = data.split(b"\r\n").count(b"BEGIN:VEVENT")  # whole lines: not the words inside a text
    emit(data, output, file, f" {events} 个日历事项", progress_file, force)


@export_app.command(epilog="示例：gpstd export xlsx -o 重点任务清单.xlsx")
def xlsx(
    unit: UnitOpt = None,
    section: SectionOpt = None,
    direct: DirectOpt = False,
    after: AfterOpt = None,
    before: BeforeOpt = None,
    ledger: Annotated[
        bool,
        typer.Option(
            "--ledger",
            help="导出工作台账：每个单位每一期一行（单位、任务、事项、期限、状态、完成日期、备注），按单位分组，表头冻结、可筛选。",
        ),
    ] = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
) -> None:
    """导出 Excel/WPS 工作簿（.xlsx）：按原表排版并附下一期限和状态，第二张表列出全部期限；--ledger 为工作台账。

    横向 A4、每页重复表头、按页宽缩放，可直接打印。写到终端时须用 -o 指定文件。
    """
    import sys

    from gpstd import exports
    from gpstd.errors import UsageError
    from gpstd.exports import xlsx as fmt

    if output in (None, "-") and sys.stdout.isatty():
        raise UsageError("xlsx 是二进制文件，不能显示在终端：请用 -o 指定文件，如 -o 重点任务清单.xlsx")
    sel = exports.from_options(file, unit, section, direct, after, before, today, progress_file)
    what = "工作台账" if ledger else f" {len(sel.tasks)} 项任务、{len(sel.deadlines)} 个期限"
    emit(fmt.build(sel, ledger=ledger), output, file, what, progress_file, force)


@export_app.command(epilog="示例：gpstd export csv --unit 区司法局 -o 司法局.csv")
def csv(
    unit: UnitOpt = None,
    section: SectionOpt = None,
    direct: DirectOpt = False,
    after: AfterOpt = None,
    before: BeforeOpt = None,
    occurrences: Annotated[
        bool, typer.Option("--occurrences", help="导出全部期限（每个期限一行，按日期排序），而不是任务清单。")
    ] = False,
    ledger: Annotated[bool, typer.Option("--ledger", help="导出工作台账：每个单位每一期一行。")] = False,
    bom: Annotated[
        bool,
        typer.Option(
            "--bom/--no-bom",
            help="文件开头写 UTF-8 BOM，使 Excel/WPS 正确识别中文；供其他程序读取时可用 --no-bom。",
        ),
    ] = True,
    output: OutputOpt = None,
    force: ForceOpt = False,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
) -> None:
    """导出 CSV（UTF-8）：默认为任务清单（原表五栏加下一期限、状态），--occurrences 为全部期限，--ledger 为工作台账。"""
    from gpstd import exports
    from gpstd.exports import table

    sel = exports.from_options(file, unit, section, direct, after, before, today, progress_file)
    data = (
        table.ledger_table(sel)
        if ledger
        else table.occurrence_table(sel)
        if occurrences
        else table.task_table(sel)
    )
    emit(table.to_csv(data, bom=bom), output, file, f" {len(data.rows)} 行", progress_file, force)


@export_app.command(name="json", epilog="示例：gpstd export json --after 2021-01-01 -o 登记册.json")
def json_(
    unit: UnitOpt = None,
    section: SectionOpt = None,
    direct: DirectOpt = False,
    after: AfterOpt = None,
    before: BeforeOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
) -> None:
    """导出 JSON：完整登记册，每项任务附其期限、下一期限和状态（格式说明见 docs/exports.md）。"""
    from gpstd import exports
    from gpstd.exports import jsonexport

    sel = exports.from_options(file, unit, section, direct, after, before, today, progress_file)
    emit(
        jsonexport.dumps(sel).encode("utf-8"), output, file, f" {len(sel.tasks)} 项任务", progress_file, force
    )


@export_app.command("html", epilog="示例：gpstd export html --status --today 2020-11-01 -o 重点任务.html")
def html(
    unit: UnitOpt = None,
    section: SectionOpt = None,
    direct: DirectOpt = False,
    after: AfterOpt = None,
    before: BeforeOpt = None,
    status: Annotated[
        bool,
        typer.Option(
            "--status",
            help="在网页上显示各项任务和期限的状态（逾期、7天内、未到期、已完成，按 --today 和完成情况文件计算）"
            "及按状态筛选。不加时网页只列清单本身：原文和期限月历，不标逾期。",
        ),
    ] = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
) -> None:
    """导出静态网页（.html）：一个自带样式和脚本、不联网的文件，可直接放上门户网站栏目。

    按方案项目列出任务（原文照录）、按单位筛选、全文搜索和按月翻看的期限月历；手机可读，
    可打印。加 --status 时附下一期限和状态（按 --today 计算，文字加颜色；完成情况文件登记为
    完成的期限显示“✓ 已完成”）并可按状态筛选。说明见 docs/publish.md。
    """
    from gpstd import exports
    from gpstd.exports import html as fmt

    sel = exports.from_options(file, unit, section, direct, after, before, today, progress_file)
    window = sel.window
    shown = (
        "、".join(x for x in (unit, f"方案项目{section}" if section else None, _span(window)) if x) or None
    )
    page = fmt.render(fmt.context(sel, shown, with_status=status))
    emit(page, output, file, f"网页（{len(sel.tasks)} 项任务）", progress_file, force)


def _span(window: object) -> str | None:
    """期限在 2021-01-01 至 2021-03-31 之间 (or 起 / 之前) for the page's 本页只含."""
    after, before = window.after, window.before  # type: ignore[attr-defined]
    if after and before:
        return f"期限在 {after} 至 {before} 之间"
    if after or before:
        return f"期限在 {after} 之后" if after else f"期限在 {before} 之前"
    return None
