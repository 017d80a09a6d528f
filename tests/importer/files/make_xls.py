"""Makes list.xls and dates.xls, the Excel 97–2003 fixtures of tests/importer/test_import.py:
workbooks laid out with openpyxl and saved as .xls by LibreOffice (`soffice --convert-to xls`),
as a real client writes the format. Run from this folder: `python make_xls.py` (needs soffice).
dates.xls holds date cells whose formats leave out the day or the year, and 2024.10 typed as a
number in a 0.00 format (SHOWN_CELLS).

looping-chain.xls beside it is list.xls with a few bytes changed by a fuzzer so that a chain of
its short sectors loops (tests/importer/test_hostile.py); it is kept as found, not made here."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment

HERE = Path(__file__).resolve().parent


# (value held, number format): what typing 2024年6月, 9月, 9月15日 or 2024.10 into Excel keeps,
# and a whole date and a fraction in General for control.
SHOWN_CELLS: list[tuple[object, str]] = [
    (dt.datetime(2024, 6, 1), 'yyyy"年"m"月"'),
    (dt.datetime(2024, 11, 1), '[$-804]yyyy"年"m"月";@'),
    (dt.datetime(2024, 9, 1), 'm"月"'),
    (dt.datetime(2024, 9, 15), 'm"月"d"日"'),
    (dt.datetime(2024, 6, 1), "yyyy-mm-dd"),
    (2024.1, "0.00"),
    (2024.6, "General"),
]


def dates_book() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某某县2024年重点工作台账"])
    sheet.append(["序号", "工作任务", "责任单位", "完成时间"])
    for i, (value, number_format) in enumerate(SHOWN_CELLS, start=1):
        sheet.append([i, f"完成第{i}项工作。", "县住建局", value])
        sheet.cell(sheet.max_row, 4).number_format = number_format
    return book


def _save_as_xls(book: openpyxl.Workbook, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{name}.xlsx"
        book.save(source)
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "xls", "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
        )
        shutil.copy(Path(tmp) / f"{name}.xls", HERE / f"{name}.xls")


def list_book() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务清单"
    sheet.append(["某某区政务公开重点任务清单"])
    sheet.merge_cells("A1:E1")
    sheet.append(["序号", "责任单位", "工作任务", "完成时间", "方案项目"])
    sheet.append([1, "区财政局", "做好预算公开。", dt.datetime(2021, 3, 31), "（一）"])
    sheet.append([2, None, "做好决算公开。", "每季度末", "（一）"])
    sheet.merge_cells("B3:B4")  # one unit for two rows, as real lists write it
    sheet.append([3, "各镇（街）", "建设公开专区，\n完善服务机制。", "长期", "（二）"])
    sheet["C5"].alignment = Alignment(wrap_text=True)
    sheet["D3"].number_format = "yyyy年m月d日"
    return book


def main(names: list[str]) -> None:
    """`python make_xls.py dates` remakes dates.xls alone (list.xls stays as looping-chain.xls was cut from)."""
    books = {"list": list_book, "dates": dates_book}
    for name in names or books:
        _save_as_xls(books[name](), name)


if __name__ == "__main__":
    main(sys.argv[1:])
