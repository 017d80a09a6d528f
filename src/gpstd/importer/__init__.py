"""Reading other districts' published task lists into a register.

`tables` reads a file into tables of cells, `headers` finds the header row and turns
rows into records, `build` turns records into a register document. No terminal here:
the `gpstd import` command prints the summary.
"""

from __future__ import annotations
