"""Shell completion of the values people type: unit names and aliases, sections, task ids.

Each function is a typer `autocompletion` callback: it reads the register the command would
(--file if typed already, else the default one), from the cache, and never fails -- a register
that cannot be read completes nothing rather than printing an error into the shell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # `gpstd --help` builds the options that name these callbacks: no model import
    from gpstd.model import Register

_SHELL_SPECIAL = set("()[]{}<>&;|$`'\" \\")


def _register(ctx: Any) -> Register | None:
    from gpstd.register import load

    try:
        return load(ctx.params.get("file") if ctx is not None else None)
    except Exception:  # noqa: BLE001 - completion must never break the user's shell
        return None


def units(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Unit and collective-term names and aliases that start with what is typed."""
    register = _register(ctx)
    if register is None:
        return []
    found: dict[str, str] = {}
    for entry in register.entries():
        kind = getattr(entry, "kind", "集合称谓")
        for name in (entry.name, *entry.aliases):
            if name.startswith(incomplete) and not _SHELL_SPECIAL & set(
                name
            ):  # 各镇(街): typed as 各镇（街）
                found.setdefault(name, kind if name == entry.name else f"{entry.name}的别名")
    return sorted(found.items())


def sections(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """The sections (方案项目) of the register, with their task counts."""
    register = _register(ctx)
    if register is None:
        return []
    counts: dict[str, int] = {}
    for task in register.tasks:
        counts[task.section] = counts.get(task.section, 0) + 1
    return [
        (s, f"{counts.get(s, 0)} 项任务")
        for s in register.meta.sections
        if s.startswith(incomplete.strip("（("))
    ]


def task_ids(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Task ids, each with the start of its task text."""
    register = _register(ctx)
    if register is None:
        return []
    return [(str(t.id), t.cells.task[:24]) for t in register.tasks if str(t.id).startswith(incomplete)]
