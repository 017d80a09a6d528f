"""`gpstd report` as .docx and html: the figures, the lists and the charts a reader sees."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
import pytest

from documents.pdf import lines, needs_office, pages, to_pdf

ARGS = ("--period", "2020Q3", "--today", "2020-11-25")
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


@pytest.fixture
def progress(run, register_copy: Path, record_done) -> Path:
    record_done(register_copy)
    late = run(
        "done",
        "11",
        "--due",
        "2020-09-30",
        "--unit",
        "市桥街道",
        "--on",
        "2020-10-10",
        "--evidence",
        "穗番市桥〔2020〕20号",
        "--file",
        str(register_copy),
    )
    assert late.exit_code == 0, late.stderr
    return register_copy


def _make(run, register: Path, fmt: str, *args: str) -> Path:
    out = register.parent / f"report.{fmt}"
    result = run("report", *ARGS, "--format", fmt, "-o", str(out), "--file", str(register), *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"已导出2020年第三季度情况通报：{out}\n"
    return out


def test_docx_report(run, progress: Path) -> None:
    doc = docx.Document(str(_make(run, progress, "docx", "--issuer", "番禺区人民政府办公室")))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[0] == "关于2020年第三季度\n重点任务落实情况的通报"  # 回行 balanced, words and dates whole
    assert texts[1] == "各有关单位："
    headings = [t for t in texts if re.match(r"^[一二三四五六]、", t)]
    assert headings == [
        "一、总体情况",
        "二、各单位完成情况",
        "三、逾期未完成事项",
        "四、逾期完成事项",
        "五、各月到期情况",
        "六、有关要求",
    ]
    overall = texts[texts.index("一、总体情况") + 1]
    assert overall.startswith("2020年第三季度（2020年7月1日至2020年9月30日），截至2020年11月25日，已到期事项")
    units, overdue, late = doc.tables
    assert [c.text for c in units.rows[0].cells] == [
        "单位",
        "已到期",
        "按时完成",
        "逾期完成",
        "逾期未完成",
        "按时完成率",
        "得分",
    ]
    town = next(r for r in units.rows if r.cells[0].text == "市桥街道")
    assert [c.text for c in town.cells] == ["市桥街道", "2", "1", "1", "0", "50.0%", "80.0"]
    assert units.rows[-1].cells[0].text == "合计"
    assert [c.text for c in overdue.rows[0].cells] == [
        "单位",
        "任务",
        "到期日",
        "已逾期",
        "完成时间及方式（原文）",
    ]
    assert [c.text for c in late.rows[1].cells] == [
        "市桥街道",
        "任务11",
        "2020-09-30",
        "2020-10-10",
        "10天",
        "穗番市桥〔2020〕20号",
    ]
    assert texts[-2:] == ["番禺区人民政府办公室", "2020年11月25日"]
    assert texts[-5:-2] == ["图2 各月到期事项", "六、有关要求", texts[-3]]
    charts = [p for p in doc.part.package.iter_parts() if str(p.partname).startswith("/word/charts/")]
    assert len(charts) == 2
    first = ET.fromstring(charts[0].blob)
    categories = [v.text for v in first.find(f".//{C}ser").findall(f"{C}cat//{C}v")]
    assert categories[:2] == ["区政府办", "区政务服务数据管理局"] and "市桥街道" in categories
    assert (
        first.find(f".//{C}title//{{http://schemas.openxmlformats.org/drawingml/2006/main}}t").text
        == "各单位完成情况（事项数）"
    )


def test_html_report(run, progress: Path) -> None:
    html = _make(run, progress, "html").read_text("utf-8")
    assert "<title>关于2020年第三季度重点任务落实情况的通报</title>" in html
    assert (
        '<th scope="row">市桥街道</th><td class="num">2</td><td class="num">1</td><td class="num">1</td>'
        in html
    )
    assert html.count("<svg ") == 2
    assert "<title>市桥街道 逾期完成：1</title>" in html
    assert "<td>穗番市桥〔2020〕20号</td>" in html
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")


def test_default_names_and_formats(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("report", "--period", "2020H2", "--today", "2021-01-10").exit_code == 0
    assert (
        run(
            "report", "--period", "2020-08-01..2020-09-30", "--today", "2021-01-10", "--format", "html"
        ).exit_code
        == 0
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "情况通报-2020-08-01至2020-09-30.html",
        "情况通报-2020H2.docx",
    ]
    again = run("report", "--period", "2020H2", "--today", "2021-01-10")
    assert again.exit_code == 1 and "文件已存在；加 --force 覆盖" in again.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--period", "2021Q5"], 1, "--period 无法识别「2021Q5」"),
        (["--period", "2021Q1", "--format", "pdf"], 2, "--format 应为 docx、html 或 json，实为「pdf」"),
        (["--period", "2021Q1", "--red"], 2, "--red（红头）需要 --issuer 给出发文机关"),
        ([], 2, "--period"),
    ],
)
def test_report_usage(run, args, code, message) -> None:
    result = run("report", "--today", "2021-01-10", *args)
    assert result.exit_code == code
    assert message in result.stderr


@needs_office
def test_the_report_prints_with_its_charts(run, progress: Path) -> None:
    printed = [lines(page) for page in pages(to_pdf(_make(run, progress, "docx")))]
    text = "\n".join("\n".join(page) for page in printed)
    assert printed[0][:2] == ["关于2020年第三季度", "重点任务落实情况的通报"]
    # the charts' own text, drawn by LibreOffice: titles, legend, unit names and months
    assert "各单位完成情况（事项数）" in text and "各月到期事项（按责任单位计）" in text
    assert "逾期未完成" in text and "市规划和自然资源局番禺区分局" in text
    assert "8月" in text and "9月" in text
    assert [page[-1] for page in printed] == [f"—{n}—" for n in range(1, len(printed) + 1)]
