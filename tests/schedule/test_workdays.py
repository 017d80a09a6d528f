"""China's working days: counting them, and expanding `workday` rules where dates are computed."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from tests_support import REGISTER

from gpstd import register as registers
from gpstd.model import Cells, ScheduleItem, Task, TaskUnits
from gpstd.register import verbatim
from gpstd.schedule import workdays
from gpstd.schedule.occurrences import item_dates
from gpstd.schedule.recurrence import expand, validate_rrule

D = dt.date
MONTHLY = "FREQ=MONTHLY;BYMONTHDAY=1"
AFTER_QUARTERS = "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1"
UNCOVERED = workdays.covered_years().stop  # the first year whose holidays are not published yet


def test_the_covered_years_are_said() -> None:
    years = workdays.covered_years()
    assert years.start <= 2020 and 2026 in years
    assert all(workdays.covered(y) for y in (years.start, years.stop - 1))
    assert not workdays.covered(years.stop)


@pytest.mark.parametrize(
    ("year", "month", "n", "expected"),
    [
        (2024, 2, -1, D(2024, 2, 29)),
        (2024, 9, -1, D(2024, 9, 30)),
        (2024, 10, 1, D(2024, 10, 8)),  # 国庆 1-7 October
        (2024, 10, 5, D(2024, 10, 12)),  # a Saturday that is a 调休 working day
        (2024, 2, 10, D(2024, 2, 19)),  # 春节 10-17 February, Sunday 18 worked
        (2024, 10, -2, D(2024, 10, 30)),
        (2024, 2, 30, None),  # no month has 30 working days
        (UNCOVERED, 1, 1, None),
        (2024, 13, 1, None),
        (2024, 5, 0, None),
    ],
)
def test_nth_workday(year: int, month: int, n: int, expected: dt.date | None) -> None:
    assert workdays.nth_workday(year, month, n) == expected


def test_workdays_after_skip_holidays_and_count_make_up_days() -> None:
    assert workdays.workdays_after(D(2024, 9, 30), 1) == D(2024, 10, 8)
    assert workdays.workdays_after(D(2024, 9, 30), 5) == D(2024, 10, 12)
    assert workdays.workdays_after(D(UNCOVERED - 1, 12, 31), 1) is None


def test_holiday_end() -> None:
    assert workdays.holiday_end(2024, "Spring Festival") == D(2024, 2, 17)
    assert workdays.holiday_end(2024, "New Year's Day") == D(2024, 1, 1)
    assert workdays.holiday_end(2023, "New Year's Day") == D(2023, 1, 2)  # not 2023-12-31 (元旦 2024)
    assert workdays.holiday_end(UNCOVERED, "National Day") is None


@pytest.mark.parametrize(
    ("rule", "n", "low", "high", "expected"),
    [
        (MONTHLY, -1, D(2024, 1, 1), D(2024, 3, 31), [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 29)]),
        (
            AFTER_QUARTERS,
            5,
            D(2024, 1, 1),
            D(2024, 12, 31),
            [D(2024, 1, 8), D(2024, 4, 8), D(2024, 7, 5), D(2024, 10, 12)],
        ),
        # the window opens after the 1st: the month is still in it
        (MONTHLY, -1, D(2024, 2, 15), D(2024, 2, 29), [D(2024, 2, 29)]),
        (MONTHLY, 1, D(2024, 2, 15), D(2024, 3, 31), [D(2024, 3, 1)]),
        # a year the calendar does not cover gives no date, never a weekday guess
        (MONTHLY, -1, D(UNCOVERED - 1, 12, 1), D(UNCOVERED, 2, 28), [D(UNCOVERED - 1, 12, 31)]),
    ],
)
def test_expand_a_workday_rule(
    rule: str, n: int, low: dt.date, high: dt.date, expected: list[dt.date]
) -> None:
    assert validate_rrule(rule) is None
    assert expand(rule, low, high, workday=n) == expected


def test_item_dates_expands_workday_items_and_keeps_them_apart() -> None:
    register = registers.load(str(REGISTER))
    last = ScheduleItem(kind="recurring", text="每月最后一个工作日", rrule=MONTHLY, workday=-1)
    first = dataclasses.replace(last, text="每月第1个工作日", workday=1)
    plain = dataclasses.replace(last, text="每月1日", workday=None)
    window = (D(2024, 10, 1), D(2024, 10, 31))
    assert item_dates(register, last, *window) == [D(2024, 10, 31)]
    assert item_dates(register, first, *window) == [D(2024, 10, 8)]
    assert item_dates(register, plain, *window) == [D(2024, 10, 1)]


def _task(deadline: str, item: ScheduleItem) -> Task:
    cells = Cells(seq="1", responsible="区政府办", task="报送", deadline=deadline, section="一")
    return Task(id=1, section="一", cells=cells, units=TaskUnits(lead=["区政府办"]), schedule=[item])


@pytest.mark.parametrize(
    ("workday", "findings"),
    [
        (-1, []),
        (None, ["workday"]),  # the text says a working day; the item does not
        (1, ["workday"]),  # the first working day is not the last
    ],
)
def test_check_holds_workday_to_its_text(workday: int | None, findings: list[str]) -> None:
    register = registers.load(str(REGISTER))
    text = "每月最后一个工作日前报送区政府办"
    item = ScheduleItem(kind="recurring", text=text, rrule=MONTHLY, workday=workday)
    found = list(verbatim.check(register, _task(text, item), item, ("tasks", 0, "schedule", 0)))
    assert [loc[-1] for loc, _message, _severity in found] == findings
    assert all("每月最后一个工作日" in message for _loc, message, _severity in found)
