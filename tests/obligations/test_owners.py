"""Who owes each schedule item, on the bundled register: the source's units, its collectives'
members, `by` alone, never the recipient of its own report."""

from __future__ import annotations

import pytest
from tests_support import REGISTER

from gpstd.obligations.owners import Owner, Owners
from gpstd.register import load

TOWNS = 16


@pytest.fixture(scope="module")
def owners() -> Owners:
    return Owners(load(str(REGISTER)))


def _of(owners: Owners, task_id: int, item: int = 0) -> tuple[Owner, ...]:
    task = owners.register.task(task_id)
    assert task is not None
    return owners.of(task, item)


def test_a_collective_is_owed_by_each_member(owners: Owners) -> None:
    towns = _of(owners, 3)
    assert len(towns) == TOWNS
    assert Owner("市桥街道", "lead", "各镇（街）") in towns


def test_an_item_with_by_is_owed_by_that_unit_alone(owners: Owners) -> None:
    # 任务16 “区政府办每半年筛选优秀解读案例报市参评”: not the task's 区各有关部门、各镇（街）
    assert _of(owners, 16, 1) == (Owner("区政府办", "lead", None),)
    assert _of(owners, 22) == (Owner("区政务服务数据管理局", "lead", None),)


def test_the_recipient_does_not_owe_its_own_report(owners: Owners) -> None:
    # 任务14 落实情况报区政府办（调研科）: 区各有关部门 reaches 区政府办, which receives it
    units = {o.unit for o in _of(owners, 14)}
    assert "区政府办" not in units and "区司法局" in units and "市桥街道" in units
    assert "区政府办" not in {o.unit for o in _of(owners, 17)}


def test_cooperating_units_owe_as_cooperating(owners: Owners) -> None:
    # 任务13 区政府办会同区司法局、区政务服务数据管理局; 任务10 区政府办组织…
    assert _of(owners, 13) == (
        Owner("区政府办", "lead", None),
        Owner("区司法局", "cooperating", None),
        Owner("区政务服务数据管理局", "cooperating", None),
    )
    assert [o.role for o in _of(owners, 10)] == ["lead", "cooperating", "cooperating"]


def test_a_unit_named_directly_is_not_also_counted_through_a_term(owners: Owners) -> None:
    # 任务1 区发展改革局等区有关目录编制部门: the bureau is named, and is a member of the term too
    bureau = [o for o in _of(owners, 1) if o.unit == "区发展改革局"]
    assert bureau == [Owner("区发展改革局", "lead", None)]


def test_a_term_whose_members_cannot_be_listed_owes_as_itself() -> None:
    import dataclasses

    register = load(str(REGISTER))
    empty = dataclasses.replace(register.groups[1], covers=["没有这类单位"])
    changed = dataclasses.replace(register, groups=[register.groups[0], empty, *register.groups[2:]])
    owners = Owners(changed)
    task = changed.task(14)
    assert task is not None
    assert Owner("区各有关部门", "lead", None) in owners.of(task, 0)
    assert owners.stands_for("区各有关部门") == ["区各有关部门"]


def test_stands_for_resolves_aliases(owners: Owners) -> None:
    assert owners.stands_for("区政数局") == ["区政务服务数据管理局"]
    assert len(owners.stands_for("各镇街")) == TOWNS


def test_tasks_named_alike_but_reporting_to_others_keep_their_own_owners(owners: Owners) -> None:
    # Owners are worked out once per way of naming units; the recipient is part of that way.
    from dataclasses import replace

    task = owners.register.task(14)
    assert task is not None
    other = replace(task, id=9014, schedule=[replace(i, recipient=None) for i in task.schedule])
    assert "区政府办" not in {o.unit for o in owners.of_task(task)}
    assert "区政府办" in {o.unit for o in owners.of_task(other)}
