"""催办通知: a unit's overdue and due-soon obligations as an official notice (.docx, GB/T 9704).

主送 the unit; the body names the register and the day, then 一、逾期未完成事项 and 二、临近到期事项,
each item with its task number and 工作任务 (verbatim), the 完成时间及方式 clause it comes from
(verbatim) and the deadline; then what to do, 特此通知, the signature and the date. One unit a
document, or every unit in one document (`--all`), each on new pages numbered from 1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gpstd.days import cn_date
from gpstd.documents.officialdoc import FONTS, Fonts, Head, OfficialDocument
from gpstd.model import Register
from gpstd.numerals import chinese_numeral
from gpstd.supervision.reminders import Item, Reminder

DEFAULT_TITLE = "关于抓紧办理重点任务有关事项的催办通知"


@dataclass(frozen=True)
class Notice:
    """What every notice of one run shares."""

    register: Register
    today: dt.date
    days: int
    title: str = DEFAULT_TITLE
    head: Head = field(default_factory=Head)
    date: dt.date | None = None
    """成文日期 (default: today)."""
    fonts: Fonts = FONTS


def build(notice: Notice, reminders: list[Reminder]) -> bytes:
    """One .docx: each reminder's notice, the second and later starting on a new page at page 1."""
    doc = OfficialDocument(notice.title, notice.fonts, notice.today)
    for index, reminder in enumerate(reminders):
        if index:
            doc.page_break()
        _one(doc, notice, reminder)
    return doc.bytes()


def _one(doc: OfficialDocument, notice: Notice, reminder: Reminder) -> None:
    doc.head(notice.head)
    doc.title(notice.title)
    doc.addressee(reminder.unit)
    doc.body(_opening(notice, reminder))
    sections = [("逾期未完成事项", reminder.overdue), (_soon_title(notice.days), reminder.soon)]
    number = 0
    for title, items in sections:
        if not items:
            continue
        number += 1
        doc.heading(f"{chinese_numeral(number)}、{title}")
        for n, item in enumerate(items, 1):
            doc.subheading(f"（{chinese_numeral(n)}）任务{item.task_id}：", item.task)
            doc.body(_deadline(item))
    doc.body(_closing(notice, reminder))
    doc.body("特此通知。")
    doc.signature(notice.head.issuer, notice.date or notice.today, keep=2)


def _soon_title(days: int) -> str:
    return "今日到期事项" if days == 0 else f"{days}日内到期事项"


def _opening(notice: Notice, reminder: Reminder) -> str:
    meta = notice.register.meta
    counts = []
    if reminder.overdue:
        counts.append(f"逾期未完成{len(reminder.overdue)}项")
    if reminder.soon:
        counts.append(
            f"{notice.days}日内到期{len(reminder.soon)}项"
            if notice.days
            else f"今日到期{len(reminder.soon)}项"
        )
    return (
        f"根据《{meta.title}》，截至{cn_date(notice.today)}，你单位承担的事项中{'、'.join(counts)}"
        f"（以登记的完成情况为准），具体如下："
    )


def _deadline(item: Item) -> str:
    assumed = "（原文未写具体日期，按登记册推定）" if item.assumed else ""
    state = f"已逾期{item.state.days}天" if item.state.code == "overdue" else _left(item)
    via = f"原文责任单位为“{item.via}”，按登记册的解释包括你单位。" if item.via else ""
    return f"完成时间及方式（原文）：{item.text}。到期日：{cn_date(item.due)}{assumed}，{state}。{via}"


def _left(item: Item) -> str:
    return "今日到期" if item.state.code == "today" else f"距到期还有{item.state.days}天"


def _closing(notice: Notice, reminder: Reminder) -> str:
    if reminder.overdue and reminder.soon:
        ask = "请你单位对逾期未完成事项立即组织办理，对临近到期事项按时完成"
    elif reminder.overdue:
        ask = "请你单位对上述逾期未完成事项立即组织办理"
    else:
        ask = "请你单位按时完成上述事项"
    return f"{ask}，办结后及时报送完成情况及佐证材料（文件、网址或文号）。"
