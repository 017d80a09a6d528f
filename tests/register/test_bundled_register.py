"""The shipped register (data/tasks.yaml) against its sources.

The seed is re-read here with an independent little parser, so that a drifted cell, a lost task or
a schedule fragment that is not in the source fails the build.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import TypeAdapter
from ruamel.yaml import YAML

from gpstd.model import Register

ROOT = Path(__file__).resolve().parents[2]
REGISTER = ROOT / "data" / "tasks.yaml"
SOURCES = ROOT / "data" / "sources"  # copies of the source documents, kept with the register
SEED = SOURCES / "panyu-key-tasks-2020.txt"
DIVISIONS = SOURCES / "panyu-divisions.md"

CELL_KEYS = ("seq", "responsible", "task", "deadline", "section")


def seed_rows() -> dict[int, tuple[str, ...]]:
    """Rows of the flattened Word table: cells are tab-led lines, rows end at a blank line."""
    rows: list[list[str]] = [[]]
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.startswith("\t"):
            rows[-1].append(line[1:])
        else:
            rows.append([])
    data = [r for r in rows if r and r[0].isdigit()]
    assert all(len(r) == 5 for r in data), [r for r in data if len(r) != 5]
    return {int(r[0]): tuple(r) for r in data}


@pytest.fixture(scope="module")
def raw() -> dict:
    return YAML(typ="safe", pure=True).load(REGISTER.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def register(raw: dict) -> Register:
    return TypeAdapter(Register).validate_python(raw)


@pytest.fixture(scope="module")
def seed() -> dict[int, tuple[str, ...]]:
    return seed_rows()


def test_modeline_is_first_line() -> None:
    first = REGISTER.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/tasks.schema.json"


def test_validates_against_model(register: Register) -> None:
    assert register.version == 1
    assert register.meta.district == "番禺区"
    assert register.meta.timezone == "Asia/Shanghai"
    assert register.meta.start == dt.date(2020, 8, 1)
    assert register.meta.end is None
    assert register.meta.title == "番禺区基层政务公开标准化规范化工作重点任务清单"


def test_seed_has_28_rows(seed: dict) -> None:
    assert sorted(seed) == list(range(1, 29))


def test_28_tasks_in_order(register: Register) -> None:
    assert [t.id for t in register.tasks] == list(range(1, 29))


def test_cells_verbatim(register: Register, seed: dict) -> None:
    for task in register.tasks:
        cells = tuple(getattr(task.cells, k) for k in CELL_KEYS)
        assert cells == seed[task.id], f"task {task.id}"
        assert task.cells.seq == str(task.id)


def test_sections(register: Register, seed: dict) -> None:
    expected: list[str] = []
    for i in sorted(seed):
        numeral = seed[i][4].strip("（）")
        if numeral not in expected:
            expected.append(numeral)
    assert register.meta.sections == expected
    for task in register.tasks:
        assert task.section in register.meta.sections
        assert task.cells.section == f"（{task.section}）"


def test_schedule_text_is_verbatim(register: Register) -> None:
    for task in register.tasks:
        assert task.schedule, f"task {task.id} has no schedule"
        for item in task.schedule:
            cell = task.cells.deadline if item.source == "deadline" else task.cells.task
            assert item.text in cell, f"task {task.id}: {item.text!r} not in {item.source}"


def test_schedule_kinds_carry_their_fields(register: Register) -> None:
    for task in register.tasks:
        for item in task.schedule:
            where = f"task {task.id}: {item.text}"
            if item.kind == "dated":
                assert item.due is not None, where
            elif item.kind == "recurring":
                assert item.rrule and re.fullmatch(r"FREQ=[A-Z]+(;[A-Z]+=[-0-9,A-Z]+)*", item.rrule), where
            elif item.kind == "start":
                assert item.start is not None, where
            # a year the clause does not write must be explained
            if item.kind == "dated" and str(item.due.year) not in item.text:
                assert item.note and "承前" in item.note, where


def test_recurring_rules_expand(register: Register) -> None:
    from dateutil.rrule import rrulestr

    for task in register.tasks:
        for item in task.schedule:
            if item.kind != "recurring":
                continue
            start = item.start or register.meta.start
            rule = rrulestr(item.rrule, dtstart=dt.datetime.combine(start, dt.time()))
            assert rule[0].date() >= register.meta.start


def _declared(register: Register) -> tuple[set[str], set[str]]:
    units = {u.name for u in register.units}
    groups = {g.name for g in register.groups}
    return units, groups


def test_names_unique_and_aliases_unambiguous(register: Register) -> None:
    seen: dict[str, str] = {}
    for entry in [*register.units, *register.groups]:
        for name in [entry.name, *entry.aliases]:
            assert name not in seen, f"{name} declared by {seen[name]} and {entry.name}"
            seen[name] = entry.name


def test_referenced_units_declared(register: Register) -> None:
    units, groups = _declared(register)
    kinds = {u.kind for u in register.units}
    for task in register.tasks:
        assert task.units.lead, f"task {task.id}"
        for name in task.units.all:
            assert name in units | groups, f"task {task.id}: {name}"
        for item in task.schedule:
            if item.by is not None:
                assert item.by in units | groups, f"task {task.id}: by {item.by}"
    for group in register.groups:
        assert set(group.members) <= units, group.name
        assert set(group.covers) <= kinds, group.name
        # a term with neither owes as one party: the register must say why it does not list them
        assert group.members or group.covers or "原文未列" in (group.note or ""), group.name


def test_lead_names_appear_in_responsible_cell(register: Register) -> None:
    """Each lead/cooperating unit is named in the 责任单位 cell, by its name or an alias."""
    entries = {e.name: e for e in [*register.units, *register.groups]}
    for task in register.tasks:
        for name in task.units.all:
            spellings = [name, *entries[name].aliases]
            assert any(s in task.cells.responsible for s in spellings), f"task {task.id}: {name}"


def test_divisions_match_source_list(register: Register) -> None:
    table = re.findall(r"^\|\s*(\S+?)\s*\|\s*(镇|街道)\s*\|\s*$", DIVISIONS.read_text(encoding="utf-8"), re.M)
    assert len(table) == 16
    units = {u.name: u for u in register.units}
    for name, kind in table:
        assert name in units, name
        assert units[name].kind == kind
        assert units[name].source == "data/sources/panyu-divisions.md"
        assert name[:-1] in units[name].aliases  # 市桥街, 南村 …
    township = {u.name for u in register.units if u.kind in ("镇", "街道")}
    assert township == {n for n, _ in table}
    group = next(g for g in register.groups if g.name == "各镇（街）")
    assert sorted(group.members) == sorted(n for n, _ in table)


def _task(register: Register, task_id: int):
    task = register.task(task_id)
    assert task is not None
    return task


def test_task_14_yearly_november(register: Register) -> None:
    (item,) = _task(register, 14).schedule
    assert item.kind == "recurring"
    assert item.rrule == "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30"
    assert item.recipient == "区政府办（调研科）"


def test_task_23_two_milestones(register: Register) -> None:
    dues = [(s.kind, s.due) for s in _task(register, 23).schedule]
    assert dues == [("dated", dt.date(2020, 12, 20)), ("dated", dt.date(2020, 12, 31))]


def test_task_26_starts_november(register: Register) -> None:
    start = [s for s in _task(register, 26).schedule if s.kind == "start"]
    assert len(start) == 1
    assert start[0].start == dt.date(2020, 11, 1)
    assert start[0].source == "task"


def test_task_13_july_rule_from_task_text(register: Register) -> None:
    (item,) = _task(register, 13).schedule
    assert (item.kind, item.source) == ("recurring", "task")
    assert item.rrule == "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1"
    assert item.action == "通过区政府门户网站公开评估调整情况"
    assert _task(register, 13).units.cooperating == ["区司法局", "区政务服务数据管理局"]


def test_task_7_quarterly_from_2021(register: Register) -> None:
    rec = [s for s in _task(register, 7).schedule if s.kind == "recurring"]
    assert len(rec) == 1
    assert rec[0].source == "task"
    assert rec[0].start == dt.date(2021, 1, 1)


def test_task_16_half_yearly_by_government_office(register: Register) -> None:
    kinds = {s.kind: s for s in _task(register, 16).schedule}
    assert set(kinds) == {"ongoing", "recurring"}
    assert kinds["recurring"].by == "区政府办"
    assert kinds["recurring"].rrule == "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1"


def test_task_units_readings(register: Register) -> None:
    assert _task(register, 1).units.lead == ["区发展改革局", "区有关目录编制部门"]
    assert _task(register, 10).units.lead == ["区政府办"]
    assert _task(register, 10).units.cooperating == ["区政务服务数据管理局", "区司法局"]
    assert len(_task(register, 20).units.lead) == 4


def test_sources_are_the_shared_originals() -> None:
    """data/sources/ keeps copies so the tests run in any clone; where the originals are
    beside the clone (../shared, as in CI), the copies must not have drifted."""
    shared = ROOT.parent / "shared"
    pairs = [(SEED, shared / "seed" / SEED.name), (DIVISIONS, shared / "data" / DIVISIONS.name)]
    if not all(original.exists() for _copy, original in pairs):
        pytest.skip("../shared is not beside this clone")
    for copy, original in pairs:
        assert copy.read_bytes() == original.read_bytes(), copy.name
