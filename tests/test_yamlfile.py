"""yamlfile.read: the one place hostile bytes meet the parser. Table-driven over small inputs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gpstd import yamlfast, yamlfile
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
    ("a: 1\n---\nb: 2\n", [(2, 1, "", "YAML 语法错误：一个文件只能有一个 YAML 文档（删去多余的“---”）")]),
    ('a: "x\n\n', [(1, 4, "", "YAML 语法错误：引号未闭合，开始于第 1 行第 4 列")]),
])
def test_refusals(text: str, expected: list) -> None:
    assert refused(text) == expected


def test_invalid_utf8_column_counts_characters() -> None:
    raw = "a: 番禺".encode() + "区".encode("gbk") + b"\n"
    assert refused(raw) == [(1, 6, "", f"不是有效的 UTF-8 编码（第 {len('a: 番禺'.encode()) + 1} 字节 0xc7，"
                                      "可能是 GBK 编码）；请用 UTF-8 保存文件（WPS/记事本“另存为”时选择 UTF-8）")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_is_named_not_taken_for_gbk(encoding: str) -> None:
    raw = ("\ufeff" if encoding == "utf-16-be" else "") + "a: 番禺\n"
    assert refused(raw.encode(encoding)) == [(1, 1, "", (
        "文件是 UTF-16 编码（开头有 UTF-16 字节顺序标记）；请用 UTF-8 保存文件（WPS/记事本“另存为”时选择 UTF-8）"))]


def test_unclosed_quote_is_reported_where_it_opens() -> None:
    # the ruamel reader (aliases, directives) positions by yamlfile.syntax_mark
    with pytest.raises(yamlfile.YamlRefused) as info:
        yamlfile._read_ruamel("f.yaml", 'a: 1\nb: "x\n\nc: 2\n')
    [problem] = info.value.problems
    assert (problem.line, problem.col, problem.message) == (2, 4, "YAML 语法错误：引号未闭合，开始于第 2 行第 4 列")


def test_unclosed_quote_is_reported_where_it_opens_on_the_fast_path() -> None:
    # an ordinary register goes through libyaml (yamlfast.compose): same position
    assert refused('a: 1\nb: "x\n\nc: 2\n') == [(2, 4, "", "YAML 语法错误：引号未闭合，开始于第 2 行第 4 列")]


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


# --- the fast loader reads exactly what the positioned YAML 1.2 path reads -------------

_REFUSED = "refused"


def _typed(value: object) -> object:
    """Data with every scalar's type, so that True and 1, or "1" and 1, differ."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _both(text: str) -> tuple[object, object]:
    """(libyaml fast reader's data, ruamel.yaml's YAML 1.2 reading of the same text)."""
    fast = yamlfast._fast_data(text)
    try:
        slow = _typed(yamlfile._read_ruamel("f.yaml", text).data)
    except yamlfile.YamlRefused:
        slow = _REFUSED
    return (fast if fast is yamlfast._SLOW else _typed(fast)), slow


_SCALARS = [
    "on", "off", "yes", "no", "y", "n", "Yes", "NO", "On", "~", "null", "Null", "NULL", "", "true", "True",
    "TRUE", "false", "tRUE", "010", "0o10", "0x1F", "0b101", "1_000", "1:20", "1:20:30", "1.5", ".5", "-.inf",
    ".nan", "1e3", "1E3", "+5", "-0", "0", "007", "08", "12345678901234567890", "2020-08-31", "2020-8-31",
    "2020-08-31 10:00:00", "2020-08-31T10:00:00Z", "2020-13-45", "<<", "=", "'on'", '"no"', "'2'", '"0x10"',
    "!!str 1", "!!int '12'", "!!int '0x10'", "!!bool yes", "!!bool 'true'", "!!null x", "!!float 1",
    "!!timestamp 2020-01-01", "!!binary aGk=", "!custom x", "!!str", "[a, on, 1]", "{a: no}", "- x",
    "甲：乙", "每年11月30日前", "'a: b'", "|\n  lines\n  here", ">-\n  folded\n  text",
]


@pytest.mark.parametrize("scalar", _SCALARS)
def test_fast_loader_reads_scalars_as_yaml_1_2(scalar: str) -> None:
    for text in (f"a: {scalar}\n", f"- {scalar}\n", f"k:\n  - {scalar}\n"):
        fast, slow = _both(text)
        assert fast is yamlfast._SLOW or fast == slow, text


@pytest.mark.parametrize("text", [
    "on: 1\nno: 2\n1: 3\ntrue: 4\nnull: 5\n~: 6\n", "a: 1\na: 2\n", "a: &x 1\nb: *x\n", "a: &x 1\n",
    "%YAML 1.1\n---\na: on\n", "a: 1\n---\nb: 2\n", "---\n", "? [a]\n: 1\n", "[" * 40 + "]" * 40,
    "- " * 40 + "x\n", "a: [1, 2\n", "a: 'unclosed\n", "a:\n  b:\n    c: [d, {e: f}]\n", "[a, b, c]\n",
    "'just text'\n", "a: 1\n# comment\n", "a: !!map {b: 1}\n", "a: !!seq [1]\n", "a: !!str {b: 1}\n",
])
def test_fast_loader_reads_documents_as_yaml_1_2(text: str) -> None:
    fast, slow = _both(text)
    assert fast is yamlfast._SLOW or fast == slow


def _registers() -> list[Path]:
    root = Path(__file__).resolve().parents[1]
    return [root / "data" / "tasks.yaml", root / "src" / "gpstd" / "data" / "tasks.yaml",
            root / "data" / "progress.yaml", root / "tests" / "phrase_corpus.yaml"]


@pytest.mark.parametrize("path", _registers(), ids=lambda p: p.name)
def test_fast_loader_reads_every_register_as_yaml_1_2(path: Path) -> None:
    if not path.is_file():
        pytest.skip(f"{path} not present")
    fast, slow = _both(path.read_text("utf-8"))
    assert fast is not yamlfast._SLOW
    assert fast == slow


def test_fast_loader_reads_a_generated_register_as_yaml_1_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    out = tmp_path / "tasks.yaml"
    subprocess.run([sys.executable, str(root / "benchmarks" / "make_register.py"), "--tasks", "300",
                    "-o", str(out)], check=True)
    fast, slow = _both(out.read_text("utf-8"))
    assert fast is not yamlfast._SLOW and fast == slow


def test_fast_loader_is_libyaml() -> None:
    from yaml.cyaml import CParser

    loader, _build = yamlfast._fast_loader()
    assert issubclass(loader, CParser)


def test_positions_in_a_mapping_of_many_keys_are_found_fast() -> None:
    text = "".join(f"k{i}: v\n" for i in range(200_000))
    doc = yamlfile.read("f.yaml", text.encode())
    started = time.perf_counter()
    assert [doc.key_position((f"k{i}",)) for i in range(0, 200_000, 200)][-1] == (199_801, 1)
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("garbage", ["- a\n", "a: 1\n", "[x,x,x,x,x]\n"])
def test_garbage_under_the_size_cap_is_refused_in_seconds(garbage: str) -> None:
    started = time.perf_counter()
    (problem,) = refused(garbage * (19 * 1024 * 1024 // len(garbage)))
    assert "YAML 节点过多" in problem[3] and "GPSTD_MAX_NODES" in problem[3]
    assert time.perf_counter() - started < 5


# --- the quick reader (rapidyaml): the YAML 1.2 reading, or none -----------------------------


def _quick(text: str) -> object:
    quick = yamlfast.quick_data(text)
    return quick if quick is yamlfast._SLOW else _typed(quick)


_CONTEXTS = ("a: {}\n", "- {}\n", "k:\n  - {}\n", "a: [{}]\n", "a: [x, {} ]\n", "a: {{b: {}}}\n", "a:\n  {}\n",
             "a: {}  # note\n", "{}: 1\n", "a: {}\r\nb: 1\r\n", "? {}\n: 1\n", "a: &x {}\n", '"a":{}\n')


@pytest.mark.parametrize("scalar", _SCALARS)
def test_quick_reader_reads_scalars_as_yaml_1_2_or_not_at_all(scalar: str) -> None:
    for context in _CONTEXTS:
        text = context.format(scalar)
        quick, (_fast, slow) = _quick(text), _both(text)
        assert quick is yamlfast._SLOW or quick == slow, text


@pytest.mark.parametrize("text", [
    "on: 1\nno: 2\n1: 3\ntrue: 4\nnull: 5\n~: 6\n", "a: 1\na: 2\n", "a: &x 1\nb: *x\n", "a: 1\n---\nb: 2\n",
    "---\n", "? [a]\n: 1\n", "a: [1, 2\n", "a: 'unclosed\n", "a:\n  b:\n    c: [d, {e: f}]\n", "[a, b, c]\n",
    "'just text'\n", "a: 1\n# comment\n", "a: !!str {b: 1}\n", "a:\tb\n", "", "# only a comment\n",
    'a: "tab\\tq\\u4e2d\\"x"\n', "a: 'it''s'\n", "a: -\n", "a: b: c\n", "- a\nb: 1\n", "a: |\n  x\n   y\n",
    "a: x\n  ~\n", "a: [\n  ~,\n]\n", "a: 12345678901234567890\n", "a: -0\n", "a: 1e3\n", "{a: 1, a: 2}\n",
])
def test_quick_reader_reads_documents_as_yaml_1_2_or_not_at_all(text: str) -> None:
    quick, (_fast, slow) = _quick(text), _both(text)
    assert quick is yamlfast._SLOW or quick == slow


# Texts rapidyaml once read otherwise than YAML 1.2 (or read where YAML refuses them).
_QUICK_DIVERGED = [
    'a: "x\\\n\n  y"\n',  # an escaped line break before an empty line: "x y", not "x\ny"
    'a: "\\ud800"\n', 'a: "\\udc00\\ud800"\n', 'a: "\\U0000d800"\n',  # surrogates: CESU-8, not refused
    "a: x\u2028y\n", "a: x\x85y\n", "a:\u2028 b\n", "a: |\n  \u2028x\n",  # line breaks to YAML
    " b : x\n y\r: []\n",  # a lone CR
    "a: 1\n\ufeffb: 2\n",  # a byte order mark after the start
    "a: @x\n", "- `x\n", "@x:\n #\n", "a: ]\n", "a: }\n", "]: 1\n",  # cannot start a plain scalar
    "a: [?a]\n", "b: [x?, y]\n",  # `?` in a flow collection
    "{a #c}\n", "a: {b #c}\n", "{=null\" #c}\n",  # a comment in a flow collection, read as text
    "-_\n", "a: +_\n", "- -_\n",  # an integer to YAML 1.2 (which int() refuses)
    "- k:\n  - a\n#\n   k: a\n", "- k:\n  - a\n  # c\n    j: b\n- c\n",  # mis-indented after a comment: key " k"
    "a: nan\n", "a: inf\n", "a: -infinity\n", "'nan': 1\n", '".NaN": 1\n', "-inf: 1\n", '"\\x6ean": 1\n',  # written ".nan", "-.inf"
    "a: *x\n", "a: [*x]\n",  # an undefined alias read as text
    "k" * 1100 + ": 1\n", "'" + "k" * 1100 + "': 1\n",  # an implicit key over 1024 characters
    'a: "x\n  y": z\n', "- 'x\n  y': 1\n", "a:\n  'x\n  y': 1\n",  # a quoted key over two lines
    "a: |\n  x\n  y", "a: |1\n     x\n   ", "- >2\n      x\n   ", "a: | # c\n  x # c\n  x",  # no last line break
    "|\nb: 1\n", ">-\nb: 1\n", " |1: x~\n", ">2: [x]\r\n",  # a block scalar at a line's start
    "l: >-2  z\n\n  w\nm: n\n", "k: |6  x\n \nl: >-\n  z w\n", "l: > -\n  z\n", "d: >1, 2]\n",  # a block header with more
    "a:\n  - |\n  ...\n\n", "- - >-\n  ...\n", "a:\n  - >-\n  ...\n- z\n",  # `...` indented: another document
    "".join(" " * i + f"k{i}:\n" for i in range(33)) + " " * 33 + "x: 1\n",  # nested past MAX_DEPTH
    "".join(" " * i + "-\n" for i in range(34)) + " " * 34 + "x\n", "- " * 34 + "x\n",
]


@pytest.mark.parametrize("text", _QUICK_DIVERGED)
def test_quick_reader_leaves_what_it_read_otherwise_to_the_careful_path(text: str) -> None:
    quick, (fast, slow) = _quick(text), _both(text)
    assert quick is yamlfast._SLOW or (quick == slow and fast in (yamlfast._SLOW, slow)), text


@pytest.mark.parametrize("header", ["|", ">", "|-", ">-", "|+", ">+", "| # c", ">-  #c"])
@pytest.mark.parametrize("context", ["a: {}", "- {}", "a:\n  {}", "- a: {}", "a:\n  - {}", "a:\n- {}", "- - {}"])
def test_quick_reader_reads_block_scalars_as_yaml_1_2_or_not_at_all(header: str, context: str) -> None:
    indent = "  " * (context.count("  ") + context.count("- ")) + "  "
    for body in (["x"], ["x", " y", "", "z"], ["", "x", "  ", " "], ["x  ", "# c", "- y", "y: z"], ["中", "\u00a0x"], ["...", "x"]):
        for tail in ("\n", "\n\n", "\nb: 1\n", "\n  \n", "\n# c\n", "\n...\n"):
            text = context.format(header) + "".join("\n" + (indent + line if line.strip() else line) for line in body) + tail
            for each in (text, text.replace("\n", "\r\n")):
                quick, (_fast, slow) = _quick(each), _both(each)
                assert quick is yamlfast._SLOW or quick == slow, each


_YAML_BITS = ["a", "b", "中文", "x y", "1", "-1", "0", "true", "null", "~", "'q'", "'q''s'", '"d"', '"\\u4e2d"', "a:b", "a#b", "a #b",
              "[x, y]", "{x: y}", "[]", "{}", "-x", "?x", ":x", "@x", "`x", "%x", "nan", "inf", ".5", "007", "|", ">-", "|2", "x:",
              "x\n  y", "x\n\n  y", "'a\n  b'", '"a\\\n  b"', "...", "---", "#", " # c", "*x", "&x x", "!!str x", "\\", "，", "：",
              "x\u3000", "\u00a0"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.sampled_from(["", "- ", "k: ", "- k: ", "? ", ": ", "- - "]),
                          st.sampled_from(_YAML_BITS)), min_size=1, max_size=8),
       st.sampled_from(["\n", "\r\n"]), st.sampled_from(["", "\n", " "]))
def test_quick_reader_property_over_lines(lines: list[tuple[int, str, str]], newline: str, end: str) -> None:
    text = "".join(" " * indent + lead + bit + "\n" for indent, lead, bit in lines).replace("\n", newline)
    text = text + end if end != " " else text.rstrip("\n") + " "
    quick, (fast, slow) = _quick(text), _both(text)
    assert quick is yamlfast._SLOW or (quick == slow and fast in (yamlfast._SLOW, slow)), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_CONTEXTS), st.sampled_from(_SCALARS)), min_size=1, max_size=6))
def test_quick_reader_property(parts: list[tuple[str, str]]) -> None:
    text = "".join(context.format(scalar).replace("a", f"k{i}", 1)
                   for i, (context, scalar) in enumerate(parts))
    quick, (_fast, slow) = _quick(text), _both(text)
    assert quick is yamlfast._SLOW or quick == slow, text


@pytest.mark.parametrize("path", _registers(), ids=lambda p: p.name)
def test_quick_reader_reads_every_register(path: Path) -> None:
    text = path.read_text("utf-8")
    quick, (fast, slow) = _quick(text), _both(text)
    if path.name != "phrase_corpus.yaml":  # flow mappings `{kind: …}` go the careful way
        assert quick is not yamlfast._SLOW
    assert quick is yamlfast._SLOW or quick == slow


def test_quick_reader_reads_a_generated_register(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    out = tmp_path / "tasks.yaml"
    subprocess.run([sys.executable, str(root / "benchmarks" / "make_register.py"), "--tasks", "300",
                    "-o", str(out)], check=True)
    text = out.read_text("utf-8")
    quick, (_fast, slow) = _quick(text), _both(text)
    assert quick is not yamlfast._SLOW and quick == slow


def test_a_small_register_is_read_the_careful_way(tmp_path: Path, monkeypatch) -> None:
    from gpstd import register

    monkeypatch.setenv("GPSTD_NO_CACHE", "1")
    quick: list[str] = []
    monkeypatch.setattr(yamlfast, "quick_data", lambda text: quick.append(text) or yamlfast._SLOW)
    assert len(register.load(str(Path(__file__).resolve().parents[1] / "data" / "tasks.yaml")).tasks) == 28
    assert quick == []


def test_load_reads_quickly_and_reports_problems_with_their_lines(tmp_path: Path, monkeypatch) -> None:
    from gpstd import register
    from gpstd.errors import RegisterInvalid

    monkeypatch.setenv("GPSTD_NO_CACHE", "1")
    monkeypatch.setattr(yamlfast, "QUICK_FROM", 0)  # as for a register of thousands of tasks
    good = tmp_path / "tasks.yaml"
    good.write_text((Path(__file__).resolve().parents[1] / "data" / "tasks.yaml").read_text("utf-8"), "utf-8")
    composed: list[str] = []
    compose = yamlfast.compose
    monkeypatch.setattr(yamlfast, "compose", lambda path, text: composed.append(path) or compose(path, text))
    assert len(register.load(str(good)).tasks) == 28
    assert composed == []  # no node was composed: rapidyaml read it
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text("utf-8").replace("  - id: 2\n", "  - id: 1\n", 1), "utf-8")
    with pytest.raises(RegisterInvalid) as info:
        register.load(str(bad))
    line = bad.read_text("utf-8").splitlines().index("  - id: 1", 220) + 1  # the second one
    assert any(p.line == line and "重复" in p.message for p in info.value.problems)
    assert composed == [str(bad)]  # read again with positions, for the problem's line


def test_quick_reader_is_rapidyaml_and_has_a_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    assert yamlfast._ryml() is not None  # installed with gpstd where a wheel exists
    monkeypatch.setattr(yamlfast, "_ryml", lambda: None)
    assert yamlfast.quick_data("a: 1\n") is yamlfast._SLOW


def test_quick_reader_keeps_rapidyaml_errors_off_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    assert yamlfast.quick_data("a: [\nb: 'x\n") is yamlfast._SLOW
    assert capfd.readouterr().err == ""
