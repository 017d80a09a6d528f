"""gpstd export xlsx: the workbook as Excel/WPS would open and print it."""

from __future__ import annotations

import datetime as dt
import io
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gpstd.exports.table import OCCURRENCE_COLUMNS, TASK_COLUMNS
from gpstd.exports.xlsx import LINE_HEIGHT, ROW_PADDING, display_width, lines


def _workbook(run, *args: str):
    result = run("export", "xlsx", "--today", "2020-11-01", *args)
    assert result.exit_code == 0, result.stderr
    return load_workbook(io.BytesIO(result.stdout_bytes))


def test_sheets_title_and_header_like_the_source(run):
    wb = _workbook(run)
    assert wb.sheetnames == ["重点任务清单", "全部期限"]
    ws = wb["重点任务清单"]
    assert ws["A1"].value == "番禺区基层政务公开标准化规范化工作重点任务清单"
    assert "A1:G1" in {str(r) for r in ws.merged_cells.ranges}
    assert tuple(c.value for c in ws[2]) == TASK_COLUMNS
    assert TASK_COLUMNS[:5] == ("序号", "责任单位", "工作任务", "完成时间及方式", "方案项目")


def test_rows_are_the_28_tasks_verbatim_with_next_due_and_status(run):
    ws = _workbook(run)["重点任务清单"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 28
    first = rows[0]
    assert first[:5] == (
        "1",
        "区发展改革局等区有关目录编制部门",
        "相应编制本领域政务公开事项标准目录。",
        "2020年8月31日前，报区政府办（调研科）。",
        "（一）",
    )
    # Its only deadline, 2020-08-31, has passed: shown with 逾期, as on the web page.
    assert first[5] == dt.datetime(2020, 8, 31) and first[6] == "逾期62天"
    task14 = rows[13]
    assert task14[5] == dt.datetime(2020, 11, 30) and task14[6] == "未到期"
    assert rows[4][5:] == (dt.datetime(2020, 11, 30), "未到期")


def test_status_soon_is_coloured(run):
    ws = _workbook(run, "--today", "2020-11-25")["重点任务清单"]
    cell = ws["G7"]  # task 5, due 2020-11-30
    assert cell.value == "5天内"
    assert cell.fill.fgColor.rgb.endswith("FFEB9C")


def test_layout_for_screen_and_print(run):
    ws = _workbook(run)["重点任务清单"]
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws["C3"].alignment.wrap_text is True
    assert ws.column_dimensions["C"].width >= 24
    assert ws.column_dimensions["A"].width == 6
    # Printing: the footer sits inside the bottom margin with room for its line.
    margins = ws.page_margins
    assert margins.bottom - margins.footer >= 0.4 and margins.top - margins.header >= 0.4
    assert ws.oddFooter.center.text == "&A　第 &P 页"  # the sheet's name and its own page number
    assert ws.page_setup.useFirstPageNumber and ws.page_setup.firstPageNumber == 1


def test_row_heights_hold_the_lines_of_the_longest_cell(run):
    """Heights come from the text broken as 宋体 sets it: the header is one line; task 2's
    完成时间及方式 (50 half-ems in a column that holds 32) is two."""
    ws = _workbook(run)["重点任务清单"]
    heights = {row[0].value: ws.row_dimensions[row[0].row].height for row in ws.iter_rows(min_row=2)}
    assert heights["序号"] == LINE_HEIGHT + ROW_PADDING
    assert heights["2"] == 2 * LINE_HEIGHT + ROW_PADDING
    assert heights["13"] >= 2 * LINE_HEIGHT + ROW_PADDING


@pytest.mark.parametrize(
    "text, width, expected",
    [
        ("区政府办", 12, 1),
        ("2020-08-31", 12, 1),
        ("一二三四五六七八九十一二三四五六七八九十", 24, 2),  # 20 characters, 10 a line (21 half-ems)
        ("一二三四五六七八九十）。", 23, 2),  # 10 characters fit, but “）。” never starts a line: 十 goes too
        ("第一行\n第二行", 48, 2),
    ],
)
def test_lines_break_as_the_application_does(text, width, expected):
    assert lines(text, width) == expected


def test_second_sheet_lists_every_deadline_by_date(run):
    ws = _workbook(run, "--after", "2020-08-01", "--before", "2020-12-31")["全部期限"]
    assert tuple(c.value for c in ws[1]) == OCCURRENCE_COLUMNS
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 25
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert rows[0][0] == dt.datetime(2020, 8, 31)
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    assert ws["A2"].number_format == "yyyy-mm-dd"


def test_unit_filter(run):
    ws = _workbook(run, "--unit", "区司法局", "--direct")["重点任务清单"]
    responsible = [r[1] for r in ws.iter_rows(min_row=3, values_only=True)]
    assert responsible and all("区司法局" in r for r in responsible)


def test_display_width_counts_chinese_double():
    assert display_width("ab") == 2
    assert display_width("区司法局") == 8
    assert display_width("（一）") == 6


def test_refuses_to_write_binary_to_a_terminal(tmp_path):
    primary, secondary = pty.openpty()
    env = {**os.environ, "GPSTD_CACHE_DIR": str(tmp_path)}
    proc = subprocess.run(  # noqa: PLW1510 - the exit code is asserted
        [sys.executable, "-m", "gpstd", "export", "xlsx"],
        stdout=secondary,
        stderr=subprocess.PIPE,
        env=env,
        timeout=60,
    )
    os.close(secondary)
    os.close(primary)
    assert proc.returncode == 2
    assert "请用 -o 指定文件" in proc.stderr.decode()


def test_status_cells_say_done(run, register_copy, record_done):

    wb = _workbook(run, "--file", str(register_copy))
    assert "按时完成" not in {c.value for ws in wb for row in ws.iter_rows() for c in row}
    record_done(register_copy)
    wb = _workbook(run, "--file", str(register_copy))
    cell = wb["重点任务清单"]["G3"]  # task 1
    assert cell.value == "按时完成" and cell.fill.fgColor.rgb.endswith("DDEBF7")
    assert wb["重点任务清单"]["G5"].value == "逾期62天"  # task 3: one town of many reported
    sheet = wb["全部期限"]
    at = [c.value for c in sheet[1]].index("状态")
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    done = [(r[0].date(), r[1]) for r in rows if r[at] == "按时完成"]
    assert done == [(dt.date(2020, 8, 31), "1"), (dt.date(2020, 9, 30), "21")]


SOFFICE = shutil.which("soffice")
# Calc's library: `soffice` from the Writer package alone cannot open a workbook.
CALC = SOFFICE is not None and Path(SOFFICE).resolve().with_name("libsclo.so").exists()
ROW_CHECK = Path(__file__).with_name("lo_row_heights.py")


def _uno() -> bool:
    """Whether the system python has LibreOffice's UNO bridge (Debian's python3-uno)."""
    probe = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(
    not CALC, reason="LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)"
)
def test_printed_from_libreoffice_every_page_has_its_footer_and_no_row_is_cut(run, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    book = tmp_path / "清单.xlsx"
    assert run("export", "xlsx", "--today", "2020-11-01", "-o", str(book)).exit_code == 0
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pages = [page.extract_text() for page in pypdf.PdfReader(tmp_path / "清单.pdf").pages]
    footers = [re.findall(r"(重点任务清单|全部期限)\s*第\s*(\d+)\s*页", text) for text in pages]
    assert all(len(found) == 1 for found in footers), pages
    numbered = [(sheet, int(n)) for [(sheet, n)] in footers]
    sheets = [sheet for sheet, _n in numbered]
    assert sheets == sorted(sheets, key=["重点任务清单", "全部期限"].index) and len(set(sheets)) == 2
    for sheet in set(sheets):  # each sheet counts its own pages from 1
        assert [n for s, n in numbered if s == sheet] == list(range(1, sheets.count(sheet) + 1))
    assert max(n for _s, n in numbered) > 1
    assert "番禺区基层政务公开标准化规范化工作重点任务清单" in pages[0]
    if not _uno():
        pytest.skip("rows not measured: python3-uno is not installed (apt-get install python3-uno)")
    measured = subprocess.run(
        ["/usr/bin/python3", str(ROW_CHECK), str(book)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert measured.stdout.strip() == "[]", measured.stdout  # no row lower than LibreOffice needs
