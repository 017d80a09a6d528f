"""`gpstd export html`: the register as one self-contained web page for the portal."""

from __future__ import annotations

from typing import Annotated

import typer

from gpstd.commands import FileOpt, TodayOpt
from gpstd.commands.export import ProgressOpt, export_app


@export_app.command("html", epilog="示例：gpstd export html --today 2020-11-01 -o 重点任务.html")
def html(
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="只含某个单位的任务（全称、别名或唯一的简称，如 司法局）。",
                                             show_default=False)] = None,
    section: Annotated[str | None, typer.Option("--section", "-s", help="只含某个方案项目（七、7 或 （七））。",
                                                show_default=False)] = None,
    direct: Annotated[bool, typer.Option("--direct", help="只含直接点名该单位的任务，不含经集合称谓落到它的任务。")] = False,
    output: Annotated[str | None, typer.Option("--output", "-o", help="写入此文件（原子替换）；省略或为 - 时写到标准输出。",
                                               show_default=False)] = None,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
) -> None:
    """导出静态网页（.html）：一个自带样式和脚本、不联网的文件，可直接放上门户网站栏目。

    按方案项目列出任务（原文照录），附下一期限和状态（按 --today 计算，文字加颜色；
    完成情况文件登记为完成的期限显示“✓ 已完成”）、按单位和状态筛选、全文搜索和
    按月的期限月历；手机可读，可打印。说明见 docs/publish.md。
    """
    import os

    from gpstd import dates, publish, register
    from gpstd.commands.export import progress_path
    from gpstd.errors import UsageError
    from gpstd.query import Filters, select_tasks

    reg = register.load(file)
    tasks = select_tasks(reg, Filters(unit=unit, section=section, direct=direct))
    shown = "、".join(x for x in (unit, f"方案项目{section}" if section else None) if x) or None
    page = publish.render(publish.context(reg, tasks, dates.today(today), shown,
                                          progress_path(file, progress_file)))
    if output in (None, "-"):
        typer.echo(page, nl=False)
        return
    from gpstd.atomic import atomic_write

    if os.path.realpath(output) == os.path.realpath(register.find(file)):
        raise UsageError(f"-o {output} 是正在读取的登记册本身，导出会覆盖它：请换一个文件名")
    atomic_write(output, page)
    typer.echo(f"已导出网页（{len(tasks)} 项任务）：{output}", err=True)
