"""One import from start to end: read, build, write YAML, check it, and say what was done."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gpstd.errors import GpstdError, Problem
from gpstd.importer import build, headers, reader, tables, writer
from gpstd.importer import layout as layouts
from gpstd.importer.layout import Forced


@dataclass
class Outcome:
    result: build.Result
    text: str
    problems: list[Problem]
    summary: str

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def reference_names(path: Path) -> dict[str, Any]:
    """The units and groups of an existing register, to reuse their names and kinds."""
    from gpstd import register
    from gpstd.model import to_plain

    reg = register.load(str(path))
    data = to_plain(reg)
    return {"units": [_compact(u) for u in data["units"]], "groups": [_compact(g) for g in data["groups"]]}


def _compact(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if v not in (None, [], "seed") or k == "name"}


def run(
    path: Path, output: Path | None, units_from: Path | None = None, columns: Forced | None = None
) -> Outcome:
    from gpstd import register

    source = reader.read(path)
    reference = reference_names(units_from) if units_from else None
    name = tables.flat(tables.plain(path.name))  # a register holds no control character, nor its comments
    try:
        result = build.build(source, name, reference, forced=columns)
    except tables.UnreadableTable as exc:
        raise tables.UnreadableTable(f"{path}: {exc.message}") from None
    text = writer.to_yaml(result.data, name, output)
    label = str(output) if output else f"{name} 的导入结果"
    _register, problems = register.inspect(label, text.encode("utf-8"))
    if output is not None:
        _write(output, text)
    told = summary(result, problems, output)
    if source.read_as:  # a web page named .xls: say how it was read, the name said otherwise
        told = f"按内容读取：文件是{source.read_as}，不是扩展名所示的格式\n{told}"
    return Outcome(result, text, problems, told)


def _write(output: Path, text: str) -> None:
    from gpstd.files import atomic_write

    try:
        atomic_write(output, text)
    except OSError as exc:
        raise GpstdError(f"{output}: 无法写入（{exc.strerror or exc}）") from None


def summary(result: build.Result, problems: list[Problem], output: Path | None) -> str:
    """The Chinese summary: what was read, understood, found, and what needs a human look."""
    layout = result.layout
    lines = [
        f"读取任务行：{result.rows} 行（表头在第{'、'.join(str(r + 1) for r in layout.header_rows) or '—'}行；"
        f"{layout.describe()}）",
        f"时间安排：{result.schedules_understood}/{result.cells_with_schedule} 项完成时间完全读懂"
        if "deadline" in layout.columns
        else "时间安排：原表没有时间栏，各任务记为未写明",
        f"单位与集合称谓：{len(result.units_found)} 个，其中新声明 {len(result.new_names)} 个",
    ]
    if len(result.tables) > 1:
        lines.append(
            f"表格：读取 {len(result.tables)} 个并接续（{'、'.join(t.name for t in result.tables)}）"
        )
    if layout.extra:
        lines.append(f"未使用的栏目：{'、'.join(layout.name(c) for c in layout.extra)}（原文未导入）")
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    verdict = f"gpstd check：{len(errors)} 个错误，{len(warnings)} 个警告"
    lines.append(verdict + ("" if errors else "（可以使用）"))
    reviews = [_layout_review(layout), *result.reviews]
    lines.append(f"需要人工核对（{len(reviews)} 处）：")
    lines += [f"  - {'任务 ' + str(r.task) + '：' if r.task else ''}{r.message}" for r in reviews]
    lines += [f"  ! {text}" for text in _grouped([*errors, *warnings])]
    if output is not None:
        lines.append(f"已写入 {output}；核对后运行 gpstd check {output}")
    return "\n".join(lines) + "\n"


def _layout_review(layout: layouts.Layout) -> build.Review:
    """The layout chosen, first in the review list: a wrong column role spoils every row."""
    how = "按栏名和内容判断"
    if layout.by_content:
        guessed = "、".join(dict.fromkeys(headers.ROLE_NAMES[r] for r in layout.by_content))
        how = f"其中{guessed}按内容判断"
    return build.Review(None, f"栏目读法（{how}）：{layout.describe()}；如有误，用 --columns 指明")


def _grouped(problems: list[Problem]) -> list[str]:
    """Check findings, one line each, but a message found on many tasks once (with the count)."""
    by_message: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        by_message.setdefault((problem.severity, problem.message), []).append(problem)
    lines = []
    for found in by_message.values():
        if len(found) <= 3:
            lines += [p.format() for p in found]
        else:
            first = found[0]
            lines.append(f"{first.format()}（另有 {len(found) - 1} 处相同）")
    return lines
