"""Tables of cells: what every reader returns.

Every reader (`office` for .docx/.xlsx, `webpages` for .html, `textfiles` for .txt) returns
the same shape, a `Source`: the lines of text before the first table (where the title usually
is) and the tables, each a grid of cell texts with merged cells copied into every grid position
they cover. Positions filled by such a copy are listed in `Table.copies`, so that joining a
continuation row onto the row above does not repeat a merged cell.

A cell keeps its line breaks ("区财政局\\n区税务局": two units that only a break separates);
`flat` joins them where a cell is written into the register, as the documented verbatim rule
says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gpstd.errors import UnreadableTable
from gpstd.patterns import CONTROL

__all__ = ["Source", "Table", "UnreadableTable", "clean", "flat", "plain"]


@dataclass
class Table:
    rows: list[list[str]]
    copies: set[tuple[int, int]] = field(default_factory=set)
    name: str = ""
    """How messages name the table when a file has several (第2个表格, 工作表「第二页」)."""
    heading: str = ""
    """A web page's heading (h1–h6) right before the table: its title, if it has one."""
    container: bool = False
    """A web page's layout table that holds other tables: never a list, never listed as left out."""
    merges_known: bool = True
    """False for text files: a merged cell was saved in its first row only, the rest left empty."""

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


@dataclass
class Source:
    preamble: list[str]
    tables: list[Table]
    fallback_title: str = ""
    """A web page's <title>: the title when nothing before the table gives one."""
    read_as: str = ""
    """What the file turned out to be when its name says otherwise (formats.NAMES: 网页 for a
    web page named .xls), so that the summary can say how it was read."""
    guessed_encoding: str = ""
    """The encoding a text file or web page was read with when nothing declared it and it was
    not UTF-8 (a guess, which may be why a header is not recognised)."""


# Line breaks other than \n that office files and web pages carry (Word's manual break as a
# vertical tab, a form feed, Unicode's line and paragraph separators): breaks in the register.
_BREAKS = str.maketrans(dict.fromkeys("\v\f\u2028\u2029\r", "\n"))


def plain(text: str) -> str:
    """`text` with its line breaks as \n and no other control character: an ESC or a NUL in a
    list's cell is nothing a reader sees, and `gpstd check` refuses it in a register."""
    return CONTROL.sub("", text.translate(_BREAKS))


def clean(text: str) -> str:
    """A cell as read: each line's outer spaces trimmed, empty lines dropped, breaks kept."""
    lines = (line.strip() for line in plain(text).split("\n"))
    return "\n".join(line for line in lines if line)


def flat(text: str) -> str:
    """A cell as the register keeps it: its line breaks joined (the documented verbatim rule)."""
    return text.replace("\n", "")
