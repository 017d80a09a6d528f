"""The days over which two versions' recurring rules are expanded and compared.

From the earlier of the two `meta.start`s to the later `meta.end`. A register without an end
(the seed register has none) runs on for ever; its rules are compared until three years after
the latest day anything begins (either `meta.start`, or any item's own `start`): three full
years of every rule, however late it starts, and the same window for both versions. Dated
deadlines are compared whatever their date: a date is never outside the window.
"""

from __future__ import annotations

import datetime as dt

from gpstd.days import years_later
from gpstd.model import Register

HORIZON_YEARS = 3


def window(old: Register, new: Register) -> tuple[dt.date, dt.date]:
    start = min(old.meta.start, new.meta.start)
    ends = [r.meta.end for r in (old, new) if r.meta.end is not None]
    if len(ends) == 2:
        return start, max(*ends, start)
    beginnings = [old.meta.start, new.meta.start]
    beginnings += [item.start for r in (old, new) for t in r.tasks for item in t.schedule if item.start]
    return start, max([years_later(max(beginnings), HORIZON_YEARS), *ends])
