"""Scoring `gpstd import` on the real lists of tests/corpus/lists (issue 15).

Each list is rendered as docx, xlsx, html and txt (tests/corpus/render_lists.py), imported, run
through `gpstd check`, and every row compared with its `expect`: lead and cooperating units (as
sets of names), and the due dates the imported schedule yields in the list's window
[year-01-01, (year+1)-12-31] (or, for a list whose year is unknown, any date at all). Kinds
`unknown`/`ongoing` need no date, so a row expecting none is right when none is yielded.

Run `PYTHONPATH=tests .venv/bin/python -m importer.corpus_eval` to print the figures and each
wrong row.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RENDER = ROOT / "tests" / "corpus" / "render_lists.py"


def renderer() -> Any:
    spec = importlib.util.spec_from_file_location("render_lists", RENDER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class FileScore:
    key: str
    fmt: str
    imported: bool = False
    checked: bool = False
    error: str = ""
    rows: int = 0
    units_right: int = 0
    dates_right: int = 0
    both_right: int = 0
    reviews: int = 0
    wrong: list[str] = field(default_factory=list)


@dataclass
class Score:
    files: list[FileScore]

    @property
    def imported(self) -> int:
        return sum(f.imported and f.checked for f in self.files)

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    def share(self, what: str) -> float:
        return sum(getattr(f, what) for f in self.files) / max(1, self.rows)

    def lines(self) -> list[str]:
        return [
            f"files imported and passing check: {self.imported}/{len(self.files)}",
            f"rows with units right: {self.share('units_right'):.1%}",
            f"rows with deadlines right: {self.share('dates_right'):.1%}",
            f"rows with both right: {self.share('both_right'):.1%} of {self.rows}",
        ]


def evaluate(
    out_dir: Path,
    keys: list[str] | None = None,
    formats: tuple[str, ...] | None = None,
    blank_headers: bool = False,
) -> Score:
    """`blank_headers`: every header name replaced by 栏1, 栏2 …, so that only the cells tell
    the columns apart (how the mechanism fares on names it has never seen)."""
    render = renderer()
    scores = []
    for spec in render.load_specs():
        if keys and spec["key"] not in keys:
            continue
        if blank_headers:
            spec["header"] = [[f"栏{i + 1}" if c else "" for i, c in enumerate(h)] for h in spec["header"]]
        for fmt in formats or render.FORMATS:
            path = render.render(spec, fmt, out_dir / fmt)
            scores.append(score_file(spec, fmt, path, out_dir / fmt / f"{spec['key']}.yaml"))
    return Score(scores)


def score_file(spec: dict[str, Any], fmt: str, path: Path, out: Path) -> FileScore:
    from typer.testing import CliRunner

    from gpstd import register
    from gpstd.cli import build
    from gpstd.errors import GpstdError
    from gpstd.importer.run import run

    expected = [row for row in spec["rows"] if "cells" in row]
    score = FileScore(spec["key"], fmt, rows=len(expected))
    try:
        outcome = run(path, out)
    except GpstdError as exc:
        score.error = exc.message
        return score
    score.imported = True
    score.reviews = len(outcome.result.reviews)
    checked = CliRunner().invoke(build(), ["check", str(out)])
    score.checked = checked.exit_code == 0
    if not score.checked:
        score.error = checked.stdout + checked.stderr
        return score
    reg = register.load(str(out))
    tasks = match_rows(expected, reg.tasks)
    for row, task in zip(expected, tasks):
        units, dates = _judge(spec, row["expect"], reg, task)
        score.units_right += units
        score.dates_right += dates
        score.both_right += units and dates
        if not (units and dates):
            score.wrong.append(_describe(row, task, reg, spec))
    return score


def match_rows(expected: list[dict[str, Any]], tasks: list[Any]) -> list[Any]:
    """The imported task for each expected row: the first unused one whose task cell is one of
    the row's cells (the requirement beside a label, or the task itself)."""
    found: list[Any] = []
    used: set[int] = set()
    for row in expected:
        cells = {_flat(c) for c in row["cells"] if _flat(c)}
        match = next((t for t in tasks if id(t) not in used and _flat(t.cells.task) in cells), None)
        if match is not None:
            used.add(id(match))
        found.append(match)
    return found


def _flat(text: str) -> str:
    return "".join(str(text).split())


def _judge(spec: dict[str, Any], expect: dict[str, Any], reg: Any, task: Any) -> tuple[bool, bool]:
    if task is None:
        return False, False
    units = set(task.units.lead) == set(expect.get("lead", [])) and set(task.units.cooperating) == set(
        expect.get("cooperating", [])
    )
    return units, _dates(spec, reg, task) == [d for d in expect.get("deadlines", [])]


def _dates(spec: dict[str, Any], reg: Any, task: Any) -> list[dt.date]:
    from gpstd.schedule.occurrences import item_dates

    year = spec.get("year")
    low, high = (dt.date(year, 1, 1), dt.date(year + 1, 12, 31)) if year else (dt.date(1900, 1, 1), None)
    high = high or dt.date(reg.meta.start.year + 1, 12, 31)
    return sorted({d for item in task.schedule for d in item_dates(reg, item, low, high)})


def _describe(row: dict[str, Any], task: Any, reg: Any, spec: dict[str, Any]) -> str:
    expect = row["expect"]
    if task is None:
        return f"  row {row['cells'][:2]}: no task matched"
    return (
        f"  task {task.id}: lead {task.units.lead} coop {task.units.cooperating} "
        f"dates {[d.isoformat() for d in _dates(spec, reg, task)]}\n"
        f"      expected lead {expect.get('lead')} coop {expect.get('cooperating', [])} "
        f"dates {[d.isoformat() for d in expect.get('deadlines', [])]}"
    )


def main(argv: list[str]) -> None:
    import tempfile

    keys = [a for a in argv if not a.startswith("--")]
    formats = tuple(a[2:] for a in argv if a.startswith("--")) or None
    with tempfile.TemporaryDirectory() as tmp:
        score = evaluate(Path(tmp), keys or None, formats)
    for f in score.files:
        state = "ok" if f.imported and f.checked else "FAILED"
        print(f"{f.key:28} {f.fmt:5} {state:6} rows {f.both_right}/{f.rows} reviews {f.reviews}")
        if f.error:
            print("  " + f.error.strip().replace("\n", "\n  ")[:600])
        for line in f.wrong:
            print(line)
    print("\n".join(score.lines()))


if __name__ == "__main__":
    main(sys.argv[1:])
