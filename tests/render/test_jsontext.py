"""--json text is exactly what json.dumps(indent=2, ensure_ascii=False) writes, however long the list."""

from __future__ import annotations

import io
import json

import pytest

from gpstd.render import jsontext


@pytest.mark.parametrize(
    "count", [0, 1, jsontext.CHUNK - 1, jsontext.CHUNK, jsontext.CHUNK + 1, 2 * jsontext.CHUNK + 7]
)
def test_a_long_list_is_written_as_json_dumps_writes_it(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    value = [
        {"id": i, "task": "报区政府办（调研科）", "units": ["区司法局"], "day_off": None}
        for i in range(count)
    ]
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr("sys.stdout", out)
    jsontext.echo(value)
    assert out.buffer.getvalue().decode("utf-8") == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_other_values_too(monkeypatch: pytest.MonkeyPatch) -> None:
    value = {"tasks": [{"id": 1}] * 3, "empty": [], "nested": {"a": [1, 2]}}
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr("sys.stdout", out)
    jsontext.echo(value)
    assert out.buffer.getvalue().decode("utf-8") == json.dumps(value, ensure_ascii=False, indent=2) + "\n"
