"""The typer application: one module per command group, each only mapping options to core calls.

Modules here import only typer at the top; everything heavy is imported inside the
command that needs it, so `gpstd --help` and `--json` output start fast.
"""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

import typer
from typer._click.exceptions import ClickException, UsageError
from typer.core import TyperGroup


class _Group(TyperGroup):
    """Turns gpstd's errors into a Chinese message and an exit code, in this one place."""

    def invoke(self, ctx: typer.Context) -> object:
        import os
        import sys

        from gpstd.errors import GpstdError, RegisterInvalid

        try:
            result = super().invoke(ctx)
            if sys.stdout is not None:
                sys.stdout.flush()  # a reader that went away shows here, not at interpreter exit
            return result
        except BrokenPipeError:
            _reader_gone()
        except GpstdError as exc:
            # A list of problems (file:line: …, one a line) stands alone, like gpstd check's output;
            # any other message, a path-first one included, is gpstd's.
            prefix = "" if isinstance(exc, RegisterInvalid) else "gpstd: "
            sys.stderr.write(f"{prefix}{exc.message}\n")
            sys.stderr.flush()
            ctx.exit(exc.exit_code)
        except UsageError as exc:
            from gpstd import usage

            usage.show(exc)
            ctx.exit(exc.exit_code)
        except (typer.Exit, typer.Abort, ClickException):
            raise
        except OSError as exc:
            if exc.errno in _OUTPUT_FULL:
                _output_failed(exc)
            if os.environ.get("GPSTD_DEBUG"):
                raise
            _internal_error(ctx, exc)
        except Exception as exc:  # a bug of ours: a short message, a traceback only on request
            if os.environ.get("GPSTD_DEBUG"):
                raise
            _internal_error(ctx, exc)

    def make_context(self, *args: Any, **kwargs: Any) -> typer.Context:
        try:  # `gpstd --help | head -1` prints the help here, before invoke
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            _reader_gone()
        except OSError as exc:
            if exc.errno not in _OUTPUT_FULL:
                raise
            _output_failed(exc)


# Errors writing our output (stdout > /dev/full, a full disk or quota): files we write
# ourselves report them through gpstd.atomic, so one that arrives here is stdout's.
_OUTPUT_FULL = {28, 122, 27}  # ENOSPC, EDQUOT, EFBIG


def _internal_error(ctx: typer.Context, exc: BaseException) -> NoReturn:
    import sys

    sys.stderr.write(f"gpstd: 内部错误：{type(exc).__name__}: {exc}\n"
                     "（设置 GPSTD_DEBUG=1 可查看详细信息，并请报告此问题）\n")
    ctx.exit(70)


def _output_failed(exc: OSError) -> NoReturn:
    import os
    import sys

    reason = "磁盘空间不足" if exc.errno in (28, 122) else (exc.strerror or type(exc).__name__)
    sys.stderr.write(f"gpstd: 无法写出结果（标准输出）：{reason}\n")
    try:  # what is still buffered cannot be written either: drop it quietly at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass
    raise typer.Exit(1)


def _reader_gone() -> NoReturn:
    """The reader of our output (head, less) went away: not an error of ours, exit 0.

    click would exit 1; stdout goes to /dev/null so that flushing it at exit stays quiet.
    """
    import os
    import sys

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no real stdout (tests, closed)
        pass
    raise typer.Exit(0)


app = typer.Typer(
    cls=_Group,
    name="gpstd",
    help="政务公开重点任务登记册：查询、校验、导出。\n\n示例：gpstd due --before 2020-12-31",
    no_args_is_help=True,
    add_completion=True,
    # Plain click help: rich's help formatter alone costs ~60 ms of start-up.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

def _show_version(value: bool) -> None:
    if value:
        from gpstd import __version__

        typer.echo(f"gpstd {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_show_version, is_eager=True,
                                          help="显示版本号并退出。")] = False,
) -> None:
    """Options of gpstd itself; runs before every command, so it does nothing else."""


FileOpt = Annotated[
    str | None,
    typer.Option("--file", "-f", metavar="FILE", help="登记册文件。默认依次查找 $GPSTD_FILE、./data/tasks.yaml、随包附带的登记册。",
                 show_default=False),
]
def _today(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """--today checked where its source is known: a bad date from the environment is named
    as $GPSTD_TODAY (the user typed no --today); an empty --today is an error, not today."""
    if value is None:
        return None
    from gpstd import dates

    source = ctx.get_parameter_source(param.name or "today")
    label = "环境变量 GPSTD_TODAY" if source is not None and source.name == "ENVIRONMENT" else "--today"
    return dates.parse_option(value, label).isoformat()


TodayOpt = Annotated[
    str | None,
    typer.Option("--today", envvar="GPSTD_TODAY", metavar="DATE", help="把这一天当作今天（如 2020-11-01），用于回看或预演。",
                 show_default=False, callback=_today),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON（稳定接口，见 docs/cli.md）。")]
UnitOpt = Annotated[str | None, typer.Option("--unit", "-u", metavar="UNIT", help="只含某个单位的任务（全称、别名或唯一的简称，如 司法局）。",
                                              show_default=False)]
SectionOpt = Annotated[str | None, typer.Option("--section", "-s", metavar="SECTION", help="只含某个方案项目的任务（七、7 或 （七））。",
                                                 show_default=False)]
DirectOpt = Annotated[bool, typer.Option("--direct", help="只含直接点名该单位的任务，不含经集合称谓（如 各镇（街））落到它的任务。")]
BeforeOpt = Annotated[str | None, typer.Option("--before", metavar="DATE", help="截止日期（含当天），如 2020-12-31、2020/12/31、2020年12月31日。",
                                               show_default=False)]
AfterOpt = Annotated[str | None, typer.Option("--after", metavar="DATE", help="起始日期（含当天）。", show_default=False)]
ProgressOpt = Annotated[str | None, typer.Option("--progress", metavar="FILE", help="完成情况文件；默认为登记册旁的 progress.yaml。",
                                                  show_default=False)]
OutputOpt = Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", help="写入此文件（原子替换）；省略或为 - 时写到标准输出。",
                                               show_default=False)]
