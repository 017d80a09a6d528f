"""Reminder blocks as a unit reads them: exact text, Markdown, JSON; long blocks split for robots."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from tests_support import REGISTER

from gpstd import register
from gpstd.messages import reminders as blocks
from gpstd.obligations import Ledger
from gpstd.supervision.reminders import reminders

NOV28 = dt.date(2020, 11, 28)


def _town():
    (town,) = reminders(Ledger(register.load(str(REGISTER))), NOV28, 3, "市桥街道")
    return town


def test_text_block_for_sms_and_chat(run) -> None:
    result = run("remind", "--today", "2020-11-28", "--unit", "市桥街")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "【督办提醒】市桥街道\n"
        "截至2020年11月28日，逾期未完成3项，3天内到期1项。\n"
        "逾期未完成：\n"
        "1. 任务3（2020年8月31日到期，已逾期89天；经「各镇（街）」）：编制本镇（街）政务公开事项标准目录。\n"
        "   原文：2020年8月31日前，报区政府办（调研科）\n"
        "2. 任务11（2020年9月30日到期，已逾期59天；经「各镇（街）」）：落实文件确定和标注公开属性。\n"
        "   原文：2020年9月30日前\n"
        "3. 任务3（2020年10月31日到期，已逾期28天；经「各镇（街）」）：编制本镇（街）政务公开事项标准目录。\n"
        "   原文：10月31日前在区政府门户网站以文件汇编形式公开\n"
        "3天内到期：\n"
        "4. 任务14（2020年11月30日到期，还有2天；经「各镇（街）」）：每年组织对本单位文件公开属性进行评估调整。\n"
        "   原文：落实情况请于每年11月30日前报区政府办（调研科）\n"
        "请抓紧办理；已完成的请报送完成情况。\n"
    )


def test_a_term_the_unit_is_chased_through_is_named_and_a_direct_task_is_not(run) -> None:
    lines = run("remind", "--today", "2020-11-28", "--unit", "区政府办").stdout.splitlines()
    assert next(line for line in lines if "任务10（" in line).startswith(
        "1. 任务10（2020年9月30日到期，已逾期59天）："
    )
    assert "任务5（2020年11月30日到期，还有2天；经「区有关目录编制部门」）：" in "\n".join(lines)


def test_markdown_block_for_robots() -> None:
    text = blocks.markdown(_town(), NOV28, 3)
    assert text.startswith(
        "### 督办提醒：市桥街道\n截至2020年11月28日，逾期未完成3项，3天内到期1项。\n\n**逾期未完成**\n"
    )
    assert (
        "4. 任务14：每年组织对本单位文件公开属性进行评估调整。\n> 2020年11月30日到期，**还有2天**；经「各镇（街）」；原文："
        in text
    )
    assert "\n\n**3天内到期**\n" in text


def test_assumed_dates_are_marked() -> None:
    (unit,) = reminders(Ledger(register.load(str(REGISTER))), dt.date(2020, 10, 1), 3, "区政务服务数据管理局")
    assert "2020年9月30日到期（推定日期），已逾期1天" in blocks.text(unit, dt.date(2020, 10, 1), 3)


def test_long_task_texts_are_cut_in_blocks_and_whole_in_json() -> None:
    town = _town()
    long = "建立健全" * 20  # the bundled tasks are shorter than the cut; other registers' are not
    item = dataclasses.replace(town.overdue[0], task=long)
    unit = dataclasses.replace(town, overdue=[item], soon=[])
    text = blocks.text(unit, NOV28, 3)
    assert long not in text and long[: blocks.TASK_CHARS - 1] + "…" in text
    assert blocks.reminder_json(unit, NOV28, 3)["overdue"][0]["task"] == long


def test_a_block_too_long_is_split_by_items_never_inside_one() -> None:
    town = _town()
    whole = blocks.markdown(town, NOV28, 3).rstrip("\n")
    parts = blocks.markdown_parts(town, NOV28, 3, lambda s: len(s.encode()) <= 600)
    assert len(parts) > 1
    assert all(len(p.encode()) <= 600 for p in parts)
    assert [p.splitlines()[0] for p in parts] == [
        f"### 督办提醒：市桥街道（{n}/{len(parts)}）" for n in range(1, len(parts) + 1)
    ]
    for number in range(1, 5):
        assert sum(f"\n{number}. 任务" in p for p in parts) == 1
    assert parts[-1].endswith("请抓紧办理；已完成的请报送完成情况。")
    assert blocks.markdown_parts(town, NOV28, 3, lambda s: True) == [whole]


def test_json_blocks(run) -> None:
    result = run("remind", "--today", "2020-11-28", "--unit", "市桥街道", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert list(record) == ["unit_id", "unit", "today", "days", "overdue", "soon", "text", "markdown"]
    assert record["unit"] == "市桥街道" and record["days"] == 3
    assert [i["id"] for i in record["overdue"]] == [3, 11, 3]
    assert record["soon"][0] | {"task": None} == {
        "id": 14,
        "due": "2020-11-30",
        "state": "soon",
        "label": "2天内",
        "days": 2,
        "text": "落实情况请于每年11月30日前报区政府办（调研科）",
        "task": None,
        "action": record["soon"][0]["action"],
        "recipient": "区政府办（调研科）",
        "assumed": False,
        "role": "lead",
        "via": "各镇（街）",
    }
