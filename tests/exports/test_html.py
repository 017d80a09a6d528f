"""gpstd export html: a self-contained, accessible page where the register can never become markup."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVIL = "<script>alert('x')</script> \"引号\" 'single' </td><td>注入 & <b>粗</b>"


class _Cells(HTMLParser):
    """Counts what a browser would build: tags by name and the cells of each task row."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, int] = {}
        self.rows: list[list[str]] = []
        self._in_task = False
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "tr" and ("class", "task") in attrs:
            self._in_task = True
            self.rows.append([])
        elif tag in ("td", "th") and self._in_task:
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if tag == "tr" and self._in_task:
            self._in_task = False
            self.rows[-1] = [cell.strip() for cell in self.rows[-1]]

    def handle_data(self, data):
        if self._in_task and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data
        self.texts.append(data)


def _page(run, *args: str) -> str:
    result = run("export", "html", "--today", "2020-11-01", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _parsed(page: str) -> _Cells:
    parser = _Cells()
    parser.feed(page)
    return parser


@pytest.fixture
def evil_register(register_copy: Path) -> Path:
    text = register_copy.read_text(encoding="utf-8")
    quoted = '"' + EVIL.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = text.replace("task: 相应编制本领域政务公开事项标准目录。", f"task: {quoted}", 1)
    text = text.replace(
        "title: 番禺区基层政务公开标准化规范化工作重点任务清单",
        'title: "清单</title><script>x()</script>"',
        1,
    )
    register_copy.write_text(text, encoding="utf-8")
    return register_copy


def test_register_text_is_escaped(run, evil_register: Path) -> None:
    page = _page(run, "--file", str(evil_register), "--status")
    assert "<script>alert" not in page and "</title><script>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    parsed = _parsed(page)
    assert parsed.tags["script"] == 1  # only the page's own script
    assert parsed.tags.get("b", 0) == 0
    first = parsed.rows[0]
    assert len(first) == 6  # the </td><td> in the text made no extra cell
    assert first[2] == EVIL
    assert "清单</title><script>x()</script>" in "".join(parsed.texts)


def test_page_is_self_contained(run) -> None:
    page = _page(run)
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # the page may not load anything, even if edited


def test_page_structure_is_accessible(run) -> None:
    page = _page(run, "--status")
    assert '<html lang="zh-CN">' in page
    assert '<meta name="viewport"' in page
    assert page.count('<th scope="col"') == 6
    assert page.count('<th scope="row"') == 28
    assert '<label for="unit-filter">' in page and '<select id="unit-filter"' in page
    assert '<label for="search">' in page and '<input id="search"' in page
    assert 'role="status"' in page and "@media print" in page and "@media (max-width" in page
    assert "<caption>" in page


def test_rows_status_and_timeline(run) -> None:
    parsed = _parsed(_page(run, "--status"))
    assert len(parsed.rows) == 28
    by_seq = {row[0]: row for row in parsed.rows}
    assert by_seq["1"][4] == "2020-08-31" and "逾期" in by_seq["1"][5]
    assert by_seq["5"][4] == "2020-11-30" and "未到期" in by_seq["5"][5]
    assert "长期" in by_seq["19"][5] and "不定期" in by_seq["12"][5]
    page = _page(run, "--status")
    assert "2020年11月（本月）" in page and "2021年7月" in page
    assert 'data-status="overdue"' in page and "status-overdue" in page


def test_unit_and_section_options(run) -> None:
    parsed = _parsed(_page(run, "--unit", "区司法局", "--direct"))
    assert sorted(int(r[0]) for r in parsed.rows) == [10, 13, 15, 19, 28]
    parsed = _parsed(_page(run, "--section", "七"))
    assert [r[0] for r in parsed.rows] == ["11", "12", "13", "14"]


def test_a_task_naming_the_unit_without_a_deadline_of_its_own(run) -> None:
    """任务22 names 各镇（街）, but dates only 区政务服务数据管理局's summary: a town's page lists it,
    saying so, not as 长期 nor with the summary's date."""
    parsed = _parsed(_page(run, "--status", "--unit", "市桥街道"))
    row = next(r for r in parsed.rows if r[0] == "22")
    assert any("本单位无期限" in cell for cell in row)
    assert not any("2020-12-31" in cell for cell in row)


def test_output_file(run, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = run("export", "html", "--today", "2020-11-01", "-o", str(out))
    assert result.exit_code == 0
    assert "已导出网页（28 项任务）" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_unknown_unit_is_a_user_error(run) -> None:
    result = run("export", "html", "--unit", "不存在的局")
    assert result.exit_code == 1 and "没有名为「不存在的局」的单位" in result.stderr


def test_rows_timeline_and_filter_show_done(run, register_copy: Path, record_done) -> None:

    plain = _page(run, "--file", str(register_copy), "--status")
    assert "已完成" not in _parsed(plain).texts and 'value="done"' not in plain
    record_done(register_copy)
    page = _page(run, "--file", str(register_copy), "--status")
    by_seq = {row[0]: row for row in _parsed(page).rows}
    assert by_seq["1"][4] == "2020-08-31" and by_seq["1"][5] == "✓ 已完成"
    assert "逾期" in by_seq["3"][5]  # one town of many reported
    assert "未到期" in by_seq["21"][5]  # its next quarter is to come
    assert '<tr id="task-1" class="task"' in page and 'data-status="done"' in page
    assert '<option value="done" data-label="✓ 已完成">✓ 已完成（1）</option>' in page
    entries = re.findall(
        r'<li data-task="(\d+)"[^>]*>\s*<time datetime="([\d-]+)">.*?'
        r'<span class="status status-(\w+)">([^<]*)</span>',
        page,
        re.S,
    )
    done = [(task, day) for task, day, state, text in entries if state == "done" and text == "✓ 已完成"]
    assert done == [("1", "2020-08-31"), ("21", "2020-09-30")]


def test_after_and_before_choose_tasks_and_timeline_as_other_exports(run) -> None:
    page = _page(run, "--after", "2021-01-01", "--before", "2021-03-31")
    parsed = _parsed(page)
    csv_rows = run(
        "export",
        "csv",
        "--today",
        "2020-11-01",
        "--after",
        "2021-01-01",
        "--before",
        "2021-03-31",
        "--no-bom",
    ).stdout.splitlines()[1:]
    assert sorted(r[0] for r in parsed.rows) == sorted(line.split(",")[0] for line in csv_rows)
    assert "本页只含：期限在 2021-01-01 至 2021-03-31 之间" in page
    months = re.findall(r"<h3>(\d+年\d+月)", page)
    assert months and all(m in ("2021年1月", "2021年2月", "2021年3月") for m in months)
    bad = run("export", "html", "--after", "2021-02-01", "--before", "2021-01-01")
    assert bad.exit_code == 1
    assert bad.stderr == "gpstd: --after 2021-02-01 晚于 --before 2021-01-01：窗口起点不能晚于终点\n"


def test_task_text_keeps_its_line_breaks(run) -> None:
    page = _page(run)
    assert "td.text { white-space: pre-line; }" in page
    assert '<td class="text" data-label="工作任务">' in page


def test_overdue_task_reads_the_same_in_every_export(run) -> None:
    """Task 1's only deadline (2020-08-31) has passed: same date, same word everywhere,
    the word of the terminal's legend."""
    import csv
    import io

    from openpyxl import load_workbook

    args = ("--today", "2020-11-01", "--section", "一")
    page = {row[0]: row for row in _parsed(_page(run, "--section", "一", "--status")).rows}
    rows = list(csv.reader(io.StringIO(run("export", "csv", *args, "--no-bom").stdout)))
    sheet = load_workbook(io.BytesIO(run("export", "xlsx", *args).stdout_bytes))["重点任务清单"]
    xlsx = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "1")
    terminal = run("overdue", "--today", "2020-11-01").stdout
    assert rows[1][5:] == ["2020-08-31", "逾期62天"]
    assert (xlsx[5].date().isoformat(), xlsx[6]) == ("2020-08-31", "逾期62天")
    assert page["1"][4] == "2020-08-31" and page["1"][5] == "● 逾期62天"
    assert "逾期62天" in terminal


def test_without_status_the_page_is_the_plan_itself(run) -> None:
    """A public page with no progress data would call every past deadline 逾期: without --status it
    shows the plan -- the source's four columns and the calendar -- and no state at all."""
    page = _page(run)
    parsed = _parsed(page)
    assert len(parsed.rows) == 28 and all(len(row) == 4 for row in parsed.rows)
    assert parsed.rows[0][3] == "2020年8月31日前，报区政府办（调研科）。"
    words = "".join(parsed.texts)
    for state in ("逾期", "未到期", "7天内", "已完成", "状态计算日期"):
        assert state not in words, state
    assert 'class="status' not in page and 'id="status-filter"' not in page
    assert "2020年8月31日" not in words or "8月31日" in words  # the calendar still lists the dates
    assert '<time datetime="2020-08-31">8月31日</time>' in page


def test_source_line_names_the_document_not_a_file(run) -> None:
    page = _page(run)
    assert '<p class="meta">来源：番禺区基层政务公开标准化规范化工作方案 附件1</p>' in page
    assert "data/sources" not in page


def test_calendar_opens_on_this_month_or_the_nearest(run) -> None:
    def opened(*args: str) -> str:
        found = re.search(r'<option value="([\d-]+)" data-label="[^"]*" selected>', _page(run, *args))
        assert found
        return found[1]

    assert opened() == "2020-11"  # --today 2020-11-01
    assert opened("--today", "2021-08-15") == "2021-09"  # no deadline in August: the next month
    assert opened("--today", "2035-01-01", "--before", "2022-12-31") == "2022-12"  # all past: the last


def test_a_date_the_register_assumed_says_so_in_the_calendar(run) -> None:
    """Tasks 7, 16 and 21 give no day (每季度, 每半年): the register's quarter and half-year ends
    are its own reading, and a page for the public must not present them as the source's dates."""
    page = _page(run)
    entries = re.findall(r'<li data-task="(\d+)" data-units="[^"]*">(.*?)</li>', page, re.S)
    assumed = {int(task) for task, body in entries if "（推定日期）" in body}
    assert assumed == {7, 16, 21}
    quarter_end = next(body for task, body in entries if task == "21" and 'datetime="2020-12-31"' in body)
    assert "每季度情况通报，抄送区政府办（调研科）（周期）（推定日期）" in quarter_end


def test_a_next_deadline_the_register_assumed_says_so_in_the_table(run) -> None:
    parsed = _parsed(_page(run, "--status", "--today", "2020-09-01"))
    by_seq = {row[0]: row for row in parsed.rows}
    assert by_seq["21"][4] == "2020-09-30（周期）（推定日期）"
    assert by_seq["7"][4].endswith("（推定日期）") and by_seq["16"][4].endswith("（推定日期）")
    assert not any("推定" in row[4] for seq, row in by_seq.items() if seq not in ("7", "16", "21"))
