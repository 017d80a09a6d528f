"""The one module that reaches into typer's vendored click (`typer._click`), which typer does not
export: its exception classes (to tell usage errors from ours) and its help formatter (to write
the help frame in Chinese). tests/commands/test_helpframe.py fails loudly if an upgrade moves them.
"""

from __future__ import annotations

from typer._click.exceptions import ClickException, UsageError
from typer._click.formatting import HelpFormatter

__all__ = ["ClickException", "HelpFormatter", "UsageError"]
