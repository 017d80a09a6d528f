"""yamlfile.read: the one place hostile bytes meet the parser. Table-driven over small inputs."""

from __future__ import annotations

import time

import pytest

from gpstd import yamlfile
from gpstd.errors import Problem


def refused(text: str | bytes) -> list[tuple[int, int, str, str]]:
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    with pytest.raises(yamlfile.YamlRefused) as info:
        yamlfile.read("f.yaml", raw)
    assert all(p.file == "f.yaml" and p.severity == "error" for p in info.value.problems)
    return [(p.line, p.col, p.path, p.message) for p in info.value.problems]


def test_plain_data_with_dates_kept_as_text() -> None:
    doc = yamlfile.read("f.yaml", "a: 2020-08-31\nb: [1, 0x10, 1.5, true, null, '2']\nc: 2020-13-45\n".encode())
    assert doc.data == {"a": "2020-08-31", "b": [1, 16, 1.5, True, None, "2"], "c": "2020-13-45"}


def test_keys_are_their_text() -> None:
    assert yamlfile.read("f.yaml", b"1: a\ntrue: b\nnull: c\n").data == {"1": "a", "true": "b", "null": "c"}


def test_empty_document() -> None:
    doc = yamlfile.read("f.yaml", b"# nothing\n")
    assert (doc.data, doc.root) == (None, None)
    assert doc.position(("a",)) == (1, 1)


def test_byte_order_mark_is_ignored() -> None:
    assert yamlfile.read("f.yaml", b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


def test_positions_of_values_and_keys() -> None:
    doc = yamlfile.read("f.yaml", "tasks:\n  - id: 1\n    units:\n      lead: [甲, 乙]\n".encode())
    assert doc.position(("tasks", 0, "units", "lead", 1)) == (4, 17)
    assert doc.position(("tasks", 0, "id")) == (2, 9)
    assert doc.key_position(("tasks", 0, "units")) == (3, 5)
    # a path that goes further than the file: the deepest node reached
    assert doc.position(("tasks", 0, "schedule", 3)) == (2, 5)
    assert doc.key_position(("tasks", 5, "x")) == (2, 3)


@pytest.mark.parametrize(("loc", "path"), [
    ((), ""), (("meta",), "meta"), (("tasks", 3, "schedule", 0, "due"), "tasks[3].schedule[0].due"),
    (("units", 0, "aliases", 2), "units[0].aliases[2]"),
])
def test_format_path(loc: tuple, path: str) -> None:
    assert yamlfile.format_path(loc) == path


@pytest.mark.parametrize(("text", "expected"), [
    ("a:\n\tb: 1\n", [(2, 1, "", "用制表符（Tab）缩进；YAML 只能用空格缩进")]),
    ("a:\n  \tb: 1\n  \t c: 2\n", [(2, 3, "", "用制表符（Tab）缩进；YAML 只能用空格缩进"),
                                   (3, 3, "", "用制表符（Tab）缩进；YAML 只能用空格缩进")]),
    ("a: 1\nb: x\x07y\n", [(2, 5, "", "含有 YAML 不允许的控制字符 U+0007；请删去它（常见于从网页或 Word 复制的文本）")]),
    ("a: &x 1\nb: *x\n", [(2, 4, "", "不支持 YAML 别名（*x）：请把内容逐条写出")]),
    ("a: *nowhere\n", [(1, 4, "", "不支持 YAML 别名（*nowhere）：请把内容逐条写出")]),
    ("a: 1\na: 2\nb: {c: 1, c: 2}\n", [(2, 1, "a", "重复的键「a」（首次出现在第 1 行）"),
                                       (3, 11, "b.c", "重复的键「c」（首次出现在第 3 行）")]),
    ("a: !!binary aGk=\nb: [!!set {x}]\n", [
        (1, 4, "a", "不支持的 YAML 标签「!!binary」：登记册只用文本、数字、日期、列表和映射"),
        (2, 5, "b[0]", "不支持的 YAML 标签「!!set」：登记册只用文本、数字、日期、列表和映射")]),
    ("? [a, b]\n: c\n", [(1, 3, "", "映射的键应为文本，不能是列表或映射")]),
    ("n: " + "7" * 5000 + "\n", [(1, 4, "n", "无法读取的数值「77777777777777777777…」（位数过多）")]),
    ("a: 1\n---\nb: 2\n", [(2, 1, "", "YAML 语法错误：一个文件只能有一个 YAML 文档（删去多余的“---”）"
                                      "（expected a single document in the stream but found another document）")]),
    ('a: "x\n\n', [(3, 1, "", "YAML 语法错误：引号未闭合，开始于第 1 行第 4 列"
                              "（while scanning a quoted scalar found unexpected end of stream）")]),
])
def test_refusals(text: str, expected: list) -> None:
    assert refused(text) == expected


def test_invalid_utf8_column_counts_characters() -> None:
    raw = "a: 番禺".encode() + "区".encode("gbk") + b"\n"
    assert refused(raw) == [(1, 6, "", f"不是有效的 UTF-8 编码（第 {len('a: 番禺'.encode()) + 1} 字节 0xc7，"
                                      "可能是 GBK 编码）；请用 UTF-8 保存文件（WPS/记事本“另存为”时选择 UTF-8）")]


def test_utf16_is_refused() -> None:
    [(line, col, _path, message)] = refused("a: 1\n".encode("utf-16"))
    assert (line, col) == (1, 1)
    assert message.startswith("不是有效的 UTF-8 编码（第 1 字节 0xff")


def test_nesting_cap() -> None:
    ok = "a: " + "[" * (yamlfile.MAX_DEPTH - 1) + "]" * (yamlfile.MAX_DEPTH - 1) + "\n"
    assert yamlfile.read("f.yaml", ok.encode()).data is not None
    deep = "a: " + "[" * yamlfile.MAX_DEPTH + "]" * yamlfile.MAX_DEPTH + "\n"
    assert refused(deep) == [(1, 4 + yamlfile.MAX_DEPTH - 1, "", "嵌套超过 32 层，登记册不会有这样深的结构")]


def test_billion_laughs_stops_at_the_first_alias() -> None:
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    lines += [f"{n}: &{n} [" + ", ".join([f"*{p}"] * 10) + "]" for p, n in zip("abcdefghi", "bcdefghij")]
    start = time.perf_counter()
    assert refused("\n".join(lines)) == [(2, 8, "", "不支持 YAML 别名（*a）：请把内容逐条写出")]
    assert time.perf_counter() - start < 0.5


def test_size_cap(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("GPSTD_MAX_MB", "0.001")
    assert yamlfile.max_bytes() == 1048
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 1\n" * 300)
    with pytest.raises(yamlfile.YamlRefused) as info:
        yamlfile.read(str(big))
    assert info.value.problems == [Problem(str(big), 0, 0, "", (
        "文件过大（0.0 MB），超过上限 0 MB；如确需读取，请设置环境变量 GPSTD_MAX_MB"))]
    monkeypatch.setenv("GPSTD_MAX_MB", "lots")
    assert yamlfile.max_bytes() == yamlfile.DEFAULT_MAX_MB * 1024 * 1024


def test_unreadable_paths(tmp_path) -> None:
    for path, message in ((tmp_path / "none.yaml", "文件不存在"), (tmp_path, "这是一个目录，不是登记册文件")):
        with pytest.raises(yamlfile.YamlRefused) as info:
            yamlfile.read(str(path))
        assert info.value.problems == [Problem(str(path), 0, 0, "", message)]


def test_problems_are_capped() -> None:
    problems = refused("a: 1\n" * (yamlfile.MAX_PROBLEMS + 500))
    assert len(problems) == yamlfile.MAX_PROBLEMS
