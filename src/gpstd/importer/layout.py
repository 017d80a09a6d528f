"""Which column is which: header names as priors, the cells as evidence, --columns as the word.

Each column gets one role. The sequence, people and the columns never imported (progress,
telephone) are settled first, then the time column (cells the phrase parser reads), then the
unit columns (organisation names; the one named 牵头/主要 leads, the others cooperate), and of
what is left, the task: the column of longest sentences, preferring one named 具体要求 or the
like. Text columns left of the task are labels (工作任务 merged down beside 具体要求): the
innermost is the section, the outer ones go to the note. A column named like a section (项目内容)
that is the only text column is the task.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gpstd.errors import UnreadableTable, UsageError
from gpstd.importer import columns, headers, rowkinds
from gpstd.importer.headers import ROLE_NAMES, Header, role_of, squash
from gpstd.importer.tables import Table

FORCIBLE = {
    "task": "task",
    "unit": "responsible",
    "lead": "responsible",
    "cooperating": "cooperating",
    "deadline": "deadline",
    "section": "section",
    "seq": "seq",
    "leader": "person",
}
REQUIRED = ("task", "responsible")


@dataclass
class Layout:
    table: int
    header: Header
    columns: dict[str, int]  # seq, task, responsible, deadline, section → column
    cooperating: list[int] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)  # left of the task, outer first
    people: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)  # not imported
    by_content: list[str] = field(default_factory=list)  # roles the cells decided, not the name

    @property
    def header_rows(self) -> list[int]:
        return self.header.rows

    def name(self, column: int) -> str:
        names = self.header.names
        text = names[column] if column < len(names) else ""
        return squash(text) or f"第{column + 1}栏"

    def describe(self) -> str:
        """序号「序号」（第1栏）、责任单位「责任单位」（第2栏）…, in column order."""
        roles = [(c, ROLE_NAMES[r]) for r, c in self.columns.items()]
        roles += [(c, "配合单位") for c in self.cooperating]
        roles += [(c, "标签") for c in self.labels]
        roles += [(c, "人员") for c in self.people]
        return "、".join(f"{what}「{self.name(c)}」（第{c + 1}栏）" for c, what in sorted(roles))


def find(tables: list[Table], forced: Forced | None = None) -> Layout:
    """The layout of the table whose header names the most columns (or the one --columns names);
    where no row names columns, the first table whose cells show a task and a unit column."""
    candidates = [(t, headers.find_header(table)) for t, table in enumerate(tables)]
    if forced:
        return _forced(tables, candidates, forced)
    found = [(t, h) for t, h in candidates if h is not None]
    if found:
        t, header = max(found, key=lambda pair: pair[1].score)
        return decide(tables[t], t, header)
    for t, table in enumerate(tables):
        try:
            return decide(table, t, headers.unnamed_header(table))
        except UnreadableTable:
            continue
    raise UnreadableTable(
        "没有找到表头：前 15 行中没有一行列出“责任单位”“工作任务”“完成时间”这样的栏目名称，"
        "从内容也认不出工作任务栏和责任单位栏；"
        "可以用 --columns 按栏号指明各栏，例如 --columns task=3,unit=2,deadline=4"
    )


def for_table(tables: list[Table], t: int) -> Layout | None:
    """The layout of a further table with a header of its own, if it has one that works."""
    header = headers.find_header(tables[t])
    if header is None:
        return None
    try:
        return decide(tables[t], t, header)
    except UnreadableTable:
        return None


def decide(table: Table, t: int, header: Header, forced: list[tuple[str, int]] | None = None) -> Layout:
    """Each column's role, in the order the docstring of this module gives."""
    decision = _Decision(table, t, header)
    for key, column in forced or []:
        decision.take(key, column)
    decision.fixed()
    decision.deadline()
    decision.units()
    decision.text()
    layout = decision.layout
    missing = [r for r in REQUIRED if r not in layout.columns]
    if missing:
        raise UnreadableTable(_missing(layout, missing))
    return layout


class _Decision:
    """The roles settled so far, the columns still free, and what names and cells say of each."""

    def __init__(self, table: Table, t: int, header: Header):
        sample = rowkinds.sample(table, header)
        width = max(table.width, len(header.names))
        named = {c: role_of(header.names[c]) if c < len(header.names) else None for c in range(width)}
        self.role = {c: found[0] for c, found in named.items() if found}
        self.sure = {c: found[1] for c, found in named.items() if found}
        self.profile = {c: columns.profile(sample, c) for c in range(width)}
        self.layout = Layout(t, header, {})
        self.free = set(range(width))

    def take(self, key: str, column: int, by_content: bool = False) -> None:
        lists = {
            "cooperating": self.layout.cooperating,
            "person": self.layout.people,
            "label": self.layout.labels,
            "extra": self.layout.extra,
        }
        if key in lists:
            lists[key].append(column)
        else:
            self.layout.columns[key] = column
        self.free.discard(column)
        if by_content:
            self.layout.by_content.append(key)

    def fixed(self) -> None:
        """The sequence, people's names, and what is never imported (progress, telephone)."""
        for c in sorted(self.free):
            p, role = self.profile[c], self.role.get(c)
            if "seq" not in self.layout.columns and (
                role == "seq" or (p.seq >= 0.8 and p.length <= 5 and p.filled >= 0.5)
            ):
                self.take("seq", c, role != "seq")
            # 全年, 年内, 长期 are as short as a name, but the parser reads them: no one's names
            elif role == "person" or (role is None and p.people >= 0.8 and p.dates < 0.5 and p.filled >= 0.5):
                self.take("person", c)
            elif role == "other" or (role is None and p.phones >= 0.8):
                self.take("extra", c)

    def deadline(self) -> None:
        """The column the parser reads best, a time name counting for much; a second named time
        column (序时进度 beside 考核时间) is not imported."""
        if "deadline" not in self.layout.columns:
            scored = [
                (
                    self.profile[c].dates
                    + (1.0 + 0.05 * self.sure[c] if self.role.get(c) == "deadline" else 0.0)
                    - 0.3 * self.profile[c].sentences,
                    c,
                )
                for c in sorted(self.free)
                if self.role.get(c) == "deadline" or (self.role.get(c) is None and self.profile[c].filled > 0)
            ]
            best = max(scored, default=None, key=lambda s: s[0])
            if best and best[0] >= 0.5:
                self.take("deadline", best[1], self.role.get(best[1]) != "deadline")
        for c in sorted(self.free):
            if self.role.get(c) == "deadline":
                self.take("extra", c)

    def units(self) -> None:
        """Columns of organisation names: the one named 牵头/主要 leads, else the one named a unit
        column, else the first; the others cooperate."""
        found = [
            c
            for c in sorted(self.free)
            if self.role.get(c) in ("responsible", "cooperating")
            or (self.role.get(c) is None and self.profile[c].units >= 0.6 and self.profile[c].length < 80)
        ]
        if "responsible" not in self.layout.columns and found:
            named = [c for c in found if _leads(self.layout.name(c))]
            named += [c for c in found if self.role.get(c) == "responsible"]
            lead = (named or found)[0]
            self.take("responsible", lead, self.role.get(lead) != "responsible")
        for c in found:
            if c in self.free:
                self.take("cooperating", c)

    def text(self) -> None:
        """The task (longest sentences, a 具体要求 name preferred); labels left of it, the rest extra."""
        text = [
            c
            for c in sorted(self.free)
            if self.profile[c].filled > 0 or self.role.get(c) in ("task", "detail", "section")
        ]
        section = next((c for c in text if self.role.get(c) == "section"), None)
        # A column named like a section (项目内容, 类别) is the task when it is the only text left.
        has_task = "task" in self.layout.columns or len(text) > 1
        if "section" not in self.layout.columns and section is not None and has_task:
            self.take("section", section)
            text.remove(section)
        if "task" not in self.layout.columns and text:
            chosen = max(text, key=self._weight)
            self.take("task", chosen, self.role.get(chosen) not in ("task", "detail"))
        task = self.layout.columns.get("task")
        for c in text:
            if c in self.free:
                self.take("label" if task is not None and c < task else "extra", c)
        for c in sorted(self.free):
            if self.profile[c].filled > 0:
                self.take("extra", c)

    def _weight(self, c: int) -> float:
        p = self.profile[c]
        bonus = {"detail": 40, "task": 10}.get(self.role.get(c, ""), 0)
        return p.length * (1 - p.repeats) * p.filled + bonus + 20 * p.sentences


def _leads(name: str) -> bool:
    return "牵头" in name or name.startswith("主要") or name.startswith("主责")


def _missing(layout: Layout, missing: list[str]) -> str:
    header = layout.header
    where = f"第{'、'.join(str(r + 1) for r in header.rows)}行" if header.rows else "（没有表头行）"
    names = "」「".join(n for n in (squash(x) for x in header.names) if n)
    found = layout.describe() or "无"
    wanted = "、".join(ROLE_NAMES[r] for r in missing)
    return (
        f"没有找到{wanted}栏：表头在{where}「{names}」，认出的栏目：{found}；"
        f"请用 --columns 指明，例如 --columns task=工作任务,unit=责任单位,deadline=完成时限（栏名或栏号）"
    )


# --- --columns --------------------------------------------------------------------

Forced = list[tuple[str, str]]
"""(role, header name or 1-based column number), in the order --columns gives them."""


def parse_columns(spec: str) -> Forced:
    """task=工作任务,unit=3 → [("task", "工作任务"), ("responsible", "3")]; UsageError if malformed."""
    found: Forced = []
    for item in (i.strip() for i in spec.replace("，", ",").split(",")):
        if not item:
            continue
        key, sep, value = (x.strip() for x in item.partition("="))
        if not sep or not value:
            raise UsageError(f"--columns 的「{item}」应写成 栏目=栏名或栏号，例如 task=工作任务 或 task=3")
        if key not in FORCIBLE:
            raise UsageError(f"--columns 中没有栏目「{key}」；可用：{'、'.join(FORCIBLE)}")
        role = FORCIBLE[key]
        if role not in ("cooperating", "person") and any(r == role for r, _ in found):
            raise UsageError(f"--columns 中 {key} 写了两次")
        found.append((role, value))
    if not found:
        raise UsageError("--columns 为空：例如 --columns task=工作任务,unit=责任单位,deadline=完成时限")
    return found


def _forced(tables: list[Table], candidates: list[tuple[int, Header | None]], forced: Forced) -> Layout:
    wanted = [v for _, v in forced if not v.isdigit()]
    for t, found in candidates:
        header = _header_with(tables[t], wanted) if wanted else found
        if wanted and header is None:
            continue
        header = header or headers.unnamed_header(tables[t])
        return decide(tables[t], t, header, _resolve(header, forced, max(tables[t].width, len(header.names))))
    names = "」「".join(wanted)
    raise UnreadableTable(f"--columns 指明的栏名「{names}」不在任何表格的前 {headers.SCAN_ROWS} 行中")


def _header_with(table: Table, wanted: list[str]) -> Header | None:
    """The row (or two rows read together) that holds every name --columns gives."""
    keys = [squash(w) for w in wanted]
    for r, cells in enumerate(table.rows[: headers.SCAN_ROWS]):
        options = [([r], cells)]
        if r + 1 < len(table.rows):
            options.append(([r, r + 1], [a + b if a != b else a for a, b in zip(cells, table.rows[r + 1])]))
        for rows_, names in options:
            squashed = [squash(n) for n in names]
            if all(k in squashed for k in keys):
                return Header(rows_, names, 100)
    return None


def _resolve(header: Header, forced: Forced, width: int) -> list[tuple[str, int]]:
    squashed = [squash(n) for n in header.names]
    resolved = []
    for role, value in forced:
        if value.isdigit():
            column = int(value) - 1
            if not 0 <= column < width:
                raise UnreadableTable(f"--columns 中的栏号 {value} 超出表格（共 {width} 栏）")
        else:
            column = squashed.index(squash(value))
        resolved.append((role, column))
    return resolved
