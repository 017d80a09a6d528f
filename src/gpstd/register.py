"""Finding, reading and validating a register file: every problem at once, positioned.

`inspect()` is what `gpstd check` runs; `load()` is what every other command uses,
served from the content-keyed cache when the file has been validated before.
"""

from __future__ import annotations

import gc
import itertools
import os
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator

from gpstd.errors import NotFound, Problem, RegisterInvalid
from gpstd.model import Register

ENV_FILE = "GPSTD_FILE"


def bundled_path() -> Path:
    return Path(__file__).parent / "data" / "tasks.yaml"


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
    """Loading builds many small objects and no cycles: the cyclic GC only costs time here."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def inspect(path: str, raw: bytes | None = None, *, warnings: bool = True,
            quick: bool = False) -> tuple[Register | None, list[Problem]]:
    """Read and validate the file; the register (None if unusable) and all problems.

    `warnings=False` skips the checks that can only warn (reading every dated phrase is
    most of the cross-checks' time): for commands that need the register, not the advice.
    `quick` reads without node positions where it can (`yamlfile.read`): problems then have
    no line, so a caller must read again without it to report them.
    """
    from gpstd import yamlfile

    with _no_gc():
        try:
            doc = yamlfile.read(path, raw, quick=quick)
        except yamlfile.YamlRefused as exc:
            return None, exc.problems
        return _validate(doc, warnings)


def _validate(doc: Any, warnings: bool = True) -> tuple[Register | None, list[Problem]]:
    from gpstd import checks, schema, yamlfile
    from gpstd.model import Register as RegisterCls

    if doc.data is None:
        return None, [Problem(doc.path, 1, 1, "", "文件为空：登记册至少需要 meta、units、groups、tasks")]
    if not isinstance(doc.data, dict):
        kind = "列表" if isinstance(doc.data, list) else "单个值"
        return None, [Problem(doc.path, 1, 1, "", f"顶层应为映射（meta: …、tasks: …），实际为{kind}")]
    raw_tasks = doc.data.get("tasks", [])
    # Tasks are validated apart from the rest (_all_tasks, _each_task).
    shell_data = {**doc.data, "tasks": []} if "tasks" in doc.data else doc.data
    shell, problems = schema.validate(doc, RegisterCls, shell_data)
    if not isinstance(raw_tasks, list):
        line, col = doc.position(("tasks",))
        problems.append(Problem(doc.path, line, col, "tasks", "应为列表（每个任务以“- ”开头）"))
        raw_tasks = []
    tasks, locs = _all_tasks(raw_tasks)
    if tasks is None:
        tasks, locs, complete = _each_task(doc, raw_tasks, problems)
        shell = shell if complete else None  # too broken to cross-check
    ids = [(i, raw.get("id")) for i, raw in enumerate(raw_tasks) if isinstance(raw, dict)]
    findings = list(itertools.islice(checks.duplicate_ids(ids), yamlfile.MAX_PROBLEMS))
    if shell is not None:
        findings += checks.run(replace(shell, tasks=tasks), locs, warnings=warnings)
    for loc, message, severity in findings:
        line, col = doc.position(loc)
        problems.append(Problem(doc.path, line, col, schema.format_path(loc), message, severity))
    problems.sort(key=lambda p: (p.line, p.col))
    if shell is None or any(p.severity == "error" for p in problems):
        return None, problems
    return replace(shell, tasks=tasks), problems


def _each_task(doc: Any, raw_tasks: list[Any], problems: list[Problem]) -> tuple[list[Any], list[int], bool]:
    """Tasks validated one by one, so that one bad task does not hide the others; their
    problems are added to `problems`. False if it stopped at MAX_PROBLEMS."""
    from gpstd import schema, yamlfile
    from gpstd.model import Task

    tasks, locs = [], []
    for index, raw in enumerate(raw_tasks):
        if len(problems) >= yamlfile.MAX_PROBLEMS:
            line, col = doc.position(("tasks", index))
            problems.append(Problem(doc.path, line, col, f"tasks[{index}]", (
                f"问题过多（已超过 {yamlfile.MAX_PROBLEMS} 个），此后的 {len(raw_tasks) - index} 个任务未检查")))
            return tasks, locs, False
        task, task_problems = schema.validate(doc, Task, raw, ("tasks", index))
        problems += task_problems
        if task is not None:
            tasks.append(task)
            locs.append(index)
    return tasks, locs, True


def _all_tasks(raw_tasks: list[Any]) -> tuple[list[Any] | None, list[int]]:
    """Every task validated in one pydantic call (a tenth of the time of one call per task),
    or (None, []) if any is invalid: then they are validated one by one, for positions."""
    from pydantic import ValidationError

    from gpstd import schema
    from gpstd.model import Task

    try:
        tasks = schema._adapter(list[Task]).validate_python(raw_tasks)
    except ValidationError:
        return None, []
    return tasks, list(range(len(tasks)))


def load(file: str | None = None) -> Register:
    """The register for a read-only command; raise RegisterInvalid if it has errors."""
    from gpstd import cache

    from gpstd.yamlfile import YamlRefused, read_bytes

    path = find(file)
    try:
        raw = read_bytes(str(path))
    except YamlRefused as exc:
        raise RegisterInvalid(exc.problems) from None
    cached = cache.get(raw)
    if cached is not None:
        return cached
    # One GC-free stretch until the cache has frozen the new objects: re-enabling the GC
    # in between costs a full collection of ~10^6 objects (0.4 s at 10,000 tasks).
    with _no_gc():
        register, problems = inspect(str(path), raw, warnings=False, quick=True)
        if register is None:  # read again with positions, so that every problem has its line
            register, problems = inspect(str(path), raw, warnings=False)
        if register is None:
            raise RegisterInvalid(problems)
        cache.put(raw, register)
    return register
