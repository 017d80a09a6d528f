"""The same registers as Taskwarrior data, so benchmarks/run.py can time both in one run.

Issue 8 measures gpstd against Taskwarrior's `task list due.before:2020-12-31`. Each gpstd
task becomes one pending Taskwarrior task: its description is the task text, its project the
section, and its due date the task's first deadline on or after the register's start (what
`gpstd list --json --today START` calls next_due); tasks with no deadline have no due date.
The data file is written in Taskwarrior 2.6's own format (pending.data, one `[key:"value" …]`
line a task), which is what `task import` would write, in seconds rather than minutes.

    python benchmarks/taskwarrior.py tasks-10000.yaml /tmp/tw-10000    # then:
    TASKRC=/tmp/tw-10000/taskrc task list due.before:2020-12-31
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

QUERY = ["list", "due.before:2020-12-31"]
ENTRY = "1596211200"  # 2020-08-01T00:00:00Z


def available() -> str | None:
    """The `task` program (Debian package taskwarrior), or None."""
    return shutil.which("task")


def _escape(text: str) -> str:
    # Taskwarrior's FF4 format: JSON-style escapes for backslash and quote, no raw newlines.
    return json.dumps(text, ensure_ascii=False)[1:-1].replace("\\n", " ")


def _epoch(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()))


def write_data(register: Path, target: Path, gpstd: str) -> int:
    """Write target/taskrc and target/pending.data for `register`; the number of tasks."""
    meta_start = "2020-08-01"
    listing = subprocess.run(
        [gpstd, "list", "--json", "--today", meta_start, "-f", str(register)],
        check=True,
        capture_output=True,
        env={**os.environ, "GPSTD_MAX_MB": "200"},
    ).stdout
    tasks = json.loads(listing)
    target.mkdir(parents=True, exist_ok=True)
    lines = []
    for task in tasks:
        fields = {
            "description": task["cells"]["task"][:120],
            "entry": ENTRY,
            "project": "s" + task["section"],
            "status": "pending",
            "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"gpstd-bench/{task['id']}")),
        }
        if task.get("next_due"):
            fields["due"] = _epoch(task["next_due"])
        lines.append("[" + " ".join(f'{k}:"{_escape(v)}"' for k, v in sorted(fields.items())) + "]")
    (target / "pending.data").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in ("completed.data", "undo.data", "backlog.data"):
        (target / name).write_text("", encoding="utf-8")
    (target / "taskrc").write_text(
        f"data.location={target}\nconfirmation=no\nverbose=nothing\nnews.version=2.6.0\n", encoding="utf-8"
    )
    return len(tasks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("register")
    parser.add_argument("target")
    args = parser.parse_args(argv)
    n = write_data(Path(args.register), Path(args.target), str(Path(sys.executable).parent / "gpstd"))
    print(f"{n} tasks written to {args.target}/pending.data", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
