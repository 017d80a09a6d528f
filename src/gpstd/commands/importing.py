"""`gpstd import`: another district's published list (.docx, .doc, .wps, .xlsx, .xls, .html, .txt, .csv) to a register."""

from __future__ import annotations

from typing import Annotated

import typer

from gpstd.commands import app


@app.command(
    "import",
    epilog="示例：gpstd import 附件1.docx -o data/tasks.yaml --units data/tasks.yaml；"
    "gpstd import 分工表.xlsx --columns task=具体要求,unit=落实单位",
)
def import_(
    file: Annotated[
        str,
        typer.Argument(
            metavar="文件",
            help="要导入的清单（按内容认格式，不按扩展名）：.docx、.doc、.wps、.xlsx、.xls、Word 与 Excel 2003 XML、.html、.mht、.txt（逐格一行或制表符分隔）、.csv。",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="文件",
            help="写入的登记册文件；省略或写 - 时输出到标准输出。",
            show_default=False,
        ),
    ] = None,
    units: Annotated[
        str | None,
        typer.Option(
            "--units",
            metavar="文件",
            help="从这个已有登记册沿用单位和集合称谓（名称、别名、类别）。",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖它。")] = False,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="栏目",
            help=(
                "直接指明各栏：task=工作任务,unit=责任单位,cooperating=配合单位,deadline=完成时限,"
                "section=方案项目（也可用 seq、leader）；等号后写表头中的栏名或从 1 起的栏号，"
                "例如 --columns task=3,unit=2。没写的栏目仍按栏名和内容判断。"
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """把其他地区发布的重点任务清单读成登记册，并列出需要人工核对的地方。

    原表各栏逐字保留；责任单位和完成时间用与 gpstd check 相同的代码解读，读不懂的表述
    保留原文并列为待核对项，绝不丢弃。摘要写到标准错误，登记册写到 -o 或标准输出。
    """
    import sys
    from pathlib import Path

    from gpstd.errors import GpstdError
    from gpstd.importer import run as importer
    from gpstd.importer.layout import parse_columns

    forced = parse_columns(columns) if columns is not None else None
    target = Path(output) if output not in (None, "-") else None
    if target is not None and target.resolve() == Path(file).resolve():
        raise GpstdError(f"-o {output} 是正在导入的文件本身，写入会覆盖原表：请换一个输出文件名")
    if target is not None and target.exists() and not force:
        raise GpstdError(f"{target}: 文件已存在；加 --force 覆盖，或换一个输出文件名")
    outcome = importer.run(Path(file), target, Path(units) if units else None, forced)
    if target is None:
        typer.echo(outcome.text, nl=False)
    sys.stderr.write(outcome.summary)
    raise typer.Exit(1 if outcome.errors else 0)
