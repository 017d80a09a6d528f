"""Property: every view gives the same answer to "who owes what by when", whatever the day, the
unit asked about and what the progress file records (issue 13)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests_support import REGISTER

from gpstd.obligations import Ledger
from gpstd.register import load

D = dt.date
_REG = load(str(REGISTER))
_LEDGER = Ledger(_REG)
_DEADLINES = _LEDGER.deadlines(D(2020, 8, 1), D(2022, 6, 30))
_UNITS = ["区司法局", "市桥街道", "区政府办", "区政务服务数据管理局", "南村镇", "区民政局"]

days = st.dates(D(2020, 8, 1), D(2022, 6, 30))


@st.composite
def records(draw: st.DrawFn) -> list[tuple[int, str, str | None, str]]:
    out = []
    for occ in draw(st.lists(st.sampled_from(_DEADLINES), max_size=12, unique=True)):
        owners = _LEDGER.owners_of(occ)
        unit = draw(st.sampled_from([None, *(o.unit for o in owners)]))
        done = occ.due + dt.timedelta(days=draw(st.integers(-20, 40)))
        out.append((occ.task_id, occ.due.isoformat(), unit, done.isoformat()))
    return out


def _write(folder: Path, recs: list[tuple[int, str, str | None, str]]) -> Path:
    register = folder / "tasks.yaml"
    shutil.copy(REGISTER, register)
    lines = ["version: 1", "records:"]
    for task, due, unit, done in recs:
        lines.append(
            f"  - task: {task}\n    due: {due}\n    done: {done}" + (f"\n    unit: {unit}" if unit else "")
        )
    if not recs:
        lines[-1] = "records: []"
    (folder / "progress.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return register


def _json(run, *args: str) -> list:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(today=days, unit=st.sampled_from(_UNITS), recs=records())
def test_views_agree(run, tmp_path_factory, today: dt.date, unit: str, recs: list) -> None:
    folder = tmp_path_factory.mktemp("register")
    register = str(_write(folder, recs))
    common = ["--file", register, "--today", today.isoformat(), "--json"]

    # overdue, per unit (late_units), is exactly the tally's 逾期未完成 of each unit
    late = {(r["id"], r["due"], u) for r in _json(run, "overdue", *common) for u in r["late_units"]}
    tally = {r["unit"]: r["overdue"] for r in _json(run, "status", *common, "--before", today.isoformat())}
    per_unit: dict[str, int] = {}
    for _task, _due, u in late:
        per_unit[u] = per_unit.get(u, 0) + 1
    assert per_unit == {u: n for u, n in tally.items() if n}

    # the export's deadlines say the same of each unit's part
    exported = _json(
        run, "export", "json", "--file", register, "--today", today.isoformat(), "--before", today.isoformat()
    )
    from_export = {
        (t["id"], d["due"], ob["unit"])
        for t in exported["tasks"]
        for d in t["deadlines"]
        for ob in d["obligations"]
        if ob["state"] == "overdue"
    }
    assert from_export == late

    # one unit: its overdue ⊆ its agenda; its unit view's next due is past when it has something late
    mine = [r for r in _json(run, "overdue", *common, "--unit", unit)]
    agenda = {(r["id"], r["due"]) for r in _json(run, "agenda", *common, "--unit", unit, "--days", "0")}
    assert {(r["id"], r["due"]) for r in mine} <= agenda
    assert {(r["id"], r["due"]) for r in mine} == {(t, d) for t, d, u in late if u == unit}
    for row in _json(run, "unit", unit, *common):
        own = [r for r in mine if r["id"] == row["id"]]
        if own:
            assert row["next_due"] == min(r["due"] for r in own) and row["state"] == "overdue"

    # a record by one member clears its part only (as of its date: looking back, a later record
    # does not count yet)
    done_by = [(t, d, u) for t, d, u, on in recs if u and on <= today.isoformat()]
    for task, due, member in done_by:
        assert (task, due, member) not in late
