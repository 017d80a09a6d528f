"""情况通报 as one self-contained web page: the figures' tables and the charts as inline SVG.

Rendered by Jinja2 with autoescaping on (nothing from the register becomes markup); the SVG comes
from `gpstd.documents.charts`, whose text is escaped there. The page loads nothing.
"""

from __future__ import annotations

from gpstd.documents import charts
from gpstd.documents.report_docx import (
    UNIT_HEADINGS,
    Bulletin,
    overall,
    percent,
    points,
    scoring,
    title,
    unit_rows,
)
from gpstd.supervision.report import Report

TEMPLATE = "report.html.j2"


def render(bulletin: Bulletin, report: Report) -> str:
    from markupsafe import Markup

    from gpstd.templating import render as fill

    return fill(
        TEMPLATE,
        title=title(bulletin, report),
        meta=bulletin.register.meta,
        report=report,
        overall=overall(report),
        scoring=scoring(report),
        headings=UNIT_HEADINGS,
        rows=unit_rows(report),
        percent=percent,
        points=points,
        units_chart=Markup(charts.svg(charts.completion(report))) if report.units else None,
        months_chart=Markup(charts.svg(charts.by_month(report))),
        issuer=bulletin.head.issuer,
        date=bulletin.date or report.today,
    )
