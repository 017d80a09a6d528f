"""The everyday read-only views: due, agenda, overdue, ledger, list, section, unit, show, units,
sections, timeline.

Each maps its options to one query of `gpstd.query` over the register's ledger and hands the rows
to a renderer: `--json` to `gpstd.render.records`, otherwise `gpstd.render.tables`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gpstd.commands import app, completion
from gpstd.commands.options import (
    AfterOpt,
    BeforeOpt,
    ColorOpt,
    DirectOpt,
    FileOpt,
    JsonOpt,
    LimitOpt,
    PagerOpt,
    ProgressOpt,
    SectionOpt,
    TodayOpt,
    UnitOpt,
)

if TYPE_CHECKING:
    from gpstd.obligations import Ledger
    from gpstd.query import DeadlineRow
    from gpstd.render.tables import Screen


class _View:
    """What every view command shares: the ledger as of a day, and where the output goes."""

    def __init__(
        self,
        file: str | None,
        progress_file: str | None,
        today: str | None,
        color: str = "auto",
        pager: bool = True,
        limit: int | None = None,
    ):
        import gc

        from gpstd import dates, register
        from gpstd.obligations import open_ledger

        # A view lives a fraction of a second and makes no cyclic garbage: collections would only walk
        # the register's objects again and again (a fifth of a 10,000-task query's time).
        gc.disable()
        _check_color(color)
        self.today = dates.today(today)
        self.register = register.load(file)
        self.ledger: Ledger = open_ledger(self.register, file, progress_file)
        self.color, self.pager, self.limit = color, pager, limit

    def screen(self) -> Screen:
        from gpstd.render.console import screen

        return screen(self.today, self.color)  # type: ignore[arg-type]

    def cut(self, rows: Sequence[Any]) -> Sequence[Any]:
        return rows if self.limit is None else rows[: self.limit]

    def show(self, text: str, hidden: int = 0) -> None:
        from gpstd.render.console import show

        if hidden:
            text += f"（另有 {hidden} 行未显示，去掉 --limit 可看全部）\n"
        show(text, self.pager)

    def json(self, value: Any) -> None:
        from gpstd.render import jsontext

        jsontext.echo(value)

    def deadlines(self, rows: list[DeadlineRow], as_json: bool, unit: str | None) -> None:
        shown = self.cut(rows)
        if as_json:
            from gpstd.render.records import deadlines

            self.json(deadlines(self.register, shown, unit))
        elif not rows:
            self.show(_empty())
        else:
            from gpstd.render.tables import deadlines as table

            self.show(table(self.register, shown, self.screen(), unit), len(rows) - len(shown))


def _check_color(color: str) -> None:
    from gpstd.errors import UsageError

    if color not in ("auto", "always", "never"):
        raise UsageError(f"--color 应为 auto、always 或 never，实为「{color}」")


def _empty(tasks: bool = False) -> str:
    from gpstd.render.tables import EMPTY, EMPTY_TASKS

    return (EMPTY_TASKS if tasks else EMPTY) + "\n"


@app.command(epilog="示例：gpstd due --before 2020-12-31 --unit 区司法局")
def due(
    before: BeforeOpt = None,
    after: AfterOpt = None,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    direct: DirectOpt = False,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    limit: LimitOpt = None,
) -> None:
    """列出某段时间内到期的事项（含周期性事项和已完成的），按日期排序，每月一段。

    只给 --before 时列出该日之前的全部期限；都不给时列出今天起 30 天内的期限。状态按今天算：
    逾期N天、今天到期、N天内、未到期、按时完成、逾期完成；几个单位共同的事项，列出尚未完成的单位。
    """
    from gpstd import dates, query

    view = _View(file, progress_file, today, color, pager, limit)
    filters = query.Filters(unit, section, direct)
    rows = query.due(
        view.ledger, filters, *dates.window(after, before, ("--after", "--before"), view.today), view.today
    )
    view.deadlines(rows, as_json, query.unit_name(view.ledger, filters))


@app.command(epilog="示例：gpstd agenda --days 14 --today 2020-11-20")
def agenda(
    days: Annotated[
        int, typer.Option("--days", "-d", min=0, max=3660, metavar="天数", help="向后看多少天（0 到 3660）。")
    ] = 30,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    limit: LimitOpt = None,
) -> None:
    """要办的事：先列全部已逾期未完成的，再列今天到期的，再列接下来若干天（--days）内的。"""
    from gpstd import query

    view = _View(file, progress_file, today, color, pager, limit)
    filters = query.Filters(unit, section)
    view.deadlines(
        query.agenda(view.ledger, filters, view.today, days), as_json, query.unit_name(view.ledger, filters)
    )


@app.command(epilog="示例：gpstd overdue --today 2020-12-01 --unit 司法局")
def overdue(
    unit: UnitOpt = None,
    section: SectionOpt = None,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    limit: LimitOpt = None,
) -> None:
    """已过期限（今天之前到期）而尚未登记完成的事项，及各事项未完成的单位。"""
    from gpstd import query

    view = _View(file, progress_file, today, color, pager, limit)
    _warn_records(view)
    filters = query.Filters(unit, section)
    view.deadlines(
        query.overdue(view.ledger, filters, view.today), as_json, query.unit_name(view.ledger, filters)
    )


def _warn_records(view: _View) -> None:
    """Records of the progress file that count for nothing or twice, on stderr (as gpstd check)."""
    if not view.ledger.records:
        return
    from gpstd.obligations.recording import problems

    for problem in problems(view.register, view.ledger.records, view.ledger.source or "progress.yaml"):
        typer.echo(problem.format(), err=True)


@app.command(epilog="示例：gpstd ledger --unit 市桥街道 --before 2020-12-31 --json")
def ledger(
    before: BeforeOpt = None,
    after: AfterOpt = None,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    limit: LimitOpt = None,
) -> None:
    """工作台账：每个单位每一期的一行（单位、任务、事项、期限、状态、完成日期、备注），按单位分组。

    默认为到今天为止的全部期限；--after、--before 指定范围。导出为表格：gpstd export xlsx --ledger。
    """
    from gpstd import dates, query

    view = _View(file, progress_file, today, color, pager, limit)
    filters = query.Filters(unit, section)
    first, last = dates.window(after, before, ("--after", "--before"), view.today)
    obligations = query.ledger_rows(view.ledger, filters, first, last or view.today)
    shown = view.cut(obligations)
    if as_json:
        from gpstd.render.records import obligation
        from gpstd.units import ids

        number = ids(view.register)
        view.json([obligation(view.register, ob, view.today, number) for ob in shown])
    elif not obligations:
        view.show(_empty())
    else:
        from gpstd.render.tables import ledger as table

        view.show(table(view.register, shown, view.screen()), len(obligations) - len(shown))


def _task_rows(view: _View, tasks: list[Any], as_json: bool) -> None:
    from gpstd import query

    rows = query.task_rows(view.ledger, view.cut(tasks), view.today)
    if as_json:
        from gpstd.render.records import task

        view.json([task(r.task, r) for r in rows])
    elif not rows:
        view.show(_empty(tasks=True))
    else:
        from gpstd.render.tables import tasks as table

        view.show(table(view.register, rows, view.screen()), len(tasks) - len(rows))


@app.command("list", epilog="示例：gpstd list --section 七 --json")
def list_tasks(
    unit: UnitOpt = None,
    section: SectionOpt = None,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    limit: LimitOpt = None,
) -> None:
    """列出全部任务：原文五栏和下一期限（最早的逾期未完成期限，没有则为今天起第一个未完成的期限）。"""
    from gpstd import query

    view = _View(file, progress_file, today, color, pager, limit)
    _task_rows(view, query.select_tasks(view.ledger, query.Filters(unit, section)), as_json)


@app.command(epilog="示例：gpstd section 七")
def section(
    name: Annotated[
        str,
        typer.Argument(
            metavar="项目",
            help="方案项目编号：七、7 或 （七）。",
            show_default=False,
            autocompletion=completion.sections,
        ),
    ],
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    limit: LimitOpt = None,
) -> None:
    """某个方案项目下的全部任务。没有的编号（包括方案跳过的，如番禺登记册的（五））退出码 1 并说明。"""
    from gpstd import query

    view = _View(file, progress_file, today, color, pager, limit)
    _task_rows(view, query.select_tasks(view.ledger, query.Filters(section=name)), as_json)


@app.command(epilog="示例：gpstd unit 司法局")
def unit(
    name: Annotated[
        str,
        typer.Argument(
            metavar="单位",
            autocompletion=completion.units,
            help="单位全称、别名或唯一的简称，如 区司法局、司法局、市桥街。",
            show_default=False,
        ),
    ],
    direct: DirectOpt = False,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
    limit: LimitOpt = None,
) -> None:
    """某个单位承担的任务和它自己的下一期限（最早的逾期未完成期限优先，标红并写逾期天数）。

    包括经集合称谓（区各有关部门、各镇（街）…）落到它的任务；它是报送对象的事项不算它的。
    """
    from gpstd import query

    view = _View(file, progress_file, today, color, pager, limit)
    entry = query.resolve_unit(view.register, name)
    tasks = query.select_tasks(view.ledger, query.Filters(entry.name, direct=direct))
    rows = query.task_rows(view.ledger, view.cut(tasks), view.today, entry.name)
    if as_json:
        from gpstd.render.records import task

        view.json(
            [
                {
                    **task(r.task, r),
                    "unit": entry.name,
                    "role": r.owner.role if r.owner else None,
                    "via": r.owner.via if r.owner else None,
                }
                for r in rows
            ]
        )
    elif not rows:
        view.show(_empty(tasks=True))
    else:
        from gpstd.render.tables import unit_tasks

        view.show(unit_tasks(view.register, entry, rows, view.screen()), len(tasks) - len(rows))


@app.command(epilog="示例：gpstd show 13")
def show(
    task_id: Annotated[
        int,
        typer.Argument(
            metavar="编号", help="任务编号（序号）。", show_default=False, autocompletion=completion.task_ids
        ),
    ],
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
) -> None:
    """一项任务的全部内容：原文五栏、时间安排的解读（推定的日期注明），最近 5 个过去的期限和接下来 5 个期限及完成情况。"""
    from gpstd import query, register

    view = _View(file, progress_file, today, color, pager)
    task = register.get_task(view.register, task_id)
    past = view.ledger.deadlines(None, view.today - dt.timedelta(days=1), [task])[-5:]
    rows = query.rows(view.ledger, [*past, *query.upcoming(view.ledger, task, view.today)], view.today)
    row = query.task_rows(view.ledger, [task], view.today)[0]
    if as_json:
        from gpstd.render.records import deadlines
        from gpstd.render.records import task as task_record

        record = task_record(task, row)
        record["past"] = [r.due.isoformat() for r in rows[: len(past)]]
        record["upcoming"] = [r.due.isoformat() for r in rows[len(past) :]]
        record["done"] = [r.due.isoformat() for r in rows if r.state.done]
        record["evidence"] = [
            {"due": r.due.isoformat(), "unit": r.unit, "evidence": list(r.evidence)}
            for r in view.ledger.records
            if r.task == task.id and r.evidence
        ]
        record["deadlines"] = deadlines(view.register, rows)
        view.json([record])
    else:
        from gpstd.obligations.owners import ROLE_NAMES
        from gpstd.progress.evidence import listed
        from gpstd.render.tables import show as table

        owners = [
            (o.unit, ROLE_NAMES[o.role] + (f"，经「{o.via}」" if o.via else ""))
            for o in view.ledger.owners.of_task(task)
        ]
        dues = {r.due for r in rows}
        proofs = listed(r for r in view.ledger.records if r.task == task.id and r.due in dues)
        view.show(table(view.register, task, rows, view.screen(), owners, proofs))


@app.command("units", epilog="示例：gpstd units --json")
def units_cmd(
    file: FileOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
) -> None:
    """全部单位和集合称谓，及各自直接承担、经集合称谓（如 各镇（街））承担的任务数。"""
    from gpstd import query, units
    from gpstd.model import Group

    view = _View(file, None, today, color, pager)
    register = view.register
    counts, via = query.unit_counts(view.ledger)
    if as_json:
        number = units.ids(register)
        view.json(
            [
                {
                    "id": number[e.name],
                    "name": e.name,
                    "kind": "集合称谓" if isinstance(e, Group) else e.kind,
                    "aliases": e.aliases,
                    "group": isinstance(e, Group),
                    "tasks": counts.get(e.name, 0),
                    "via_groups": via.get(e.name, 0),
                    "members": [u.name for u in units.members(register, e)] if isinstance(e, Group) else [],
                }
                for e in register.entries()
            ]
        )
    else:
        from gpstd.render.tables import units_table

        view.show(units_table(register, counts, via, view.screen()))


@app.command("sections", epilog="示例：gpstd sections")
def sections_cmd(
    file: FileOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
) -> None:
    """方案项目列表，以及每项下的任务数。"""
    from gpstd import query

    view = _View(file, None, today, color, pager)
    rows = query.sections(view.register)
    if as_json:
        view.json([{"id": i, "section": s, "tasks": n} for i, (s, n) in enumerate(rows, start=1)])
    else:
        from gpstd.render.tables import sections_table

        view.show(sections_table(rows, view.screen()))


@app.command(epilog="示例：gpstd timeline --from 2020-08-01 --to 2021-07-31")
def timeline(
    start: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="日期", show_default=False, help="起始月份所在日期；默认为今天所在月。"
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="日期",
            show_default=False,
            help="结束日期；默认为起始后 12 个月（最多 60 个月）。",
        ),
    ] = None,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
    color: ColorOpt = "auto",
    pager: PagerOpt = True,
) -> None:
    """按月显示各任务的期限次数，一眼看出全年的工作量；某月的期限都已登记完成时标 ✓。"""
    from gpstd import dates, query

    view = _View(file, progress_file, today, color, pager)
    first, last = dates.window(start, end, today=view.today)
    plan = query.timeline(view.ledger, query.Filters(unit, section), first or view.today, last, view.today)
    if as_json:
        view.json(
            [
                {"id": tid, "month": f"{y}-{m:02d}", "count": n, "done": d}
                for tid, row in sorted(plan.counts.items())
                for (y, m), n, d in zip(plan.months, row, plan.done[tid])
                if n
            ]
        )
    elif not plan.found:
        view.show(_empty())
    else:
        from gpstd.render.tables import timeline as table

        view.show(table(plan, view.screen()))
