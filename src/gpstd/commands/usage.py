"""Usage errors in Chinese: click's (English) messages rewritten before they reach a user.

typer 0.28 vendors click without gettext, so its messages are translated here by
pattern; anything not recognised is shown as click wrote it.
"""

from __future__ import annotations

import re
from typing import Any

from gpstd.commands.helpframe import range_words

_PATTERNS = [
    (r"No such option: (\S+) Did you mean (\S+)\?", r"没有选项 \1，你是不是想写 \2？"),
    (r"No such option: (\S+) \(Possible options: (.+)\)", r"没有选项 \1（可能是：\2）"),
    (r"No such option: (\S+)", r"没有选项 \1"),
    (r"Missing argument '(.+)'\.", r"缺少参数 \1"),
    (r"Missing option '(.+)'\.", r"缺少选项 \1"),
    (r"Missing command\.", "缺少命令（用 gpstd -h 查看全部命令）"),
    (r"No such command '(.+)'\. Did you mean '(.+)'\?", r"没有命令「\1」，你是不是想写 \2？"),
    (r"No such command '(.+)'\. Did you mean (.+)\?", r"没有命令「\1」，你是不是想写 \2？"),
    (r"No such command '(.+)'\.", r"没有命令「\1」（用 gpstd -h 查看全部命令）"),
    (r"Option '(.+)' requires an argument\.", r"选项 \1 需要一个值"),
    (r"Got unexpected extra arguments? \((.*)\)", r"多余的参数：\1"),
    (r"Got unexpected extra argument\(s\) \((.*)\)", r"多余的参数：\1"),
    (r"Invalid value for (.+?): '(.*)' is not a valid int(eger)?( range)?\.", r"\1 的值无效：「\2」不是整数"),
    (r"Invalid value for (.+?): (-?\d+) is not in the range (.+)\.", r"\1 的值无效：\2 不在允许范围 \3 内"),
    (r"Invalid value for (.+?): (.*)", r"\1 的值无效：\2"),
]


def translate(message: str) -> str:
    for pattern, replacement in _PATTERNS:
        translated, count = re.subn(rf"^{pattern}$", replacement, message, flags=re.S)
        if count:
            return _RANGE.sub(lambda m: range_words(m[0]), translated.replace("'", ""))
    return message


_RANGE = re.compile(r"-?\d*<=?x<=?-?\d*|x>=-?\d+")


def show(exc: Any) -> None:
    """Print a click UsageError the way click would, in Chinese (to stderr)."""
    import sys

    if type(exc).__name__ == "NoArgsIsHelpError":  # `gpstd export` alone: its help, as for `gpstd`
        exc.show()
        return
    ctx = exc.ctx
    if ctx is not None:
        usage = ctx.get_usage()
        sys.stderr.write(f"{usage}\n用 '{ctx.command_path} -h' 查看帮助。\n\n")
    sys.stderr.write(f"错误：{translate(exc.format_message())}\n")
