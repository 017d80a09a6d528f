"""Usage errors reach the user in Chinese, with exit code 2."""

from __future__ import annotations

import pytest

from gpstd.commands.usage import translate


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "--bogus"], "错误：没有选项 --bogus"),
        (["due", "--befor", "2020-12-31"], "错误：没有选项 --befor（可能是：--before）"),
        (["show"], "错误：缺少参数 编号"),
        (["show", "abc"], "错误：编号 的值无效：「abc」不是整数"),
        (["show", "1", "2"], "错误：多余的参数：2"),
        (["agenda", "--days", "-3"], "错误：--days / -d 的值无效：-3 不在允许范围 0 至 3660 内"),
        (["due", "--before"], "错误：选项 --before 需要一个值"),
        (["bogus"], "错误：没有命令「bogus」（用 gpstd -h 查看全部命令）"),
    ],
)
def test_usage_errors_in_chinese(run, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    if args != ["due", "--before"]:  # click raises that one without a context to show usage
        assert "用法：gpstd" in result.stderr


def test_unrecognised_message_is_kept():
    assert translate("Something new happened.") == "Something new happened."


def _complete(words: str) -> list[str]:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "_GPSTD_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "gpstd"], env=env, check=False, capture_output=True, text=True
    )
    return proc.stdout.split()


def test_shell_completion_of_commands_and_options():
    assert "due" in _complete("gpstd du")
    assert "--before" in _complete("gpstd due --be")
    assert "ics" in _complete("gpstd export i")


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(run, flag):
    from gpstd import __version__

    result = run(flag)
    assert result.exit_code == 0
    assert result.stdout == f"gpstd {__version__}\n" == "gpstd 0.1.0\n"


def test_version_through_the_entry_point():
    """`gpstd --version` as installed: through gpstd.cli.main, which builds only what it runs."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "gpstd", "-V"], check=False, capture_output=True, text=True, timeout=60
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "gpstd 0.1.0\n", "")
