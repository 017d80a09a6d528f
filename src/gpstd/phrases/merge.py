"""Clause items merged into a cell's parts.

An action-only clause joins the part before it (or the first part, when it leads); an
exemption (四季度免报) narrows the recurring part before it, and so does a clause that
times some quarters itself (第四季度于次年1月20日前报送); a bare 2021年1月1日起
becomes the start of the recurring clause after it.
"""

from __future__ import annotations

from dataclasses import replace

from gpstd.phrases.clauses import Item
from gpstd.phrases.part import Part
from gpstd.phrases.rules import apply_exempt, period_map_of, without_quarters
from gpstd.phrases.words import clean, recipient


def merge(text: str, items: list[Item]) -> list[Part]:
    """The parts of a cell from its clause items, in order (see the module docstring)."""
    parts: list[Part] = []
    leading: list[Item] = []
    for item in items:
        if item.kind == "part" and item.part is not None:
            if item.label and item.part.kind == "recurring" and parts and parts[-1].kind == "recurring":
                parts[-1] = without_quarters(parts[-1], item.label)
            parts.append(_join_leading(text, item.part, leading) if leading else item.part)
            leading = []
            _absorb_start(text, parts)
        elif item.kind == "exempt" and parts and parts[-1].kind == "recurring":
            merged = apply_exempt(parts[-1], item.exempt or {}, period_map_of(parts[-1]))
            parts[-1] = _extend(text, merged, item.span[1])
        elif item.kind == "exempt":
            parts.append(
                Part(
                    "unknown",
                    text[item.span[0] : item.span[1]],
                    item.span,
                    problem="免报说明找不到对应的周期规则",
                )
            )
        elif parts:
            action = clean(text[item.span[0] : item.span[1]])
            joined = "，".join(filter(None, (parts[-1].action, action)))
            parts[-1] = replace(_extend(text, parts[-1], item.span[1]), action=joined or None)
        else:
            leading.append(item)
    parts += [_no_time(text, it) for it in leading]
    return [replace(p, recipient=p.recipient or recipient(p.action)) for p in parts]


def _extend(text: str, part: Part, end: int) -> Part:
    span = (part.span[0], max(end, part.span[1]))
    return replace(part, span=span, text=text[span[0] : span[1]])


def _join_leading(text: str, part: Part, leading: list[Item]) -> Part:
    start = leading[0].span[0]
    words = "，".join(filter(None, (clean(text[i.span[0] : i.span[1]]) for i in leading)))
    subject = "，".join(filter(None, (words, part.subject)))
    span = (start, part.span[1])
    return replace(part, span=span, text=text[span[0] : span[1]], subject=subject or None)


def _absorb_start(text: str, parts: list[Part]) -> None:
    if len(parts) < 2:
        return
    prev, cur = parts[-2], parts[-1]
    if prev.kind == "start" and not prev.action and cur.kind == "recurring" and cur.start is None:
        span = (prev.span[0], cur.span[1])
        parts[-2:] = [
            replace(
                cur,
                start=prev.start,
                span=span,
                text=text[span[0] : span[1]],
                describe=f"{prev.describe}{cur.describe}",
            )
        ]


def _no_time(text: str, item: Item) -> Part:
    words = text[item.span[0] : item.span[1]]
    return Part("unknown", words, item.span, action=clean(words), problem="未写明完成时间")
