"""Tables for the terminal, laid out here rather than by rich: one pass over the rows, widths for
Chinese text, and line breaks as Chinese typesetting makes them.

rich measures and wraps every cell again for each table it prints, which at city scale (thousands
of rows) is nearly all of a view's time; here each cell is measured once, the columns share the
width once, and every line is written once. Lines break between any two Chinese characters but
never put closing punctuation (、。）」…) at a line's start or opening punctuation at its end
(GB/T 15834 and W3C's clreq); a run of Latin letters and digits (a date, 2021-07-31) is never split.
Colour is a second channel only: every state is also in words.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Align = Literal["left", "right", "center"]

# SGR codes of the named styles.
STYLES = {
    "overdue": "1;31",
    "today": "1;33",
    "soon": "33",
    "later": "32",
    "done": "2",
    "dim": "2",
    "bold": "1",
    "holiday": "35",
    "assumed": "36",
    "header": "1",
}

CLOSING = set("、。，．,.：:；;！!？?）)」』》〉】〕］”’…‥ー々〻ゝゞヽヾ〉·")
OPENING = set("（(「『《〈【〔［“‘")


@dataclass(frozen=True)
class Column:
    header: str
    min_width: int = 4
    max_width: int | None = None
    align: Align = "left"
    wrap: bool = True
    """False: never wrapped (dates, numbers); the column is as wide as its widest cell."""


@dataclass(frozen=True)
class Cell:
    text: str
    style: str | None = None


@dataclass(frozen=True)
class Section:
    """A line across the table that starts a group of rows, with its label (2020年9月), if any."""

    label: str


Row = Sequence[Cell | str]


@functools.lru_cache(maxsize=65536)
def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def width(text: str) -> int:
    """Columns a text takes in a terminal: 2 for a Chinese character, 1 for ASCII."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def _units(text: str) -> list[str]:
    """The text as unbreakable units: a Chinese character (with the punctuation that may not be
    parted from it) or a run of Latin letters, digits and their punctuation (2021-07-31, RRULE)."""
    units: list[str] = []
    for ch in text:
        if units and (_latin(ch) and _latin(units[-1][-1]) and not units[-1][-1].isspace()):
            units[-1] += ch  # one word: a date, a number, a name in Latin letters
        elif units and ch in CLOSING:
            units[-1] += ch  # no line starts with closing punctuation
        elif units and units[-1][-1] in OPENING:
            units[-1] += ch  # no line ends with opening punctuation
        else:
            units.append(ch)
    return units


def _latin(ch: str) -> bool:
    return ch.isascii() and not ch.isspace() and ch not in "()[]"


def wrap(text: str, limit: int) -> list[str]:
    """`text` in lines of at most `limit` columns (a unit wider than that on a line of its own,
    cut only if it must be), breaking as Chinese typesetting does; existing newlines are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for piece in _units(paragraph):
            unit, w = piece, width(piece)
            if used + w > limit and line:
                lines.append(line.rstrip())
                line, used = "", 0
                unit = unit.lstrip(" ")
                w = width(unit)
            while w > limit:  # a word wider than the column: cut it, the only way it fits
                head = fit(unit, limit)
                lines.append(head)
                unit = unit[len(head) :]
                w = width(unit)
            line += unit
            used += w
        lines.append(line.rstrip())
    return lines


def fit(text: str, limit: int) -> str:
    used = 0
    for i, ch in enumerate(text):
        used += char_width(ch)
        if used > limit:
            return text[: max(i, 1)]
    return text


def _natural(cells: list[Cell], column: Column) -> int:
    widest = max((width(line) for c in cells for line in c.text.split("\n")), default=0)
    widest = max(widest, width(column.header))
    return widest if column.max_width is None or not column.wrap else min(widest, column.max_width)


def _share(columns: Sequence[Column], natural: list[int], total: int) -> list[int]:
    """Column widths within `total` (the table's border and padding taken off already): each its
    natural width if they fit; else the text columns (those with a `max_width`) shrunk in proportion,
    then the other wrapping ones (dates), none below its minimum."""
    widths = list(natural)
    for flexible in (
        [i for i, c in enumerate(columns) if c.wrap and c.max_width is not None],
        [i for i, c in enumerate(columns) if c.wrap and c.max_width is None],
    ):
        _shrink(columns, widths, flexible, sum(widths) - total)
    return widths


def _shrink(columns: Sequence[Column], widths: list[int], flexible: list[int], excess: int) -> None:
    while excess > 0:
        room = {i: widths[i] - max(columns[i].min_width, width(columns[i].header)) for i in flexible}
        shrinkable = [i for i in flexible if room[i] > 0]
        if not shrinkable:
            return
        total_room = sum(room[i] for i in shrinkable)
        taken = 0
        for i in shrinkable:
            cut = min(room[i], max(1, excess * room[i] // total_room), excess - taken)
            widths[i] -= cut
            taken += cut
            if taken >= excess:
                break
        excess -= taken


def pad(text: str, size: int, align: Align, style: str | None = None, color: bool = False) -> str:
    """`text` (painted in `style`) padded to `size` columns; the padding is never painted."""
    gap = max(size - width(text), 0)
    shown = paint(text, style, color)
    if align == "right":
        return " " * gap + shown
    if align == "center":
        return " " * (gap // 2) + shown + " " * (gap - gap // 2)
    return shown + " " * gap


def paint(text: str, style: str | None, color: bool) -> str:
    if not color or not style or not text:
        return text
    return f"\x1b[{STYLES[style]}m{text}\x1b[0m"


def table(
    columns: Sequence[Column],
    rows: Sequence[Row | Section],
    total_width: int,
    color: bool,
    title: str | None = None,
) -> str:
    """The table as text, at most `total_width` columns wide."""
    cells = [
        [c if isinstance(c, Cell) else Cell(c) for c in row] for row in rows if not isinstance(row, Section)
    ]
    natural = [_natural([r[i] for r in cells], col) for i, col in enumerate(columns)]
    frame = 3 * len(columns) + 1  # "│ " and " " around each cell, and the last "│"
    widths = _share(columns, natural, max(total_width - frame, len(columns)))
    out: list[str] = []
    if title:
        out.append(paint(title, "bold", color))
    out.append("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓")
    heads = [wrap(c.header, w) for c, w in zip(columns, widths)]
    for n in range(max(map(len, heads))):
        out.append(
            "┃"
            + "┃".join(
                " " + pad(h[n] if n < len(h) else "", w, c.align, "header", color) + " "
                for h, w, c in zip(heads, widths, columns)
            )
            + "┃"
        )
    out.append("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩")
    first = True
    for row in rows:
        if isinstance(row, Section):
            if not first:
                out.append("├" + "┼".join("─" * (w + 2) for w in widths) + "┤")
            if row.label:
                inner = sum(widths) + 3 * (len(widths) - 1)
                out.append("│ " + pad(fit(row.label, inner), inner, "left", "bold", color) + " │")
        else:
            out += _lines([c if isinstance(c, Cell) else Cell(c) for c in row], columns, widths, color)
        first = False
    out.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")
    return "\n".join(out) + "\n"


def _lines(row: list[Cell], columns: Sequence[Column], widths: list[int], color: bool) -> list[str]:
    parts = [wrap(c.text, w) if col.wrap else [c.text] for c, w, col in zip(row, widths, columns)]
    return [
        "│"
        + "│".join(
            " " + pad(p[n] if n < len(p) else "", w, col.align, c.style, color) + " "
            for p, w, col, c in zip(parts, widths, columns, row)
        )
        + "│"
        for n in range(max(map(len, parts)))
    ]
