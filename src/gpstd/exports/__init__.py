"""Exports: the register as calendar, workbook, CSV, JSON or web page.

`selection` decides what an export shows (tasks, window, deadlines and their states, from the
ledger); each format module (`ics`, `xlsx`, `table` for CSV, `jsonexport`, `html`) only lays a
`Selection` out as bytes or text, never reading files or printing.
"""

from gpstd.exports.selection import Selection, Window, from_options, select

__all__ = ["Selection", "Window", "from_options", "select"]
