"""Column names: which role a header cell names, and which row of a table is its header.

Names are strong priors, not the only signal (`columns` reads the cells below, `layout`
weighs both). A header may wrap onto a second row (方案 / 项目), carry line breaks inside a
cell (分管\\n领导) or span several columns (具体要求 over a 序号 column and the requirement).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gpstd.importer.tables import Table

# Role → names seen in published lists, most specific first. `detail` is a task column that
# spells out a short label beside it (具体要求 beside 工作任务); `person` a leader's or a
# contact's name; `other` a column never imported (progress reports, telephone numbers).
ROLES: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序"),
    "cooperating": (
        "协同配合单位",
        "配合单位",
        "协办单位",
        "配合部门",
        "协同单位",
        "参与单位",
        "协助单位",
        "参与部门",
        "配合",
    ),
    "responsible": (
        "责任单位",
        "牵头单位",
        "牵头责任单位",
        "主要责任单位",
        "责任部门",
        "牵头部门",
        "责任主体",
        "主责单位",
        "负责单位",
        "责任科室",
        "责任股室",
        "责任处室",
        "落实单位",
        "承办单位",
        "主办单位",
        "实施单位",
        "单位",
        "部门",
    ),
    "detail": (
        "具体要求",
        "具体内容",
        "主要内容",
        "细化措施",
        "具体措施",
        "工作措施",
        "重点工作和要求",
        "任务要求",
        "工作内容",
    ),
    "task": (
        "工作任务",
        "主要任务",
        "重点任务",
        "具体任务",
        "任务内容",
        "工作事项",
        "重点工作任务",
        "重点工作",
        "目标任务",
        "目标与任务",
        "考核指标",
        "工作要求",
        "任务",
        "事项",
    ),
    "deadline": (
        "完成时间及方式",
        "完成时间",
        "完成时限",
        "时间要求",
        "时间安排",
        "完成期限",
        "时限要求",
        "时限",
        "考核时间",
        "时间节点",
        "进度安排",
        "截止时间",
        "办结时限",
        "时间",
    ),
    "section": ("方案项目", "对应方案", "方案条目", "项目", "类别", "类型", "领域"),
    "person": ("责任领导", "分管领导", "牵头领导", "联系领导", "领导", "责任人", "联系人"),
    "other": (
        # when work starts, beside when it is done (计划开工时间 / 计划完工时间): never the deadline
        "开工时间",
        "开始时间",
        "启动时间",
        "起始时间",
        "开工日期",
        "开始日期",
        "序时进度",
        "完成进展",
        "进展情况",
        "完成情况",
        "落实情况",
        "进度",
        "进展",
        "电话",
        "备注",
        "说明",
    ),
}
ROLE_NAMES = {
    "seq": "序号",
    "responsible": "责任单位",
    "cooperating": "配合单位",
    "task": "工作任务",
    "detail": "工作任务",
    "deadline": "完成时间",
    "section": "方案项目",
    "person": "责任领导",
    "other": "其他",
}
SCAN_ROWS = 15


def squash(text: str) -> str:
    return re.sub(r"[\s　:：*＊]", "", text)


def role_of(name: str) -> tuple[str, int] | None:
    """The role a header cell names and how surely (3 exact, 2 prefix or suffix, 1 contained);
    of two names as sure, the longer says more (计划开工时间 is 开工时间, not 时间). A remark in
    brackets is no part of the name: 责任单位（列第一位的为牵头单位） names 责任单位."""
    key = squash(re.sub(r"[（(][^（()）]*[）)]", "", name)) or squash(name)
    if not key or len(key) > 12:  # a header names; a sentence is a task row
        return None
    best: tuple[str, int, int] | None = None
    for role, names in ROLES.items():
        for candidate in names:
            if key == candidate:
                score = 3
            elif key.startswith(candidate) or key.endswith(candidate):
                score = 2
            elif candidate in key and len(candidate) > 1:
                score = 1
            else:
                continue
            if best is None or (score, len(candidate)) > best[1:]:
                best = (role, score, len(candidate))
    return best[:2] if best else None


@dataclass
class Header:
    rows: list[int]  # the header's row(s) in the table, 0-based
    names: list[str]  # each column's name, the two rows joined where it wraps
    score: int = 0


def find_header(table: Table) -> Header | None:
    """The row, or two rows read together, whose cells name the most columns; None if no row
    names at least two columns, one of them a unit, task or time column."""
    best: Header | None = None
    for r, cells in enumerate(table.rows[:SCAN_ROWS]):
        candidates = [([r], cells)]
        if r + 1 < len(table.rows):
            below = {c for (rr, c) in table.copies if rr == r + 1}
            candidates.append(([r, r + 1], _merge_rows(cells, table.rows[r + 1], below)))
        for rows, names in candidates:
            score = header_score(names)
            if score and (best is None or score > best.score):
                best = Header(rows, names, score)
    return best


def unnamed_header(table: Table) -> Header:
    """Where no row names its columns: the first row of several cells if it reads as a header
    (short texts, no date, no number), else none (the table starts with its tasks)."""
    from gpstd.importer.columns import is_time_phrase

    for r, cells in enumerate(table.rows[:SCAN_ROWS]):
        texts = [c for c in cells if c]
        if len(set(texts)) < 2:  # empty, or a title merged across the table
            continue
        if all(len(c) <= 12 and not is_time_phrase(c) and not re.fullmatch(r"\d+", c) for c in texts):
            return Header([r], cells)
        break
    return Header([], [])


def header_score(cells: list[str]) -> int:
    """How surely a row is a header: the sureness of each distinct named column; 0 if fewer
    than two columns are named or none of them is a unit, task or time column."""
    found = [(role_of(c), c) for c in cells]
    named = [(f[0], f[1], c) for f, c in found if f]
    roles = {role for role, _, _ in named}
    if len(named) < 2 or not roles & {"responsible", "task", "detail", "deadline"}:
        return 0
    return sum(score for _, score, _ in named) + 2 * len(roles)


def _merge_rows(upper: list[str], lower: list[str], copies: set[int]) -> list[str]:
    """A header wrapped onto two rows: join each column's parts (方案 + 项目)."""
    width = max(len(upper), len(lower))
    padded = [*upper, *[""] * (width - len(upper))], [*lower, *[""] * (width - len(lower))]
    return [a if c in copies or a == b else a + b for c, (a, b) in enumerate(zip(*padded))]


def is_header_again(row: list[str], header: Header) -> bool:
    """The header repeated (on every page of a long list), whole or most of it."""
    if not header.names:
        return False
    same = sum(1 for a, b in zip(row, header.names) if a and squash(a) == squash(b))
    return same >= max(2, len([n for n in header.names if n]) - 1)
