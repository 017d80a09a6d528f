"""gpstd.patterns: a LazyRegex behaves as the pattern it stands for, compiled once, on first use (the methods are then kept on the instance)."""

from __future__ import annotations

import re

from gpstd.patterns import LazyRegex, control_message


def test_lazy_regex_compiles_on_first_use_and_answers_as_re_does() -> None:
    lazy = LazyRegex(r"(\d{1,2})月", re.ASCII)
    eager = re.compile(r"(\d{1,2})月", re.ASCII)
    text = "每年3月、6月和12月底前"
    for _ in range(2):  # the second round is served by the methods kept on the instance
        assert lazy.findall(text) == eager.findall(text) == ["3", "6", "12"]
        assert lazy.search(text)[1] == "3"  # type: ignore[index]
        assert lazy.sub("M", text) == "每年M、M和M底前"
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
        assert lazy.fullmatch("7月") is not None and lazy.fullmatch("7月底") is None
    assert lazy.pattern == eager.pattern and lazy.flags == re.ASCII


def test_control_characters_are_named() -> None:
    assert control_message("正常文字") is None
    assert control_message("标题\x1b]0;x\x07") == "含有控制字符 U+001B"
    assert control_message("a\u202eb") == "含有改变文字显示方向的字符 U+202E"
