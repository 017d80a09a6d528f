"""Exports: the register as calendar, workbook, CSV, JSON or web page.

`selection` decides what an export shows (tasks, window, occurrences, statuses); each format
module (`ics`, `xlsx`, `table` for CSV, `jsonexport`, `html`) only lays a `Selection` out as
bytes or text, never reading files or printing.
"""

from gpstd.exports.selection import STATUS_LABELS, DoneKey, Selection, Window, from_options, select

__all__ = ["STATUS_LABELS", "DoneKey", "Selection", "Window", "from_options", "select"]
