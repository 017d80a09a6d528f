"""Structural validation of register data with pydantic, in Chinese, positioned.

Turns pydantic's errors into `Problem`s naming the line, the field path and what was
expected; also produces the JSON Schema that editors use through the modeline.
"""

from __future__ import annotations

import difflib
import functools
import itertools
from dataclasses import fields, is_dataclass
from typing import Any

from gpstd import model
from gpstd.errors import Problem, format_path
from gpstd.register.reader import Document
from gpstd.register.yaml import MAX_PROBLEMS

SCHEMA_ID = "https://gpstd.invalid/schema/tasks.schema.json"


@functools.cache
def _adapter(cls: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


__all__ = ["json_schema", "validate", "validate_all"]


def validate_all(cls: type, items: list[Any]) -> list[Any] | None:
    """Every item validated as `cls` in one call, or None if any is invalid."""
    from pydantic import ValidationError

    try:
        return _adapter(list[cls]).validate_python(items)  # type: ignore[valid-type]
    except ValidationError:
        return None


_TYPE_NAMES = {
    "str": "文本",
    "int": "整数",
    "dict": "映射（键: 值）",
    "list": "列表",
    "NoneType": "空值",
    "bool": "布尔值",
    "float": "小数",
    "date": "日期",
    "datetime": "日期时间",
}


def _found(value: Any) -> str:
    if value is None:
        return "空值"
    name = _TYPE_NAMES.get(type(value).__name__, type(value).__name__)
    shown = repr(value) if not isinstance(value, (dict, list)) else name
    return shown if len(shown) <= 40 else shown[:37] + "…"


_EXPECTED = {
    "string_type": "文本",
    "int_type": "整数",
    "int_parsing": "整数",
    "int_from_float": "整数",
    "list_type": "列表",
    "dict_type": "映射（键: 值）",
    "dataclass_type": "映射（键: 值）",
    "dataclass_args_type": "映射（键: 值）",
    "bool_type": "true 或 false",
    "bool_parsing": "true 或 false",
}

_DATE_REASONS = {  # pydantic's (speedate's) reasons, in the words of the register
    "month value is outside expected range": "月份应在 1 到 12 之间",
    "day value is outside expected range": "该月没有这一天",
    "input is too short": "月、日须写两位数",
    "invalid date separator": "年月日之间应以“-”分隔",
}


def _date_message(error: dict[str, Any]) -> str:
    reason = str((error.get("ctx") or {}).get("error", ""))
    zh = next((z for en, z in _DATE_REASONS.items() if reason.startswith(en)), "")
    if error["type"] == "date_from_datetime_inexact":
        zh = "日期不应带时刻"
    return f"日期无效：{_found(error.get('input'))}（{zh + '；' if zh else ''}应为 YYYY-MM-DD 格式的真实日期，例如 2020-08-31）"


def _unknown_key(key: Any, cls_at: type | None) -> str:
    msg = f"未知字段「{key}」"
    if cls_at is None:
        return msg
    names = [f.name for f in fields(cls_at)]
    close = difflib.get_close_matches(str(key), names, n=1)
    return msg + (f"，你是不是想写「{close[0]}」？" if close else f"；可用字段：{'、'.join(names)}")


def _message(error: dict[str, Any], cls_at: type | None) -> str:
    kind, value = error["type"], error.get("input")
    if kind in ("missing", "missing_argument"):
        return f"缺少必填字段「{error['loc'][-1]}」"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return _unknown_key(error["loc"][-1], cls_at)
    if kind.startswith("date"):
        return _date_message(error)
    expected = _EXPECTED.get(kind)
    if expected:
        hint = (
            '（数字或日期当作文本时请加引号，例如 "1"）'
            if kind == "string_type" and isinstance(value, (int, float))
            else ""
        )
        if kind == "int_type" and (
            isinstance(value, (bool, float)) or (isinstance(value, str) and value.strip().isdecimal())
        ):
            hint = "（须写不带引号和小数点的整数，例如 7）"
        return f"应为{expected}，实际为 {_found(value)}{hint}"
    if kind == "literal_error":
        expected = str((error.get("ctx") or {}).get("expected", ""))
        choices = expected.replace("' or '", "'、'").replace("', '", "'、'")
        return f"取值应为 {choices} 之一，实际为 {_found(value)}"
    return f"{error['msg']}（实际为 {_found(value)}）"


def _class_at(root: type, loc: tuple[Any, ...]) -> type | None:
    """The dataclass whose mapping holds the last key of `loc` (for did-you-mean)."""
    import typing

    cls: Any = root
    for key in loc[:-1]:
        if isinstance(key, int):
            continue
        if not is_dataclass(cls):
            return None
        hints = typing.get_type_hints(cls, vars(model))
        cls = hints.get(key)
        while typing.get_origin(cls) in (list, typing.Union, __import__("types").UnionType):
            cls = next(a for a in typing.get_args(cls) if a is not type(None))
    return cls if isinstance(cls, type) and is_dataclass(cls) else None


def validate(doc: Document, cls: type, data: Any, prefix: tuple[Any, ...] = ()) -> tuple[Any, list[Problem]]:
    """Validate `data` (found at `prefix` in `doc`) as `cls`; (value or None, problems)."""
    from pydantic import ValidationError

    try:
        return _adapter(cls).validate_python(data), []
    except ValidationError as exc:
        problems = []
        for error in itertools.islice(exc.errors(include_url=False), MAX_PROBLEMS):
            loc = tuple(k for k in error["loc"] if not (isinstance(k, str) and k.startswith("function-")))
            full = prefix + loc
            cls_at = _class_at(cls, loc) if loc else cls
            if error["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
                line, col = doc.key_position(full)
            elif error["type"] in ("missing", "missing_argument"):
                line, col = doc.position(full[:-1])
            else:
                line, col = doc.position(full)
            problems.append(Problem(doc.path, line, col, format_path(full), _message(dict(error), cls_at)))
        return None, problems


def json_schema() -> dict[str, Any]:
    schema: dict[str, Any] = _adapter(model.Register).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "gpstd 重点任务登记册（data/tasks.yaml）"
    _describe(schema)
    return schema


def _describe(schema: dict[str, Any]) -> None:
    """Copy the attribute docstrings of model.py into the schema, for editor tooltips."""
    import ast
    import inspect

    docs: dict[tuple[str, str], str] = {}
    tree = ast.parse(inspect.getsource(model))
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        body = cls.body
        for stmt, nxt in itertools.pairwise(body):
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and isinstance(nxt, ast.Expr)
                and isinstance(nxt.value, ast.Constant)
            ):
                docs[(cls.name, stmt.target.id)] = str(nxt.value.value).strip()
    for name, definition in schema.get("$defs", {}).items():
        for prop, spec in definition.get("properties", {}).items():
            if (name, prop) in docs:
                spec["description"] = docs[(name, prop)]
