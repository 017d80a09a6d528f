"""Options shared by many commands, each with its help text written once."""

from __future__ import annotations

from typing import Annotated

import typer

from gpstd.commands import completion


def _today(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """--today checked where its source is known: a bad date from the environment is named as
    $GPSTD_TODAY (the user typed no --today); an empty --today is an error, not today."""
    if value is None:
        return None
    from gpstd import dates

    source = ctx.get_parameter_source(param.name or "today")
    label = "环境变量 GPSTD_TODAY" if source is not None and source.name == "ENVIRONMENT" else "--today"
    return dates.parse_option(value, label).isoformat()


def plain_text(param: typer.CallbackParam, value: str | list[str] | None) -> str | list[str] | None:
    """A text option that is written into a file (a document's title, a record's note): no
    control characters, which a .docx cannot hold at all and a terminal would obey."""
    from gpstd.errors import GpstdError
    from gpstd.patterns import control_message

    for text in [value] if isinstance(value, str) else value or []:
        if control := control_message(text):
            raise GpstdError(f"{param.opts[0]} {control}：请只写文字")
    return value


FileOpt = Annotated[
    str | None,
    typer.Option(
        "--file",
        "-f",
        metavar="文件",
        show_default=False,
        help="登记册文件。默认依次查找 $GPSTD_FILE、./data/tasks.yaml、随包附带的登记册。",
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        envvar="GPSTD_TODAY",
        metavar="日期",
        show_default=False,
        callback=_today,
        help="把这一天当作今天（如 2020-11-01、明天），用于回看或预演。",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON（稳定接口，见 docs/cli.md）。")]
UnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        "-u",
        metavar="单位",
        show_default=False,
        autocompletion=completion.units,
        help="只含某个单位的任务（全称、别名或唯一的简称，如 司法局）。",
    ),
]
SectionOpt = Annotated[
    str | None,
    typer.Option(
        "--section",
        "-s",
        metavar="项目",
        show_default=False,
        autocompletion=completion.sections,
        help="只含某个方案项目的任务（七、7 或 （七））。",
    ),
]
DirectOpt = Annotated[
    bool,
    typer.Option("--direct", help="只含直接点名该单位的任务，不含经集合称谓（如 各镇（街））落到它的任务。"),
]
BeforeOpt = Annotated[
    str | None,
    typer.Option(
        "--before",
        metavar="日期",
        show_default=False,
        help="截止日期（含当天）：2020-12-31、12月31日、月底、下周（到周日）、2020-12（到月底）、+7d 等，见 docs/cli.md「日期的写法」。",
    ),
]
AfterOpt = Annotated[
    str | None,
    typer.Option(
        "--after",
        metavar="日期",
        show_default=False,
        help="起始日期（含当天）：写法同 --before；一个月或一周从它的第一天算起（2020-12、下周）。",
    ),
]
ProgressOpt = Annotated[
    str | None,
    typer.Option(
        "--progress",
        metavar="文件",
        show_default=False,
        help="完成情况文件；默认为登记册旁的 progress.yaml。",
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="文件",
        show_default=False,
        help="写入此文件（原子替换）；省略或为 - 时写到标准输出。",
    ),
]
ColorOpt = Annotated[
    str,
    typer.Option(
        "--color",
        metavar="auto|always|never",
        show_default=False,
        help="何时用颜色：auto（默认，终端上用，设置 NO_COLOR 时不用）、always（如接 less -R）、never。",
    ),
]
PagerOpt = Annotated[
    bool,
    typer.Option(
        "--pager/--no-pager",
        show_default=False,
        help="输出超过一屏时用分页程序显示（$GPSTD_PAGER、$PAGER 或 less -R；默认开启，只在终端上生效）。",
    ),
]
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        min=1,
        metavar="行数",
        show_default=False,
        help="最多列出 N 行（按显示顺序取前 N 行）。",
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="-o 指向的文件已存在时覆盖它（不加则不覆盖，退出码 1）。")
]
