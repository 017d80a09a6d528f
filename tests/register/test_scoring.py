"""meta.scoring: optional weights of the scores, checked by gpstd check, used by status --score."""

from __future__ import annotations

import json
from pathlib import Path

SCORING = "  start: 2020-08-01\n  scoring:\n    ontime: {0}\n    late: {1}\n    overdue: {2}\n"


def _with_scoring(path: Path, *values: object) -> Path:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  start: 2020-08-01\n", SCORING.format(*values), 1), encoding="utf-8")
    return path


def test_weights_out_of_range_are_errors(run, register_copy: Path) -> None:
    _with_scoring(register_copy, 100, 120, -5)
    result = run("check", str(register_copy))
    assert result.exit_code == 1
    assert f"{register_copy}:20:11: meta.scoring.late: 逾期完成的分值 120 应在 0 到 100 之间" in result.stdout
    assert (
        f"{register_copy}:21:14: meta.scoring.overdue: 逾期未完成的分值 -5 应在 0 到 100 之间"
        in result.stdout
    )


def test_late_worth_more_than_on_time_is_a_warning(run, register_copy: Path) -> None:
    _with_scoring(register_copy, 80, 90, 0)
    result = run("check", str(register_copy))
    assert result.exit_code == 0
    assert "meta.scoring: 警告: 分值应为 按时完成 ≥ 逾期完成 ≥ 逾期未完成，实为 80、90、0" in result.stdout


def test_status_score_uses_the_registers_weights(run, register_copy: Path, record_done) -> None:
    record_done(register_copy)
    window = ("--after", "2020-08-01", "--before", "2020-09-30", "--today", "2020-10-10")
    default = run("status", "--score", "--json", "--unit", "市桥街道", "--file", str(register_copy), *window)
    assert default.exit_code == 0, default.stderr
    # 市桥街道: task 3 (Aug 31) on time by its own record; task 11 (Sep 30) overdue → (100 + 0) / 2
    assert json.loads(default.stdout) == [
        {"id": 11, "unit": "市桥街道", "ontime": 1, "late": 0, "overdue": 1, "pending": 0, "score": 50.0}
    ]
    _with_scoring(register_copy, 90, 50, 10)
    weighted = run("status", "--score", "--json", "--unit", "市桥街道", "--file", str(register_copy), *window)
    assert json.loads(weighted.stdout)[0]["score"] == 50.0  # (90 + 10) / 2
    table = run("status", "--score", "--unit", "市桥街道", "--file", str(register_copy), *window)
    assert (
        "得分：已到期事项的平均分，按时完成 90 分、逾期完成 50 分、逾期未完成 10 分（登记册 meta.scoring）"
        in table.stdout
    )
    assert "│ 市桥街道 │        1 │        0 │          1 │    0 │ 50.0 │" in table.stdout


def test_score_is_for_the_summary_only(run) -> None:
    result = run("status", "3", "--score", "--today", "2020-10-10")
    assert result.exit_code == 2
    assert "--score 只用于各单位汇总（不给任务编号时）" in result.stderr
