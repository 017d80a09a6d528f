"""The help screens in Chinese, laid out for Chinese text.

click writes the frame of every help screen in English (Usage:, Options:, [default: 30],
[env var: …], "Show this message and exit.") and wraps text at spaces, counting a Chinese
character as one column. `Formatter` writes the same screens with Chinese headings and notes,
joins a paragraph's lines without a space between Chinese characters, and breaks lines as
`gpstd.render.grid` does (by display width, never before 、。）). `App` makes every command of an
application use it; placeholders (日期, 单位, 文件 …) are the metavars in `PLACEHOLDERS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from gpstd.commands.clickapi import HelpFormatter
from gpstd.patterns import LazyRegex
from gpstd.render.grid import width as display_width
from gpstd.render.grid import wrap

# Every value an option or argument takes is named by one of these (tests check each command).
PLACEHOLDERS = {
    "DATE": "日期",
    "UNIT": "单位",
    "SECTION": "项目",
    "FILE": "文件",
    "ID": "编号",
    "N": "行数",
    "DAYS": "天数",
    "TEXT": "文本",
    "PHRASE": "表述",
    "FORMAT": "格式",
    "WHEN": "auto|always|never",
    "COLUMNS": "栏目",
    "REV": "版本",
    "OLD": "旧文件",
    "NEW": "新文件",
    "URL": "网址",
    "SERVICE": "wecom|dingtalk",
    "NUMBER": "文号",
    "PERIOD": "期间",
    "EVIDENCE": "网址|文号|文件",
}

_HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
_USAGE_WORDS = [("[OPTIONS]", "[选项]"), ("COMMAND", "命令"), ("[ARGS]...", "[参数]...")]
_SENTENCES = {
    "Show this message and exit.": "显示本帮助并退出。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全（支持 bash、zsh、fish、PowerShell）。",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "显示当前 shell 的补全脚本，可复制后自行安装。"
    ),
}
_NOTES = LazyRegex(r"\s*\[((?:default|env var|required|-?\d|x)[^\]]*)\]$")
_CJK_JOIN = LazyRegex(r"(?<=[\u3000-\u9fff\uff00-\uffef])\n(?=[\u3000-\u9fff\uff00-\uffef])")


def note(text: str) -> str:
    """click's bracketed notes in Chinese: [default: 30; 0<=x<=3660] → [默认：30；0 至 3660]."""
    parts = []
    for item in text.split("; "):
        if item.startswith("default: "):
            parts.append("默认：" + item[len("default: ") :])
        elif item.startswith("env var: "):
            parts.append("环境变量：" + item[len("env var: ") :])
        elif item == "required":
            parts.append("必填")
        else:
            parts.append(range_words(item))
    return "[" + "；".join(parts) + "]"


def range_words(item: str) -> str:
    """0<=x<=3660 → 0 至 3660; x>=1 → 至少 1 (anything else as it is)."""
    both = re.fullmatch(r"(-?\d+)<=?x<=?(-?\d+)", item)
    if both:
        return f"{both[1]} 至 {both[2]}"
    low = re.fullmatch(r"x>=(-?\d+)", item)
    if low:
        return f"至少 {low[1]}"
    high = re.fullmatch(r"x<=(-?\d+)", item)
    return f"至多 {high[1]}" if high else item


def describe(text: str) -> str:
    """An option's help in Chinese: click's own sentences translated, its notes too."""
    text = _SENTENCES.get(text, text)
    found = _NOTES.search(text)
    if found:
        text = text[: found.start()] + "  " + note(found[1])
    return text


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a help text, each on one line: lines joined by nothing between Chinese
    characters and by a space otherwise (click joins every line with a space)."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        if block.startswith("\b\n"):  # click's mark for a block kept as written
            out.append(block[2:])
            continue
        joined = _CJK_JOIN.sub("", block.strip())
        out.append(" ".join(line.strip() for line in joined.split("\n")))
    return out


class Formatter(HelpFormatter):
    """click's help formatter with the Chinese frame and Chinese line breaking."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, chinese in _USAGE_WORDS:
            args = args.replace(english, chinese)
        self.write(f"{'用法：' if prefix is None else prefix}{prog} {args}\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        room = max(self.width - self.current_indent, 20)
        for n, paragraph in enumerate(paragraphs(text)):
            if n:
                self.write("\n")
            for line in paragraph.split("\n"):
                self.write("".join(f"{indent}{part}\n" for part in wrap(line, room)))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((display_width(term) for term, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        room = max(self.width - self.current_indent - first_col, 20)
        for term, help_text in rows:
            lines = wrap(describe(help_text), room) if help_text else []
            gap = first_col - display_width(term)
            if not lines:
                self.write(f"{indent}{term}\n")
                continue
            if gap < col_spacing:  # a long option name: its help starts on the next line
                self.write(f"{indent}{term}\n{indent}{' ' * first_col}{lines[0]}\n")
            else:
                self.write(f"{indent}{term}{' ' * gap}{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{indent}{' ' * first_col}{line}\n")


class Context(typer.Context):
    formatter_class = Formatter


class Command(TyperCommand):
    context_class = Context


class Group(TyperGroup):
    context_class = Context


class App(typer.Typer):
    """A typer application whose commands write their help with `Formatter`."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Any], Any]:
        kwargs.setdefault("cls", Command)
        return super().command(*args, **kwargs)
