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

import bisect
import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

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


class Cell(NamedTuple):  # a tuple: a long view makes hundreds of thousands
    text: str
    style: str | None = None


@dataclass(frozen=True)
class Section:
    """A line across the table that starts a group of rows, with its label (2020年9月), if any."""

    label: str


Row = Sequence[Cell | str]


class _Widths(dict[str, int]):
    """Each character's width, worked out the first time it is met: texts are measured character
    by character, and a lookup here is about half the time of a call through a cache."""

    def __missing__(self, ch: str) -> int:
        if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufeff":
            w = 0
        else:
            w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        self[ch] = w
        return w


_char_widths = _Widths()
char_width = _char_widths.__getitem__


def width(text: str) -> int:
    """Columns a text takes in a terminal: 2 for a Chinese character, 1 for ASCII."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


@functools.cache
def _unit() -> re.Pattern[str]:
    """An unbreakable unit: a Chinese character, or a run of Latin letters, digits and their
    punctuation (2021-07-31, RRULE), with the opening punctuation before it and the closing after."""
    opening = re.escape("".join(sorted(OPENING)))
    latin = r"!-'*-Z\\^-~"  # printable ASCII but the space and ( ) [ ]
    cjk_closing = re.escape("".join(sorted(c for c in CLOSING if not c.isascii())))
    ascii_closing = re.escape("".join(sorted(c for c in CLOSING if c.isascii())))
    # ASCII closing punctuation (. , :) attaches to what precedes it unless a Latin word follows:
    # in "、./data" the dot begins a path.
    closing = f"(?:[{cjk_closing}]|[{ascii_closing}](?![{latin}]))"
    return re.compile(f"[{opening}]*(?:[{latin}]+|.){closing}*", re.DOTALL)


def wrap(text: str, limit: int) -> list[str]:
    """`text` in lines of at most `limit` columns (a unit wider than that on a line of its own,
    cut only if it must be), breaking as Chinese typesetting does; existing newlines are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        # columns[i]: the width of paragraph[:i], measured once for both the test and the breaks
        columns = range(len(paragraph) + 1) if paragraph.isascii() else _columns(paragraph)
        if columns[-1] <= limit:
            lines.append(paragraph.rstrip())
        else:
            _break(paragraph, columns, limit, lines)
    return lines


def _columns(text: str) -> list[int]:
    return list(itertools.accumulate(map(char_width, text), initial=0))


def _break(paragraph: str, columns: Sequence[int], limit: int, lines: list[str]) -> None:
    """Append `paragraph`'s lines to `lines`: as many units as fit on each line, then a break.

    The units that fit are found by bisecting their running widths rather than unit by unit: a
    long register wraps some hundred thousand units, and this loop runs once a line instead."""
    units = _unit().findall(paragraph)
    # ends[k]: the width of units[:k]; a line from units[k] takes units until ends passes the room
    ends = list(map(columns.__getitem__, itertools.accumulate(map(len, units), initial=0)))
    line, used, k = "", 0, 0
    while k < len(units):
        j = bisect.bisect_right(ends, limit - used + ends[k], k + 1) - 1
        if j > k:  # units[k:j] fit on the line
            line += "".join(units[k:j])
            used += ends[j] - ends[k]
            k = j
            if k == len(units):
                break
        unit, w = units[k], ends[k + 1] - ends[k]
        if line:  # units[k] does not fit: it starts the next line
            lines.append(line.rstrip())
            line, used = "", 0
            stripped = unit.lstrip(" ")
            unit, w = stripped, w - (len(unit) - len(stripped))  # a space is 1 column wide
        while w > limit:  # a word wider than the column: cut it, the only way it fits
            head = fit(unit, limit)
            lines.append(head)
            unit = unit[len(head) :]
            w = width(unit)
        line += unit
        used += w
        k += 1
    lines.append(line.rstrip())


def fit(text: str, limit: int) -> str:
    used = 0
    for i, ch in enumerate(text):
        used += char_width(ch)
        if used > limit:
            return text[: max(i, 1)]
    return text


def _natural(cells: Sequence[Cell | str], column: Column) -> int:
    """The column's width if nothing were wrapped, but never more than its `max_width`."""
    texts = {c if isinstance(c, str) else c.text for c in set(cells)}  # most cells repeat
    widths = map(width, "\n".join(texts).split("\n"))  # of every line of every text
    widest = width(column.header)
    if column.max_width is None or not column.wrap:
        return max(widest, *widths)
    for w in widths:
        if w >= column.max_width:
            return column.max_width  # a long text column is measured in a few cells, not all
        widest = max(widest, w)
    return min(widest, column.max_width)


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
    by_column = list(zip(*(row for row in rows if not isinstance(row, Section)))) or [() for _ in columns]
    natural = [_natural(cells, col) for cells, col in zip(by_column, columns)]
    frame = 3 * len(columns) + 1  # "│ " and " " around each cell, and the last "│"
    widths = _share(columns, natural, max(total_width - frame, len(columns)))
    out: list[str] = []  # lines, each with its "\n"
    if title:
        out.append(paint(title, "bold", color) + "\n")
    out.append("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓\n")
    heads = [wrap(c.header, w) for c, w in zip(columns, widths)]
    for n in range(max(map(len, heads))):
        out.append(
            "┃"
            + "┃".join(
                " " + pad(h[n] if n < len(h) else "", w, c.align, "header", color) + " "
                for h, w, c in zip(heads, widths, columns)
            )
            + "┃\n"
        )
    out.append("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩\n")
    body = _Body(columns, widths, color)
    first = True
    for row in rows:
        if isinstance(row, Section):
            if not first:
                out.append("├" + "┼".join("─" * (w + 2) for w in widths) + "┤\n")
            if row.label:
                inner = sum(widths) + 3 * (len(widths) - 1)
                out.append("│ " + pad(fit(row.label, inner), inner, "left", "bold", color) + " │\n")
        else:
            out.append(body.lines(row))
        first = False
    out.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘\n")
    return "".join(out)


class _Body:
    """Rows laid out at fixed widths, each cell from its column's `_Lines`."""

    def __init__(self, columns: Sequence[Column], widths: list[int], color: bool) -> None:
        self.made = [_Lines(c, w, color) for c, w in zip(columns, widths)]
        self.blanks = [["│" + " " * (w + 2)] for w in widths]
        self.ends = itertools.repeat("│\n")

    def lines(self, row: Row) -> str:
        """The row's lines, each with its "\n", in one string: one join for all the row's lines."""
        parts: list[list[str]] = list(map(operator.getitem, self.made, row))
        tall = max(map(len, parts))
        if tall > 1:
            parts = [p + blank * (tall - len(p)) for p, blank in zip(parts, self.blanks)]
        return "".join(itertools.chain.from_iterable(zip(*parts, self.ends)))


class _Lines(dict[Cell | str, list[str]]):
    """A column's cells as lines, each with the border before it and padded, made once per text and
    style: a long register repeats the same task text and unit names on row after row."""

    def __init__(self, column: Column, size: int, color: bool) -> None:
        super().__init__()
        self.column = column
        self.size = size
        self.color = color

    def __missing__(self, cell: Cell | str) -> list[str]:
        text, style = (cell, None) if isinstance(cell, str) else cell
        col, size = self.column, self.size
        texts = wrap(text, size) if col.wrap else [text]
        made = self[cell] = ["│ " + pad(t, size, col.align, style, self.color) + " " for t in texts]
        return made
