"""Run by the system python with LibreOffice's UNO bridge (Debian's python3-uno), not by pytest:
open a workbook in a headless LibreOffice and print, as JSON, each row whose text needs more
height than the row has: [sheet, row (1-based), height, optimal height] in 1/100 mm.

    /usr/bin/python3 tests/exports/lo_row_heights.py book.xlsx
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def _connect(pipe: str):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not answer")


def main(path: str) -> None:
    profile = tempfile.mkdtemp(prefix="gpstd-lo-")
    pipe = f"gpstd{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ctx = _connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        hidden = PropertyValue()
        hidden.Name, hidden.Value = "Hidden", True
        doc = desktop.loadComponentFromURL(Path(path).resolve().as_uri(), "_blank", 0, (hidden,))
        short = []
        for sheet in doc.Sheets:
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            for index in range(cursor.RangeAddress.EndRow + 1):
                row = sheet.Rows.getByIndex(index)
                written = row.Height
                row.OptimalHeight = True
                if row.Height > written:
                    short.append([sheet.Name, index + 1, written, row.Height])
        doc.close(True)
        print(json.dumps(short, ensure_ascii=False))
    finally:
        office.terminate()
        office.wait(timeout=60)


if __name__ == "__main__":
    main(sys.argv[1])
