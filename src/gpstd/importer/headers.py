"""Finding the header row by its column names and turning the rows below it into records.

Tolerates what published lists do: headers that wrap onto a second row (方案 / 项目),
merged cells, empty rows, the header repeated on every page, heading rows that span
the table (一、标准目录编制), and continuation rows whose 序号 is empty because a task
broke across a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gpstd.importer.tables import Table, UnreadableTable

# Column role → names seen in published lists, most specific first.
ROLES: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序"),
    "responsible": ("责任单位", "牵头单位", "责任部门", "牵头部门", "责任主体", "主责单位", "负责单位"),
    "cooperating": ("配合单位", "协办单位", "配合部门", "协同单位"),
    "task": ("工作任务", "工作内容", "主要任务", "重点任务", "具体任务", "任务内容", "工作事项", "任务"),
    "deadline": ("完成时间及方式", "完成时间", "完成时限", "时间要求", "时间安排", "完成期限", "时限"),
    "section": ("方案项目", "对应方案", "方案条目", "项目", "备注"),
}
REQUIRED = ("responsible", "task", "deadline")
ROLE_NAMES = {
    "seq": "序号",
    "responsible": "责任单位",
    "cooperating": "配合单位",
    "task": "工作任务",
    "deadline": "完成时间",
    "section": "方案项目",
}
_SCAN_ROWS = 15


@dataclass
class Record:
    """One task row: its cells by role, verbatim, and where it came from."""

    cells: dict[str, str]
    row: int  # 1-based row of the table, for messages
    heading: str | None = None  # the spanning heading row above it, if any
    joined: list[str] = field(default_factory=list)  # continuation rows joined onto it (第…行)
    table: str = ""  # the table's name when the file has several read (第2个表格)

    @property
    def where(self) -> str:
        """第3行, or 第2个表格第3行 when several tables are read."""
        return f"{self.table}第{self.row}行"


@dataclass
class Layout:
    table: int
    header_rows: list[int]
    columns: dict[str, int]  # role → column index
    extra: list[str]  # header names of columns not used
    score: int = 0  # how surely the header names the columns (find_layout keeps the best)


def _squash(text: str) -> str:
    return re.sub(r"[\s　:：*＊]", "", text)


def role_of(name: str) -> tuple[str, int] | None:
    """The role a header cell names and how surely (3 exact, 2 prefix, 1 contained)."""
    key = _squash(name)
    if not key:
        return None
    best: tuple[str, int] | None = None
    for role, names in ROLES.items():
        for candidate in names:
            score = (
                3
                if key == candidate
                else 2
                if key.startswith(candidate)
                else 1
                if candidate in key and len(candidate) > 1
                else 0
            )
            if score and (best is None or score > best[1]):
                best = (role, score)
    return best


def match(cells: list[str]) -> dict[str, int]:
    """Role → column for a candidate header row; each role and column used once."""
    scored = []
    for column, text in enumerate(cells):
        found = role_of(text)
        if found:
            scored.append((found[1], column, found[0]))
    columns: dict[str, int] = {}
    for _score, column, role in sorted(scored, key=lambda s: (-s[0], s[1])):
        if role not in columns and column not in columns.values():
            columns[role] = column
    return columns


def _merge_rows(upper: list[str], lower: list[str], copies: set[int]) -> list[str]:
    """A header wrapped onto two rows: join each column's parts (方案 + 项目)."""
    width = max(len(upper), len(lower))
    padded = [*upper, *[""] * (width - len(upper))], [*lower, *[""] * (width - len(lower))]
    return [a if c in copies or a == b else a + b for c, (a, b) in enumerate(zip(*padded))]


def find_layout(tables: list[Table]) -> Layout:
    """The table and header row(s) that name the most columns; UnreadableTable if none does."""
    found = [layout for t in range(len(tables)) if (layout := _table_layout(tables, t))]
    if not found:
        wanted = "、".join(ROLE_NAMES[r] for r in REQUIRED)
        raise UnreadableTable(
            f"没有找到表头：表头行应包含 {wanted} 等栏目名称（如“责任单位”“工作任务”“完成时间”）"
        )
    return max(found, key=lambda layout: layout.score)


def _table_layout(tables: list[Table], t: int) -> Layout | None:
    """The best header of table `t`, one row or two read together (序号…方案 / 项目).

    Each candidate scores how surely its cells name columns, so a header wrapped onto a
    second row without merged cells (方案 + 项目 = 方案项目, exact) beats its first row alone,
    while a header row glued onto the first task row (序号1, 责任单位区财政局) scores less.
    """
    table = tables[t]
    best: Layout | None = None
    for r, cells in enumerate(table.rows[:_SCAN_ROWS]):
        candidates = [([r], cells)]
        if r + 1 < len(table.rows):
            below = {c for (rr, c) in table.copies if rr == r + 1}
            candidates.append(([r, r + 1], _merge_rows(cells, table.rows[r + 1], below)))
        for rows, texts in candidates:
            columns, sureness = _scored_match(texts)
            score = sum(3 for role in REQUIRED if role in columns) + sureness
            if all(role in columns for role in REQUIRED) and (best is None or score > best.score):
                used = set(columns.values())
                extra = [x for i, x in enumerate(texts) if x and i not in used]
                best = Layout(t, rows, columns, extra, score)
    return best


def _scored_match(cells: list[str]) -> tuple[dict[str, int], int]:
    columns = match(cells)
    return columns, sum((role_of(cells[c]) or ("", 0))[1] for c in columns.values())


def gather(tables: list[Table], main: Layout) -> tuple[list[Layout], list[str]]:
    """Every table to read, with its layout, and what is left out (to list for review).

    A list that breaks across pages often comes as several tables (Word's 续表, one sheet
    per page, a web page per section): a table with a header of its own is read with it;
    one without a header that follows a read table with the same number of columns
    continues it. Anything else is named as left out, never dropped in silence.
    """
    layouts: list[Layout] = []
    ignored: list[str] = []
    for t, table in enumerate(tables):
        if not any(any(row) for row in table.rows):
            continue
        own = main if t == main.table else _table_layout(tables, t)
        if own is None and layouts and tables[layouts[-1].table].width == table.width:
            own = Layout(t, [], layouts[-1].columns, [], 0)
        if own is None:
            first = next(c for row in table.rows for c in row if c)
            ignored.append(
                f"{table.name or f'第{t + 1}个表格'}（{len(table.rows)} 行，首格「{first[:20]}」）"
                "没有可识别的表头，未导入"
            )
        else:
            layouts.append(own)
    return layouts, ignored


_HEADING = re.compile(r"^[（(]?[一二三四五六七八九十百]+[）)、.．]")


def records(tables: list[Table], layouts: list[Layout]) -> list[Record]:
    """Task rows below each header, with headings noted and continuation rows joined,
    also across tables (a task that broke at a page boundary between two tables)."""
    found: list[Record] = []
    heading: str | None = None
    several = len(layouts) > 1
    for layout in layouts:
        table = tables[layout.table]
        name = table.name or f"第{layout.table + 1}个表格" if several else ""
        header = [table.rows[r] for r in layout.header_rows]
        start = layout.header_rows[-1] + 1 if layout.header_rows else 0
        for r in range(start, len(table.rows)):
            row = table.rows[r]
            cells = {role: _cell(row, col) for role, col in layout.columns.items()}
            texts = [c for c in row if c]
            if not texts or row in header or _is_header(row):
                continue
            if _is_heading(row, texts) and not _is_task(cells):
                heading = texts[0]
                continue
            if found and _is_continuation(cells, layout):
                _join(found[-1], cells, {layout.columns[k]: k for k in layout.columns}, table, r, name)
                continue
            found.append(Record(cells, r + 1, heading, table=name))
    return found


def _cell(row: list[str], column: int) -> str:
    return row[column] if column < len(row) else ""


def _is_header(row: list[str]) -> bool:
    columns = match(row)
    return all(role in columns for role in REQUIRED)


def _is_heading(row: list[str], texts: list[str]) -> bool:
    """One text across the row (a merged cell), or a numbered heading, or text in column one only."""
    if len(set(texts)) != 1:
        return False
    return len(texts) > 1 or bool(_HEADING.match(texts[0])) or row[0] == texts[0]


def _is_task(cells: dict[str, str]) -> bool:
    """A row all of whose cells hold one text is a heading, unless it is a numbered task."""
    seq = cells.get("seq", "")
    return bool(seq) and seq.isdigit()


def _is_continuation(cells: dict[str, str], layout: Layout) -> bool:
    """No 序号 where the table numbers its rows, and the unit or the task cell left empty."""
    if "seq" not in layout.columns or cells.get("seq"):
        return False
    return not cells.get("responsible") or not cells.get("task")


def _join(
    record: Record, cells: dict[str, str], roles: dict[int, str], table: Table, r: int, name: str
) -> None:
    for column, role in roles.items():
        text = cells.get(role, "")
        if text and (r, column) not in table.copies and text != record.cells.get(role):
            record.cells[role] = record.cells.get(role, "") + text
    record.joined.append(f"{name if name != record.table else ''}第{r + 1}行")
