"""How much an import reads: the budget that keeps a hostile or runaway file from taking the
machine (issue 14: a 33 MB page of 200,000 rows once ran 300 s to 3.2 GB before it was killed).

Published task lists are small: the largest seen has a few hundred rows and is well under a
megabyte. The limits below are far above that and low enough that time and memory stay
bounded; each refusal names the limit, so a user with a genuinely larger list knows why.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gpstd.errors import UnreadableTable

MB = 1 << 20
FILE_BYTES = 20 * MB
"""The largest file read at all (a .docx or .xlsx is compressed: its parts are checked apart)."""
TABLE_ROWS = 5_000
"""Rows of all tables together; more is no task list anyone publishes (the largest seen has a few
hundred), and 5,000 rows import in ten to twenty seconds, most of it writing the YAML."""
TABLE_COLUMNS = 100
"""Columns read of each table; a list has five to ten."""
PARSED_CELL = 2_000
"""The longest cell handed to the phrase parser: a time phrase is a line or two, and the parser's
work grows faster than the text (a 90,000-character cell took a minute)."""


def read_file(path: Path) -> bytes:
    """The file's bytes: a regular file no larger than FILE_BYTES (a FIFO never hangs us)."""
    from gpstd.files import NotRegular, TooLarge, read_regular

    try:
        return read_regular(path, FILE_BYTES)
    except FileNotFoundError:
        raise UnreadableTable(f"{path}: 文件不存在") from None
    except TooLarge as exc:
        raise UnreadableTable(
            f"{path}: 文件过大（{exc.size / MB:.1f} MB）：导入的清单最大 {FILE_BYTES // MB} MB"
        ) from None
    except NotRegular:
        raise UnreadableTable(f"{path}: 不是普通文件（设备、管道或套接字），无法导入") from None
    except OSError as exc:
        raise UnreadableTable(f"{path}: 无法读取（{exc.strerror or exc}）") from None


def ole_stream(container: Any, name: str, file_size: int) -> bytes:
    """A stream of an OLE2 container (.doc, .xls) that is no larger than the file holding it: a
    damaged directory entry can claim a gigabyte, and olefile then follows a looping sector chain
    until it has read that much (found by fuzzing: 9 s and 2.9 GB for a 20 kB file)."""
    if not 0 <= container.get_size(name) <= file_size:
        raise UnreadableTable("文件已损坏：其中一个数据流声称比整个文件还大")
    return bytes(container.openstream(name).read())


def too_many_rows() -> UnreadableTable:
    return UnreadableTable(f"表格超过 {TABLE_ROWS} 行，不像是一份任务清单；请只保留清单所在的表格后再导入")
