"""`gpstd export html`: the register as one self-contained web page for the portal."""

from __future__ import annotations

from gpstd.commands import (AfterOpt, BeforeOpt, DirectOpt, FileOpt, OutputOpt, ProgressOpt, SectionOpt,
                            TodayOpt, UnitOpt)
from gpstd.commands.export import export_app


@export_app.command("html", epilog="示例：gpstd export html --today 2020-11-01 -o 重点任务.html")
def html(
    unit: UnitOpt = None,
    section: SectionOpt = None,
    direct: DirectOpt = False,
    after: AfterOpt = None,
    before: BeforeOpt = None,
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
    from gpstd import dates, exports, publish
    from gpstd.commands.export import emit

    sel = exports.from_options(file, unit, section, direct, after, before, today, progress_file)
    window = sel.window
    shown = "、".join(x for x in (unit, f"方案项目{section}" if section else None, _span(window)) if x) or None
    page = publish.render(publish.context(sel.register, sel.tasks, dates.today(today), shown,
                                          sel.progress, window.after, window.before))
    emit(page, output, file, f"网页（{len(sel.tasks)} 项任务）", progress_file)


def _span(window: object) -> str | None:
    """期限在 2021-01-01 至 2021-03-31 之间 (or 起 / 之前) for the page's 本页只含."""
    after, before = window.after, window.before  # type: ignore[attr-defined]
    if after and before:
        return f"期限在 {after} 至 {before} 之间"
    if after or before:
        return f"期限在 {after} 之后" if after else f"期限在 {before} 之前"
    return None
