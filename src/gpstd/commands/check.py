"""`gpstd check` and `gpstd schema`: validating registers, for people, CI and editors."""

from __future__ import annotations

from typing import Annotated

import typer

from gpstd.commands import app
from gpstd.errors import Problem


@app.command(epilog="示例：gpstd check data/tasks.yaml --format github")
def check(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[文件]...",
            help="要校验的登记册文件（或完成情况文件）；省略时校验默认登记册。",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", metavar="格式", help="输出格式：text（默认）、github（GitHub Actions 注释）或 json。"
        ),
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="有警告时也以退出码 1 结束。")] = False,
) -> None:
    """校验登记册：一次列出所有问题（文件:行:列: 字段路径: 说明），有错误时退出码为 1。

    也可校验完成情况文件（顶层为 records: 的 progress.yaml）：对照同目录的 tasks.yaml（没有则用默认登记册），
    列出不存在的任务、不是到期日的日期、不是责任单位的单位和重复的记录（均为警告）。
    """
    import gc

    from gpstd import register
    from gpstd.errors import UsageError
    from gpstd.render import problems as render

    gc.disable()  # as the views: a run that makes no cyclic garbage, where collections only re-walk nodes
    if fmt not in render.FORMATS:
        raise UsageError(f"不支持的格式「{fmt}」：可用 {'、'.join(render.FORMATS)}")
    if any(not path.strip() for path in files or []):
        raise UsageError("文件名为空：请写要校验的登记册路径")
    paths = files or [str(register.find(None))]
    results = [(path, _inspect(path)) for path in paths]
    typer.echo(render.render(results, fmt), nl=False)
    found = [p for _path, problems in results for p in problems]
    failed = any(p.severity == "error" or (strict and p.severity == "warning") for p in found)
    raise typer.Exit(1 if failed else 0)


def _inspect(path: str) -> list[Problem]:
    """A register's problems; a progress file (top-level records:) is checked as one."""
    from gpstd import register
    from gpstd.obligations import recording

    if recording.is_progress_file(path):
        return recording.inspect_file(path)
    return register.inspect(path)[1]


@app.command(epilog="示例：gpstd schema > schema/tasks.schema.json")
def schema() -> None:
    """输出登记册的 JSON Schema（由数据模型生成），供编辑器校验与补全。"""
    import json

    from gpstd.register.schema import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))
