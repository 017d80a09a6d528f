"""The terminal: how wide it is, whether to colour, and how long output reaches the reader.

Colour: `--color always|never|auto`; auto colours a terminal unless NO_COLOR is set (no-color.org)
or TERM is dumb, and FORCE_COLOR forces it, as rich decides. Long output on a terminal goes
through a pager as git's does: $GPSTD_PAGER, else $PAGER, else `less -R` (colours kept), only
when it is taller than the screen; `--no-pager` or a pager of "" or "cat" prints directly.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from typing import Literal

from gpstd.render.tables import Screen

ColorChoice = Literal["always", "never", "auto"]


def is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def wants_color(choice: ColorChoice = "auto") -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR", ""):  # set and not empty
        return False
    if os.environ.get("FORCE_COLOR", ""):
        return True
    return is_terminal() and os.environ.get("TERM", "") != "dumb"


def screen(today: dt.date, color: ColorChoice = "auto") -> Screen:
    """The screen a view is laid out for: $COLUMNS or the terminal's width (100 when piped)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) >= 40:
        width = int(columns)
    elif is_terminal():
        width = shutil.get_terminal_size((100, 24)).columns
    else:
        width = 100
    return Screen(max(width, 40), wants_color(color), today)


def pager_command() -> str | None:
    for name in ("GPSTD_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            return None if value.strip() in ("", "cat") else value
    return "less -R" if shutil.which("less") else None


def show(text: str, paged: bool = True) -> None:
    """Write a view's text: through the pager when it is taller than a terminal's screen."""
    command = pager_command() if paged and is_terminal() else None
    if command and text.count("\n") > shutil.get_terminal_size((80, 24)).lines - 1:
        if _page(command, text):
            return
        sys.stderr.write(f"gpstd: 无法运行分页程序「{command}」（$GPSTD_PAGER 或 $PAGER），直接输出\n")
    sys.stdout.write(text)


def _page(command: str, text: str) -> bool:
    """Whether the pager ran: one that is not there (the shell's 127, or 126 for a directory) or
    cannot be read as a command line must not swallow the text with an English "not found"."""
    import re
    import shlex

    try:
        words = shlex.split(command)
    except ValueError:  # an unclosed quote
        return False
    program = next((word for word in words if not re.match(r"[A-Za-z_][A-Za-z0-9_]*=", word)), None)
    if program is None or shutil.which(program) is None:
        return False
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}  # quit if one screen, keep colours
    try:
        done = subprocess.run(command, shell=True, input=text.encode("utf-8"), env=env, check=False)
    except OSError:
        return False
    return done.returncode not in (126, 127)
