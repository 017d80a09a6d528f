"""`gpstd remind`, `gpstd notice` and `gpstd report`: the supervision loop (督查督办) over the ledger.

Each maps its options to one core call (`gpstd.supervision`) and hands the result to a maker of
text (`gpstd.messages`) or documents (`gpstd.documents`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gpstd.commands import app
from gpstd.commands.options import FileOpt, ForceOpt, ProgressOpt, TodayOpt, UnitOpt, plain_text

if TYPE_CHECKING:
    from gpstd.obligations import Ledger

DaysOpt = Annotated[
    int,
    typer.Option(
        "--days",
        "-d",
        min=0,
        max=3660,
        metavar="天数",
        help="提醒今天起 N 天内到期的事项（0 为只提醒今天到期的）；逾期的总是提醒。",
    ),
]


def _ledger(file: str | None, progress_file: str | None) -> Ledger:
    from gpstd import register
    from gpstd.obligations import open_ledger

    return open_ledger(register.load(file), file, progress_file)


def _warn_records(ledger: Ledger) -> None:
    """Records of the progress file that count for nothing or twice, on stderr (as gpstd check)."""
    if not ledger.records:
        return
    from gpstd.obligations.recording import problems

    for problem in problems(ledger.register, ledger.records, ledger.source or "progress.yaml"):
        typer.echo(problem.format(), err=True)


# --- remind ----------------------------------------------------------------------------------


@app.command(
    epilog='示例：gpstd remind --today 2020-11-25    gpstd remind --format markdown --webhook "$WEBHOOK" --to wecom'
)
def remind(
    days: DaysOpt = 3,
    unit: UnitOpt = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="格式",
            help="text（纯文字，可贴进短信、政务微信）、markdown（群机器人、钉钉）或 json。",
        ),
    ] = "text",
    webhook: Annotated[
        str | None,
        typer.Option(
            "--webhook",
            envvar="GPSTD_WEBHOOK",
            metavar="网址",
            show_default=False,
            help="把每个单位的提醒发到这个群机器人（企业微信或钉钉的 Webhook 地址，也可用环境变量 GPSTD_WEBHOOK），不再打印提醒本身。",
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="wecom|dingtalk",
            show_default=False,
            help="机器人是 wecom（企业微信）还是 dingtalk（钉钉）；地址是两家的官方地址时可省略。",
        ),
    ] = None,
    secret: Annotated[
        str | None,
        typer.Option(
            "--secret",
            envvar="GPSTD_WEBHOOK_SECRET",
            metavar="文本",
            show_default=False,
            help="钉钉机器人安全设置为“加签”时的密钥（SEC 开头；也可用环境变量 GPSTD_WEBHOOK_SECRET）。",
        ),
    ] = None,
    workdays_only: Annotated[
        bool,
        typer.Option(
            "--workdays-only",
            help="今天不是工作日（周末、法定节假日，调休上班日算工作日）时什么也不做，退出码 0；供每天定时运行。",
        ),
    ] = False,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
) -> None:
    """临近提醒、到期催办：每个单位一段，列出已逾期和 N 天内到期（默认 3 天）的事项。

    每段可直接贴进政务微信、钉钉或短信；--webhook 把每段作为一条消息发到群机器人（每个单位一条，
    过长时分几条），发送失败时说明哪些单位已发出、哪些没有。
    """
    from gpstd import dates
    from gpstd.errors import UsageError

    if fmt not in ("text", "markdown", "json"):
        raise UsageError(f"--format 应为 text、markdown 或 json，实为「{fmt}」")
    secret = secret or None  # an empty secret (an unset CI variable) means the robot is not signed
    if webhook is None and (to is not None or secret is not None):
        raise UsageError("--to、--secret 只与 --webhook 一起使用")
    when = dates.today(today)
    if workdays_only and _day_off(when):
        return
    from gpstd.supervision.reminders import reminders

    ledger = _ledger(file, progress_file)
    _warn_records(ledger)
    found = reminders(ledger, when, days, _unit_name(ledger, unit))
    if webhook is not None:
        _post(found, when, days, webhook, to, secret)
    else:
        _print_reminders(found, when, days, fmt)


def _unit_name(ledger: Ledger, unit: str | None) -> str | None:
    from gpstd import query

    return query.unit_name(ledger, query.Filters(unit))


def _day_off(when: dt.date) -> bool:
    """Whether `when` is a day off (said on stderr), by the holiday calendar of gpstd.schedule."""
    from gpstd.schedule.workdays import covered, day_off

    if not covered(when.year):
        typer.echo(f"gpstd: 节假日表尚未收录 {when.year} 年，只按周末判断是否为工作日", err=True)
    reason = day_off(when)
    if reason:
        typer.echo(f"今天（{when.isoformat()}，{reason}）不是工作日（--workdays-only），不作提醒。", err=True)
    return reason is not None


def _print_reminders(found: list[Any], when: dt.date, days: int, fmt: str) -> None:
    from gpstd.messages import reminders as blocks

    if fmt == "json":
        from gpstd.render.jsontext import echo

        echo([blocks.reminder_json(r, when, days) for r in found])
        return
    if not found:
        window = "今天" if days == 0 else f" {days} 天内"
        typer.echo(f"截至 {when.isoformat()}，没有逾期或{window}到期的事项。")
        return
    make = blocks.markdown if fmt == "markdown" else blocks.text
    typer.echo("\n".join(make(r, when, days) for r in found), nl=False)


def _post(found: list[Any], when: dt.date, days: int, url: str, to: str | None, secret: str | None) -> None:
    from gpstd.messages import reminders as blocks
    from gpstd.messages.webhook import Sender, WebhookFailed, service_for

    service = service_for(url, to)
    if secret and service.key != "dingtalk":
        from gpstd.errors import UsageError

        raise UsageError("--secret（加签）只用于钉钉机器人；企业微信机器人的密钥就在地址的 key= 中")
    sender = Sender(url.strip(), service, secret)
    done: list[str] = []
    messages = 0
    for position, reminder in enumerate(found):
        title = blocks.heading(reminder)
        parts = blocks.markdown_parts(reminder, when, days, service.fits(title))
        try:
            for part in parts:
                sender.post(title, part)
                messages += 1
        except WebhookFailed as exc:
            exc.message = _failure(exc.message, reminder.unit, done, [r.unit for r in found[position + 1 :]])
            raise
        done.append(reminder.unit)
        more = f"，{len(parts)} 条消息" if len(parts) > 1 else ""
        typer.echo(
            f"已发送：{reminder.unit}（逾期 {len(reminder.overdue)} 项，临近到期 {len(reminder.soon)} 项{more}）"
        )
    if not found:
        typer.echo(f"截至 {when.isoformat()}，没有需要提醒的单位，未发送消息。")
    else:
        typer.echo(f"共向{service.label}机器人发送 {len(done)} 个单位的提醒，{messages} 条消息。")


def _failure(reason: str, unit: str, done: list[str], left: list[str]) -> str:
    sent = f"已发出 {len(done)} 个单位：{'、'.join(done)}" if done else "此前没有发出任何单位的提醒"
    rest = f"；未发出：{'、'.join([unit, *left])}（可用 --unit 逐个补发）"
    return f"「{unit}」的提醒未能发出：{reason}。{sent}{rest}"


# --- notice ----------------------------------------------------------------------------------

IssuerOpt = Annotated[
    str | None,
    typer.Option(
        "--issuer",
        metavar="文本",
        show_default=False,
        callback=plain_text,
        help="发文机关（署名；加 --red 时也是红头上的发文机关标志），如 番禺区人民政府办公室。",
    ),
]
NumberOpt = Annotated[
    str | None,
    typer.Option(
        "--number",
        metavar="文号",
        show_default=False,
        callback=plain_text,
        help="发文字号，如 番府办督〔2020〕12号。",
    ),
]
RedOpt = Annotated[
    bool, typer.Option("--red", help="加红头：红色发文机关标志（--issuer）、发文字号和红色分隔线。")
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="日期", show_default=False, help="成文日期。默认为今天（--today）。"),
]
DocOutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="文件",
        show_default=False,
        help="写入此文件（原子替换）；省略时写到当前目录下按单位（或通报期间）命名的文件，- 为标准输出。",
    ),
]


@app.command(
    epilog="示例：gpstd notice --unit 市桥街道 --today 2020-11-25 --issuer 番禺区人民政府办公室 --number 番府办督〔2020〕12号 --red"
)
def notice(
    unit: UnitOpt = None,
    every: Annotated[
        bool,
        typer.Option(
            "--all", help="为每个有逾期或临近到期事项的单位各出一份，合在一个文件中（每份从第 1 页起）。"
        ),
    ] = False,
    days: DaysOpt = 3,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            metavar="文本",
            show_default=False,
            callback=plain_text,
            help="标题。默认为“关于抓紧办理重点任务有关事项的催办通知”。",
        ),
    ] = None,
    issuer: IssuerOpt = None,
    number: NumberOpt = None,
    red: RedOpt = False,
    date: DateOpt = None,
    output: DocOutputOpt = None,
    force: ForceOpt = False,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
) -> None:
    """催办通知（.docx）：列出一个单位逾期未完成和 N 天内到期（默认 3 天）的事项，附原文和期限。

    按 GB/T 9704-2012 排版：A4，版心 156×225 mm，每页 22 行、每行 28 字；标题 2 号小标宋，正文 3 号仿宋；
    成文日期用阿拉伯数字；页码“— 1 —”单页居右、双页居左；可加发文字号和红头。字体按机关常用的名称设置
    （方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312），缺字体的电脑以宋体、仿宋、楷体代替，照样能打印。
    """
    from gpstd import dates
    from gpstd.documents import notice as make
    from gpstd.documents.officialdoc import Head
    from gpstd.errors import UsageError
    from gpstd.files import file_name
    from gpstd.supervision.reminders import reminders

    if (unit is None) == (not every):
        raise UsageError("用 --unit 指定一个单位（或集合称谓），或用 --all 为每个单位各出一份")
    if red and not issuer:
        raise UsageError("--red（红头）需要 --issuer 给出发文机关")
    when = dates.today(today)
    written = dates.parse_option(date, "--date") if date else when
    ledger = _ledger(file, progress_file)
    _warn_records(ledger)
    name = _unit_name(ledger, unit)
    found = reminders(ledger, when, days, name)
    window = "今天" if days == 0 else f" {days} 天内"
    if not found:
        typer.echo(
            f"截至 {when.isoformat()}，{name or '各单位'}没有逾期或{window}到期的事项，不需催办；未生成文件。",
            err=True,
        )
        return
    spec = make.Notice(
        ledger.register, when, days, title or make.DEFAULT_TITLE, Head(issuer, number, red), written
    )
    named = (
        f"催办通知-{file_name(name)}.docx"
        if name and len(found) == 1
        else f"催办通知-{when.isoformat()}.docx"
    )
    target = named if output is None else output
    what = f"催办通知（{len(found)} 个单位）" if len(found) > 1 else f"{found[0].unit}的催办通知"
    _write(make.build(spec, found), target, file, progress_file, force, what)


def _write(
    data: bytes | str, output: str, file: str | None, progress_file: str | None, force: bool, what: str
) -> None:
    from gpstd.commands.export import emit

    emit(data, output, file, what, progress_file, force)


# --- report ----------------------------------------------------------------------------------


@app.command(
    epilog="示例：gpstd report --period 2020H2 --today 2021-01-10    gpstd report --period 2021Q1 --format html"
)
def report(
    period: Annotated[
        str,
        typer.Option(
            "--period",
            "-p",
            metavar="期间",
            show_default=False,
            help="通报期间：2021Q1（季度）、2021H1（半年）、2021（全年）、2021-03（月）或 2021-01-01..2021-03-31。",
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="格式",
            help="docx（公文格式的通报，默认）、html（网页）或 json（同样的数字）。",
        ),
    ] = "docx",
    as_json: Annotated[
        bool, typer.Option("--json", help="同 --format json：把通报的数字输出为 JSON。")
    ] = False,
    unit: UnitOpt = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            metavar="文本",
            show_default=False,
            callback=plain_text,
            help="标题。默认为“关于〈期间〉重点任务落实情况的通报”。",
        ),
    ] = None,
    addressee: Annotated[
        str, typer.Option("--addressee", metavar="文本", callback=plain_text, help="主送机关。")
    ] = "各有关单位",
    issuer: IssuerOpt = None,
    number: NumberOpt = None,
    red: RedOpt = False,
    date: DateOpt = None,
    output: DocOutputOpt = None,
    force: ForceOpt = False,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
) -> None:
    """情况通报：一个期间内各单位到期事项的按时完成、逾期完成、逾期未完成和按时完成率、得分，逾期清单和逾期完成清单，附图。

    docx 按 GB/T 9704-2012 排版，图为 Word 原生图表（Word、WPS、LibreOffice 用本机中文字体绘制）；
    html 为单个网页，图为内嵌 SVG；json 为同样的数字。状态以 --today 为准，与 gpstd status 一致。
    """
    from gpstd import dates
    from gpstd.documents.officialdoc import Head
    from gpstd.documents.report_docx import Bulletin
    from gpstd.errors import UsageError
    from gpstd.supervision import report as figures
    from gpstd.supervision.periods import parse

    if as_json:
        fmt = "json"
    if fmt not in ("docx", "html", "json"):
        raise UsageError(f"--format 应为 docx、html 或 json，实为「{fmt}」")
    if red and not issuer:
        raise UsageError("--red（红头）需要 --issuer 给出发文机关")
    span = parse(period)
    when = dates.today(today)
    written = dates.parse_option(date, "--date") if date else when
    ledger = _ledger(file, progress_file)
    _warn_records(ledger)
    found = figures.build(ledger, span, when, _unit_name(ledger, unit))
    if fmt == "json":
        from gpstd.render.jsontext import echo

        echo(figures.plain(found))
        return
    bulletin = Bulletin(ledger.register, title, addressee, Head(issuer, number, red), written)
    if fmt == "html":
        from gpstd.documents.report_html import render

        data: bytes | str = render(bulletin, found)
    else:
        from gpstd.documents.report_docx import build

        data = build(bulletin, found)
    target = f"情况通报-{span.key.replace('..', '至')}.{fmt}" if output is None else output
    _write(data, target, file, progress_file, force, f"{span.label}情况通报")
