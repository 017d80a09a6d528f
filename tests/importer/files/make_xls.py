"""Makes list.xls, the Excel 97–2003 fixture of tests/importer/test_import.py: a workbook laid
out with openpyxl and saved as .xls by LibreOffice (`soffice --convert-to xls`), as a real
client writes the format. Run from this folder: `python make_xls.py` (needs soffice).

looping-chain.xls beside it is list.xls with a few bytes changed by a fuzzer so that a chain of
its short sectors loops (tests/importer/test_hostile.py); it is kept as found, not made here."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment

HERE = Path(__file__).resolve().parent


def main() -> None:
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
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "list.xlsx"
        book.save(source)
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "xls", "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
        )
        shutil.copy(Path(tmp) / "list.xls", HERE / "list.xls")


if __name__ == "__main__":
    main()
