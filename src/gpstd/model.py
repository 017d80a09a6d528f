"""The register as plain data: what data/tasks.yaml holds, field by field.

Stdlib dataclasses rather than pydantic models so that read-only commands, served
from the validated cache, never pay for importing pydantic. `gpstd.schema`
validates these same classes with pydantic (extra keys forbidden).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

ScheduleKind = Literal["dated", "recurring", "start", "ongoing", "irregular"]
CellName = Literal["deadline", "task"]

_FORBID: Any = {"extra": "forbid"}


class _StrictInt:
    """`Annotated` marker: pydantic reads the field as a strict integer, so `id: true` and
    `id: 1.0` are errors instead of a silent 1 (a second task 1). pydantic finds this hook
    itself; this module never imports it."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.int_schema(strict=True)


@dataclass(frozen=True)
class Meta:
    title: str
    """清单标题，照原文。"""
    source: str
    """来源文件。"""
    district: str
    """地区，例如 番禺区。"""
    start: dt.date
    """登记册起始日期：周期性规则从此日起展开。"""
    sections: list[str]
    """清单中出现的方案项目编号（不带括号），例如 一、七、二十。"""
    timezone: str = "Asia/Shanghai"
    end: dt.date | None = None
    """登记册截止日期（可选）：周期性规则展开到此日为止。"""
    notes: list[str] = field(default_factory=list)

    __pydantic_config__ = _FORBID


@dataclass(frozen=True)
class Unit:
    """A responsible unit (区直部门, 镇, 街道 …)."""

    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    source: str = "seed"
    note: str | None = None

    __pydantic_config__ = _FORBID


@dataclass(frozen=True)
class Group:
    """A collective term of the source (各镇（街）, 区各有关部门 …) and what it covers."""

    name: str
    aliases: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    """明确列出的成员单位。"""
    covers: list[str] = field(default_factory=list)
    """所涵盖的单位类别（kind），例如 区直部门。"""
    source: str = "seed"
    note: str | None = None

    __pydantic_config__ = _FORBID


@dataclass(frozen=True)
class Cells:
    """The five cells of the source row, verbatim."""

    seq: str
    """序号"""
    responsible: str
    """责任单位"""
    task: str
    """工作任务"""
    deadline: str
    """完成时间及方式"""
    section: str
    """方案项目"""

    __pydantic_config__ = _FORBID


@dataclass(frozen=True)
class TaskUnits:
    lead: list[str]
    """牵头/负责单位（单位名或集合称谓）。"""
    cooperating: list[str] = field(default_factory=list)
    """配合单位（原文“组织”“会同”之后的单位）。"""

    __pydantic_config__ = _FORBID

    @property
    def all(self) -> list[str]:
        return [*self.lead, *self.cooperating]


@dataclass(frozen=True)
class ScheduleItem:
    """One machine-readable reading of a clause of the 完成时间 cell or the task text."""

    kind: ScheduleKind
    text: str
    """原文片段：必须逐字出现在 from 所指的单元格中。"""
    source: CellName = "deadline"
    """片段出自哪一栏：deadline（完成时间及方式）或 task（工作任务）。"""
    due: dt.date | None = None
    start: dt.date | None = None
    until: dt.date | None = None
    rrule: str | None = None
    """RFC 5545 RRULE，例如 FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30。"""
    action: str | None = None
    recipient: str | None = None
    by: str | None = None
    """该条款的执行单位，若不同于任务的责任单位（例如任务16的“区政府办每半年…”）。"""
    note: str | None = None

    __pydantic_config__ = _FORBID


@dataclass(frozen=True)
class Task:
    id: Annotated[int, _StrictInt]
    """任务编号：整数（不能写 true、1.0 或 "1"）。"""
    section: str
    cells: Cells
    units: TaskUnits
    schedule: list[ScheduleItem]
    note: str | None = None

    __pydantic_config__ = _FORBID


@dataclass(frozen=True)
class Register:
    meta: Meta
    units: list[Unit]
    groups: list[Group]
    tasks: list[Task]
    version: int = 1

    __pydantic_config__ = _FORBID

    def task(self, task_id: int) -> Task | None:
        """The first task with this id; an index built on first use, so lookups stay O(1)
        when a query of 10,000 tasks looks up each of its occurrences' tasks."""
        index = self.__dict__.get("_by_id")
        if index is None or index[0] is not self.tasks or index[1] != len(self.tasks):
            by_id: dict[int, Task] = {}
            for t in self.tasks:
                by_id.setdefault(t.id, t)
            index = remember_index(self, by_id)
        return index[2].get(task_id)


def remember_groups(register: Register, groups: list[tuple[list[ScheduleItem], list[int]]]) -> None:
    """Record which tasks share each distinct schedule: (its items, the ids of the tasks that
    have exactly these items, in register order), for `gpstd.occurrences.expand`, which can
    then look at each distinct schedule once instead of at every task (gpstd.cache knows them)."""
    object.__setattr__(register, "_groups", (register.tasks, len(register.tasks), groups))


def schedule_groups(register: Register) -> list[tuple[list[ScheduleItem], list[int]]] | None:
    """The groups recorded by `remember_groups`, if they still describe register.tasks (the
    same list, as long as it was: a register is frozen, its tasks' lists are not to be edited)."""
    known = register.__dict__.get("_groups")
    if known is None or known[0] is not register.tasks or known[1] != len(register.tasks):
        return None
    return known[2]


def remember_index(register: Register, by_id: dict[int, Task]) -> tuple[list[Task], int, dict[int, Task]]:
    """Give `Register.task` its index (the first task of each id), built by whoever already
    walks the tasks (gpstd.cache): a walk of its own touches every task again (~80 ms at
    100,000 tasks, where they are spread over 200 MB)."""
    index = (register.tasks, len(register.tasks), by_id)
    object.__setattr__(register, "_by_id", index)  # a cache, not a field: frozen stays frozen
    return index


# --- Rebuilding from already-validated plain data (the cache path) ----------------


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def register_from_dict(data: dict[str, Any]) -> Register:
    """Rebuild a Register from `register_to_dict` output, without validating again."""
    m = data["meta"]
    meta = Meta(**{**m, "start": _date(m["start"]), "end": _date(m.get("end"))})
    tasks = [
        Task(
            id=t["id"],
            section=t["section"],
            cells=Cells(**t["cells"]),
            units=TaskUnits(**t["units"]),
            schedule=[
                ScheduleItem(
                    **{**s, "due": _date(s["due"]), "start": _date(s["start"]),
                       "until": _date(s["until"])}
                )
                for s in t["schedule"]
            ],
            note=t.get("note"),
        )
        for t in data["tasks"]
    ]
    return Register(
        meta=meta,
        units=[Unit(**u) for u in data["units"]],
        groups=[Group(**g) for g in data["groups"]],
        tasks=tasks,
        version=data.get("version", 1),
    )


def register_to_dict(register: Register) -> dict[str, Any]:
    """Plain JSON-ready data (dates as ISO strings), keys in field order as `asdict` gives."""
    from dataclasses import fields

    def plain(obj: Any) -> Any:
        if isinstance(obj, list):
            return [plain(v) for v in obj]
        if isinstance(obj, dt.date):
            return obj.isoformat()
        if isinstance(obj, dict):
            return {k: plain(v) for k, v in obj.items()}
        if hasattr(obj, "__dataclass_fields__"):
            return {f.name: plain(getattr(obj, f.name)) for f in fields(obj)}
        return obj

    return plain(register)
