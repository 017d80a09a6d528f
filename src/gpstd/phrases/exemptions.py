"""Exemptions: 四季度免报, 1月免报, 12月份不报 take occurrences out of the rule before them.

Which occurrence goes: for a reporting offset (季度结束后15日内, 次月5日前, 季度结束后5个工作日内)
an exemption names *the period reported on* — 四季度免报 removes the January report, which is
the report on the fourth quarter; for any other rule it names the months that are due (每月10日前，
1月免报 removes 10 January). A clause that times some quarters itself (第四季度于次年1月20日前报送)
takes them out of the rule before it the same way (`without_quarters`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from gpstd.phrases.offsets import describe_workdays
from gpstd.phrases.part import Part, demoted
from gpstd.phrases.rules import opens_rule
from gpstd.schedule import recurrence as rec


def period_map_of(part: Part) -> dict[int, int] | None:
    """Rebuild the period → due-month map of an offset rule from its rrule (for 免报 clauses)."""
    if part.offset_days is None or not part.rrule:
        return None
    months = [int(m) for m in rec.rule_parts(part.rrule).get("BYMONTH", "").split(",") if m]
    months = months or list(range(1, 13))
    return {(m - 2) % 12 + 1: m for m in months}


def without_quarters(part: Part, quarters: tuple[int, ...], year: int) -> Part:
    """The recurring part without the occurrences of `quarters`, which a later clause times
    itself (每季度结束后10日内报送，第四季度于次年1月20日前报送); unchanged if it has none."""
    exempt = {"quarters": quarters, "months": (), "text": quarter_names(quarters)}
    period_map = period_map_of(part)
    months = _months(rec.rule_parts(part.rrule or ""))
    if not _exempt_months(exempt, period_map, months) & set(months):
        return part
    return apply_exempt(part, exempt, period_map, year, note="另按下文", listed=False)


def quarter_names(quarters: tuple[int, ...]) -> str:
    return "、".join("一二三四"[q - 1] for q in quarters) + "季度"


def _months(rule: dict[str, str]) -> list[int]:
    return [int(m) for m in rule.get("BYMONTH", "").split(",") if m] or list(range(1, 13))


def apply_exempt(
    part: Part,
    exempt: dict[str, Any],
    period_map: dict[int, int] | None,
    year: int,
    *,
    note: str = "免报",
    listed: bool = True,
) -> Part:
    """The recurring part without the months `exempt` names, or the part demoted to unknown.
    `year`: the base year, whose dates a working-day rule's description lists. `listed`: record
    the exemption in `exempt` (not for a quarter another clause times)."""
    if part.kind != "recurring" or not part.rrule:
        return demoted(part, f"免报说明找不到对应的周期规则：{exempt['text']}")
    rule = rec.rule_parts(part.rrule)
    months = _months(rule)
    removed = _exempt_months(exempt, period_map, months)
    kept = tuple(m for m in months if m not in removed)
    if kept == tuple(months) or not kept:
        return demoted(part, f"免报说明与周期规则对不上：{exempt['text']}（规则：{part.describe}）")
    new_rule = rec.make_rule(
        rule["FREQ"],
        interval=int(rule.get("INTERVAL", 1)),
        bymonth=kept,
        bymonthday=_ints(rule.get("BYMONTHDAY")),
        byday=tuple(d for d in rule.get("BYDAY", "").split(",") if d),
        bysetpos=_ints(rule.get("BYSETPOS")),
    )
    if part.workday:
        old, new = (
            describe_workdays(part.rrule, part.workday, year),
            describe_workdays(new_rule, part.workday, year),
        )
    else:
        old, new = rec.describe_rule(part.rrule), rec.describe_rule(new_rule)
    describe = part.describe.replace(old, new)
    listing = (*part.exempt, exempt["text"]) if listed else part.exempt
    return replace(
        part,
        rrule=new_rule,
        exempt=listing,
        opens=_opens_kept(part.opens, months, kept),
        describe=f"{describe}，{exempt['text']}{note}",
    )


def exempt_already_left_out(part: Part, exempt: dict[str, Any]) -> Part:
    """一季度…后15日、二季度…后20日、三季度…后15日，四季度免报: the quarters are timed one by one and
    the exemption names the one left out; it removes nothing and is recorded as written."""
    return replace(
        part, exempt=(*part.exempt, exempt["text"]), describe=f"{part.describe}，{exempt['text']}免报"
    )


def _ints(value: str | None) -> tuple[int, ...]:
    return tuple(int(v) for v in value.split(",")) if value else ()


def _opens_kept(opens: str | None, months: list[int], kept: tuple[int, ...]) -> str | None:
    """An offset rule's openings (one per due month) without the months taken out."""
    parts = rec.rule_parts(opens) if opens else {}
    if parts.get("BYMONTH") != ",".join(map(str, months)):
        return opens
    return opens_rule(parts["FREQ"], kept, int(parts["BYMONTHDAY"]))


def _exempt_months(
    exempt: dict[str, Any], period_map: dict[int, int] | None, due_months: list[int]
) -> set[int]:
    """Due months an exemption removes. For 季后/次月 rules the exemption names the period
    reported on (四季度 → the January report), falling back to a due month it names
    (每季度首月10日前，1月免报); otherwise it names the months due."""
    if period_map is not None:
        ends = [3 * q for q in exempt["quarters"]]
        removed = {period_map[e] for e in ends if e in period_map}
        for month in exempt["months"]:
            removed.add(period_map.get(month, month if month in due_months else 0))
        return removed
    months = {m for q in exempt["quarters"] for m in (3 * q - 2, 3 * q - 1, 3 * q)}
    return months | set(exempt["months"])
