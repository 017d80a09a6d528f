"""Splitting a unit cell into lead and cooperating units.

Published lists write units as prose: 区政府办组织区政务服务数据管理局、区司法局等部门,
区发展改革局等区有关目录编制部门, 市编办牵头,市电子政务办、市有关单位,各县(市、区)人民政府负责,
区财政局 / 区税务局 on two lines. The cell is cut into clauses (，；), each clause into names
(、, a space or a line break between two whole names), never inside brackets, full-width or
ASCII: 各县（市、区）政府 and 市有关单位(见附件1,下同) are one name each.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

_OPEN, _CLOSE = "（(【[", "）)】]"
_CLAUSE = "，,；;"
_NAME = "、/／"
# Words that make what follows them the cooperating units (区政府办组织区司法局…).
_WITH = ("组织", "会同", "联合", "协调", "指导")
# What a clause may end with after its units, longest first: 牵头 marks the lead, 配合 and the
# like the cooperating units; the rest says what the units do and is no part of a name.
_ROLE_WORDS = (
    "为牵头单位",
    "为责任单位",
    "为主责单位",
    "为配合单位",
    "为协办单位",
    "为参与单位",
    "分别牵头落实",
    "分别牵头负责",
    "牵头负责",
    "牵头落实",
    "分别牵头",
    "牵头",
    "主责",
    "按职能分工落实",
    "按职责分工落实",
    "按职责分工负责",
    "按职责负责",
    "参照落实",
    "参照执行",
    "负责落实",
    "具体落实",
    "共同落实",
    "分别负责",
    "负责",
    "配合",
    "协助",
    "协办",
    "参与",
    "落实",
)
_COOPERATE = ("配合", "协助", "协办", "参与", "参照")
_LEADS = ("牵头", "主责", "责任单位")
_UNIT_END = re.compile(
    r"(局|办|委|院|所|站|中心|街道|镇|乡|街|科|室|公司|部|会|股|队|政府|处|厅|馆|组|行|社|团|"
    r"单位|部门|机关|机构|区|县|司|署|庭|"
    # the short names of the people's organisations: 妇联, 残联, 侨联, 文联, 工商联, 科协, 政协
    r"联|协)$"
)
_LEVEL = re.compile(r"^(区|市|县|镇|乡|街道|省|各)")
# What may stand after 等 without naming anyone: 等部门, 等有关部门, 等市有关单位, 等5个部门.
_GENERIC = re.compile(
    r"^(区|市|县|镇|省)?直?(各|其他|其它)?(有关|相关)?([\d一二三四五六七八九十]+个)?(部门|单位|机构)$"
)
# A collective term rather than one unit's name.
_GROUP = re.compile(r"^(各|区各|全区|市各|县各)|有关|相关|主管部门$|成员单位$|各[^（(]*(单位|部门|科室)$")


@dataclass
class Split:
    lead: list[str]
    cooperating: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # generic words left out (等部门)


# A cell that labels its units: 牵头单位：区财政局；配合单位：区司法局, or with the short labels
# one to a line: 牵头：区发改局 / 配合：区财政局 (牵头领导：… names a person and is no label here).
_LABELLED = re.compile(
    r"(牵头单位|牵头部门|责任单位|责任部门|主责单位|负责单位|配合单位|配合部门|协办单位|参与单位|协同单位|"
    r"牵头|主责|责任|配合|协办|参与|协同)\s*[：:]"
)


# What a unit cell holds when no unit is named: 无, 暂无, a dash or a slash (——, -, /).
_NOBODY = re.compile(r"(暂?无|不涉及)|[\s\-－—–_~～/／\\]*")


def split(cell: str, known: Collection[str] = ()) -> Split:
    """Lead and cooperating names of a unit cell, in their order, spelled as written. `known`:
    the names the list writes elsewhere, which lets 宣传处会办公室 (X会同Y) be read."""
    text = cell.strip().rstrip("。.；;，,、")
    if _NOBODY.fullmatch(text):
        return Split([])
    if any(mark in text for mark in _STAR):
        return _starred(text, known)
    if _LABELLED.search(text):
        return _labelled(text)
    clauses = [_role(c) for c in _clauses(text)]
    clauses = [(words, role) for words, role in clauses if words.strip()]
    lead_at = next((i for i, (_, role) in enumerate(clauses) if role == "lead"), None)
    if lead_at is not None:
        roles = ["lead" if i <= lead_at else "cooperating" for i in range(len(clauses))]
    elif any(role == "cooperating" for _, role in clauses) and any(
        role != "cooperating" for _, role in clauses
    ):
        roles = ["cooperating" if role == "cooperating" else "lead" for _, role in clauses]
    elif len(clauses) == 1:
        return _with(clauses[0][0], known)
    else:
        roles = ["lead"] * len(clauses)
    result = Split([])
    for (words, _), role in zip(clauses, roles):
        found, dropped = _names(words, known)
        (result.lead if role == "lead" else result.cooperating).extend(found)
        result.dropped += dropped
    return result


# A star after (or before) a name marks the lead unit: 区财政局*、区科技局、区投促中心 (the
# 列*者为牵头单位 of Zhejiang lists). The star is no part of the name.
_STAR = "*＊"
_STAR_AFTER = r"\s*[*＊]"
_STAR_BEFORE = r"(?:^|[、，,；;/／\s])[*＊]\s*"


# A list's own rule, in its header or a note, that the first unit of a cell leads: 责任单位
# （列第一位的为牵头单位）, 排在第一位的单位为牵头单位.
FIRST_LEADS = re.compile(r"(?:列|排)在?第[一1](?:位|个)?的?(?:责任)?(?:单位|部门)?(?:为|是)牵头")
_MARKED = re.compile(r"牵头|主责|配合|协助|协办|参与|会同|组织|为|[*＊:：]")


def first_leads(cell: str, found: Split) -> Split:
    """Under such a rule the first of a cell's units leads and the others cooperate, unless the
    cell marks the roles itself (区发改局、区财政局牵头, 区财政局*)."""
    if len(found.lead) < 2 or found.cooperating or _MARKED.search(cell):
        return found
    return Split(found.lead[:1], found.lead[1:], found.dropped)


def _starred(text: str, known: Collection[str]) -> Split:
    """Names marked with a star are the lead, every other name in the cell cooperates; a cell
    whose names are all starred (or none, the star standing elsewhere) is read as without stars."""
    plain = split(re.sub(r"[*＊]", "", text), known)
    names = [*plain.lead, *plain.cooperating]
    starred = [
        n
        for n in names
        if re.search(re.escape(n) + _STAR_AFTER, text) or re.search(_STAR_BEFORE + re.escape(n), text)
    ]
    if not starred or len(starred) == len(names):
        return plain
    return Split(starred, [n for n in names if n not in starred], plain.dropped)


def _labelled(text: str) -> Split:
    pieces = _LABELLED.split(text)
    result = Split([])
    for label, body in zip(pieces[1::2], pieces[2::2]):
        found = split(body)
        cooperating = label.startswith(("配合", "协办", "参与", "协同"))
        (result.cooperating if cooperating else result.lead).extend(found.lead)
        result.cooperating.extend(found.cooperating)
        result.dropped += found.dropped
    return result


def _with(text: str, known: Collection[str] = ()) -> Split:
    """One clause: 区政府办组织区司法局、区民政局 → lead and cooperating; else all lead."""
    joined = _joined_by_hui(text, known)
    if joined is not None:
        return joined
    for word in _WITH:
        head, sep, tail = text.partition(word)
        # 区委组织部 is one name: the lead before 组织 must be a whole name.
        if (
            sep
            and len(head) >= 3
            and tail
            and _UNIT_END.search(head)
            and not tail.startswith(("部", "处", "科", "室"))
        ):
            lead, dropped = _names(head, known)
            cooperating, more = _names(tail, known)
            return Split(lead, cooperating, dropped + more)
    lead, dropped = _names(text, known)
    return Split(lead, [], dropped)


def _joined_by_hui(text: str, known: Collection[str]) -> Split | None:
    """宣传处会办公室: 会 short for 会同 (X主办、Y会办, as Guangdong lists write it) between a whole
    name and a name the list writes on its own elsewhere or one with its level (区财政局). Never after 委
    or 社 (管委会办公室, 区社会事务局 are one name each) and never inside brackets."""
    for at in (m.start() for m in re.finditer("会", text)):
        head, tail = text[:at], text[at + 1 :]
        if (
            len(_LEVEL.sub("", head)) >= 2
            and _UNIT_END.search(head)
            and not head.endswith(("委", "社"))
            and not any(c in head for c in _OPEN)
            and tail
            and (tail in known or (_LEVEL.match(tail) and looks_like_unit(tail)))
        ):
            lead, dropped = _names(head)
            cooperating, more = _names(tail)
            return Split(lead, cooperating, dropped + more)
    return None


def _clauses(text: str) -> list[str]:
    """The text cut at ，； outside brackets, and after a 牵头 that more units follow."""
    # 区政府办（牵头）, 区发改委（主责）, 区住建局（按职责分工负责）: the role in brackets is a role word
    text = re.sub(
        r"[（(](牵头负责|牵头|主责|配合|协助|协办|参与|按职责分工负责|按职责分工落实|按职责负责|负责)(?:单位|部门)?[）)]",
        r"\1",
        text,
    )
    text = re.sub(r"((?:牵头|主责)(?:负责|落实)?)(?=[^，,；;。\s负落单部）)】\]])", r"\1，", text)
    return _cut(text, _CLAUSE)


def _cut(text: str, separators: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and char in separators:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return [p.strip() for p in pieces]


def _role(clause: str) -> tuple[str, str]:
    """The clause without its trailing role words, and the role they give it."""
    role = ""
    stripped = True
    while stripped:
        stripped = False
        for word in _ROLE_WORDS:
            if clause.endswith(word) and len(clause) > len(word):
                clause = clause[: -len(word)].rstrip()
                role = role or (
                    "lead"
                    if any(mark in word for mark in _LEADS)
                    else "cooperating"
                    if word.removeprefix("为").startswith(_COOPERATE)
                    else ""
                )
                stripped = True
                break
    return clause, role


def _names(text: str, known: Collection[str] = ()) -> tuple[list[str], list[str]]:
    found: list[str] = []
    dropped: list[str] = []
    for piece in _cut(text, _NAME):
        for name in (glued for spaced in _by_space(piece) for glued in _glued(spaced, known)):
            for part in _split_and(name):
                head, sep, tail = part.partition("等")
                if sep and looks_like_unit(head):
                    found.append(head)
                    if tail:
                        (dropped if _GENERIC.match(tail) else found).append(tail)
                elif part:
                    found.append(part)
    return [n for n in found if n], dropped


def _by_space(piece: str) -> list[str]:
    """区财政局 区税务局 (a space or a line break between two whole names) → two names; the
    space in 各县区(开发区) 安委会 or 市安委办 (工作专班办公室) is inside one name, and a line
    break inside a wrapped name (市规划和自然资源\\n局) is no break at all."""
    words = re.split(r"(\s+)", piece.strip())
    names = [words[0]]
    for gap, word in zip(words[1::2], words[2::2]):
        if _UNIT_END.search(names[-1]) and word[0] not in _OPEN:
            names.append(word)
        else:
            names[-1] += "" if "\n" in gap else gap
            names[-1] += word
    return names


def _glued(name: str, known: Collection[str]) -> list[str]:
    """派出所工商质监所 → 派出所, 工商质监所: two whole names of the same kind written with nothing
    between them (a line break lost on the way), the second one a name the list writes on its own
    elsewhere. Never when the two end differently, as a body and its own office do (区政府办公室,
    县委宣传部, 县公安局派出所), and never inside brackets."""
    if not known or any(c in name for c in _OPEN):
        return [name]
    for at in range(2, len(name) - 1):
        head, tail = name[:at], name[at:]
        head_end, tail_end = _UNIT_END.search(head), _UNIT_END.search(tail)
        if (
            tail in known
            and head_end
            and tail_end
            and head_end.group() == tail_end.group()
            and len(_LEVEL.sub("", head)) >= 2
        ):
            return [*_glued(head, known), tail]
    return [name]


def _split_and(piece: str) -> list[str]:
    """区司法局和区民政局 → two names; 市规划和自然资源局, 高新区党工委和管委会 → one."""
    for word in ("和", "及", "与"):
        head, sep, tail = piece.partition(word)
        if sep and looks_like_unit(head) and _LEVEL.match(tail) and looks_like_unit(tail):
            return [*_split_and(head), *_split_and(tail)]
    return [piece] if piece else []


def looks_like_unit(name: str) -> bool:
    """A unit's or a collective's name: 区司法局, 各镇(街), 市安委办 (工作专班办公室)."""
    bare = re.sub(r"[（(][^（）()]*[）)]", "", name).strip()
    return bool(bare) and (bool(_UNIT_END.search(bare)) or is_group(bare))


_SUB_OFFICE = re.compile(r"^(.{3,}?)（[^（）]*(科|室|处|股|组)）$")


def base_unit(name: str) -> str | None:
    """区政府办（调研科） → 区政府办: the unit a 科室 belongs to, None for other names."""
    found = _SUB_OFFICE.match(name)
    return found.group(1) if found else None


def is_group(name: str) -> bool:
    """各镇（街）, 区各有关部门, 公共企事业单位主管部门: collective terms, declared as groups."""
    return bool(_GROUP.search(name))
