"""The imported register as YAML text in the style of data/tasks.yaml.

The round-trip YAML configuration (`gpstd.register.yaml.round_trip`), block style,
two-space indentation, lists indented under their key, a blank line between tasks
and between top-level keys, and the yaml-language-server modeline so that editors
validate and complete the file against the project's JSON Schema.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

_ORDER = ("version", "meta", "units", "groups", "tasks")
_KEYS = {
    "units": ("name", "kind", "aliases", "source", "note"),
    "groups": ("name", "aliases", "members", "covers", "source", "note"),
}


def modeline(output: Path | None) -> str:
    """`# yaml-language-server: $schema=…`, relative to where the file is written."""
    schema = Path.cwd() / "schema" / "tasks.schema.json"
    if output is not None and schema.is_file():
        target = os.path.relpath(schema, output.resolve().parent)
    else:
        target = "../schema/tasks.schema.json"
    return f"# yaml-language-server: $schema={Path(target).as_posix()}\n"


def to_yaml(data: dict[str, Any], origin: str, output: Path | None = None) -> str:
    from ruamel.yaml.comments import CommentedMap

    from gpstd.register.yaml import round_trip

    yaml = round_trip()
    body = io.StringIO()
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    document = CommentedMap((k, data[k]) for k in _ORDER if k in data)
    for table, keys in _KEYS.items():
        document[table] = [{k: e[k] for k in keys if k in e} for e in data.get(table, [])]
    for task in document.get("tasks", []):
        task["cells"]["seq"] = DoubleQuotedScalarString(task["cells"]["seq"])
    yaml.dump(document, body)
    header = (
        modeline(output)
        + "#\n"
        + f"# {data['meta']['title']}（登记册）\n"
        + f"# 由 gpstd import 从 {origin} 导入：cells 逐字照录原表，units 和 schedule 是自动解读，需逐条核对。\n"
        + "# 修改后请运行：gpstd check 本文件\n\n"
    )
    return header + _spaced(body.getvalue())


def _spaced(text: str) -> str:
    """A blank line before each top-level key and between the items of units, groups, tasks."""
    out: list[str] = []
    section = ""
    for line in text.splitlines(keepends=True):
        top = line[:1] not in (" ", "-", "\n", "#")
        if top and out:
            out.append("\n")
            section = line.split(":", 1)[0]
        elif line.startswith("  - ") and section == "tasks" and not out[-1].endswith(":\n"):
            out.append("\n")
        elif top:
            section = line.split(":", 1)[0]
        out.append(line)
    return "".join(out)
