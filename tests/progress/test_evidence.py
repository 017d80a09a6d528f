"""Evidence of completion: told apart, stored, and checked (table-driven)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gpstd.progress import evidence


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("https://www.panyu.gov.cn/zwgk/a.html", "url"),
        ("http://example.org", "url"),
        ("ftp://example.org/a", "url"),
        ("穗番市桥〔2020〕12号", "number"),
        ("番府办[2020]3号", "number"),
        ("番府办【2021】 15号", "number"),
        ("data/evidence/通报.pdf", "file"),
        ("已电话确认", "file"),
    ],
)
def test_classify(text, kind) -> None:
    assert evidence.classify(text) == kind


def test_files_are_stored_from_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "data" / "evidence").mkdir(parents=True)
    (tmp_path / "data" / "evidence" / "a.pdf").write_bytes(b"%PDF")
    root = evidence.repository_root(tmp_path / "data")
    assert root == tmp_path.resolve()
    assert evidence.normalise("evidence/a.pdf", root, tmp_path / "data") == "data/evidence/a.pdf"
    assert evidence.normalise(" 穗番市桥〔2020〕12号 ", root) == "穗番市桥〔2020〕12号"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "nothing.pdf",
            "证据「nothing.pdf」不是网址（http:// 或 https://）、文号（如 穗番市桥〔2020〕12号），也不是存在的文件",
        ),
        ("ftp://x/y", "网址「ftp://x/y」应以 http:// 或 https:// 开头"),
        ("https:// x", "网址「https:// x」不完整或含空格"),
        ("", "--evidence 应为一行：网址、文号或仓库中的文件"),
    ],
)
def test_evidence_refused_when_recording(tmp_path: Path, text, message) -> None:
    with pytest.raises(ValueError) as found:
        evidence.normalise(text, tmp_path, tmp_path)
    assert str(found.value) == message


def test_a_file_outside_the_repository_is_refused(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (tmp_path / "elsewhere.pdf").write_bytes(b"x")
    with pytest.raises(ValueError, match="不在仓库"):
        evidence.normalise("../elsewhere.pdf", repo, repo)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("https://www.panyu.gov.cn/a.html", None),
        ("番府办〔2020〕3号", None),
        ("data/a.pdf", None),
        ("data/b.pdf", "证据「data/b.pdf」不是网址或文号，而仓库中没有这个文件"),
        ("/etc/passwd", "证据文件「/etc/passwd」应写成相对于仓库根目录的路径"),
        ("../a.pdf", "证据文件「../a.pdf」应写成相对于仓库根目录的路径"),
    ],
)
def test_problems_check_finds(tmp_path: Path, text, message) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.pdf").write_bytes(b"%PDF")
    found = evidence.problem(text, tmp_path)
    assert (found is None) if message is None else found.startswith(message)
