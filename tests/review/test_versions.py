"""gpstd.review.pick: which two versions the arguments name, read through git (or from two files)."""

from __future__ import annotations

import pytest

from gpstd import review
from gpstd.errors import GitError, UsageError, VersionInvalid
from tests.review import scenarios


@pytest.fixture
def repo(tmp_path):
    return scenarios.repository(tmp_path / "repo")


def seed_bytes() -> bytes:
    return scenarios.seed().encode("utf-8")


def test_default_is_the_working_tree_against_head(repo):
    head = scenarios.git(repo, "rev-parse", "HEAD")
    scenarios.write(repo / "data" / "tasks.yaml", scenarios.move_date)
    old, new = review.pick([], None, repo)
    assert (old.label, old.path, old.revision, old.commit, old.raw) == (
        "HEAD:data/tasks.yaml",
        "data/tasks.yaml",
        "HEAD",
        head,
        seed_bytes(),
    )
    assert (new.label, new.path, new.revision, new.worktree) == (
        "data/tasks.yaml",
        "data/tasks.yaml",
        None,
        True,
    )
    assert new.raw == (repo / "data" / "tasks.yaml").read_bytes()


def test_from_a_subdirectory_the_register_is_the_repositorys(repo):
    (repo / "docs").mkdir()
    old, new = review.pick([], None, repo / "docs")
    assert (old.label, new.label, new.path) == (
        "HEAD:data/tasks.yaml",
        "../data/tasks.yaml",
        "data/tasks.yaml",
    )


def test_one_revision_against_the_working_tree(repo):
    first = scenarios.git(repo, "rev-parse", "HEAD")
    scenarios.commit(repo, "改期", scenarios.move_date)
    old, new = review.pick([first[:10]], None, repo)
    assert (old.revision, old.commit, old.raw, new.worktree) == (first[:10], first, seed_bytes(), True)


def test_a_range_of_two_revisions(repo):
    first = scenarios.git(repo, "rev-parse", "HEAD")
    second = scenarios.commit(repo, "改期", scenarios.move_date)
    scenarios.write(repo / "data" / "tasks.yaml", scenarios.change_rule)  # the working tree is not compared
    old, new = review.pick(["HEAD~1..HEAD"], None, repo)
    assert (old.commit, new.commit, new.revision, new.worktree) == (first, second, "HEAD", False)
    assert review.pick(["HEAD~1.."], None, repo)[1].commit == second  # an empty side is HEAD


def test_three_dots_compare_from_where_the_branch_left(repo):
    base = scenarios.git(repo, "rev-parse", "HEAD")
    scenarios.git(repo, "checkout", "-q", "-b", "edit")
    branch = scenarios.commit(repo, "改期", scenarios.move_date)
    scenarios.git(repo, "checkout", "-q", "main")
    scenarios.commit(repo, "main 上的另一处改动", scenarios.change_cell)
    old, new = review.pick(["main...edit"], None, repo)
    assert (old.commit, new.commit) == (base, branch)
    assert old.revision == f"main...edit 的分叉点 {base[:7]}"
    result = review.compare(old, new)
    assert [t.id for t in result.tasks] == [3]  # main's own edit to task 11 is not the branch's


def test_file_option_names_the_register(repo):
    scenarios.write(repo / "other" / "register.yaml")
    scenarios.git(repo, "add", "other/register.yaml")
    scenarios.git(repo, "commit", "-q", "-m", "另一份")
    old, new = review.pick([], "other/register.yaml", repo)
    assert (old.label, new.path) == ("HEAD:other/register.yaml", "other/register.yaml")


def test_two_files_outside_any_repository(tmp_path):
    scenarios.write(tmp_path / "a.yaml")
    scenarios.write(tmp_path / "b.yaml", scenarios.move_date)
    old, new = review.pick(["a.yaml", "b.yaml"], None, tmp_path)
    assert (old.label, new.label, new.path, old.revision, new.worktree) == (
        "a.yaml",
        "b.yaml",
        "b.yaml",
        None,
        False,
    )


# --- errors: each names what went wrong and what to do ---------------------------------------


def test_not_a_repository(tmp_path):
    with pytest.raises(GitError) as info:
        review.pick([], None, tmp_path)
    assert (
        info.value.message
        == f"当前目录（{tmp_path}）不在 git 仓库中：比较两个文件请写 gpstd diff 旧.yaml 新.yaml"
    )


def test_unknown_revision(repo):
    with pytest.raises(GitError) as info:
        review.pick(["v9.9"], None, repo)
    assert info.value.message.startswith("未知的版本「v9.9」：仓库中没有这个分支、标签或提交")


def test_a_revision_that_looks_like_an_option_is_refused(repo):
    with pytest.raises(GitError) as info:
        review.pick(["--output=x..HEAD"], None, repo)
    assert info.value.message == "版本名无效：「--output=x」"


def test_file_absent_at_the_revision(repo):
    first = scenarios.git(repo, "rev-parse", "HEAD")
    scenarios.write(repo / "new" / "tasks.yaml")
    with pytest.raises(GitError) as info:
        review.pick([first], "new/tasks.yaml", repo)
    assert (
        info.value.message
        == f"版本「{first}」中没有文件 new/tasks.yaml（该版本之后才加入，或当时用的是别的文件名）"
    )


def test_file_deleted_before_the_revision_names_the_commit_that_deleted_it(repo):
    # It was told "该版本之后才加入" of a register deleted in an earlier commit.
    scenarios.git(repo, "rm", "-q", "data/tasks.yaml")
    scenarios.git(repo, "commit", "-q", "-m", "删除")
    deleted = scenarios.git(repo, "rev-parse", "--short", "HEAD")
    with pytest.raises(GitError) as info:
        review.pick(["HEAD~1..HEAD"], "data/tasks.yaml", repo)
    assert info.value.message == (
        f"版本「HEAD」中没有文件 data/tasks.yaml（已在提交 {deleted} 中删除或改名；git log --stat -1 {deleted} 可查看）"
    )


def test_file_outside_the_repository(repo, tmp_path):
    scenarios.write(tmp_path / "elsewhere.yaml")
    with pytest.raises(GitError) as info:
        review.pick([], str(tmp_path / "elsewhere.yaml"), repo)
    assert "不在仓库" in info.value.message


def test_a_repository_without_commits(tmp_path):
    scenarios.repository(tmp_path / "seed")  # skips where git is absent
    empty = tmp_path / "empty"
    empty.mkdir()
    scenarios.git(empty, "init", "-q")
    with pytest.raises(GitError) as info:
        review.pick([], None, empty)
    assert info.value.message.startswith("仓库还没有任何提交（HEAD 不存在）")


def test_git_not_installed(repo, monkeypatch):
    monkeypatch.setenv("PATH", str(repo / "no-such-bin"))
    with pytest.raises(GitError) as info:
        review.pick([], None, repo)
    assert info.value.message.startswith("找不到 git 命令：请先安装 git")


@pytest.mark.parametrize("spec", ["..", "...", "a..b..c", "a...b...c", "a....b"])
def test_malformed_ranges_are_usage_errors(repo, spec):
    with pytest.raises(UsageError) as info:
        review.pick([spec], None, repo)
    assert info.value.exit_code == 2 and "写法不对" in info.value.message


def test_a_file_given_alone_is_a_usage_error(tmp_path):
    scenarios.write(tmp_path / "old.yaml")
    with pytest.raises(UsageError) as info:
        review.pick(["old.yaml"], None, tmp_path)
    assert "比较两个文件请给出两个文件名" in info.value.message


def test_two_files_and_file_option_together(tmp_path):
    with pytest.raises(UsageError):
        review.pick(["a.yaml", "b.yaml"], "c.yaml", tmp_path)


def test_an_old_revision_whose_register_is_invalid_is_named(repo):
    broken = scenarios.commit(
        repo, "改坏", lambda text: text.replace("due: 2020-12-20", "due: 2020-12-32", 1)
    )
    scenarios.commit(repo, "修好")
    with pytest.raises(VersionInvalid) as info:
        review.compare(*review.pick([f"{broken[:7]}..HEAD"], None, repo))
    lines = info.value.message.splitlines()
    assert (
        lines[0]
        == f"旧版本「{broken[:7]}:data/tasks.yaml」不是有效的登记册，无法比较（gpstd check 可列出全部问题）："
    )
    seed = scenarios.seed().splitlines()
    line = next(n for n, text in enumerate(seed, start=1) if "due: 2020-12-20" in text)
    column = seed[line - 1].index("2020") + 1
    assert lines[1].startswith(
        f"{broken[:7]}:data/tasks.yaml:{line}:{column}: tasks[22].schedule[0].due: 日期无效"
    )
    assert len(lines) == 2


def test_a_working_tree_without_the_register_is_named(repo):
    (repo / "data" / "tasks.yaml").unlink()
    with pytest.raises(VersionInvalid) as info:
        review.pick([], None, repo)
    assert info.value.message.splitlines() == [
        "新版本「data/tasks.yaml」不是有效的登记册，无法比较（gpstd check 可列出全部问题）：",
        "data/tasks.yaml: 文件不存在",
    ]
