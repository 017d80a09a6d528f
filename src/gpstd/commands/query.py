"""The everyday read-only commands: due, agenda, overdue, unit, section, show, list, units, sections, timeline.

Each maps its options to one query of `gpstd.query` and hands the answer to a renderer:
`--json` to `gpstd.render.records` (which never imports rich), otherwise `gpstd.render.tables`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from gpstd.commands import app
from gpstd.commands.options import (
    AfterOpt,
    BeforeOpt,
    DirectOpt,
    FileOpt,
    JsonOpt,
    ProgressOpt,
    SectionOpt,
    TodayOpt,
    UnitOpt,
)


def _print_json(rows: list[dict[str, Any]]) -> None:
    from gpstd.render import jsontext  # json.dumps(indent=2)'s text, without its pure-Python encoder

    jsontext.echo(rows)


def _print(renderable: Any) -> None:
    from gpstd.render.console import console

    console().print(renderable)


def _empty(hint: str | None = None) -> None:
    from gpstd.render.tables import EMPTY

    typer.echo(EMPTY if hint is None else f"{EMPTY}\n{hint}")


def _occurrences_out(
    register: Any,
    found: list[Any],
    today: dt.date,
    as_json: bool,
    done: frozenset[tuple[int, dt.date, int]] = frozenset(),
    via: dict[int, str | None] | None = None,
) -> None:
    """`via`: task id → the collective term it reaches the --unit through, labelled when given."""
    from gpstd.query import status

    if as_json:
        from gpstd.render import jsontext
        from gpstd.render.records import occurrences

        jsontext.echo(*occurrences(register, found, today, status, done, via))
    elif not found:
        _empty()
    else:
        from gpstd.render import tables

        _print(tables.occurrences(register, found, today, done, via))


def _done(
    register: Any, file: str | None, progress_file: str | None, found: list[Any], unit: str | None = None
) -> frozenset[tuple[int, dt.date, int]]:
    tracker = _tracker(register, file, progress_file)
    return frozenset() if tracker is None else tracker.completed(found, unit)


def _tracker(register: Any, file: str | None, progress_file: str | None, warn: bool = False) -> Any:
    """`gpstd.progress.tracker`; `warn`: report records that count for nothing or twice, on
    stderr, as `gpstd check` would."""
    from gpstd.progress.tracker import tracker

    found = tracker(register, file, progress_file)
    if warn and found is not None and found.source is not None:
        from gpstd.progress import problems

        for problem in problems(register, found.source):
            typer.echo(problem.format(), err=True)
    return found


def _load(file: str | None, today: str | None) -> tuple[Any, dt.date]:
    from gpstd import dates, register

    when = dates.today(today)
    return register.load(file), when


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
) -> None:
    """列出某段时间内到期的事项（含周期性事项），按日期排序、按月分组。

    只给 --before 时列出该日之前的全部期限；都不给时列出今天起 30 天内的期限。
    """
    from gpstd import dates, query

    register, when = _load(file, today)
    filters = query.Filters(unit, section, direct)
    found = query.due(register, filters, *dates.window(after, before, ("--after", "--before")), when)
    done = _done(register, file, progress_file, found, unit)
    _occurrences_out(
        register, found, when, as_json, done, query.routes(register, filters) if unit is not None else None
    )


@app.command(epilog="示例：gpstd agenda --days 14 --today 2020-11-20")
def agenda(
    days: Annotated[
        int, typer.Option("--days", "-d", min=0, max=3660, metavar="DAYS", help="向后看多少天。")
    ] = 30,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """从今天起接下来要完成的事项。"""
    from gpstd import query

    register, when = _load(file, today)
    found = query.agenda(register, query.Filters(unit, section), when, days)
    _occurrences_out(register, _pending(_tracker(register, file, progress_file), found, unit), when, as_json)


@app.command(epilog="示例：gpstd overdue --today 2020-12-01")
def overdue(
    unit: UnitOpt = None,
    section: SectionOpt = None,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """已过期限（今天之前到期）而尚未登记完成的事项。"""
    from gpstd import query

    register, when = _load(file, today)
    found = query.overdue(register, query.Filters(unit, section), when)
    tracker = _tracker(register, file, progress_file, warn=True)
    _occurrences_out(register, _pending(tracker, found, unit), when, as_json)


def _pending(tracker: Any, found: list[Any], unit: str | None) -> list[Any]:
    return found if tracker is None else tracker.pending(found, unit)


def _next_rows(
    register: Any, tasks: list[Any], when: dt.date, tracker: Any, unit: str | None = None
) -> list[tuple[Any, Any]]:
    """Each task's next deadline not done (by `unit`'s part, when given)."""
    from gpstd.query import next_open

    is_done = None if tracker is None else (lambda occ: tracker.is_done(occ, unit))
    return [next_open(register, t, when, is_done) for t in tasks]


def _task_rows(
    register: Any, tasks: list[Any], when: dt.date, as_json: bool, tracker: Any, empty_hint: str | None = None
) -> None:
    rows = list(zip(tasks, _next_rows(register, tasks, when, tracker)))
    if as_json:
        from gpstd.render.records import task

        _print_json([task(t, n) for t, (n, _skipped) in rows])
    elif not rows:
        _empty(empty_hint)
    else:
        from gpstd.render import tables

        _print(tables.tasks(register, rows, when))


@app.command("list", epilog="示例：gpstd list --section 七 --json")
def list_tasks(
    unit: UnitOpt = None,
    section: SectionOpt = None,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """列出全部任务（原文五栏和下一期限：今天起第一个尚未登记完成的期限）。"""
    from gpstd import query

    register, when = _load(file, today)
    _task_rows(
        register,
        query.select_tasks(register, query.Filters(unit, section)),
        when,
        as_json,
        _tracker(register, file, progress_file),
    )


@app.command(epilog="示例：gpstd section 七")
def section(
    name: Annotated[str, typer.Argument(help="方案项目编号：七、7 或 （七）。", show_default=False)],
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """某个方案项目下的全部任务。"""
    from gpstd import query

    register, when = _load(file, today)
    hint = f"本登记册的方案项目：{'、'.join(register.meta.sections)}"  # a section the plan skips has none
    _task_rows(
        register,
        query.select_tasks(register, query.Filters(section=name)),
        when,
        as_json,
        _tracker(register, file, progress_file),
        hint,
    )


@app.command(epilog="示例：gpstd unit 司法局")
def unit(
    name: Annotated[
        str,
        typer.Argument(help="单位全称、别名或唯一的简称，如 区司法局、司法局、市桥街。", show_default=False),
    ],
    direct: DirectOpt = False,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """某个单位的任务和下一期限（该单位尚未登记完成的第一个期限），包括经集合称谓（区各有关部门、各镇（街）…）落到它的任务。"""
    from gpstd import units

    register, when = _load(file, today)
    entry = units.resolve(register, name)
    found = units.assignments(register, entry, direct)
    tracker = _tracker(register, file, progress_file)
    rows = list(zip(found, _next_rows(register, [a.task for a in found], when, tracker, entry.name)))
    if as_json:
        from gpstd.render.records import task

        _print_json(
            [
                {**task(a.task, n), "unit": entry.name, "role": a.role, "via": a.via}
                for a, (n, _skipped) in rows
            ]
        )
    elif not rows:
        _empty()
    else:
        from gpstd.render import tables

        _print(tables.unit(register, entry, rows, when))


@app.command(epilog="示例：gpstd show 13")
def show(
    task_id: Annotated[int, typer.Argument(metavar="ID", help="任务编号（序号）。", show_default=False)],
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """一项任务的全部内容：原文五栏、解读出的时间安排、最近 5 个过去的期限和接下来的 5 个期限（及其完成情况）。"""
    from gpstd import query
    from gpstd.schedule import occurrences

    register, when = _load(file, today)
    task = query.get_task(register, task_id)
    past = occurrences.expand(register, None, when - dt.timedelta(days=1), [task])[-5:]
    upcoming = query.upcoming(register, task, when)
    tracker = _tracker(register, file, progress_file)
    shown = [*past, *upcoming]
    done = tracker.completed(shown) if tracker else frozenset()
    if as_json:
        from gpstd.render.records import task as task_record

        record = task_record(task, _next_rows(register, [task], when, tracker)[0][0])
        record["past"] = [o.due.isoformat() for o in past]
        record["upcoming"] = [o.due.isoformat() for o in upcoming]
        record["done"] = [o.due.isoformat() for o in shown if (o.task_id, o.due, o.item) in done]
        _print_json([record])
    else:
        from gpstd.render import tables

        _print(tables.show(register, task, past, upcoming, when, done))


@app.command("units", epilog="示例：gpstd units --json")
def units_cmd(file: FileOpt = None, today: TodayOpt = None, as_json: JsonOpt = False) -> None:
    """全部单位和集合称谓，以及各自直接承担、经集合称谓（如 各镇（街））承担的任务数。"""
    from gpstd import units

    register, _when = _load(file, today)  # --today as on every command; the list does not depend on it
    counts, via = units.task_counts(register), units.via_group_counts(register)
    if as_json:
        number = units.ids(register)
        rows = [
            {
                "id": number[e.name],
                "name": e.name,
                "kind": getattr(e, "kind", "集合称谓"),
                "aliases": e.aliases,
                "group": not hasattr(e, "kind"),
                "tasks": counts.get(e.name, 0),
                "via_groups": via.get(e.name, 0),
                "members": [u.name for u in units.members(register, e)] if not hasattr(e, "kind") else [],
            }
            for e in [*register.units, *register.groups]
        ]
        _print_json(rows)
    else:
        from gpstd.render import tables

        _print(tables.units_table(register, counts, via))


@app.command("sections", epilog="示例：gpstd sections")
def sections_cmd(file: FileOpt = None, today: TodayOpt = None, as_json: JsonOpt = False) -> None:
    """方案项目列表，以及每项下的任务数。"""
    from gpstd import query

    register, _when = _load(file, today)
    rows = query.sections(register)
    if as_json:
        _print_json([{"id": i, "section": s, "tasks": n} for i, (s, n) in enumerate(rows, start=1)])
    else:
        from gpstd.render import tables

        _print(tables.sections_table(rows))


@app.command(epilog="示例：gpstd timeline --from 2020-08-01 --to 2021-07-31")
def timeline(
    start: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="DATE", help="起始月份所在日期；默认为今天所在月。", show_default=False
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", metavar="DATE", help="结束日期；默认为起始后 12 个月。", show_default=False),
    ] = None,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    file: FileOpt = None,
    progress_file: ProgressOpt = None,
    today: TodayOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """按月显示各任务的期限分布，一眼看出全年的工作量；某月的期限都已登记完成时标 ✓。"""
    from gpstd import dates, query

    register, when = _load(file, today)
    first, last = dates.window(start, end)
    plan = query.timeline(register, query.Filters(unit, section), first or when, last)
    done = _done(register, file, progress_file, plan.found, unit)
    if as_json:
        finished = query.done_counts(plan, done)
        _print_json(
            [
                {"id": tid, "month": f"{y}-{m:02d}", "count": n, "done": d}
                for tid, row in sorted(plan.counts.items())
                for (y, m), n, d in zip(plan.months, row, finished.get(tid, [0] * len(row)))
                if n
            ]
        )
    elif not plan.found:
        _empty()
    else:
        from gpstd.render import tables

        _print(tables.timeline(plan, done))
