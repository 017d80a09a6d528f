"""Splitting a 责任单位 cell into lead and cooperating units.

The published lists write units as prose: 区政府办组织区政务服务数据管理局、区司法局等部门,
区政府办会同区司法局, 区发展改革局等区有关目录编制部门, 区政府办牵头，区司法局配合.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Words that make what follows them the cooperating units.
_WITH = ("组织", "会同", "联合", "协调", "指导")
# Endings that mark a unit's name, so 和/及/与 between two of them separates two units
# (区司法局和区民政局) but not inside one name (市规划和自然资源局).
_UNIT_END = re.compile(
    r"(局|办|委|部|院|馆|中心|镇|街|街道|会|所|队|（街）|组|科|处|室|司|厅|团|公司|站|社|"
    r"单位|部门|政府|分局|机关|支队|大队|集团|（[^）]*）)$"
)
# What may stand after 等 without naming anyone: 等部门, 等单位, 等有关部门.
_GENERIC = re.compile(r"^(区|各|其他|其它)?(有关|相关)?(部门|单位|机构)$")
# A collective term rather than one unit's name.
_GROUP = re.compile(r"^(各|区各|全区|市各)|有关|相关|主管部门$|成员单位$|等")


@dataclass
class Split:
    lead: list[str]
    cooperating: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # generic words left out (等部门)


def split(cell: str) -> Split:
    """Lead and cooperating names of a 责任单位 cell, in their order, spelled as written."""
    text = cell.strip().rstrip("。；;，,")
    lead_text, coop_text = text, ""
    led = re.match(r"^(.+?)(牵头|负责)[，,、；;]?(.+?)(配合|参与|协助|协办)?$", text)
    if led and led.group(3):
        lead_text, coop_text = led.group(1), led.group(3)
    else:
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
                lead_text, coop_text = head, tail
                break
    lead, dropped = _names(lead_text)
    coop, dropped_coop = _names(coop_text)
    return Split(lead, coop, dropped + dropped_coop)


def _names(text: str) -> tuple[list[str], list[str]]:
    found: list[str] = []
    dropped: list[str] = []
    for piece in re.split(r"[、，,；;/／]|以及", text):
        for part in _split_and(piece.strip()):
            head, sep, tail = part.partition("等")
            if sep and head and tail:
                found.append(head)
                (dropped if _GENERIC.match(tail) else found).append(tail)
            elif sep and head and not tail:
                found.append(head)
            elif part:
                found.append(part)
    return [n for n in found if n], dropped


def _split_and(piece: str) -> list[str]:
    """区司法局和区民政局 → two names; 市规划和自然资源局 → one."""
    for word in ("和", "及", "与"):
        head, sep, tail = piece.partition(word)
        if sep and head and tail and _UNIT_END.search(head) and _UNIT_END.search(tail):
            return [*_split_and(head), *_split_and(tail)]
    return [piece] if piece else []


_SUB_OFFICE = re.compile(r"^(.{3,}?)（[^（）]*(科|室|处|股|组)）$")


def base_unit(name: str) -> str | None:
    """区政府办（调研科） → 区政府办: the unit a 科室 belongs to, None for other names."""
    found = _SUB_OFFICE.match(name)
    return found.group(1) if found else None


def is_group(name: str) -> bool:
    """各镇（街）, 区各有关部门, 公共企事业单位主管部门: collective terms, declared as groups."""
    return bool(_GROUP.search(name))
