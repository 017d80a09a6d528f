"""gpstd.review.compare: each kind of edit, as the data a reviewer's view is made of (two files, no git)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gpstd import review
from gpstd.errors import VersionInvalid
from gpstd.review.changes import CellChange, DeadlineChange, Rule, RuleChange, Segment, UnitChange
from tests.review import scenarios

D = dt.date


def compare(tmp_path: Path, *edits: scenarios.Edit) -> review.Review:
    scenarios.write(tmp_path / "old.yaml")
    scenarios.write(tmp_path / "new.yaml", *edits)
    return review.compare(*review.pick(["old.yaml", "new.yaml"], None, tmp_path))


def only_task(result: review.Review):
    assert [t.id for t in result.tasks] == [result.tasks[0].id]
    return result.tasks[0]


def line_of(tmp_path: Path, text: str, after: str = "") -> int:
    """The 1-based line of the newer file holding `text` (the first after a line holding `after`)."""
    lines = (tmp_path / "new.yaml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


def test_identical_files_have_no_changes(tmp_path):
    result = compare(tmp_path)
    assert (result.changed, result.same_bytes, result.tasks, result.register) == (False, True, (), ())


def test_a_comment_changes_bytes_but_nothing_to_review(tmp_path):
    result = compare(tmp_path, scenarios.comment_only)
    assert (result.changed, result.same_bytes) == (False, False)


def test_a_moved_date_is_one_deadline_moved_with_its_text(tmp_path):
    task = only_task(compare(tmp_path, scenarios.move_date))
    assert (task.id, task.change) == (3, "changed")
    assert task.deadlines == (
        DeadlineChange(
            "moved",
            D(2020, 10, 31),
            D(2020, 11, 30),
            "11月30日前在区政府门户网站以文件汇编形式公开",
            "10月31日前在区政府门户网站以文件汇编形式公开",
            1,
            1,
            line_of(tmp_path, "due: 2020-11-30"),
        ),
    )
    assert task.rules == task.units == task.fields == ()


def test_the_cell_diff_is_verbatim_and_reads_by_number(tmp_path):
    task = only_task(compare(tmp_path, scenarios.move_date))
    assert task.cells == (
        CellChange(
            "deadline",
            "2020年8月31日前，报区政府办（调研科），10月31日前在区政府门户网站以文件汇编形式公开。",
            "2020年8月31日前，报区政府办（调研科），11月30日前在区政府门户网站以文件汇编形式公开。",
            (
                Segment("equal", "2020年8月31日前，报区政府办（调研科），"),
                Segment("delete", "10月31"),
                Segment("insert", "11月30"),
                Segment("equal", "日前在区政府门户网站以文件汇编形式公开。"),
            ),
            line_of(tmp_path, "deadline: 2020年8月31日前，报区政府办（调研科），11月30日"),
        ),
    )


def test_a_changed_rule_in_words_with_the_dates_that_differ(tmp_path):
    result = compare(tmp_path, scenarios.change_rule)
    task = only_task(result)
    assert result.window == (D(2020, 8, 1), D(2024, 1, 1))  # three years after task 7's start, 2021-01-01
    assert task.rules == (
        RuleChange(
            "changed",
            Rule("FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30", "每年11月30日", None, None, False),
            Rule("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31", "每年12月31日", None, None, False),
            "落实情况请于每年12月31日前报区政府办（调研科）",
            "落实情况请于每年11月30日前报区政府办（调研科）",
            0,
            0,
            (D(2020, 11, 30), D(2021, 11, 30), D(2022, 11, 30), D(2023, 11, 30)),
            (D(2020, 12, 31), D(2021, 12, 31), D(2022, 12, 31), D(2023, 12, 31)),
            line_of(tmp_path, "rrule: FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"),
        ),
    )
    assert task.deadlines == ()


def test_a_unit_added_and_one_removed(tmp_path):
    result = compare(tmp_path, scenarios.add_unit, scenarios.remove_unit)
    assert [(t.id, t.units) for t in result.tasks] == [
        (
            10,
            (
                UnitChange(
                    "removed",
                    "区司法局",
                    "cooperating",
                    None,
                    line_of(tmp_path, "- 区政务服务数据管理局", "id: 10"),
                ),
            ),
        ),
        (
            25,
            (
                UnitChange(
                    "added", "区司法局", "cooperating", None, line_of(tmp_path, "- 区司法局", "id: 25")
                ),
            ),
        ),
    ]
    assert [(t.owners_added, t.owners_removed) for t in result.tasks] == [
        ((), ("区司法局",)),
        (("区司法局",), ()),
    ]


def test_a_cell_changed(tmp_path):
    task = only_task(compare(tmp_path, scenarios.change_cell))
    assert (task.id, [c.cell for c in task.cells]) == (11, ["task"])
    assert task.cells[0].segments == (
        Segment("equal", "落实文件确定和标注公开属性"),
        Segment("insert", "，并定期自查"),
        Segment("equal", "。"),
    )
    assert task.task == "落实文件确定和标注公开属性，并定期自查。"


def test_a_task_removed_is_placed_where_it_was(tmp_path):
    task = only_task(compare(tmp_path, scenarios.remove_task))
    assert (task.id, task.change, task.task) == (12, "removed", "开展文件公开属性确定和标注情况抽查。")
    assert task.line == line_of(tmp_path, "- id: 13")  # the next task: the removed lines stood above it
    assert task.units == (UnitChange("removed", "区政府办", "lead", None, task.line),)
    assert [(f.path, f.old, f.new) for f in task.fields] == [
        ("schedule[0]", {"kind": "irregular", "text": "不定期", "source": "deadline", "assumed": False}, None)
    ]


def test_a_task_added_brings_its_deadlines_units_and_cells(tmp_path):
    task = only_task(compare(tmp_path, scenarios.add_task))
    assert (task.id, task.change, task.line) == (29, "added", line_of(tmp_path, "- id: 29"))
    assert [(d.change, d.new, d.text) for d in task.deadlines] == [
        ("added", D(2020, 12, 20), "工作落实情况于2020年12月20日前报区政府办（调研科）")
    ]
    assert [(u.change, u.unit, u.role) for u in task.units] == [("added", "区司法局", "lead")]
    assert [(c.cell, c.old, c.new) for c in task.cells] == [
        ("seq", None, "29"),
        ("responsible", None, "区司法局"),
        ("task", None, "政府信息公开条例纳入年度普法考核。"),
        ("deadline", None, "工作落实情况于2020年12月20日前报区政府办（调研科）。"),
        ("section", None, "（二十）"),
    ]


def test_an_item_inserted_ahead_of_others_is_one_deadline_added(tmp_path):
    """By position, both old items would seem rewritten; paired by content, they are untouched."""
    task = only_task(compare(tmp_path, scenarios.insert_item))
    assert [(d.change, d.old, d.new, d.item, d.old_item) for d in task.deadlines] == [
        ("added", None, D(2020, 8, 15), 0, None)
    ]
    assert task.fields == ()


def test_a_member_leaving_a_term_changes_the_owners_of_its_tasks(tmp_path):
    result = compare(tmp_path, scenarios.drop_member)
    assert [(f.path, f.line) for f in result.register] == [
        (
            "groups[各镇（街）].members",
            line_of(tmp_path, "- 市桥街道", "name: 各镇（街）"),
        )  # the list's first line
    ]
    # Task 22 names 各镇（街） too: its one deadline is 区政务服务数据管理局's alone (by:), but the
    # towns still carry its work, without a deadline of their own.
    assert [t.id for t in result.tasks] == [3, 11, 14, 16, 17, 22]
    assert {(t.owners_added, t.owners_removed, t.units) for t in result.tasks} == {((), ("石碁镇",), ())}


def test_an_end_date_removes_the_later_dates_of_every_rule(tmp_path):
    result = compare(tmp_path, scenarios.set_end)
    assert [(f.path, f.old, f.new) for f in result.register] == [("meta.end", None, "2022-12-31")]
    assert result.window == (D(2020, 8, 1), D(2024, 1, 1))  # the older register is open-ended
    task = next(t for t in result.tasks if t.id == 14)
    assert [(r.change, r.old == r.new, r.removed_dates, r.added_dates) for r in task.rules] == [
        ("changed", True, (D(2023, 11, 30),), ())
    ]
    assert [t.id for t in result.tasks] == [7, 13, 14, 16, 17, 21]


def test_every_edit_at_once_is_every_change_once(tmp_path):
    edits = [
        scenarios.move_date,
        scenarios.change_rule,
        scenarios.add_unit,
        scenarios.change_cell,
        scenarios.remove_task,
        scenarios.add_task,
    ]
    result = compare(tmp_path, *edits)
    assert [(t.id, t.change) for t in result.tasks] == [
        (3, "changed"),
        (11, "changed"),
        (12, "removed"),
        (14, "changed"),
        (25, "changed"),
        (29, "added"),
    ]
    assert result.counts() == {
        "tasks_added": 1,
        "tasks_removed": 1,
        "tasks_changed": 4,
        "deadlines_added": 1,
        "deadlines_removed": 0,
        "deadlines_moved": 1,
        "rules_changed": 1,
        "units_changed": 3,
        "cells_changed": 3,
        "register_changed": 0,
    }


@pytest.mark.parametrize("which", ["old", "new"])
def test_an_invalid_side_is_named(tmp_path, which):
    scenarios.write(tmp_path / "old.yaml")
    scenarios.write(tmp_path / "new.yaml")
    broken = tmp_path / f"{which}.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("due: 2020-12-20", "due: 2020-12-32", 1))
    with pytest.raises(VersionInvalid) as info:
        review.compare(*review.pick(["old.yaml", "new.yaml"], None, tmp_path))
    side = "旧" if which == "old" else "新"
    assert info.value.message.startswith(f"{side}版本「{which}.yaml」不是有效的登记册，无法比较")
    assert f"\n{which}.yaml:" in info.value.message and "2020-12-32" in info.value.message


def test_without_lines_the_same_changes_at_line_0(tmp_path):
    """What the text output asks for: the newer file's positions are not read (seconds for a city's register)."""
    edits = (scenarios.move_date, scenarios.remove_task, scenarios.drop_member)
    with_lines = compare(tmp_path, *edits)
    without = review.compare(*review.pick(["old.yaml", "new.yaml"], None, tmp_path), lines=False)
    assert [t.line for t in without.tasks] == [0] * len(without.tasks)
    assert {d.line for t in without.tasks for d in t.deadlines} | {f.line for f in without.register} == {0}
    assert all(
        line > 0 for line in [t.line for t in with_lines.tasks] + [f.line for f in with_lines.register]
    )
    assert [(t.id, t.change, t.deadlines[0].new if t.deadlines else None) for t in without.tasks] == [
        (t.id, t.change, t.deadlines[0].new if t.deadlines else None) for t in with_lines.tasks
    ]
