"""Schedules expanded into dated occurrences, on the bundled register."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from tests_support import REGISTER

from gpstd.register import load
from gpstd.schedule.occurrences import expand

D = dt.date


@pytest.fixture(scope="module")
def register():
    return load(str(REGISTER))


def test_occurrences_are_by_date_then_task_then_item(register) -> None:
    found = expand(register, D(2020, 1, 1), D(2021, 12, 31))
    keys = [(o.due, o.task_id, o.item) for o in found]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert D(2020, 11, 30) in {o.due for o in found if o.task_id == 14}


def test_the_order_does_not_depend_on_the_order_tasks_are_listed_in(register) -> None:
    # A merged register may list task 20 before task 3; the views still read by date, task, item.
    shuffled = replace(register, tasks=list(reversed(register.tasks)))
    window = (D(2020, 1, 1), D(2022, 12, 31))
    assert expand(shuffled, *window) == expand(register, *window)
    assert expand(register, *window, list(reversed(register.tasks))) == expand(register, *window)


def test_a_window_holds_only_its_own_dates(register) -> None:
    found = expand(register, D(2020, 11, 30), D(2020, 11, 30))
    assert found and {o.due for o in found} == {D(2020, 11, 30)}
    assert all(
        not o.recurring or register.task(o.task_id).schedule[o.item].kind == "recurring" for o in found
    )
