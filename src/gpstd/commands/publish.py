"""`gpstd export html`: the register as one self-contained web page for the portal."""

from __future__ import annotations

from gpstd.commands import DirectOpt, FileOpt, OutputOpt, ProgressOpt, SectionOpt, TodayOpt, UnitOpt
from gpstd.commands.export import export_app


@export_app.command("html", epilog="示例：gpstd export html --today 2020-11-01 -o 重点任务.html")
def html(
    unit: UnitOpt = None,
    section: SectionOpt = None,
    direct: DirectOpt = False,
    output: OutputOpt = None,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
) -> None:
    """导出静态网页（.html）：一个自带样式和脚本、不联网的文件，可直接放上门户网站栏目。

    按方案项目列出任务（原文照录），附下一期限和状态（按 --today 计算，文字加颜色；
    完成情况文件登记为完成的期限显示“✓ 已完成”）、按单位和状态筛选、全文搜索和
    按月的期限月历；手机可读，可打印。说明见 docs/publish.md。
    """
    from gpstd import dates, publish, register
    from gpstd.commands.export import emit
    from gpstd.progress import locate
    from gpstd.query import Filters, select_tasks

    reg = register.load(file)
    tasks = select_tasks(reg, Filters(unit=unit, section=section, direct=direct))
    shown = "、".join(x for x in (unit, f"方案项目{section}" if section else None) if x) or None
    page = publish.render(publish.context(reg, tasks, dates.today(today), shown,
                                          locate(file, progress_file)))
    emit(page, output, file, f"网页（{len(tasks)} 项任务）")
