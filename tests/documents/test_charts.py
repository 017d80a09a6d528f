"""Charts: the SVG a browser draws, and the Word chart part, carry the figures and the Chinese."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from gpstd.documents import charts, docxchart
from gpstd.documents.charts import Chart, Series

SVG = "{http://www.w3.org/2000/svg}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _chart(horizontal: bool = True) -> Chart:
    return Chart(
        "各单位完成情况（事项数）",
        ["区民政局", "市桥街道", "<b>&单位"],
        [
            Series("按时完成", "#2E7D32", [2, 0, 1]),
            Series("逾期完成", "#F9A825", [1, 0, 0]),
            Series("逾期未完成", "#C62828", [0, 3, 0]),
        ],
        horizontal,
    )


def test_svg_bars_are_proportional_and_labelled() -> None:
    root = ET.fromstring(charts.svg(_chart()))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "各单位完成情况（事项数）"
    assert "区民政局：按时完成2，逾期完成1，逾期未完成0，共3" in root.find(f"{SVG}desc").text
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert [b.find(f"{SVG}title").text for b in bars] == [
        "区民政局 按时完成：2",
        "区民政局 逾期完成：1",
        "市桥街道 逾期未完成：3",
        "<b>&单位 按时完成：1",
    ]
    widths = [float(b.get("width")) for b in bars]
    assert abs(widths[0] - 2 * widths[1]) < 0.2 and abs(widths[2] - 3 * widths[1]) < 0.2
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"区民政局", "市桥街道", "<b>&单位", "按时完成", "逾期完成", "逾期未完成"} <= set(texts)


def test_svg_columns() -> None:
    root = ET.fromstring(charts.svg(_chart(horizontal=False)))
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    heights = [float(b.get("height")) for b in bars]
    assert abs(heights[2] - 3 * heights[1]) < 0.2
    assert float(bars[1].get("y")) < float(bars[0].get("y"))  # stacked upwards


def test_word_chart_part() -> None:
    root = ET.fromstring(docxchart.chart_xml(_chart(), "仿宋_GB2312"))
    bar = root.find(f"{C}chart/{C}plotArea/{C}barChart")
    assert bar.find(f"{C}barDir").get("val") == "bar"
    assert bar.find(f"{C}grouping").get("val") == "stacked"
    series = bar.findall(f"{C}ser")
    assert [s.find(f".//{C}tx//{C}v").text for s in series] == ["按时完成", "逾期完成", "逾期未完成"]
    assert [p.text for p in series[0].findall(f"{C}cat//{C}pt/{C}v")] == ["区民政局", "市桥街道", "<b>&单位"]
    assert [p.text for p in series[2].findall(f"{C}val//{C}pt/{C}v")] == ["0", "3", "0"]
    fonts = {e.get("typeface") for e in root.iter() if e.tag.endswith("}ea")}
    assert fonts == {"仿宋_GB2312"}
