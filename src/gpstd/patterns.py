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
        return getattr(self._compiled, name)


# What no text of ours may hold: characters that move a terminal's cursor, ring its bell or begin
# an escape sequence (C0 but tab, line feed and carriage return; DEL; C1). A file can write them
# as escapes ("\e]0;…\a" retitles the terminal) that no check of its raw bytes sees.
CONTROL = LazyRegex("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_message(text: str) -> str | None:
    """What is wrong with `text` if it holds a control character, else None."""
    found = CONTROL.search(text)
    return None if found is None else f"含有控制字符 U+{ord(found.group()):04X}"
