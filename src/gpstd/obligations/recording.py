"""Records checked against the ledger: what `gpstd done` may write, and which records of a
hand-edited progress file count for nothing or twice (`gpstd check` reports them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from gpstd.errors import BadRecord, GpstdError, Problem, ProgressInvalid
from gpstd.model import Register, Task
from gpstd.obligations.ledger import Ledger
from gpstd.obligations.owners import Owner
from gpstd.progress.file import Progress, load
from gpstd.progress.record import Record
from gpstd.schedule.occurrences import Occurrence, expand

# A done date more than a year before the register starts is a typo (1900-01-01, 2002 for 2020).
EARLIEST_DONE = dt.timedelta(days=366)


def deadline(ledger: Ledger, task_id: int, due: dt.date) -> Occurrence:
    """Task `task_id`'s deadline on `due`; NotFound / BadRecord naming the dates it has."""
    from gpstd.register import get_task

    register = ledger.register
    task = get_task(register, task_id)
    found = expand(register, due, due, [task])
    if found:
        return found[0]
    near = expand(register, due - dt.timedelta(days=800), due + dt.timedelta(days=800), [task])
    near.sort(key=lambda o: abs((o.due - due).days))
    if not near:
        raise BadRecord(_no_deadline_near(task, due))
    listed = "、".join(sorted({o.due.isoformat() for o in near[:4]}))
    raise BadRecord(f"任务 {task_id} 在 {due} 没有到期事项；相近的到期日：{listed}")


def _no_deadline_near(task: Task, due: dt.date) -> str:
    """Why a task has no deadline within two years of `due`: it names no time at all, only work
    without dates (长期、不定期), or dates further away."""
    if not task.schedule:
        return f"任务 {task.id} 没有登记任何时间安排（schedule 为空），无法按到期日登记"
    if all(item.kind in ("ongoing", "irregular") for item in task.schedule):
        return f"任务 {task.id} 没有具体的到期日（持续开展或不定期的工作），无法按到期日登记"
    return f"任务 {task.id} 在 {due} 前后两年内没有到期事项；请用 gpstd show {task.id} 查看它的期限"


def owing_unit(ledger: Ledger, occ: Occurrence, name: str) -> str:
    """The declared name of `name` if it (or one of its members) owes a part of the deadline."""
    from gpstd.units import resolve

    entry = resolve(ledger.register, name)
    owners = [o.unit for o in _owners_on(ledger, occ)]
    if ledger.owners.wanted(entry.name) & set(owners):
        return entry.name
    listed = "、".join(owners) if len(owners) <= 8 else "、".join(owners[:8]) + f" 等 {len(owners)} 个单位"
    raise BadRecord(
        f"「{entry.name}」不是任务 {occ.task_id}（{occ.due} 到期）的责任单位（责任单位：{listed}）"
    )


def _owners_on(ledger: Ledger, occ: Occurrence) -> list[Owner]:
    """Every owner of the task's items due that day (a task may have two items due together)."""
    task = ledger.register.task(occ.task_id)
    if task is None:
        return []
    seen: dict[str, Owner] = {}
    for other in expand(ledger.register, occ.due, occ.due, [task]):
        for owner in ledger.owners.of(task, other.item):
            seen.setdefault(owner.unit, owner)
    return list(seen.values())


def check_done_day(register: Register, done_day: dt.date, today: dt.date) -> None:
    """BadRecord for a completion date in the future or long before the register starts."""
    if done_day > today:
        raise BadRecord(f"完成日期 {done_day} 晚于今天（{today}）")
    if done_day < register.meta.start - EARLIEST_DONE:
        raise BadRecord(
            f"完成日期 {done_day} 早于登记册起始日期（{register.meta.start}）一年以上，请检查 --on"
        )


def covering(
    ledger: Ledger, record: Record, records: list[Record], *, any_day: bool = False
) -> Record | None:
    """Another of `records` for the same deadline that already counts every unit of `record` done:
    one for all units, one for a term holding it, or an earlier equal one — done no later than
    `record` (a unit's own earlier date is what counts for it, `Ledger.record`), or on any day
    with `any_day` (whether the part is still done once `record` is gone)."""
    mine = ledger.owners.wanted(record.unit) if record.unit else None
    earlier = True
    for other in records:
        if other is record:
            earlier = False
            continue
        if (other.task, other.due) != (record.task, record.due):
            continue
        if not any_day and other.done > record.done:
            continue  # `record` says its units finished earlier: it is what counts for them
        first = earlier or other.done < record.done  # of two alike, the one that counts
        theirs = ledger.owners.wanted(other.unit) if other.unit else None
        if theirs is None and (mine is not None or first):
            return other
        if mine is not None and theirs is not None and mine <= theirs and (mine != theirs or first):
            return other
    return None


def refuse_covered(ledger: Ledger, progress: Progress, record: Record) -> None:
    """BadRecord if another record already counts `record`'s part done: a second one would count
    for nothing (`gpstd done --force` writes it anyway)."""
    other = covering(ledger, record, [*progress.records, record])
    if other is not None:
        raise BadRecord(
            f"{describe(other)}已登记该事项的这一部分，这条记录是重复的，未写入；"
            "确需另记一条（如不同的完成日期）请加 --force"
        )


def describe(record: Record) -> str:
    """A record as messages name it: 第 19 行的记录（「市桥街道」，2020-08-30 完成）."""
    where = f"第 {record.line} 行的" if record.line else "另一条"
    who = f"「{record.unit}」" if record.unit else "全部责任单位"
    return f"{where}记录（{who}，{record.done} 完成）"


def problems(register: Register, records: list[Record], path: str) -> list[Problem]:
    """Warnings about hand-written records of the file at `path`: those that match no deadline or
    owner of the register (they count for nothing), and those another record already covers."""
    ledger = Ledger(register, records)
    found = []
    for index, r in enumerate(records):
        try:
            occ = deadline(ledger, r.task, r.due)
            if r.unit is not None:
                owing_unit(ledger, occ, r.unit)
            other = covering(ledger, r, records)
            message = f"与{describe(other)}重复：该事项的这一部分已由那条记录登记完成" if other else None
        except GpstdError as exc:
            message = f"该记录不起作用：{exc.message}"
        if message is None and r.done < register.meta.start - EARLIEST_DONE:
            # `gpstd done --on` refuses this date: a hand-written one is a typo to look at
            message = f"完成日期 {r.done} 早于登记册起始日期（{register.meta.start}）一年以上，请核对"
        if message:
            found.append(Problem(path, r.line or 0, 1, f"records[{index}]", message, "warning"))
        found += _evidence_problems(r, index, path)
    return found


def _evidence_problems(record: Record, index: int, path: str) -> list[Problem]:
    """Evidence of a malformed address, or naming a file the repository does not have."""
    if not record.evidence:
        return []
    from gpstd.progress import evidence

    root = evidence.repository_root(Path(path).parent)
    out = []
    for n, text in enumerate(record.evidence):
        message = evidence.problem(text, root)
        if message:
            where = f"records[{index}].evidence" + (f"[{n}]" if len(record.evidence) > 1 else "")
            out.append(Problem(path, record.line or 0, 1, where, message, "warning"))
    return out


def is_progress_file(path: str | Path) -> bool:
    """Whether `path` is a progress file rather than a register: a regular file with a top-level
    `records:` key (a register has `tasks:`)."""
    import re

    try:
        if not Path(path).is_file() or Path(path).stat().st_size > 64 * 1048576:
            return False
        text = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    return re.search(r"^records\s*:", text, re.M) is not None and re.search(r"^tasks\s*:", text, re.M) is None


def register_for(path: str | Path) -> str | None:
    """The register a progress file is checked against: tasks.yaml beside it, else None (the
    default register)."""
    beside = Path(path).parent / "tasks.yaml"
    return str(beside) if beside.is_file() else None


def inspect_file(path: str | Path) -> list[Problem]:
    """Every problem of a progress file, checked against the register that goes with it; a register
    that cannot be read is one problem of the progress file, so that checking several files still
    reports every one."""
    from gpstd import register as register_mod
    from gpstd.errors import RegisterInvalid

    source = register_for(path)
    try:
        reg = register_mod.load(source)
    except GpstdError as exc:
        errors = (
            [p for p in exc.problems if p.severity == "error"] if isinstance(exc, RegisterInvalid) else []
        )
        first = errors[0].format() if errors else exc.message.splitlines()[0]
        more = f"（另有 {len(errors) - 1} 个问题）" if len(errors) > 1 else ""
        return [
            Problem(str(path), 0, 1, "", f"对照的登记册 {source or '默认登记册'} 无法读取：{first}{more}")
        ]
    try:
        found = problems(reg, load(path).records, str(path))
    except ProgressInvalid as exc:
        found = exc.problems
    return [replace(p, file=str(path)) for p in found]  # named as the user typed it (./p4.yaml)
