"""Finding, reading and validating a register file: every problem at once, positioned.

`inspect()` is what `gpstd check` runs; `load()` is what every other command uses, served
from the cache (`gpstd.register.cache`) when these exact bytes were validated before.
"""

from __future__ import annotations

import gc
import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from gpstd.errors import NotFound, Problem, RegisterInvalid
from gpstd.model import Register, Task

ENV_FILE = "GPSTD_FILE"


def bundled_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "tasks.yaml"


def find(file: str | None = None) -> Path:
    """The register to use: --file, then $GPSTD_FILE, ./data/tasks.yaml, the bundled copy."""
    if file is not None:
        if not file.strip():
            raise NotFound("--file 为空：请写登记册文件的路径")
        return Path(file)
    if os.environ.get(ENV_FILE):
        return Path(os.environ[ENV_FILE])
    local = Path("data/tasks.yaml")
    if local.is_file():
        return local
    bundled = bundled_path()
    if bundled.is_file():
        return bundled
    raise NotFound("找不到登记册：请用 --file 指定，或设置环境变量 GPSTD_FILE")


@contextmanager
def _no_gc() -> Iterator[None]:
    """Validation builds many small objects and no cycles: the cyclic GC only costs time here."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def inspect(
    path: str, raw: bytes | None = None, *, warnings: bool = True
) -> tuple[Register | None, list[Problem]]:
    """Read and validate the file; the register (None if unusable) and all problems.

    `warnings=False` skips the checks that can only warn or inform: for commands that need the
    register, not the advice.
    """
    from gpstd.register import reader

    with _no_gc():
        try:
            doc = reader.read(path, raw)
        except RegisterInvalid as exc:
            return None, exc.problems
        return _validate(doc, warnings)


def validate(doc: Any, warnings: bool = True) -> tuple[Register | None, list[Problem]]:
    """`inspect` for a document already read (`gpstd diff` reads the newer one for its positions too)."""
    with _no_gc():
        return _validate(doc, warnings)


def _validate(doc: Any, warnings: bool = True) -> tuple[Register | None, list[Problem]]:
    from gpstd.errors import format_path
    from gpstd.register import checks, schema
    from gpstd.register.yaml import MAX_PROBLEMS

    if doc.data is None:
        return None, [Problem(doc.path, 1, 1, "", "文件为空：登记册至少需要 meta、units、groups、tasks")]
    if not isinstance(doc.data, dict):
        kind = "列表" if isinstance(doc.data, list) else "单个值"
        return None, [Problem(doc.path, 1, 1, "", f"顶层应为映射（meta: …、tasks: …），实际为{kind}")]
    raw_tasks = doc.data.get("tasks", [])
    # Tasks are validated apart from the rest, so that one bad task does not hide the others.
    shell_data = {**doc.data, "tasks": []} if "tasks" in doc.data else doc.data
    shell, problems = schema.validate(doc, Register, shell_data)
    if not isinstance(raw_tasks, list):
        line, col = doc.position(("tasks",))
        problems.append(Problem(doc.path, line, col, "tasks", "应为列表（每个任务以“- ”开头）"))
        raw_tasks = []
    tasks, locs, complete = _tasks(doc, raw_tasks, problems)
    shell = shell if complete else None  # too broken to cross-check
    ids = [(i, raw.get("id")) for i, raw in enumerate(raw_tasks) if isinstance(raw, dict)]
    findings = list(itertools.islice(checks.duplicate_ids(ids), MAX_PROBLEMS))
    if shell is not None:
        findings += checks.run(replace(shell, tasks=tasks), locs, warnings=warnings)
    if not warnings:  # what only warns or informs is not shown: no positions for it (composing
        # the node tree to place the notes of a city's overrides takes longer than the read)
        findings = [f for f in findings if f[2] == "error"]
    for loc, message, severity in findings:
        line, col = doc.position(loc)
        problems.append(Problem(doc.path, line, col, format_path(loc), message, severity))
    problems.sort(key=lambda p: (p.line, p.col))
    if shell is None or any(p.severity == "error" for p in problems):
        return None, problems
    return replace(shell, tasks=tasks), problems


def _tasks(doc: Any, raw_tasks: list[Any], problems: list[Problem]) -> tuple[list[Task], list[int], bool]:
    """The valid tasks and their indices in the file; their problems are added to `problems`.
    All at once where every task is valid (a tenth of the time of one call per task); else one
    by one, for positions. False if it stopped at MAX_PROBLEMS."""
    from gpstd.register import schema
    from gpstd.register.yaml import MAX_PROBLEMS

    together = schema.validate_all(Task, raw_tasks)
    if together is not None:
        return together, list(range(len(together))), True
    tasks: list[Task] = []
    locs: list[int] = []
    for index, raw in enumerate(raw_tasks):
        if len(problems) >= MAX_PROBLEMS:
            line, col = doc.position(("tasks", index))
            problems.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    f"tasks[{index}]",
                    (f"问题过多（已超过 {MAX_PROBLEMS} 个），此后的 {len(raw_tasks) - index} 个任务未检查"),
                )
            )
            return tasks, locs, False
        task, task_problems = schema.validate(doc, Task, raw, ("tasks", index))
        problems += task_problems
        if task is not None:
            tasks.append(task)
            locs.append(index)
    return tasks, locs, True


def load(file: str | None = None) -> Register:
    """The register for a command; RegisterInvalid if it has errors."""
    from gpstd.register import cache, reader

    path = str(find(file))
    raw = reader.read_bytes(path)
    key = cache.digest(raw)
    cached = cache.get(key)
    if cached is not None:
        return cached
    with _no_gc():
        doc = reader.read(path, raw)
    del raw  # decoded: a province's bytes need not outlive the reading (a tenth of the peak)
    register, problems = validate(doc, warnings=False)
    if register is None:
        raise RegisterInvalid(problems)
    del doc  # its plain data too, before the cache entry is encoded beside the register
    cache.put(key, register)
    return register


def get_task(register: Register, task_id: int) -> Task:
    """The task with this id; NotFound naming the ids the register has."""
    task = register.task(task_id)
    if task is None:
        ids = [t.id for t in register.tasks]
        span = f"{min(ids)}–{max(ids)}" if ids else "无"
        raise NotFound(f"没有编号为 {task_id} 的任务（本登记册的编号：{span}）")
    return task
