"""gpstd.register.reader: the one place hostile bytes meet the YAML parser. Table-driven."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gpstd.errors import Problem, RegisterInvalid, format_path
from gpstd.register import reader, yaml


def refused(text: str | bytes) -> list[tuple[int, int, str, str]]:
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    with pytest.raises(RegisterInvalid) as info:
        reader.read("f.yaml", raw)
    assert all(p.file == "f.yaml" and p.severity == "error" for p in info.value.problems)
    return [(p.line, p.col, p.path, p.message) for p in info.value.problems]


def test_plain_data_with_dates_kept_as_text() -> None:
    doc = reader.read("f.yaml", b"a: 2020-08-31\nb: [1, 0x10, 1.5, true, null, '2']\nc: 2020-13-45\n")
    assert doc.data == {"a": "2020-08-31", "b": [1, 16, 1.5, True, None, "2"], "c": "2020-13-45"}


def test_keys_are_their_text() -> None:
    assert reader.read("f.yaml", b"1: a\ntrue: b\nnull: c\n").data == {"1": "a", "true": "b", "null": "c"}


def test_yaml_1_1_words_stay_text() -> None:
    assert reader.read("f.yaml", b"a: [yes, no, on, off, 0b1, 1_000, '010']\n").data == {
        "a": ["yes", "no", "on", "off", "0b1", "1_000", "010"]
    }


def test_empty_document() -> None:
    doc = reader.read("f.yaml", b"# nothing\n")
    assert (doc.data, doc.root) == (None, None)
    assert doc.position(("a",)) == (1, 1)


def test_byte_order_mark_is_ignored() -> None:
    assert reader.read("f.yaml", b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


def test_positions_of_values_and_keys() -> None:
    doc = reader.read("f.yaml", "tasks:\n  - id: 1\n    units:\n      lead: [甲, 乙]\n".encode())
    assert doc.position(("tasks", 0, "units", "lead", 1)) == (4, 17)
    assert doc.position(("tasks", 0, "id")) == (2, 9)
    assert doc.key_position(("tasks", 0, "units")) == (3, 5)
    # a path that goes further than the file: the deepest node reached
    assert doc.position(("tasks", 0, "schedule", 3)) == (2, 5)
    assert doc.key_position(("tasks", 5, "x")) == (2, 3)


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        ((), ""),
        (("meta",), "meta"),
        (("tasks", 3, "schedule", 0, "due"), "tasks[3].schedule[0].due"),
        (("units", 0, "aliases", 2), "units[0].aliases[2]"),
    ],
)
def test_format_path(loc: tuple, path: str) -> None:
    assert format_path(loc) == path


TAG_HINT = "登记册只用文本、数字、日期、列表和映射（文本需要时加引号）"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n\tb: 1\n", [(2, 1, "", "用制表符（Tab）缩进；YAML 只能用空格缩进")]),
        (
            "a:\n  \tb: 1\n  \t c: 2\n",
            [
                (2, 3, "", "用制表符（Tab）缩进；YAML 只能用空格缩进"),
                (3, 3, "", "用制表符（Tab）缩进；YAML 只能用空格缩进"),
            ],
        ),
        (
            "a: 1\nb: x\x07y\n",
            [(2, 5, "", "含有 YAML 不允许的控制字符 U+0007；请删去它（常见于从网页或 Word 复制的文本）")],
        ),
        # Characters that reorder the display (Trojan Source): YAML allows them, a register does not.
        (
            "a: 1\nb: 区司法局\u202e局法司区\n",
            [(2, 8, "", "含有改变文字显示方向的字符 U+202E（可使屏幕上显示的文字与文件中的不同）；请删去它")],
        ),
        (
            'a: "x\\u2066y"\n',
            [(1, 4, "a", "含有改变文字显示方向的字符 U+2066（转义写法，如 \\e、\\x1b）；请删去它")],
        ),
        # The same characters written as escapes reached the terminal: "\e]0;…\a" retitles it.
        (
            'a: 1\nb: "x\\e[2Jy"\nc: "\\t\\n\\r\\u00e9"\n',
            [(2, 4, "b", "含有控制字符 U+001B（转义写法，如 \\e、\\x1b）；请删去它")],
        ),
        (
            "a: [\"\\x9b\", '\\x9b']\n",
            [(1, 5, "a[0]", "含有控制字符 U+009B（转义写法，如 \\e、\\x1b）；请删去它")],
        ),
        (
            "a: &x 1\nb: *x\n",
            [
                (1, 4, "a", "不支持 YAML 锚点（&x）：请删去锚点，把内容逐条写出"),
                (2, 4, "b", "不支持 YAML 别名（*x）：请把内容逐条写出"),
            ],
        ),
        ("a: *nowhere\n", [(1, 4, "a", "不支持 YAML 别名（*nowhere）：请把内容逐条写出")]),
        (
            "a: 1\na: 2\nb: {c: 1, c: 2}\n",
            [
                (2, 1, "a", "重复的键「a」（首次出现在第 1 行）"),
                (3, 11, "b.c", "重复的键「c」（首次出现在第 3 行）"),
            ],
        ),
        ("a: !!binary aGk=\n", [(1, 4, "a", f"不支持 YAML 标签「!!binary」：{TAG_HINT}")]),
        ("a: [!!set {x}]\n", [(1, 5, "a[0]", f"不支持 YAML 标签「!!set」：{TAG_HINT}")]),
        # core tags on the wrong kind of node, and on text they do not fit (issue 14, 13)
        ("a: !!bool x\n", [(1, 4, "a", f"不支持 YAML 标签「!!bool」：{TAG_HINT}")]),
        ("a: !!map x\n", [(1, 4, "a", f"不支持 YAML 标签「!!map」：{TAG_HINT}")]),
        ("a: !!seq x\n", [(1, 4, "a", f"不支持 YAML 标签「!!seq」：{TAG_HINT}")]),
        ("note: !!null 文字\n", [(1, 7, "note", f"不支持 YAML 标签「!!null」：{TAG_HINT}")]),
        ("a: !custom x\n", [(1, 4, "a", f"不支持 YAML 标签「!custom」：{TAG_HINT}")]),
        ("%YAML 1.1\n---\na: 1\n", [(1, 1, "", "不支持 %YAML、%TAG 指令：请删去以“%”开头的行")]),
        ("? [a, b]\n: c\n", [(1, 3, "", "映射的键应为文本，不能是列表或映射")]),
        ("n: " + "7" * 5000 + "\n", [(1, 4, "n", "数值「77777777777777777777…」位数过多")]),
        ("a: 1\n---\nb: 2\n", [(2, 1, "", "一个文件只能有一个 YAML 文档（删去多余的“---”）")]),
        ('a: "x\n\n', [(1, 4, "", "YAML 语法错误：引号未闭合，开始于第 1 行第 4 列")]),
        ('a: 1\nb: "x\n\nc: 2\n', [(2, 4, "", "YAML 语法错误：引号未闭合，开始于第 2 行第 4 列")]),
    ],
)
def test_refusals(text: str, expected: list) -> None:
    assert refused(text) == expected


def test_str_tag_is_plain_text() -> None:
    assert reader.read("f.yaml", b"a: !!str 1\nb: !!str true\n").data == {"a": "1", "b": "true"}


def test_merge_keys_are_plain_keys() -> None:
    # YAML 1.2 has no merge keys: `<<` is a key like any other (the schema then names it)
    assert reader.read("f.yaml", b"a:\n  <<: {b: 1}\n").data == {"a": {"<<": {"b": 1}}}


def test_invalid_utf8_column_counts_characters() -> None:
    raw = "a: 番禺".encode() + "区".encode("gbk") + b"\n"
    assert refused(raw) == [
        (
            1,
            6,
            "",
            f"不是有效的 UTF-8 编码（第 {len('a: 番禺'.encode()) + 1} 字节 0xc7，"
            "可能是 GBK 编码）；请用 UTF-8 保存文件（WPS/记事本“另存为”时选择 UTF-8）",
        )
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_is_named_not_taken_for_gbk(encoding: str) -> None:
    raw = ("\ufeff" if encoding == "utf-16-be" else "") + "a: 番禺\n"
    assert refused(raw.encode(encoding)) == [
        (
            1,
            1,
            "",
            (
                "文件是 UTF-16 编码（开头有 UTF-16 字节顺序标记）；请用 UTF-8 保存文件（WPS/记事本“另存为”时选择 UTF-8）"
            ),
        )
    ]


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_nesting_cap(opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    ok = "a: " + opening * (yaml.MAX_DEPTH - 1) + "x" + closing * (yaml.MAX_DEPTH - 1) + "\n"
    assert reader.read("f.yaml", ok.encode()).data is not None
    deep = "a: " + opening * 10_000 + "x" + closing * 10_000 + "\n"
    ((line, _col, _path, message),) = refused(deep)
    assert (line, message) == (1, "嵌套超过 32 层，登记册不会有这样深的结构")


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(" " * i + "k:\n" for i in range(0, 400, 2)) + " " * 400 + "v\n"
    ((_line, _col, _path, message),) = refused(text)
    assert message == "嵌套超过 32 层，登记册不会有这样深的结构"


def test_billion_laughs_stops_at_the_first_anchor() -> None:
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    lines += [f"{n}: &{n} [" + ", ".join([f"*{p}"] * 10) + "]" for p, n in zip("abcdefghi", "bcdefghij")]
    found = refused("\n".join(lines))
    assert found[0] == (1, 4, "a", "不支持 YAML 锚点（&a）：请删去锚点，把内容逐条写出")
    assert found[-1] == (2, 8, "b[0]", "不支持 YAML 别名（*a）：请把内容逐条写出")  # the reading stops there


def test_size_cap(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GPSTD_MAX_MB", "0.001")
    assert reader.max_bytes() == 1048
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 1\n" * 300)
    with pytest.raises(RegisterInvalid) as info:
        reader.read(str(big))
    assert info.value.problems == [
        Problem(
            str(big), 0, 0, "", ("文件过大（0.0 MB），超过上限 0 MB；如确需读取，请设置环境变量 GPSTD_MAX_MB")
        )
    ]
    monkeypatch.delenv("GPSTD_MAX_MB")
    assert reader.max_bytes() == reader.DEFAULT_MAX_MB * 1024 * 1024


@pytest.mark.parametrize("value", ["lots", "inf", "nan", "1e400", "-5", "0"])
def test_a_size_cap_that_is_no_positive_number_is_a_usage_error(run, monkeypatch, value: str) -> None:
    """Not a silent default (a typo would look like a register too large), and never an internal
    error (int(float("inf")) overflows)."""
    monkeypatch.setenv("GPSTD_MAX_MB", value)
    result = run("due", "--before", "2020-12-31")
    assert result.exit_code == 2
    assert (
        result.stderr == f"gpstd: 环境变量 GPSTD_MAX_MB 应为正数（兆字节，至多 1000000），实为「{value}」\n"
    )


def test_unreadable_paths(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    import os

    os.mkfifo(fifo)
    for path, message in (
        (tmp_path / "none.yaml", "文件不存在"),
        (tmp_path, "这是一个目录，不是登记册文件"),
        (fifo, "不是普通文件（设备或管道），不能作为登记册读取"),
    ):
        with pytest.raises(RegisterInvalid) as info:
            reader.read(str(path))
        assert info.value.problems == [Problem(str(path), 0, 0, "", message)]


def test_problems_are_capped() -> None:
    problems = refused("a: 1\n" * (yaml.MAX_PROBLEMS + 500))
    assert len(problems) == yaml.MAX_PROBLEMS


@pytest.mark.parametrize("garbage", ["- a\n", "a: 1\n", "[x,x,x,x,x]\n"])
def test_garbage_under_the_size_cap_is_refused_before_parsing(garbage: str) -> None:
    (problem,) = refused(garbage * (19 * 1024 * 1024 // len(garbage)))
    assert "YAML 节点过多" in problem[3] and "GPSTD_MAX_NODES" in problem[3]


# --- the same data as a YAML 1.2 reader: ruamel.yaml's, the reference ----------------------


def _ruamel(text: str) -> object:
    from ruamel.yaml import YAML

    loader = YAML(typ="safe", pure=True)
    loader.version = (1, 2)
    return loader.load(text)


def _typed(value: object) -> object:
    """Data with every scalar's type, so that True and 1, or "1" and 1, differ."""
    if isinstance(value, dict):
        return {str(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if hasattr(value, "isoformat"):  # ruamel makes timestamps into dates; the register keeps text
        return ("str", value.isoformat())
    return (type(value).__name__, value)


_RUAMEL_EXTENSIONS = ("0b11", "1_000")
_SCALARS = [
    "1",
    "-1",
    "+1",
    "0o17",
    "0x1F",
    "1.5",
    "-.5",
    "1e3",
    ".inf",
    "-.Inf",
    "~",
    "null",
    "Null",
    "",
    "true",
    "False",
    "TRUE",
    "yes",
    "No",
    "on",
    "0b11",
    "1_000",
    "012",
    "2020-08-31",
    "12:30",
    "'1'",
    '"true"',
    "一",
    "1.",
    "+.5e-3",
    "0x",
    "0o8",
]


@pytest.mark.parametrize("scalar", _SCALARS)
def test_scalars_read_as_yaml_1_2(scalar: str) -> None:
    text = f"a: {scalar}\n"
    ours, theirs = _typed(reader.read("f.yaml", text.encode()).data), _typed(_ruamel(text))
    if scalar in _RUAMEL_EXTENSIONS:  # ruamel.yaml reads these as numbers; the 1.2 core schema does not
        assert ours == {"a": ("str", scalar)}
    else:
        assert ours == theirs, scalar


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[a-z]{1,6}", fullmatch=True),
            st.sampled_from(
                [s for s in _SCALARS if s not in _RUAMEL_EXTENSIONS] + ["番禺", "a b", "[1, x]", "{k: v}"]
            ),
        ),
        min_size=1,
        max_size=6,
        unique_by=lambda kv: kv[0],
    )
)
def test_documents_read_as_yaml_1_2(pairs: list[tuple[str, str]]) -> None:
    text = "".join(f"{k}: {v}\n" for k, v in pairs)
    assert _typed(reader.read("f.yaml", text.encode()).data) == _typed(_ruamel(text))


def test_every_bundled_register_reads_as_yaml_1_2() -> None:
    root = Path(__file__).resolve().parents[2]
    for path in [root / "data" / "tasks.yaml", root / "src" / "gpstd" / "data" / "tasks.yaml"]:
        text = path.read_text(encoding="utf-8")
        assert _typed(reader.read(str(path)).data) == _typed(_ruamel(text))
