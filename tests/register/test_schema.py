"""`gpstd schema`: a JSON Schema (draft 2020-12) that matches the model and the committed file.

Checked with jsonschema (a test dependency), as an editor's yaml-language-server would:
the schema is valid draft 2020-12, the seed validates and broken data does not.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from gpstd.register import reader

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "schema" / "tasks.schema.json"
KEYWORDS = {
    "$schema",
    "$id",
    "$defs",
    "$ref",
    "title",
    "description",
    "default",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "anyOf",
    "enum",
    "format",
}


@pytest.fixture
def schema(run) -> dict[str, Any]:
    result = run("schema")
    assert result.exit_code == 0
    return json.loads(result.stdout)


def validate(instance: Any, schema: dict[str, Any]) -> list[str]:
    """What an editor's JSON Schema validator reports, as "path: validator" lines, sorted."""
    checker = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return sorted(f"{error.json_path}: {error.validator}" for error in checker.iter_errors(instance))


def walk(node: Any) -> list[dict[str, Any]]:
    """Every schema object inside `node` (not property names or $defs names)."""
    if isinstance(node, list):
        return [n for item in node for n in walk(item)]
    if not isinstance(node, dict):
        return []
    found = [node]
    for key, value in node.items():
        if key in ("properties", "$defs"):
            found += [n for sub in value.values() for n in walk(sub)]
        elif isinstance(value, (dict, list)):
            found += walk(value)
    return found


def seed_data() -> Any:
    # yamlfile keeps dates as text, exactly as a JSON Schema validator in an editor sees them.
    return reader.read(str(ROOT / "data" / "tasks.yaml")).data


def test_committed_schema_is_the_generated_one(run) -> None:
    result = run("schema")
    assert COMMITTED.read_text(encoding="utf-8") == result.stdout, (
        "schema/tasks.schema.json is stale: run  gpstd schema > schema/tasks.schema.json"
    )


def test_register_modeline_points_at_the_committed_schema() -> None:
    first = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/tasks.schema.json"
    assert (ROOT / "data" / "../schema/tasks.schema.json").resolve() == COMMITTED


def test_schema_structure(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/tasks.schema.json")
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {"meta", "units", "groups", "tasks", "version"}
    assert set(schema["required"]) == {"meta", "units", "groups", "tasks"}
    assert set(schema["$defs"]) == {
        "Meta",
        "Scoring",
        "Unit",
        "Group",
        "Cells",
        "TaskUnits",
        "ScheduleItem",
        "Task",
    }
    for definition in schema["$defs"].values():
        assert definition["type"] == "object"
        assert definition["additionalProperties"] is False
    kinds = schema["$defs"]["ScheduleItem"]["properties"]["kind"]
    assert kinds["enum"] == ["dated", "recurring", "start", "ongoing", "irregular"]


def test_only_known_keywords_and_every_ref_resolves(schema: dict[str, Any]) -> None:
    for node in walk(schema):
        assert set(node) <= KEYWORDS, set(node) - KEYWORDS
        if "$ref" in node:
            assert node["$ref"].startswith("#/$defs/")
            assert node["$ref"].removeprefix("#/$defs/") in schema["$defs"]
        if "type" in node:
            assert node["type"] in {"object", "array", "string", "integer", "null", "boolean", "number"}


def test_descriptions_come_from_the_model(schema: dict[str, Any]) -> None:
    meta = schema["$defs"]["Meta"]["properties"]
    assert meta["start"]["description"] == "登记册起始日期：周期性规则从此日起展开。"
    assert schema["$defs"]["Cells"]["properties"]["deadline"]["description"] == "完成时间及方式"


def test_seed_validates_against_the_schema(schema: dict[str, Any]) -> None:
    assert validate(seed_data(), schema) == []


def test_broken_data_does_not_validate(schema: dict[str, Any]) -> None:
    data = seed_data()
    broken = copy.deepcopy(data)
    broken["tasks"][0]["sectoin"] = broken["tasks"][0].pop("section")
    broken["tasks"][1]["schedule"][0]["kind"] = "sometimes"
    broken["tasks"][2]["id"] = "三"
    broken["meta"]["start"] = "2020年8月1日"
    assert validate(broken, schema) == [
        "$.meta.start: format",
        "$.tasks[0]: additionalProperties",
        "$.tasks[0]: required",
        "$.tasks[1].schedule[0].kind: enum",
        "$.tasks[2].id: type",
    ]


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
