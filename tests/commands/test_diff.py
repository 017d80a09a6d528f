"""`gpstd diff`: what a reviewer sees of each edit, as text, JSON and GitHub notices with Markdown.

A repository is built in a temporary directory, the seed register committed and edited in each way
issue 20 lists; the commands run inside it as a user would.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.review import scenarios

EVERY_EDIT = (
    scenarios.insert_item,
    scenarios.change_rule,
    scenarios.add_unit,
    scenarios.remove_unit,
    scenarios.change_cell,
    scenarios.remove_task,
    scenarios.add_task,
    scenarios.drop_member,
)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = scenarios.repository(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def edit(repo, *edits):
    scenarios.write(repo / "data" / "tasks.yaml", *edits)


def short_head(repo) -> str:
    return scenarios.git(repo, "rev-parse", "--short=7", "HEAD")


def test_text_shows_every_kind_of_edit_grouped_by_task(run, repo):
    edit(repo, *EVERY_EDIT)
    result = run("diff")
    assert result.exit_code == 0, result.stderr
    assert (
        result.stdout
        == f"""\
gpstd diff：HEAD（{short_head(repo)}） → 工作区　data/tasks.yaml
10 项任务有变化（新增 1、删除 1、修改 8）；期限新增 2；规则改动 1；单位改动 4；原文改动 3；登记册整体改动 1。
周期规则的期限在 2020-08-01 至 2024-01-01 之间比较（见 docs/cli.md 的 gpstd diff 一节）。

登记册（meta、units、groups）
  称谓改动  各镇（街）的成员（members）：删去「石碁镇」

任务 3（修改）编制本镇（街）政务公开事项标准目录。
  期限新增  2020-08-15　「2020年8月15日前完成初稿」
  承担单位  不再承担 1 个：石碁镇
  原文改动  完成时间及方式：{{+2020年8月15日前完成初稿，+}}2020年8月31日前，报区政府办（调研科），10月31日前在区政府门户网站以文件汇编形式公开。

任务 10（修改）建立完善涵盖政府信息管理、信息发布、解读回应、依申请公开、公众参与、监督考核等工作流程的制度。
  单位删除  区司法局（配合）

任务 11（修改）落实文件确定和标注公开属性，并定期自查。
  承担单位  不再承担 1 个：石碁镇
  原文改动  工作任务：落实文件确定和标注公开属性{{+，并定期自查+}}。

任务 12（删除）开展文件公开属性确定和标注情况抽查。
  单位删除  区政府办（牵头）
  日程删除  第 1 条：不定期　「不定期」

任务 14（修改）每年组织对本单位文件公开属性进行评估调整。
  规则改动  每年11月30日 → 每年12月31日　「落实情况请于每年12月31日前报区政府办（调研科）」
            不再有：2020-11-30、2021-11-30、2022-11-30 等 4 个
            新有：2020-12-31、2021-12-31、2022-12-31 等 4 个
  承担单位  不再承担 1 个：石碁镇
  原文改动  完成时间及方式：落实情况请于每年[-11月30-]{{+12月31+}}日前报区政府办（调研科）。

任务 16（修改）落实政策解读“三同步”要求，提高解读质量。
  承担单位  不再承担 1 个：石碁镇

任务 17（修改）加强舆情处置回应，做好业务登记和资料归档备查。
  承担单位  不再承担 1 个：石碁镇

任务 22（修改）开展政务服务信息主动推送工作。
  承担单位  不再承担 1 个：石碁镇

任务 25（修改）制定印发基层政务公开与村（居）务公开协同发展的制度。
  单位新增  区司法局（配合）

任务 29（新增）政府信息公开条例纳入年度普法考核。
  期限新增  2020-12-20　「工作落实情况于2020年12月20日前报区政府办（调研科）」
  单位新增  区司法局（牵头）
  原文内容  序号：「29」
  原文内容  责任单位：「区司法局」
  原文内容  工作任务：「政府信息公开条例纳入年度普法考核。」
  原文内容  完成时间及方式：「工作落实情况于2020年12月20日前报区政府办（调研科）。」
  原文内容  方案项目：「（二十）」
"""
    )


def test_a_moved_date_reads_old_to_new_with_its_source_text(run, repo):
    edit(repo, scenarios.move_date)
    lines = run("diff").stdout.splitlines()
    assert lines[4:] == [
        "任务 3（修改）编制本镇（街）政务公开事项标准目录。",
        "  期限改期  2020-10-31 → 2020-11-30　「11月30日前在区政府门户网站以文件汇编形式公开」",
        "  原文改动  完成时间及方式：2020年8月31日前，报区政府办（调研科），[-10月31-]{+11月30+}日前在区政府门户网站以文件汇编形式公开。",
    ]


def test_a_later_end_date_shows_which_dates_of_each_rule_go(run, repo):
    edit(repo, scenarios.set_end)
    out = run("diff").stdout
    assert "  基本信息  截止日期（meta.end）：（无） → 2022-12-31\n" in out
    assert (
        "任务 14（修改）每年组织对本单位文件公开属性进行评估调整。\n"
        "  规则改动  每年11月30日　「落实情况请于每年11月30日前报区政府办（调研科）」\n"
        "            规则未改，登记册的起止日期（meta.start、meta.end）改了\n"
        "            不再有：2023-11-30\n"
    ) in out


def test_a_revision_and_a_range(run, repo):
    first = short_head(repo)
    scenarios.commit(repo, "改期", scenarios.move_date)
    second = short_head(repo)
    edit(repo, scenarios.move_date, scenarios.change_cell)
    assert run("diff", "HEAD~1").stdout.startswith(
        f"gpstd diff：HEAD~1（{first}） → 工作区　data/tasks.yaml\n2 项任务"
    )
    assert run("diff", "HEAD~1..HEAD").stdout.startswith(
        f"gpstd diff：HEAD~1（{first}） → HEAD（{second}）　data/tasks.yaml\n1 项任务有变化（修改 1）；期限改期 1；"
    )
    assert run("diff").stdout.startswith(f"gpstd diff：HEAD（{second}） → 工作区　data/tasks.yaml\n1 项任务")


def test_no_changes_and_comment_only_changes(run, repo):
    same = run("diff")
    assert (same.exit_code, same.stdout) == (
        0,
        f"gpstd diff：HEAD（{short_head(repo)}） → 工作区　data/tasks.yaml\n两个版本的登记册完全相同。\n",
    )
    edit(repo, scenarios.comment_only)
    assert (
        run("diff").stdout.splitlines()[1]
        == "没有影响任务、期限或单位的改动（两个版本只在注释、空行、格式或次序上不同）。"
    )


def test_exit_code_option(run, repo):
    assert run("diff", "--exit-code").exit_code == 0
    edit(repo, scenarios.comment_only)
    assert run("diff", "--exit-code").exit_code == 0  # nothing a reviewer would see
    edit(repo, scenarios.move_date)
    assert run("diff").exit_code == 0
    assert run("diff", "--exit-code").exit_code == 1


def test_two_files_outside_a_repository(run, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    scenarios.write(tmp_path / "old.yaml")
    scenarios.write(tmp_path / "new.yaml", scenarios.change_cell)
    result = run("diff", "old.yaml", "new.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "gpstd diff：old.yaml → new.yaml　new.yaml",
        "1 项任务有变化（修改 1）；原文改动 1。",
    ]
    if shutil.which("git"):  # without git, the message is that git is missing
        outside = run("diff")
        assert (outside.exit_code, outside.stderr) == (
            1,
            f"gpstd: 当前目录（{tmp_path}）不在 git 仓库中：比较两个文件请写 gpstd diff 旧.yaml 新.yaml\n",
        )


def test_two_files_need_no_git(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    scenarios.write(tmp_path / "old.yaml")
    scenarios.write(tmp_path / "new.yaml", scenarios.move_date)
    result = run("diff", "old.yaml", "new.yaml", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["deadlines_moved"] == 1
    without = run("diff")
    assert (without.exit_code, without.stderr) == (
        1,
        "gpstd: 找不到 git 命令：请先安装 git（https://git-scm.com），或不经 git，比较两个文件请写 gpstd diff 旧.yaml 新.yaml\n",
    )


def test_a_summary_file_that_cannot_be_written(run, repo):
    edit(repo, scenarios.move_date)
    result = run("diff", "--format", "github", "--summary", str(repo / "data"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"gpstd: {repo / 'data'}: 无法写入：")


# --- JSON ----------------------------------------------------------------------------------


def test_json_is_the_documented_contract(run, repo):
    edit(repo, scenarios.move_date)
    data = json.loads(run("diff", "--json").stdout)
    head = scenarios.git(repo, "rev-parse", "HEAD")
    assert list(data) == ["old", "new", "window", "changed", "summary", "register", "tasks"]
    assert data["old"] == {
        "label": "HEAD:data/tasks.yaml",
        "path": "data/tasks.yaml",
        "revision": "HEAD",
        "commit": head,
        "worktree": False,
    }
    assert data["new"] == {
        "label": "data/tasks.yaml",
        "path": "data/tasks.yaml",
        "revision": None,
        "commit": None,
        "worktree": True,
    }
    assert (data["window"], data["changed"], data["register"]) == (
        {"start": "2020-08-01", "end": "2024-01-01"},
        True,
        [],
    )
    assert data["summary"] == {
        "tasks_added": 0,
        "tasks_removed": 0,
        "tasks_changed": 1,
        "deadlines_added": 0,
        "deadlines_removed": 0,
        "deadlines_moved": 1,
        "rules_changed": 0,
        "units_changed": 0,
        "cells_changed": 1,
        "register_changed": 0,
    }
    [task] = data["tasks"]
    lines = (repo / "data" / "tasks.yaml").read_text(encoding="utf-8").splitlines()
    due_line = lines.index("        due: 2020-11-30") + 1
    assert task["deadlines"] == [
        {
            "change": "moved",
            "old": "2020-10-31",
            "new": "2020-11-30",
            "text": "11月30日前在区政府门户网站以文件汇编形式公开",
            "old_text": "10月31日前在区政府门户网站以文件汇编形式公开",
            "item": 1,
            "old_item": 1,
            "line": due_line,
        }
    ]
    assert list(task) == [
        "id", "change", "section", "task", "line", "deadlines", "rules", "units",
        "owners_added", "owners_removed", "cells", "fields",
    ]  # fmt: skip
    assert [s["op"] for s in task["cells"][0]["segments"]] == [
        "equal",
        "delete",
        "insert",
        "equal",
    ]


def test_json_of_a_changed_rule(run, repo):
    edit(repo, scenarios.change_rule)
    [task] = json.loads(run("diff", "--format", "json").stdout)["tasks"]
    [rule] = task["rules"]
    assert rule["old"] == {
        "rrule": "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30",
        "words": "每年11月30日",
        "start": None,
        "until": None,
        "assumed": False,
    }
    assert rule["new"]["words"] == "每年12月31日"
    assert (rule["removed_dates"][0], rule["added_dates"][0]) == ("2020-11-30", "2020-12-31")


# --- GitHub --------------------------------------------------------------------------------


def test_github_notices_at_the_changed_lines_and_a_markdown_summary(run, repo):
    edit(repo, scenarios.move_date, scenarios.add_unit)
    out = run("diff", "--format", "github").stdout
    lines = (repo / "data" / "tasks.yaml").read_text(encoding="utf-8").splitlines()
    cell_line = next(
        n for n, t in enumerate(lines, 1) if "11月30日前在区政府门户网站以文件汇编形式公开。" in t
    )
    unit_line = next(
        n for n, t in enumerate(lines, 1) if n > lines.index("  - id: 25") and t == "        - 区司法局"
    )
    notices = out.splitlines()[:2]
    assert notices == [
        f"::notice file=data/tasks.yaml,line={cell_line},title=任务 3（修改）编制本镇（街）政务公开事项标准目录。::"
        "期限改期：2020-10-31 → 2020-11-30　「11月30日前在区政府门户网站以文件汇编形式公开」%0A"
        "原文改动：完成时间及方式：2020年8月31日前，报区政府办（调研科），[-10月31-]{+11月30+}日前在区政府门户网站以文件汇编形式公开。",
        f"::notice file=data/tasks.yaml,line={unit_line},title=任务 25（修改）制定印发基层政务公开与村（居）务公开协同发展的制度。::"
        "单位新增：区司法局（配合）",
    ]
    markdown = out.split("\n", 2)[2]
    assert markdown.startswith(
        "## 登记册的变化（gpstd diff）\n\n"
        f"HEAD（{short_head(repo)}） → 工作区，`data/tasks.yaml`。**2 项任务有变化（修改 2）；期限改期 1；单位改动 1；原文改动 1。**\n\n"
        "### 任务 3（修改）编制本镇（街）政务公开事项标准目录。 <sub>第 "
    )
    assert (
        "- **原文改动** 完成时间及方式：2020年8月31日前，报区政府办（调研科），<del>10月31</del><ins>11月30</ins>日前"
        in markdown
    )
    assert "- **单位新增** 区司法局（配合）\n" in markdown


def test_summary_file_gets_the_markdown_and_stdout_the_notices(run, repo):
    edit(repo, scenarios.move_date)
    summary = repo.parent / "summary.md"
    summary.write_text("# 前一步的摘要\n", encoding="utf-8")
    result = run("diff", "--format", "github", "--summary", str(summary))
    assert result.exit_code == 0, result.stderr
    assert [line[:9] for line in result.stdout.splitlines()] == ["::notice "]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# 前一步的摘要\n## 登记册的变化（gpstd diff）\n")  # appended, as GitHub expects
    assert "<del>10月31</del><ins>11月30</ins>" in text


def test_github_keeps_to_ten_notices(run, repo):
    """GitHub drops notices past ten a step: the tenth says how many more changed."""
    edit(repo, scenarios.set_end, scenarios.drop_member, scenarios.remove_task, scenarios.add_task)  # 1 + 10
    notices = run("diff", "--format", "github").stdout.split("## ", 1)[0].splitlines()
    assert len(notices) == 10
    assert (
        notices[0].startswith("::notice file=data/tasks.yaml,line=")
        and ",title=登记册（meta、units、groups）::" in notices[0]
    )
    assert (
        notices[-1] == "::notice title=gpstd diff::另有 3 处变化未在此标注，见作业摘要或 gpstd diff 的输出。"
    )


def test_markdown_escapes_what_the_register_says(run, repo):
    edit(
        repo,
        lambda text: scenarios.replace(
            text, "task: 落实文件确定和标注公开属性。", "task: 落实*文件*确定和`标注`<b>公开</b>属性。"
        ),
    )
    markdown = run("diff", "--format", "github").stdout.split("\n## ", 1)[1]
    assert "### 任务 11（修改）落实\\*文件\\*确定和\\`标注\\`&lt;b&gt;公开&lt;/b&gt;属性。" in markdown
    assert "<b>" not in markdown


# --- errors: a Chinese message and an exit code, never a traceback ---------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["no-such-branch"], 1, "gpstd: 未知的版本「no-such-branch」：仓库中没有这个分支、标签或提交"),
        (["a..b..c"], 2, "gpstd: 版本范围「a..b..c」的写法不对：应为 旧版本..新版本，如 main..HEAD"),
        (["--file", "nowhere.yaml"], 1, "gpstd: 版本「HEAD」中没有文件 nowhere.yaml"),
        (["--format", "xml"], 2, "gpstd: 不支持的格式「xml」：可用 text、json、github"),
        (["--json", "--format", "github"], 2, "gpstd: --json 与 --format github 不能同时使用"),
        (["--summary", "s.md"], 2, "gpstd: --summary 只能与 --format github 同用"),
        (["a", "b", "c"], 2, "gpstd: 参数过多"),
        (["HEAD~1", "HEAD"], 2, "gpstd: 没有文件「HEAD~1」和「HEAD」：比较两个版本请写 HEAD~1..HEAD"),
        (["data/tasks.yaml"], 2, "gpstd: 「data/tasks.yaml」是文件，不是版本"),
    ],
)
def test_errors(run, repo, args, code, message):
    result = run("diff", *args)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.startswith(message), result.stderr


def test_an_invalid_old_revision_is_reported_by_side(run, repo):
    scenarios.commit(
        repo, "改坏", lambda text: text.replace("  start: 2020-08-01\n", "  start: 2020-08-32\n")
    )
    scenarios.commit(repo, "修好")
    result = run("diff", "HEAD~1..HEAD")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "旧版本「HEAD~1:data/tasks.yaml」不是有效的登记册，无法比较（gpstd check 可列出全部问题）：\n"
        "HEAD~1:data/tasks.yaml:17:10: meta.start: 日期无效"
    )
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr


# --- the example of docs/cli.md is what the command prints ------------------------------------

CLI_DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
_EXAMPLE = re.compile(r"(```text\n\$ gpstd diff\n)(.*?)(```)", re.S)


def test_the_cli_doc_example_is_what_diff_prints(run, repo):
    """The edits the text before the block describes; the commit's hash shown as 1a2b3c4.
    GPSTD_UPDATE_DOCS=1 rewrites the block."""
    edit(repo, scenarios.move_date, scenarios.change_rule, scenarios.add_unit, scenarios.remove_task)
    printed = run("diff").stdout.replace(f"HEAD（{short_head(repo)}）", "HEAD（1a2b3c4）")
    text = CLI_DOC.read_text(encoding="utf-8")
    if os.environ.get("GPSTD_UPDATE_DOCS"):
        CLI_DOC.write_text(_EXAMPLE.sub(lambda m: m.group(1) + printed + m.group(3), text), encoding="utf-8")
        text = CLI_DOC.read_text(encoding="utf-8")
    shown = _EXAMPLE.search(text)
    assert shown, "docs/cli.md: no ```text block starting with $ gpstd diff"
    assert shown.group(2) == printed, "run GPSTD_UPDATE_DOCS=1 pytest tests/commands/test_diff.py"


# --- the pre-commit hook and the workflow of docs/ci.md ----------------------------------------


def test_pre_commit_hook_prints_the_diff_of_what_is_committed():
    from ruamel.yaml import YAML

    root = Path(__file__).resolve().parents[2]
    hooks = {
        h["id"]: h
        for h in YAML(typ="safe").load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    hook = hooks["gpstd-diff"]
    # No file names (they would be read as revisions); output shown even when the hook passes.
    assert (hook["entry"], hook["language"], hook["pass_filenames"], hook["verbose"]) == (
        "gpstd diff --no-pager",
        "python",
        False,
        True,
    )
    assert hook["files"] == hooks["gpstd-check"]["files"]
    doc = (root / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "      - id: gpstd-diff" in doc
    assert 'gpstd diff "$BASE...HEAD" --format github --summary "$GITHUB_STEP_SUMMARY"' in doc
    assert "fetch-depth: 0" in doc


def test_the_workflow_runs_as_ci_runs_it(run, repo):
    """What the documented step does in a pull request: a branch, compared from where it left main."""
    scenarios.git(repo, "checkout", "-q", "-b", "pr")
    scenarios.commit(repo, "改期", scenarios.move_date)
    summary = repo.parent / "step-summary.md"
    result = run("diff", "main...HEAD", "--format", "github", "--summary", str(summary))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("::notice file=data/tasks.yaml,line=")
    assert "**1 项任务有变化（修改 1）；期限改期 1；原文改动 1。**" in summary.read_text(encoding="utf-8")
