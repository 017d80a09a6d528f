"""gpstd.cli.COMMANDS names, for each command, the module that registers it (`gpstd due` imports
only gpstd.commands.query): a command missing from the table, or put under another module, would
fail only when a user typed it."""

from __future__ import annotations

import json
import subprocess
import sys

from gpstd.cli import COMMANDS

_REGISTERED = """
import importlib, json
import typer.main
from gpstd.commands import app

def names():
    found = {info.name or typer.main.get_command_name(info.callback.__name__) for info in app.registered_commands}
    return found | {info.name for info in app.registered_groups}

out = {}
for module in sorted(set(json.loads(MODULES))):
    before = names()
    importlib.import_module("gpstd.commands." + module)
    out.update({name: module for name in names() - before})
print(json.dumps(out))
"""


def test_every_command_is_registered_by_the_module_the_table_names():
    code = _REGISTERED.replace("MODULES", repr(json.dumps(sorted(set(COMMANDS.values())))))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    registered = json.loads(result.stdout)
    assert {name: registered.get(name) for name in COMMANDS} == COMMANDS
    assert sorted(set(registered) - set(COMMANDS)) == []
