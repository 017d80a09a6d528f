"""Reading other governments' published task lists into a register.

The pipeline, top to bottom: `formats` says what a file's bytes are and `reader` picks its
reader (`office` for .docx and .xlsx after `packages` has checked the zip, and for .xls;
`worddoc` for .doc; `wordml` and `xmlsheet` for Word and Excel 2003 XML; `webpages`; `textfiles`), each within `limits`, and
returns `tables`; `headers` names columns, `columns` reads what their cells hold, `layout`
decides each column's role; `rowkinds` and `rows` turn the rows into records; `sections`,
`names` (units) and `schedules` read each record; `build` makes the register document and
`reviews` the list of doubts; `writer` writes YAML and `run` does one import end to end.
No terminal here: the `gpstd import` command prints the summary.
"""

from __future__ import annotations
