"""How `gpstd check` reports problems: plain lines, GitHub annotations or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict

from gpstd.errors import Problem, visible

FORMATS = ("text", "github", "json")


def render(results: list[tuple[str, list[Problem]]], fmt: str) -> str:
    return {"text": _text, "github": _github, "json": _json}[fmt](results)


def _text(results: list[tuple[str, list[Problem]]]) -> str:
    lines = []
    for name, problems in results:
        path = visible(name)
        lines += [p.format() for p in problems]
        errors = sum(p.severity == "error" for p in problems)
        warnings = sum(p.severity == "warning" for p in problems)
        notes = len(problems) - errors - warnings
        counted = f"，{notes} 个说明" if notes else ""
        if errors:
            lines.append(f"{path}: {errors} 个错误，{warnings} 个警告{counted}")
        elif warnings or notes:
            lines.append(f"{path}: 校验通过（{warnings} 个警告{counted}）")
        else:
            lines.append(f"{path}: 校验通过")
    return "\n".join(lines) + "\n"


def _github(results: list[tuple[str, list[Problem]]]) -> str:
    from gpstd.render.workflow import command

    out = []
    for _path, problems in results:
        for p in problems:
            level = {"error": "error", "warning": "warning", "note": "notice"}[p.severity]
            out.append(command(level, p.message, p.file, p.line, p.col, p.path))
    return "".join(out)


def _json(results: list[tuple[str, list[Problem]]]) -> str:
    out = [
        {
            "file": path,
            "valid": not any(p.severity == "error" for p in problems),
            "problems": [asdict(p) for p in problems],
        }
        for path, problems in results
    ]
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
