"""Regular expressions compiled on first use.

Compiling is most of what importing a module with patterns costs; a command that never reaches a
pattern (a query served from the cache never reads YAML, breaks no line of help) should not pay
for it. `LazyRegex("…")` stands where `re.compile("…")` would.
"""

from __future__ import annotations

import re
from typing import Any


class LazyRegex:
    """A compiled pattern's methods (search, fullmatch, finditer, sub …), compiled at the first call."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        found = getattr(self._compiled, name)
        # Kept on the instance, so the next call finds it without coming here: a city's check
        # calls these methods some 200,000 times.
        setattr(self, name, found)
        return found


# What no text of ours may hold: characters that move a terminal's cursor, ring its bell or begin
# an escape sequence (C0 but tab, line feed and carriage return; DEL; C1). A file can write them
# as escapes ("\e]0;…\a" retitles the terminal) that no check of its raw bytes sees.
# Nor characters that reorder how text is displayed (the bidirectional overrides and isolates of
# "Trojan Source", CVE-2021-42574): a cell would read on screen otherwise than in the file.
BIDI = "\u202a-\u202e\u2066-\u2069"
CONTROL = LazyRegex(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI}]")


def control_message(text: str) -> str | None:
    """What is wrong with `text` if it holds a control character, else None."""
    found = CONTROL.search(text)
    return None if found is None else character_message(found.group())


def character_message(ch: str) -> str:
    """含有控制字符 U+001B, or for a character that reorders text, says so."""
    code = ord(ch)
    kind = "改变文字显示方向的字符" if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 else "控制字符"
    return f"含有{kind} U+{code:04X}"
