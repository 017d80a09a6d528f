"""Property: whatever is done to the register's text, `gpstd check` answers 0 or 1 with a message.

Never an internal error (exit 70), never an exception escaping the CLI. Mutations are the
ones a hand edit or a bad merge makes: lines deleted, duplicated, swapped, re-indented,
characters inserted, the file cut short.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gpstd.cli import build

app = build()

SEED = (Path(__file__).resolve().parents[2] / "data" / "tasks.yaml").read_text(encoding="utf-8")
LINES = SEED.splitlines(keepends=True)

# Characters that mean something to YAML, to Chinese text, or to a decoder.
NASTY = st.sampled_from(
    list(":-#&*!|>'\"{}[],?%@`\t\n \\")
    + ["：", "，", "（", "\u3000", "\ufeff", "\x00", "\x85", "\u2028", "年", "月", "日", "13", "2020-13-45"]
)
INSERT = st.one_of(NASTY, st.text(max_size=3))


def _line(draw, lines: list[str]) -> int:
    return draw(st.integers(0, max(len(lines) - 1, 0)))


@st.composite
def mutated(draw) -> bytes:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "indent", "dedent", "insert", "truncate", "blank"]
            )
        )
        if not lines:
            break
        i = _line(draw, lines)
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = _line(draw, lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "indent":
            lines[i] = " " * draw(st.integers(1, 4)) + lines[i]
        elif action == "dedent":
            lines[i] = lines[i][draw(st.integers(1, 4)) :]
        elif action == "insert":
            col = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:col] + draw(INSERT) + lines[i][col:]
        elif action == "blank":
            lines[i] = "\n"
        else:
            lines = lines[:i]
            if lines and draw(st.booleans()):
                lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
    raw = "".join(lines).encode("utf-8")
    if draw(st.integers(0, 19)) == 0:  # now and then, bytes that are not UTF-8
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.sampled_from([b"\xff", b"\xc7\xf8", b"\xe4\xb8"])) + raw[at:]
    return raw


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=mutated())
def test_check_never_crashes_on_a_mutated_register(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(raw)
    result = CliRunner().invoke(app, ["check", str(path)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1].startswith(f"{path}: ")
    if result.exit_code == 1:
        assert f"{path}:" in result.stdout.splitlines()[0]


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(raw=st.binary(max_size=400) | st.text(max_size=200).map(lambda s: s.encode("utf-8")))
def test_check_never_crashes_on_arbitrary_bytes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(raw)
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout.startswith("[")
