"""The one rich Console factory and its colour policy."""

from __future__ import annotations

import os

from rich.console import Console


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """rich would exit 1; the command line treats a reader gone away (| head) as success."""
        self.quiet = True
        raise BrokenPipeError


def console(stderr: bool = False) -> Console:
    """The one Console factory: styles only on a terminal, and none at all under NO_COLOR.

    rich's own NO_COLOR handling drops colours but still writes bold and dim (ESC[1m);
    without a colour system it writes no escape codes, as docs/cli.md promises.
    """
    plain = os.environ.get("NO_COLOR", "") != ""  # set and not empty, as rich and no-color.org say
    return _Console(stderr=stderr, highlight=False, soft_wrap=False, color_system=None if plain else "auto")
