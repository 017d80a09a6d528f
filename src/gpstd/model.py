"""The register as plain data: what data/tasks.yaml holds, field by field.

Slotted, frozen dataclasses: a city's register has tens of thousands of them, which slots make
smaller and quicker to build from the cache (a third less time at 10,000 tasks).

Stdlib dataclasses rather than pydantic models so that read-only commands, served
from the validated cache, never pay for importing pydantic. `gpstd.register.schema`
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


class _StrictBool:
    """`Annotated` marker: only true or false, never 1 or "yes"."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.bool_schema(strict=True)


@dataclass(frozen=True, slots=True)
class Scoring:
    """考评分值：每个到期事项按时完成、逾期完成、逾期未完成各得几分（0–100）；单位得分为其平均。"""

    ontime: float = 100
    """按时完成的事项得分。"""
    late: float = 60
    """逾期完成的事项得分。"""
    overdue: float = 0
    """逾期未完成的事项得分。"""

    __pydantic_config__ = _FORBID


@dataclass(frozen=True, slots=True)
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
    scoring: Scoring | None = None
    """考评分值（可选）：省略时按时完成 100 分、逾期完成 60 分、逾期未完成 0 分。"""

    __pydantic_config__ = _FORBID

    @property
    def weights(self) -> Scoring:
        """The scoring in force: the register's own, else the defaults."""
        return self.scoring or Scoring()


@dataclass(frozen=True, slots=True)
class Unit:
    """A responsible unit (区直部门, 镇, 街道 …)."""

    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    source: str = "seed"
    note: str | None = None

    __pydantic_config__ = _FORBID


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class TaskUnits:
    lead: list[str]
    """牵头/负责单位（单位名或集合称谓）。"""
    cooperating: list[str] = field(default_factory=list)
    """配合单位（原文“组织”“会同”之后的单位）。"""

    __pydantic_config__ = _FORBID

    @property
    def all(self) -> list[str]:
        return [*self.lead, *self.cooperating]


@dataclass(frozen=True, slots=True)
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
    workday: Annotated[int, _StrictInt] | None = None
    """第几个工作日：rrule 所列各月的第 N 个工作日（负数从月末倒数，-1 为最后一个工作日），按国务院公布的节假日和调休安排计算；例如“每月最后一个工作日”为 rrule: FREQ=MONTHLY;BYMONTHDAY=1 与 workday: -1。节假日安排尚未公布的年份不生成日期。"""
    action: str | None = None
    recipient: str | None = None
    by: str | None = None
    """该条款的执行单位，若不同于任务的责任单位（例如任务16的“区政府办每半年…”）。"""
    assumed: Annotated[bool, _StrictBool] = False
    """推定：原文未定具体日期，按惯例取期末（如“每季度”取季末、“每半年”取6月30日和12月31日）；须与原文的读法一致，理由写在 note。"""
    override: str | None = None
    """与原文读法不同的理由（如“原文‘…’疑为笔误，按…执行”）；写明后 gpstd check 把不一致列为说明而不是错误。"""
    note: str | None = None

    __pydantic_config__ = _FORBID


@dataclass(frozen=True, slots=True)
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
    version: Annotated[int, _StrictInt] = 1

    __pydantic_config__ = _FORBID

    def entries(self) -> list[Unit | Group]:
        """Units, then groups: every name a task can give as responsible."""
        return [*self.units, *self.groups]

    def task(self, task_id: int) -> Task | None:
        """The first task with this id (an index built on first use: views look tasks up by id
        once per occurrence)."""
        index = self.__dict__.get("_by_id")
        if index is None or index[0] is not self.tasks or index[1] != len(self.tasks):
            by_id: dict[int, Task] = {}
            for t in self.tasks:
                by_id.setdefault(t.id, t)
            index = (self.tasks, len(self.tasks), by_id)
            object.__setattr__(self, "_by_id", index)  # a memo, not a field: frozen stays frozen
        return index[2].get(task_id)


def to_plain(obj: Any) -> Any:
    """JSON-ready data of a model object (dates as ISO text), keys in field order."""
    import msgspec

    return msgspec.to_builtins(obj)
