"""`gpstd done`, `gpstd undo` and `gpstd status`: recording who has delivered what."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from gpstd.commands import app, completion
from gpstd.commands.options import (
    ColorOpt,
    FileOpt,
    JsonOpt,
    LimitOpt,
    PagerOpt,
    ProgressOpt,
    TodayOpt,
    plain_text,
)

IdArg = Annotated[
    str,
    typer.Argument(
        metavar="编号",
        help="任务编号（tasks.yaml 中的 id）。",
        show_default=False,
        autocompletion=completion.task_ids,
    ),
]
DueOpt = Annotated[
    str,
    typer.Option(
        "--due",
        metavar="日期",
        help="该事项的到期日，如 2020-08-31；周期性任务每期各有一个到期日。",
        show_default=False,
    ),
]
DoneUnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        "-u",
        metavar="单位",
        autocompletion=completion.units,
        help="完成的单位（全称、别名或唯一的简称）。省略时指该事项的全部责任单位。",
        show_default=False,
    ),
]


def _path(file: str | None, progress_path: str | None) -> Path:
    from gpstd.progress.location import locate

    return locate(file, progress_path)


def _task_id(text: str) -> int:
    from gpstd.errors import BadRecord

    try:
        return int(text.strip())
    except ValueError:
        raise BadRecord(f"任务编号应为整数，实际为「{text}」") from None


def _unit_option(unit: str | None) -> str | None:
    """--unit as given; an empty one (an unset shell variable) must not mean "every unit"."""
    from gpstd.errors import BadRecord

    if unit is not None and not unit.strip():
        raise BadRecord("--unit 为空：要指全部责任单位请省略 --unit，否则写出单位名称")
    return unit


def _recorder(by: str | None) -> str | None:
    """Who records: --by, else $GPSTD_USER, else the system user; never empty or over lines."""
    import getpass
    import os

    if by is not None:  # an empty --by (an unset shell variable) must not become the system user
        return _one_line(by, "--by")
    if os.environ.get("GPSTD_USER"):
        return _one_line(os.environ["GPSTD_USER"], "环境变量 GPSTD_USER")
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def _one_line(name: str, source: str) -> str:
    import unicodedata

    from gpstd.errors import BadRecord

    if not name.strip():
        fix = (
            "或省略 --by（默认为 $GPSTD_USER 或当前系统用户名）"
            if source == "--by"
            else "或删去这个变量（默认为当前系统用户名）"
        )
        raise BadRecord(f"{source} 为空：写出登记人姓名，{fix}")
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in name):
        raise BadRecord(f"{source} 含换行或控制字符：登记人应为一行文字")
    return name.strip()


@app.command(
    epilog='示例：gpstd done 3 --due 2020-08-31 --unit 市桥街道 --on 2020-08-28 --evidence "穗番市桥〔2020〕12号"'
)
def done(
    task: IdArg,
    due: DueOpt,
    unit: DoneUnitOpt = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="日期",
            show_default=False,
            help="完成日期（收到报送或确认完成之日）。默认为今天。",
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note", metavar="文本", show_default=False, callback=plain_text, help="备注，如报送文号、方式。"
        ),
    ] = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option(
            "--evidence",
            "-e",
            metavar="网址|文号|文件",
            show_default=False,
            callback=plain_text,
            help="办结佐证：网址（http:// 或 https://）、文号（如 穗番市桥〔2020〕12号）或仓库中的文件（存为相对仓库根目录的路径）；可写多次。",
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by", metavar="文本", show_default=False, help="登记人。默认为 $GPSTD_USER 或当前系统用户名。"
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="该事项的这一部分已由别的记录登记完成时，仍然写入这条记录。")
    ] = False,
    file: FileOpt = None,
    progress_path: ProgressOpt = None,
    today: TodayOpt = None,
) -> None:
    """登记完成：某单位（省略 --unit 即该期的全部责任单位）已完成某任务在某到期日的事项。

    单位可以是牵头或配合单位，也可以是经集合称谓（区各有关部门、各镇（街））承担这一期的成员单位；
    写集合称谓即登记其全部成员。已被别的记录覆盖的登记不写入，退出码 1，除非加 --force。
    """
    from gpstd import dates, register
    from gpstd.obligations import Ledger
    from gpstd.obligations import recording as check
    from gpstd.progress import file as progress_file
    from gpstd.progress.record import Record

    unit = _unit_option(unit)
    reg = register.load(file)
    when = dates.today(today)
    task_id, due_day = _task_id(task), dates.parse_option(due, "--due", when)
    ledger = Ledger(reg)
    occ = check.deadline(ledger, task_id, due_day)
    unit_name = check.owing_unit(ledger, occ, unit) if unit else None
    done_day = dates.parse_option(on, "--on", when) if on else when
    check.check_done_day(reg, done_day, when)
    path = _path(file, progress_path)
    proofs = _evidence(evidence or [], path)
    record = Record(task_id, due_day, unit_name, done_day, note or None, _recorder(by), evidence=proofs)
    with progress_file.edit(path) as pf:
        _refuse_duplicate(pf, record)
        if not force:
            check.refuse_covered(ledger, pf, record)
        progress_file.add(pf, record)
    typer.echo(_confirmation(Ledger(reg, pf.records), occ, record))


def _evidence(given: list[str], path: Path) -> tuple[str, ...]:
    """--evidence as stored: files as paths from the root of the repository the progress file is in."""
    from gpstd.errors import BadRecord
    from gpstd.progress import evidence

    root = evidence.repository_root(path.parent if path.parent.is_dir() else Path.cwd())
    out = []
    for text in given:
        try:
            out.append(evidence.normalise(text, root))
        except ValueError as exc:
            raise BadRecord(str(exc)) from None
    return tuple(dict.fromkeys(out))


def _refuse_duplicate(pf: Any, record: Any) -> None:
    from gpstd.errors import BadRecord

    for r in pf.for_occurrence(record.task, record.due):
        if r.unit == record.unit:
            who = f"，登记人：{r.recorded_by}" if r.recorded_by else ""
            unit = f" --unit {r.unit}" if r.unit else ""
            raise BadRecord(
                f"已有这条记录（{r.done} 完成{who}）；如需更正，先运行 gpstd undo {r.task} --due {r.due}{unit}"
            )


def _confirmation(ledger: Any, occ: Any, record: Any) -> str:
    parts = ledger.obligations(occ)
    finished = [ob for ob in parts if ob.record is not None]
    who = record.unit or "全部责任单位"
    timing = "按时" if record.done <= record.due else f"逾期 {(record.done - record.due).days} 天"
    line = f"已登记：任务 {record.task}（{record.due} 到期）{who} {record.done} 完成（{timing}）"
    if record.evidence:
        line += f"，佐证：{'；'.join(record.evidence)}"
    tally = (
        "该事项已全部完成"
        if len(finished) == len(parts)
        else f"该事项 {len(parts)} 个责任单位中已完成 {len(finished)} 个"
    )
    return f"{line}。{tally}。"


@app.command(epilog="示例：gpstd undo 3 --due 2020-08-31 --unit 市桥街道")
def undo(
    task: IdArg,
    due: DueOpt,
    unit: DoneUnitOpt = None,
    file: FileOpt = None,
    progress_path: ProgressOpt = None,
    today: TodayOpt = None,
) -> None:
    """撤销一条完成记录（登记有误时使用）；--unit 须与登记时一致。"""
    from gpstd import dates, register
    from gpstd.errors import NotFound
    from gpstd.obligations import Ledger
    from gpstd.obligations import recording as check
    from gpstd.progress import file as progress_file

    unit = _unit_option(unit)
    reg = register.load(file)
    when = dates.today(today)  # accepted as on every command; --due may be typed from it (上月底)
    task_id, due_day = _task_id(task), dates.parse_option(due, "--due", when)
    ledger = Ledger(reg)
    try:
        unit_name = _resolve(reg, unit) if unit else None
    except NotFound:
        unit_name = unit  # a record may name a unit the register no longer has
    with progress_file.edit(_path(file, progress_path)) as pf:
        removed = progress_file.remove(pf, task_id, due_day, unit_name)
        if not removed:
            _explain_missing(ledger, pf, task_id, due_day, unit, unit_name)
    who = unit_name or "全部责任单位"
    still = check.covering(Ledger(reg, pf.records), removed[0], pf.records, any_day=True)
    kept = f"该事项的这一部分仍算完成：{check.describe(still)}仍然有效。" if still is not None else ""
    typer.echo(f"已撤销：任务 {task_id}（{due_day} 到期）{who} 的完成记录。{kept}")


def _resolve(reg: Any, name: str) -> str:
    from gpstd.units import resolve

    return resolve(reg, name).name


def _explain_missing(
    ledger: Any, pf: Any, task_id: int, due: dt.date, unit: str | None, unit_name: str | None
) -> None:
    """No such record: say why, naming the bad input if there is one."""
    from gpstd.errors import BadRecord
    from gpstd.obligations import recording as check

    occ = check.deadline(ledger, task_id, due)
    if unit:
        _resolve(ledger.register, unit)
        check.owing_unit(ledger, occ, unit)
    others = pf.for_occurrence(task_id, due)
    listed = "、".join(r.unit or "（全部单位）" for r in others)
    hint = f"；该事项已有的记录：{listed}" if others else ""
    who = f"「{unit_name}」" if unit_name else "不指定单位"
    raise BadRecord(f"任务 {task_id}（{due} 到期）没有{who}的完成记录{hint}")


@app.command(epilog="示例：gpstd status 3 --today 2020-09-05    gpstd status --json")
def status(
    task: Annotated[
        str | None,
        typer.Argument(
            metavar="[编号]",
            autocompletion=completion.task_ids,
            help="任务编号；省略时按单位汇总。",
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            "-u",
            metavar="单位",
            show_default=False,
            autocompletion=completion.units,
            help="只看这个单位（或集合称谓的各成员）：汇总时只列它的行，给出编号时只列它在矩阵中的行。",
        ),
    ] = None,
    after: Annotated[
        str | None,
        typer.Option(
            "--after", metavar="日期", show_default=False, help="只看此日及以后到期的事项。默认：从头算起。"
        ),
    ] = None,
    before: Annotated[
        str | None,
        typer.Option(
            "--before",
            metavar="日期",
            show_default=False,
            help="只看此日及以前到期的事项。默认：单个任务为今天之后的下一期，汇总为今后30天。",
        ),
    ] = None,
    file: FileOpt = None,
    progress_path: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    limit: LimitOpt = None,
    score: Annotated[
        bool,
        typer.Option(
            "--score",
            help="汇总时加一栏得分（结果考评）：已到期事项按时完成、逾期完成、逾期未完成各得几分的平均，分值见登记册 meta.scoring。",
        ),
    ] = False,
) -> None:
    """完成情况：给出编号时为该任务的 单位 × 到期日 矩阵（✓ 按时、✓迟 逾期完成、逾期、待办）；否则为各单位汇总。

    汇总中的“逾期未完成”与 gpstd overdue 列出的逐单位一致。--limit 只列汇总的前 N 个单位，合计仍算全部单位。
    """
    from gpstd import dates, register
    from gpstd.obligations import open_ledger
    from gpstd.obligations.recording import problems
    from gpstd.render.console import screen

    unit = _unit_option(unit)
    reg = register.load(file)
    when = dates.today(today)
    start, end = dates.window(after, before, ("--after", "--before"), when)
    ledger = open_ledger(reg, file, progress_path)
    for problem in problems(reg, ledger.records, ledger.source or "progress.yaml") if ledger.records else []:
        typer.echo(problem.format(), err=True)
    view = screen(when, color)  # type: ignore[arg-type]
    if task is not None:
        if score:
            from gpstd.errors import UsageError

            raise UsageError("--score 只用于各单位汇总（不给任务编号时）")
        text = _task_status(ledger, _task_id(task), unit, start, end, when, as_json, view)
    else:
        text = _summary(
            ledger, unit, start, end or when + dt.timedelta(days=30), when, as_json, view, score, limit
        )
    if text is not None:
        from gpstd.render.console import show

        show(text, pager)


def _task_status(
    ledger: Any,
    task_id: int,
    unit: str | None,
    start: dt.date | None,
    end: dt.date | None,
    when: dt.date,
    as_json: bool,
    view: Any,
) -> str | None:
    """The matrix as text (None once written as JSON)."""
    from gpstd.obligations.summary import matrix
    from gpstd.register import get_task
    from gpstd.render import progress as render
    from gpstd.render.jsontext import echo

    task = get_task(ledger.register, task_id)
    found = ledger.deadlines(start, end or when, [task])
    if end is None:
        upcoming = ledger.deadlines(when + dt.timedelta(days=1), when + dt.timedelta(days=3 * 366), [task])[
            :1
        ]
        found += upcoming
    result = matrix(ledger, task_id, found, when, unit)
    if as_json:
        echo(render.matrix_json(result))
        return None
    return render.matrix(result, view)


def _summary(
    ledger: Any,
    unit: str | None,
    start: dt.date | None,
    end: dt.date,
    when: dt.date,
    as_json: bool,
    view: Any,
    score: bool = False,
    limit: int | None = None,
) -> str | None:
    """The units' counts as text (None once written as JSON)."""
    from gpstd.obligations.summary import tally
    from gpstd.render import progress as render
    from gpstd.render.jsontext import echo

    wanted = _resolve(ledger.register, unit) if unit else None
    rows = tally(ledger, ledger.deadlines(start, end, unit=wanted), when, wanted)
    weights = ledger.register.meta.weights if score else None
    if as_json:
        echo(render.tally_json(rows[:limit], weights))
        return None
    text = render.tally(rows, view, weights, limit)
    hidden = len(rows) - limit if limit is not None and len(rows) > limit else 0
    return text + (f"（另有 {hidden} 个单位未显示，去掉 --limit 可看全部）\n" if hidden else "")
