"""The 通报's charts: stacked bars as data (`Chart`), and as SVG for the web page.

`completion(report)` is each unit's deadlines stacked by state (按时完成, 逾期完成, 逾期未完成,
未到期), one horizontal bar a unit; `by_month(report)` the same per month, one column a month.
The SVG is written here, a few dozen lines with no plotting library: its text is text, set in the
reader's own Chinese fonts, so it prints sharp and never shows boxes for missing glyphs. The .docx
gets the same `Chart` as a native Word chart (`gpstd.documents.docxchart`).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from gpstd.supervision.report import Report


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    """#rrggbb, chosen to stay apart in grey print too (dark green, amber, red, light grey)."""
    values: list[int]


@dataclass(frozen=True)
class Chart:
    title: str
    categories: list[str]
    series: list[Series]
    horizontal: bool
    """Bars across (one a unit) or columns up (one a month)."""
    unit: str = "项"

    def totals(self) -> list[int]:
        return [sum(s.values[i] for s in self.series) for i in range(len(self.categories))]


STATES = (
    ("ontime", "按时完成", "#2E7D32"),
    ("late", "逾期完成", "#F9A825"),
    ("overdue", "逾期未完成", "#C62828"),
    ("pending", "未到期", "#B0BEC5"),
)
FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Zen Hei", sans-serif'


def completion(report: Report) -> Chart:
    rows = report.units
    series = [Series(name, colour, [getattr(r, key) for r in rows]) for key, name, colour in STATES]
    return Chart("各单位完成情况（事项数）", [r.unit for r in rows], series, horizontal=True)


def by_month(report: Report) -> Chart:
    months = report.months
    series = [Series(name, colour, [getattr(m, key) for m in months]) for key, name, colour in STATES]
    return Chart(
        "各月到期事项（按责任单位计）",
        [f"{m.month}月" if len(months) <= 12 else m.label for m in months],
        series,
        horizontal=False,
    )


# --- SVG ---------------------------------------------------------------------------------------


def _scale(top: int) -> tuple[int, list[int]]:
    """A round axis maximum at or above `top`, and its ticks."""
    top = max(top, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 6:
            break
    else:
        step = (top // 5) or 1
    end = -(-top // step) * step
    return end, list(range(0, end + 1, step))


def _text_width(text: str, size: float) -> float:
    return sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in text)


def svg(chart: Chart, width: int = 720) -> str:
    """The chart as a self-contained SVG element (title, legend, axis, bars, totals)."""
    return _bars(chart, width) if chart.horizontal else _columns(chart, width)


def _head(chart: Chart, width: int, height: int, ident: str) -> list[str]:
    legend, x = [], 0.0
    for s in chart.series:
        legend.append(f'<rect x="{x:.0f}" y="30" width="12" height="12" fill="{s.colour}"/>')
        legend.append(f'<text x="{x + 16:.0f}" y="41" font-size="13">{escape(s.name)}</text>')
        x += 16 + _text_width(s.name, 13) + 18
    totals = chart.totals()
    desc = "；".join(
        f"{c}：" + "，".join(f"{s.name}{s.values[i]}" for s in chart.series) + f"，共{totals[i]}"
        for i, c in enumerate(chart.categories)
    )
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" font-family=\'{FONT}\' class="chart">',
        f'<title id="{ident}-title">{escape(chart.title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<text x="0" y="18" font-size="16" font-weight="bold">{escape(chart.title)}</text>',
        '<g class="legend">',
        *legend,
        "</g>",
    ]


def _bars(chart: Chart, width: int) -> str:
    label = min(220, max((_text_width(c, 13) for c in chart.categories), default=40) + 10)
    row, top = 22, 60
    height = top + row * len(chart.categories) + 30
    plot = width - label - 40
    end, ticks = _scale(max(chart.totals(), default=0))
    unit = plot / end
    out = _head(chart, width, height, "units")
    base = top + row * len(chart.categories)
    for tick in ticks:
        x = label + tick * unit
        out.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{base}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="{base + 16}" font-size="11" text-anchor="middle">{tick}</text>')
    for i, category in enumerate(chart.categories):
        y = top + i * row
        out.append(
            f'<text x="{label - 6}" y="{y + 15}" font-size="13" text-anchor="end">{escape(category)}</text>'
        )
        x = float(label)
        for s in chart.series:
            value = s.values[i]
            if value:
                w = value * unit
                out.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{s.colour}">'
                    f"<title>{escape(category)} {escape(s.name)}：{value}</title></rect>"
                )
                x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + 15}" font-size="11">{chart.totals()[i]}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _columns(chart: Chart, width: int) -> str:
    top, bottom, left = 60, 40, 36
    height = 320
    plot_h = height - top - bottom
    end, ticks = _scale(max(chart.totals(), default=0))
    unit = plot_h / end
    slot = (width - left) / max(len(chart.categories), 1)
    out = _head(chart, width, height, "months")
    base = top + plot_h
    for tick in ticks:
        y = base - tick * unit
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{tick}</text>')
    for i, category in enumerate(chart.categories):
        x = left + i * slot + slot * 0.2
        w = slot * 0.6
        y = float(base)
        for s in chart.series:
            value = s.values[i]
            if value:
                h = value * unit
                y -= h
                out.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{s.colour}">'
                    f"<title>{escape(category)} {escape(s.name)}：{value}</title></rect>"
                )
        centre = x + w / 2
        out.append(
            f'<text x="{centre:.1f}" y="{y - 4:.1f}" font-size="11" text-anchor="middle">{chart.totals()[i]}</text>'
        )
        out.append(
            f'<text x="{centre:.1f}" y="{base + 16}" font-size="12" text-anchor="middle">{escape(category)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
