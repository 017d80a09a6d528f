"""情况通报 (.docx): a period's figures per unit, the overdue list, the late completions and two
charts, laid out per GB/T 9704-2012 (`gpstd.documents.officialdoc`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gpstd.days import cn_date
from gpstd.documents import charts, docxchart
from gpstd.documents.officialdoc import FONTS, Fonts, Head, OfficialDocument
from gpstd.model import Register
from gpstd.supervision.report import Report, UnitFigures

DEFAULT_ADDRESSEE = "各有关单位"


@dataclass(frozen=True)
class Bulletin:
    """What the document says besides the figures."""

    register: Register
    title: str | None = None
    """Default: 关于{period}重点任务落实情况的通报."""
    addressee: str = DEFAULT_ADDRESSEE
    head: Head = field(default_factory=Head)
    date: dt.date | None = None
    fonts: Fonts = FONTS


def title(bulletin: Bulletin, report: Report) -> str:
    return bulletin.title or f"关于{report.period.label}重点任务落实情况的通报"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def points(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def overall(report: Report) -> str:
    """The 总体情况 paragraph."""
    t = report.total
    span = f"{cn_date(report.period.start)}至{cn_date(report.period.end)}"
    if not t.due and not t.pending:
        return f"{report.period.label}（{span}）没有到期事项。"
    text = (
        f"{report.period.label}（{span}），截至{cn_date(report.today)}，已到期事项{t.due}项（按责任单位计，下同），"
        f"其中按时完成{t.ontime}项、逾期完成{t.late}项、逾期未完成{t.overdue}项，按时完成率{percent(t.rate)}"
    )
    if t.pending:
        text += f"；另有{t.pending}项尚未到期"
    late_units = sum(1 for u in report.units if u.overdue)
    text += f"。{len(report.units)}个责任单位中，{late_units}个单位有逾期未完成事项。"
    return text


def scoring(report: Report) -> str:
    w = report.weights
    return (
        f"得分为各单位已到期事项的平均分：按时完成{w.ontime:g}分、逾期完成{w.late:g}分、逾期未完成{w.overdue:g}分"
        "（分值在登记册中设定）；尚未到期的事项不计分。"
    )


def unit_rows(report: Report) -> list[list[str]]:
    def row(u: UnitFigures) -> list[str]:
        return [
            u.unit,
            str(u.due),
            str(u.ontime),
            str(u.late),
            str(u.overdue),
            percent(u.rate),
            points(u.score),
        ]

    return [row(u) for u in report.units] + [row(report.total)]


UNIT_HEADINGS = ["单位", "已到期", "按时完成", "逾期完成", "逾期未完成", "按时完成率", "得分"]


def build(bulletin: Bulletin, report: Report) -> bytes:
    name = title(bulletin, report)
    doc = OfficialDocument(name, bulletin.fonts, report.today)
    doc.head(bulletin.head)
    doc.title(name)
    doc.addressee(bulletin.addressee)
    meta = bulletin.register.meta
    scope = f"（{report.unit}）" if report.unit else ""
    doc.body(f"根据《{meta.title}》，现将{report.period.label}重点任务落实情况{scope}通报如下：")
    doc.heading("一、总体情况")
    doc.body(overall(report))
    doc.heading("二、各单位完成情况")
    doc.body(scoring(report))
    doc.table(UNIT_HEADINGS, unit_rows(report), [35, 17, 21, 21, 25, 25, 12])
    if report.units:
        docxchart.add(doc.doc, charts.completion(report), bulletin.fonts.body)
        doc.caption("图1 各单位完成情况")
    doc.heading("三、逾期未完成事项")
    if report.overdue:
        rows = [
            [e.unit, f"任务{e.task_id}", e.due.isoformat(), f"{e.days}天", e.text] for e in report.overdue
        ]
        doc.table(["单位", "任务", "到期日", "已逾期", "完成时间及方式（原文）"], rows, [28, 18, 29, 16, 65])
    else:
        doc.body("本期没有逾期未完成的事项。")
    doc.heading("四、逾期完成事项")
    if report.late:
        rows = [
            [
                e.unit,
                f"任务{e.task_id}",
                e.due.isoformat(),
                e.record.done.isoformat() if e.record else "",
                f"{e.days}天",
                "；".join(e.record.evidence) if e.record else "",
            ]
            for e in report.late
        ]
        doc.table(["单位", "任务", "到期日", "完成日期", "迟", "佐证材料"], rows, [28, 18, 29, 29, 12, 40])
    else:
        doc.body("本期没有逾期完成的事项。")
    doc.heading("五、各月到期情况")
    doc.body("各月到期事项及完成情况见图2。")
    docxchart.add(doc.doc, charts.by_month(report), bulletin.fonts.body)
    doc.caption("图2 各月到期事项")
    doc.heading("六、有关要求")
    doc.body(
        "请有逾期未完成事项的单位抓紧办理，办结后报送完成情况及佐证材料；"
        "各单位对照清单做好下一阶段工作，确保按时完成。"
    )
    doc.signature(bulletin.head.issuer, bulletin.date or report.today, keep=1)
    return doc.bytes()
