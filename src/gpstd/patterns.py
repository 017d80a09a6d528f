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
