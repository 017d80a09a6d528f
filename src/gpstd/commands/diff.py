"""`gpstd diff`: what an edit to the register changes in who owes what by when.

Maps its arguments to two versions (`gpstd.review.pick`), compares them (`gpstd.review.compare`)
and hands the review to a renderer: text, JSON, or GitHub's notices and Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from gpstd.commands import app
from gpstd.commands.options import JsonOpt, PagerOpt

if TYPE_CHECKING:
    from gpstd.review import Review

FORMATS = ("text", "json", "github")


@app.command(
    epilog=(
        "示例：gpstd diff（工作区对 HEAD）；gpstd diff HEAD~1..HEAD；"
        "gpstd diff origin/main...HEAD --format github；gpstd diff 旧.yaml 新.yaml"
    )
)
def diff(
    versions: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[REV | REV..REV | REV...REV | OLD NEW]",
            help=(
                "要比较的版本。省略时比较工作区与 HEAD；REV 为该版本对工作区；A..B 为 A 对 B（一边省略即 HEAD）；"
                "A...B 为 A 与 B 的分叉点对 B（即拉取请求的改动）；两个文件名则直接比较这两个文件，不需要 git。"
            ),
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option(
            "--file",
            "-f",
            metavar="FILE",
            show_default=False,
            help="仓库中要比较的登记册。默认依次取 $GPSTD_FILE、./data/tasks.yaml、仓库根目录的 data/tasks.yaml。",
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="输出格式：text（默认）、json，或 github（GitHub Actions 的行内注释和 Markdown 摘要）。",
        ),
    ] = "text",
    as_json: JsonOpt = False,
    summary: Annotated[
        str | None,
        typer.Option(
            "--summary",
            metavar="FILE",
            show_default=False,
            help="与 --format github 同用：Markdown 摘要追加到此文件（如 $GITHUB_STEP_SUMMARY），标准输出只留注释。",
        ),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="有变化时以退出码 1 结束（如 git diff --exit-code）；默认总是 0。"),
    ] = False,
    pager: PagerOpt = True,
) -> None:
    """比较登记册的两个版本：任务的增删，期限的增删与改期，规则、责任单位和原文五栏的改动，按任务列出。

    通过 git 命令读取各版本中的登记册，在仓库外可直接比较两个文件。两个版本都须是有效的登记册，否则说明是哪一边、哪一行有问题（退出码 1）。没有 --exit-code 时，有无变化退出码都是 0。
    """
    import gc

    from gpstd import review
    from gpstd.errors import UsageError

    gc.disable()  # as the views: a run of seconds at most that makes no cyclic garbage

    if as_json and fmt not in ("text", "json"):
        raise UsageError(f"--json 与 --format {fmt} 不能同时使用")
    fmt = "json" if as_json else fmt
    if fmt not in FORMATS:
        raise UsageError(f"不支持的格式「{fmt}」：可用 {'、'.join(FORMATS)}")
    if summary is not None and fmt != "github":
        raise UsageError("--summary 只能与 --format github 同用")
    result = review.compare(*review.pick(versions or [], file), lines=fmt != "text")
    _show(result, fmt, summary, pager)
    if exit_code and result.changed:
        raise typer.Exit(1)


def _show(result: Review, fmt: str, summary: str | None, pager: bool) -> None:
    if fmt == "json":
        from gpstd.render import diffjson, jsontext

        jsontext.echo(diffjson.record(result))
    elif fmt == "github":
        from gpstd.render import diffgithub

        text = diffgithub.markdown(result)
        if summary is not None:
            from gpstd.files import append

            append(summary, text)
            text = ""
        typer.echo(diffgithub.notices(result) + text, nl=False)
    else:
        from gpstd.render import difftext
        from gpstd.render.console import show

        show(difftext.render(result), pager)
