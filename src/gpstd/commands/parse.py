"""`gpstd parse`: explain deadline phrases, for people and (with --json) for other tools."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from gpstd.commands import app
from gpstd.commands.options import TodayOpt


@app.command(
    epilog='示例：gpstd parse "每年11月30日前报区政府办（调研科）" --from 2020-01-01 --to 2022-12-31\n\n'
    "批量：cat phrases.txt | gpstd parse - --json"
)
def parse(
    phrases: Annotated[
        list[str],
        typer.Argument(
            metavar="表述...", help="要解释的时间表述；写 - 则从标准输入每行读一句。", show_default=False
        ),
    ],
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="日期",
            help="基准日期：没写年份的日期取它的年份。默认今天。",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="日期", help="展开期限的窗口起点，默认基准年1月1日。", show_default=False
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", metavar="日期", help="窗口终点，默认基准年12月31日。", show_default=False),
    ] = None,
    today: TodayOpt = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="每句输出一行 JSON（JSON Lines，见 docs/phrases.md）。")
    ] = False,
) -> None:
    """解释完成时间表述：拆成条款，给出类型、规则（文字和 RRULE）以及窗口内的各个期限。"""
    import json
    import sys

    from gpstd import dates
    from gpstd.errors import UsageError
    from gpstd.phrases import explain, parse_phrase, phrase_result

    when = dates.today(today)
    base_day = dates.parse_option(base, "--base", when) if base else when
    window = dates.window(start, end, today=when)
    if phrases == ["-"] and sys.stdin is None:
        raise UsageError(
            "parse - 从标准输入读取表述，但标准输入已关闭：请用管道或重定向提供，如 gpstd parse - < phrases.txt"
        )
    blank = [i for i, text in enumerate(phrases, start=1) if not text.strip()]
    if blank:  # an unset shell variable, most likely: say so rather than explain nothing
        raise UsageError(
            f"第 {blank[0]} 个表述是空的：parse 要一个完成时间表述，如 gpstd parse 每年11月30日前"
        )
    texts = _stdin_lines(sys.stdin) if phrases == ["-"] else phrases
    for text in texts:
        result = phrase_result(text, base_day, *window)
        if as_json:
            typer.echo(json.dumps(result, ensure_ascii=False))
            continue
        typer.echo(f"「{text}」")
        for line in explain(parse_phrase(text, base_day)):
            typer.echo(f"  {line}")
        lo, hi = result["window"]
        typer.echo(f"  期限（{lo} 至 {hi}）：{'、'.join(result['due']) or '无'}")


def _stdin_lines(stream: Any) -> list[str]:
    """One phrase per line, blank lines skipped; bytes that are not UTF-8 are refused, not
    replaced (a silently garbled phrase would be read as something else)."""
    from gpstd.errors import GpstdError

    raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode("utf-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GpstdError(f"标准输入第 {line} 行不是有效的 UTF-8 文本：请先转换为 UTF-8 再输入") from None
    return [line.rstrip("\r") for line in text.split("\n") if line.strip()]
