"""`gpstd done --evidence`: kept in the record, checked by check, shown by status, show, ledger, html."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def repo(register_copy: Path) -> Path:
    """A repository holding the register in data/ and a file of evidence."""
    root = register_copy.parent / "repo"
    (root / "data" / "evidence").mkdir(parents=True)
    (root / ".git").mkdir()
    register = root / "data" / "tasks.yaml"
    register.write_bytes(register_copy.read_bytes())
    (root / "data" / "evidence" / "市桥目录.pdf").write_bytes(b"%PDF-1.4\n")
    return register


def _done(run, register: Path, monkeypatch, *evidence: str, task: str = "3", unit: str = "市桥街道"):
    monkeypatch.chdir(register.parent.parent)  # the repository's root, where a user types the path
    args = [
        "done",
        task,
        "--due",
        "2020-08-31",
        "--on",
        "2020-08-28",
        "--by",
        "张三",
        "--file",
        str(register),
    ]
    args += ["--unit", unit] if unit else []
    for e in evidence:
        args += ["--evidence", e]
    return run(*args)


def test_done_keeps_evidence_in_the_progress_file(run, repo: Path, monkeypatch) -> None:
    result = _done(run, repo, monkeypatch, "穗番市桥〔2020〕12号", "data/evidence/市桥目录.pdf")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "已登记：任务 3（2020-08-31 到期）市桥街道 2020-08-28 完成（按时），"
        "佐证：穗番市桥〔2020〕12号；data/evidence/市桥目录.pdf。该事项 16 个责任单位中已完成 1 个。\n"
    )
    text = (repo.parent / "progress.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "  - task: 3\n    due: 2020-08-31\n    unit: 市桥街道\n    done: 2020-08-28\n"
        "    evidence:\n      - 穗番市桥〔2020〕12号\n      - data/evidence/市桥目录.pdf\n    recorded_by: 张三\n"
    )
    one = _done(run, repo, monkeypatch, "https://www.panyu.gov.cn/a.html", task="1", unit="")
    assert one.exit_code == 0, one.stderr
    assert "    evidence: https://www.panyu.gov.cn/a.html\n" in (repo.parent / "progress.yaml").read_text(
        "utf-8"
    )


def test_done_refuses_evidence_it_cannot_find_and_writes_nothing(run, repo: Path, monkeypatch) -> None:
    result = _done(run, repo, monkeypatch, "data/evidence/没有这个.pdf")
    assert result.exit_code == 1
    assert result.stderr == (
        "gpstd: 证据「data/evidence/没有这个.pdf」不是网址（http:// 或 https://）、"
        "文号（如 穗番市桥〔2020〕12号），也不是存在的文件\n"
    )
    assert not (repo.parent / "progress.yaml").exists()


def test_check_warns_of_bad_evidence(run, repo: Path, monkeypatch) -> None:
    assert _done(run, repo, monkeypatch, "data/evidence/市桥目录.pdf").exit_code == 0
    progress = repo.parent / "progress.yaml"
    progress.write_text(
        progress.read_text("utf-8")
        + "  - task: 2\n    due: 2020-10-31\n    done: 2020-10-30\n    evidence: [ftp://x, data/evidence/丢了.pdf]\n",
        encoding="utf-8",
    )
    (repo.parent / "evidence" / "市桥目录.pdf").unlink()
    result = run("check", str(progress))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].endswith(
        "records[0].evidence: 警告: 证据「data/evidence/市桥目录.pdf」不是网址或文号，而仓库中没有这个文件"
        f"（{repo.parent.parent.resolve() / 'data/evidence/市桥目录.pdf'}）"
    )
    assert lines[1].endswith("records[1].evidence[0]: 警告: 网址「ftp://x」应以 http:// 或 https:// 开头")
    assert "records[1].evidence[1]: 警告: 证据「data/evidence/丢了.pdf」不是网址或文号" in lines[2]
    assert run("check", str(progress), "--strict").exit_code == 1


def test_evidence_of_the_wrong_type_is_an_error(run, repo: Path) -> None:
    progress = repo.parent / "progress.yaml"
    progress.write_text(
        "version: 1\nrecords:\n  - task: 2\n    due: 2020-10-31\n    done: 2020-10-30\n    evidence: {a: 1}\n",
        encoding="utf-8",
    )
    result = run("check", str(progress))
    assert result.exit_code == 1
    assert f"{progress}:6:5: records[0].evidence: 应为文字" in result.stdout


def test_status_show_ledger_and_the_page_show_evidence(run, repo: Path, monkeypatch) -> None:
    assert _done(run, repo, monkeypatch, "穗番市桥〔2020〕12号").exit_code == 0
    assert _done(run, repo, monkeypatch, "https://www.panyu.gov.cn/a.html", task="1", unit="").exit_code == 0
    common = ("--file", str(repo), "--today", "2020-09-05")
    status = run("status", "3", "--unit", "市桥街道", *common)
    assert "佐证材料：\n  2020-08-31 市桥街道：穗番市桥〔2020〕12号\n" in status.stdout
    matrix = json.loads(run("status", "3", "--json", *common).stdout)
    (part,) = [u for u in matrix[0]["units"] if u["unit"] == "市桥街道"]
    assert part["evidence"] == ["穗番市桥〔2020〕12号"]
    show = run("show", "1", *common)
    assert "佐证材料：\n  2020-08-31 全部责任单位：https://www.panyu.gov.cn/a.html\n" in show.stdout
    assert json.loads(run("show", "1", "--json", *common).stdout)[0]["evidence"] == [
        {"due": "2020-08-31", "unit": None, "evidence": ["https://www.panyu.gov.cn/a.html"]}
    ]
    ledger = json.loads(run("ledger", "--unit", "市桥街道", "--json", *common).stdout)
    assert ledger[0]["evidence"] == ["穗番市桥〔2020〕12号"]
    table = run("ledger", "--unit", "市桥街道", *common).stdout
    assert "佐证：穗番市桥" in table
    page = repo.parent / "page.html"
    assert run("export", "html", *common, "-o", str(page)).exit_code == 0
    html = page.read_text("utf-8")
    assert '佐证：<a href="https://www.panyu.gov.cn/a.html" rel="noopener noreferrer">' in html
    assert "佐证：市桥街道：穗番市桥〔2020〕12号</div>" in html
