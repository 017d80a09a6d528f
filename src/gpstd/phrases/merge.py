"""Clause items merged into a cell's parts.

An action-only clause joins the part before it (or the first part, when it leads); an
exemption (四季度免报) narrows the recurring part before it, and so does a clause that
times some quarters itself (第四季度于次年1月20日前报送), and so does a bracket that gives one month or
one year its own date (每月10日前（12月为20日前）); a bare 2021年1月1日起 or a range
with no action of its own (1月24日至2月14日期间，实行每日报送) bounds the recurring clause after
it; a rule that leaves the day open (每周报送…) takes the day a following rule of the same
period names (…于每周四下班前报…); a time of day alone takes the day of the part before it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import replace
from typing import Any

from gpstd.days import cn_date
from gpstd.numerals import normalise, to_int
from gpstd.patterns import LazyRegex
from gpstd.phrases.clauses import EVENT_BOUNDED, Item
from gpstd.phrases.exemptions import apply_exempt, exempt_already_left_out, period_map_of, without_quarters
from gpstd.phrases.part import Part, demoted
from gpstd.phrases.words import clean, recipient
from gpstd.schedule import recurrence as rec


def merge(text: str, items: list[Item], year: int) -> list[Part]:
    """The parts of a cell from its clause items, in order (see the module docstring); `year` is
    the base year, whose dates a working-day rule's description lists."""
    parts: list[Part] = []
    leading: list[Item] = []
    timed: set[int] = set()  # quarters the cell's rules time one by one (一季度…、二季度…)
    ahead: tuple[Part, Item] | None = None  # an exemption with no rule before it, and its item
    excepting: int | None = None  # the rule that the clauses giving a month or a year its own date narrow
    for item in items:
        if item.kind in ("part", "time") and item.part is not None:
            part = item.part if item.kind == "part" else _at_time(parts[-1] if parts else None, item.part)
            if (
                item.label
                and part.kind in ("recurring", "unknown")
                and parts
                and parts[-1].kind == "recurring"
            ):
                parts[-1] = without_quarters(parts[-1], item.label, year)
            excepting = _excepting(parts, excepting, _exception(text, item), year)
            timed |= set(item.label) if part.kind in ("recurring", "dated") else set()
            parts.append(_join_leading(text, part, leading) if leading else part)
            leading = []
            if item.exempt:  # …三季度季后10日12:00（四季度免报）: the cell's quarters are known now
                parts[-1] = _exempted(parts[-1], item, timed, year)
            _absorb_bounds(text, parts)
            _take_the_day(parts)
            if (
                ahead is not None
                and len(parts) >= 2
                and parts[-2] is ahead[0]
                and parts[-1].kind == "recurring"
            ):
                # 四季度免报，每季度结束后15日内报送: an exemption stated before its rule narrows it all the same
                span = (ahead[0].span[0], parts[-1].span[1])
                rule = replace(parts[-1], span=span, text=text[span[0] : span[1]])
                parts[-2:] = [_exempted(rule, ahead[1], timed, year)]
            ahead = None
        elif item.kind == "exempt" and parts and (parts[-1].kind == "recurring" or _left_out(item, timed)):
            parts[-1] = _extend(text, _exempted(parts[-1], item, timed, year), item.span[1])
        elif item.kind == "exempt":
            lone = Part(
                "unknown",
                text[item.span[0] : item.span[1]],
                item.span,
                problem="免报说明找不到对应的周期规则",
            )
            parts.append(_join_leading(text, lone, leading) if leading else lone)
            leading = []
            ahead = (parts[-1], item)
        elif parts:
            action = clean(text[item.span[0] : item.span[1]])
            joined = "，".join(filter(None, (parts[-1].action, action)))
            parts[-1] = replace(_extend(text, parts[-1], item.span[1]), action=joined or None)
        else:
            leading.append(item)
    if leading:  # a cell with no time at all: one unknown part, its clauses the action
        parts.append(_no_time(text, leading))
    return [_with_recipient(_for_reported_months(p)) for p in parts]


# （12月为20日前）, （2024年为7月底前）: a bracket giving one month or one year of the rule before it its own date.
_EXCEPTION = LazyRegex(
    r"\s*(?:(?P<y>\d{4})\s*年|(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月)\s*(?:份|度)?\s*(?:的)?\s*(?:为|是|改为|调整为)"
)


def _exception(text: str, item: Item) -> tuple[str, int] | None:
    """('month', 12) or ('year', 2024) when the item, inside a bracket, opens with that month or year
    and 为, giving it its own date (（2024年为7月底前，2025年为8月底前）: each item); None otherwise. Not
    outside brackets: 每年6月底前报送，2024年为首次报送 is no exception."""
    if not _in_bracket(text, item.span[0]):
        return None
    m = _EXCEPTION.match(normalise(text[item.span[0] : item.span[1]]))
    if m is None:
        return None
    if m["y"]:
        return ("year", int(m["y"]))
    month = to_int(m["m"])
    return ("month", month) if month is not None and 1 <= month <= 12 else None


def _excepting(
    parts: list[Part], excepting: int | None, exception: tuple[str, int] | None, year: int
) -> int | None:
    """Narrow the rule a run of exception clauses follows (in place) and return its index, or None when
    the clause is no exception or there is no rule to narrow."""
    if exception is None:
        return None
    if excepting is None or excepting >= len(parts) or parts[excepting].kind != "recurring":
        excepting = len(parts) - 1 if parts and parts[-1].kind == "recurring" else None
    if excepting is not None:
        parts[excepting] = _excepted(parts[excepting], exception, year)
    return excepting


def _in_bracket(text: str, at: int) -> bool:
    """Whether `at` is inside a bracket still open there."""
    opening = max(text.rfind("(", 0, at), text.rfind("（", 0, at))
    return opening >= 0 and not any(ch in ")）" for ch in text[opening:at])


def _excepted(rule: Part, exception: tuple[str, int], year: int) -> Part:
    """The rule without the month or year its bracket times itself: a month is taken out as 1月免报
    takes it; a year up to the base's starts the rule after it; a later year cannot be taken out of an
    RRULE, so the rule is unknown (was 30 June of the excepted year, a date the bracket overrides)."""
    what, n = exception
    if what == "month":
        exempt = {"quarters": (), "months": (n,), "text": f"{n}月"}
        return apply_exempt(rule, exempt, None, year, note="另按括注", listed=False)
    if n > year:
        return demoted(rule, f"规则另有例外年份：{n}年")
    after = dt.date(n + 1, 1, 1)
    return replace(rule, start=max(rule.start, after) if rule.start else after)


def _with_recipient(part: Part) -> Part:
    """The part with the recipient its action names (报区政府办), if it had none."""
    found = part.recipient or recipient(part.action)
    return part if found == part.recipient else replace(part, recipient=found)  # most: no copy


# 2009年3-12月的月报…每月的月后20日前: a rule for the reports of a span of months runs over the months
# after them, bounds the parser does not shift; unknown rather than a rule over the wrong months.
_REPORTED_MONTHS = LazyRegex(
    r"\d{4}\s*年\s*\d{1,2}\s*月?\s*(?:-|—|–|至|到)\s*\d{1,2}\s*月份?\s*的?\s*(?:月报|月度报表|报表)"
)


def _for_reported_months(part: Part) -> Part:
    if part.kind != "recurring" or not _REPORTED_MONTHS.search(normalise(part.text)):
        return part
    return demoted(part, f"报告期为一段月份，{part.describe}的起止月份未读出")


def _exempted(part: Part, item: Item, timed: set[int], year: int) -> Part:
    """The rule without what the exemption names; an exemption of a quarter that the cell's
    clauses, timed quarter by quarter, already leave out is recorded as it stands."""
    if _left_out(item, timed):
        return exempt_already_left_out(part, item.exempt or {})
    return apply_exempt(part, item.exempt or {}, item.period_map or period_map_of(part), year)


def _left_out(item: Item, timed: set[int]) -> bool:
    """一季度…、二季度…、三季度…，四季度免报: the exemption names a quarter no clause timed."""
    exempt = item.exempt or {}
    quarters = set(exempt.get("quarters", ()))
    return bool(timed and quarters and not exempt.get("months") and not quarters & timed)


def _extend(text: str, part: Part, end: int) -> Part:
    span = (part.span[0], max(end, part.span[1]))
    return replace(part, span=span, text=text[span[0] : span[1]])


def _over(text: str, keep: Part, first: Part, last: Part, **changes: Any) -> Part:
    """`keep` read over the text from `first` to `last` (two parts that are one), with `changes`."""
    span = (first.span[0], last.span[1])
    return replace(keep, span=span, text=text[span[0] : span[1]], **changes)


def _rule_over(text: str, prev: Part, cur: Part, **changes: Any) -> Part:
    """The rule `cur` with what `prev` before it says of its time: one part, `prev`'s subject kept."""
    return _over(text, cur, prev, cur, subject=cur.subject or prev.subject, **changes)


def _join_leading(text: str, part: Part, leading: list[Item]) -> Part:
    start = leading[0].span[0]
    words = "，".join(filter(None, (clean(text[i.span[0] : i.span[1]]) for i in leading)))
    subject = "，".join(filter(None, (words, part.subject)))
    span = (start, part.span[1])
    return replace(part, span=span, text=text[span[0] : span[1]], subject=subject or None)


#: The problem of a period or holiday the text does not date (春节前, 汛期, 整改期间): a rule right after it
#: runs inside it (尽快, 近期 bound nothing).
_UNDATED_PERIOD = LazyRegex(
    r"时间含义不明，不作推断：.*(?:期间|春节|元旦|国庆|五一|清明|端午|中秋|节前|节后|年前|年后|汛期|开学|学期)"
)
#: The problem of a span counted from an undated event (到京14日内); a rule right after it runs inside it.
_RELATIVE = "相对期限，起算日不明"
#: The problem of a time given as an estimate (1月24日左右至2月14日期间): a rule right after it has no sure bounds.
_ESTIMATE = "时间为约数"
#: The problem of a time under a year the parser does not read (20xx年7月, 於 100 年 7 月): a rule after it too.
_UNREAD_YEAR = "年份无法识别"
#: A start whose date could not be read (the clause before the rule is unknown): 起 / 开始 … after a time.
_UNREAD_START = LazyRegex(r"[\d日号月年末底旬右]\s*(?:起(?!草)|开始|以来|以后|之后)")
_PERIOD_WORDS = LazyRegex(r"(?:期间|阶段|时段|时期)$")
_UNTIL_EVENT = LazyRegex(r"起\s*(?:至|到)[^,;。\d]{1,20}?(?:结束|为止|止)\s*$")


def _absorb_bounds(text: str, parts: list[Part]) -> None:
    """A bare start (2021年1月1日起) or a bare period (1月24日至2月14日期间, 2021年7月) before a
    recurring part with no bounds of its own becomes its start (and until); a period bounded
    by events (自收到通知之日起至整改完成止) makes the rule unknown."""
    if len(parts) < 2:
        return
    prev, cur = parts[-2], parts[-1]
    if _start_after_rule(prev, cur):
        # 每月通报，2021年1月1日起（执行）: the start closes the rule's sentence and bounds it
        parts[-2:] = [
            _over(text, prev, prev, cur, start=cur.start, describe=f"{cur.describe}{prev.describe}")
        ]
        return
    if _range_across_clauses(prev, cur):
        # 从2011年12月12日开始,至2011年12月底结束: one period, cut by the comma
        describe = f"{cn_date(prev.start)}至{cur.describe}" if prev.start else cur.describe
        parts[-2:] = [_rule_over(text, prev, cur, start=prev.start, describe=describe)]
        return
    # 从5月22日起至各地麦收结束,…每日22:00前报送: a start whose period ends at an undated event is the
    # rule's start (what follows 至 is that event, not an action)
    until_event = prev.kind == "start" and _UNTIL_EVENT.search(normalise(prev.text)) is not None
    # 2024年7月工作期间,每周报送: words that close with a period word (期间, 阶段) name the period, not an action
    period_named = prev.kind == "dated" and _PERIOD_WORDS.search(clean(prev.action or "") or "") is not None
    if (
        prev.kind == "unknown"
        and cur.kind == "recurring"
        and cur.start is None
        and cur.until is None
        and (_UNREAD_START.search(normalise(prev.text)) or (prev.problem or "").startswith(_UNREAD_YEAR))
        and not (prev.problem or "").startswith((EVENT_BOUNDED, _RELATIVE))
    ):
        # 20211月1日起，每月通报; 於 100 年 1 月 1 日起,每月…: a start that cannot be read leaves the rule's first
        # day unknown, so the rule is
        joined = _rule_over(text, prev, cur)
        parts[-2:] = [demoted(joined, f"{prev.problem}；此后{cur.describe}")]
        return
    if (
        (prev.action and not until_event and not period_named)
        or cur.kind != "recurring"
        or cur.start is not None
        or cur.until is not None
    ):
        return
    if _yearly_window(prev) and cur.offset_days is None and _finer_than_yearly(cur):
        # 每年5—9月，每月15日前报送: the rule runs in those months of each year (it ran all year, after a
        # yearly deadline at the window's end that no text sets)
        parts[-2:] = [_in_months(text, prev, cur, _whole_months(prev))]
        return
    if _yearly_window(prev) and _several_months(cur):
        # 每年1—6月，每季度末报送: the quarters' ends inside the window (it ran all year, and a yearly 30 June
        # that no text sets came with it)
        parts[-2:] = [_months_in_window(text, prev, cur)]
        return
    if prev.kind == "unknown" and (
        (prev.problem or "").startswith((EVENT_BOUNDED, _RELATIVE))
        or _UNDATED_PERIOD.match(prev.problem or "")
        or (prev.problem or "").startswith(_ESTIMATE)
    ):
        # 自收到通知之日起至整改完成止，每周报送: the rule runs between two events; 到京14日内,应当每日…: the
        # rule runs for a span counted from an undated event; no date is known
        joined = _rule_over(text, prev, cur)
        parts[-2:] = [demoted(joined, f"{prev.problem}；其间{cur.describe}")]
        return
    start = prev.start
    if prev.kind == "start":
        until, describe = None, f"{prev.describe}{cur.describe}"
    elif prev.kind == "dated" and prev.start is not None and prev.due is not None and _whole_year(prev):
        # 2021年，每季度报送 reads as 2021年每季度: from that year on (2021年至2023年，每年… to its end)
        until = prev.due if prev.start.year != prev.due.year else None
        describe = f"{prev.describe}{cur.describe}"
    elif prev.kind == "dated" and prev.start is not None and prev.due is not None:
        until, describe = prev.due, f"{cn_date(prev.start)}至{cn_date(prev.due)}期间{cur.describe}"
    else:
        joined = _rule_over(text, prev, cur)
        if period_named:  # 7月底前整改期间,每周报送: when the period opens is not said
            parts[-2:] = [demoted(joined, f"期间起止不明：{clean(prev.text)}；其间{cur.describe}")]
        return
    if cur.offset_days is not None and until is not None:
        # 前三季度，每季度结束后10日内报送: the reports on the period's quarters, each due after its quarter's end
        if cur.workday is not None:
            joined = _rule_over(text, prev, cur)
            parts[-2:] = [demoted(joined, f"期间内各期的报送日未推算：{clean(prev.text)}；{cur.describe}")]
            return
        assert start is not None
        start = start + dt.timedelta(days=cur.offset_days)
        until = until + dt.timedelta(days=cur.offset_days)
    parts[-2:] = [_rule_over(text, prev, cur, start=start, until=until, describe=describe)]


def _yearly_window(part: Part) -> bool:
    """Whether `part` is a window of each year (每年5—9月, 每年6月1日至9月20日) and says nothing else."""
    if part.kind != "recurring" or not part.rrule or not part.opens or part.action or "每" not in part.text:
        return False
    due, opens = rec.rule_parts(part.rrule), rec.rule_parts(part.opens)
    return (
        due.get("FREQ") == opens.get("FREQ") == "YEARLY"
        and due.get("BYMONTH", "").isdigit()
        and opens.get("BYMONTH", "").isdigit()
        and "INTERVAL" not in due
    )


def _finer_than_yearly(part: Part) -> bool:
    """每月…, 每周…, 每日…: a rule that runs inside a window of the year (每年3月、6月… are months, not one)."""
    return rec.rule_parts(part.rrule or "").get("FREQ") in ("MONTHLY", "WEEKLY", "DAILY")


def _whole_months(part: Part) -> tuple[int, ...]:
    """The months of a yearly window of whole months (每年5—9月: 5…9; 每年11月至次年2月: 11, 12, 1, 2), or ()."""
    due, opens = rec.rule_parts(part.rrule or ""), rec.rule_parts(part.opens or "")
    if opens.get("BYMONTHDAY") != "1":
        return ()
    first, last = int(opens["BYMONTH"]), int(due["BYMONTH"])
    if due.get("BYMONTHDAY") not in (
        "-1",
        str(calendar.monthrange(2001, last)[1]),
        "29" if last == 2 else "-1",
    ):
        return ()  # 每年6月1日至9月20日: not whole months
    return tuple((first - 1 + i) % 12 + 1 for i in range((last - first) % 12 + 1))


def _several_months(part: Part) -> bool:
    """每季度末, 每半年…: a yearly rule on several months."""
    parts = rec.rule_parts(part.rrule or "")
    return parts.get("FREQ") == "YEARLY" and "," in parts.get("BYMONTH", "") and "INTERVAL" not in parts


def _months_in_window(text: str, window: Part, rule: Part) -> Part:
    """A yearly rule on several months kept to those of a yearly window (每年1—6月，每季度末: 3, 6); unknown
    where it cannot be (a window of part months, none of the months in it, a day counted after a period)."""
    text_rule = rule.rrule or ""
    parts = rec.rule_parts(text_rule)
    window_months = _whole_months(window)
    months = [m for m in map(int, parts["BYMONTH"].split(",")) if m in window_months]
    if not months or rule.offset_days is not None or rule.workday is not None:
        return _unread_in_window(text, window, rule)
    rrule = rec.to_rrule_text(
        text_rule.replace(f"BYMONTH={parts['BYMONTH']}", f"BYMONTH={','.join(map(str, months))}")
    )
    return _rule_over(text, window, rule, rrule=rrule, describe=rec.describe_rule(rrule))


def _unread_in_window(text: str, window: Part, rule: Part) -> Part:
    """The window and its rule as one unknown part: which days of each year the rule falls on is not read."""
    return demoted(_rule_over(text, window, rule), f"{clean(window.text)}期间{rule.describe}，各期日期未推算")


def _in_months(text: str, window: Part, rule: Part, months: tuple[int, ...]) -> Part:
    """`rule` (monthly, weekly or daily) kept to `months` of each year, as 每年5—9月每周五 is read; unknown
    where it cannot be (a window of part months, a working day, months of its own)."""
    parts = rec.rule_parts(rule.rrule or "")
    if not months or "BYMONTH" in parts or rule.workday is not None:
        return _unread_in_window(text, window, rule)
    rrule = rec.to_rrule_text(f"{rule.rrule};BYMONTH={','.join(map(str, sorted(months)))}")
    return _rule_over(text, window, rule, rrule=rrule, describe=rec.describe_rule(rrule))


#: What a start after a rule may say besides its day: that the rule takes effect.
_TAKES_EFFECT = frozenset(
    {"执行", "施行", "实行", "实施", "开始执行", "开始实施", "起执行", "起施行", "起实行", "起实施"}
)


def _start_after_rule(prev: Part, cur: Part) -> bool:
    """A rule with no bounds, then a bare start (2021年1月1日起, …起执行) that says nothing else."""
    return (
        prev.kind == "recurring"
        and prev.start is None
        and prev.until is None
        and cur.kind == "start"
        and cur.start is not None
        and (not cur.action or (clean(cur.action) or "") in _TAKES_EFFECT)
        and not cur.subject
    )


def _range_across_clauses(prev: Part, cur: Part) -> bool:
    """A start (…从12月12日开始) whose next clause opens with 至/到 and a deadline (至12月底结束)."""
    return (
        prev.kind == "start"
        and prev.start is not None
        and cur.kind == "dated"
        and cur.start is None
        and cur.due is not None
        and cur.due >= prev.start
        and cur.text.lstrip().startswith(("至", "到"))
    )


def _whole_year(part: Part) -> bool:
    """2021年，每季度报送: a whole year before a rule is read as in 2021年每季度, its start only."""
    assert part.start is not None and part.due is not None
    return (part.start.month, part.start.day, part.due.month, part.due.day) == (1, 1, 12, 31)


def _take_the_day(parts: list[Part]) -> None:
    """每周报送一篇，于每周四下班前报…: the first rule says how often and leaves the day open
    (assumed Sunday); the second, of the same period, says the day. Both keep their words and
    take the second's day, so no assumed Sunday is ever due."""
    if len(parts) < 2:
        return
    prev, cur = parts[-2], parts[-1]
    if prev.kind != "recurring" or cur.kind != "recurring" or not prev.assumed or cur.assumed:
        return
    if not (prev.rrule and cur.rrule) or _period(prev.rrule) != _period(cur.rrule) or cur.workday:
        return
    parts[-2] = replace(
        prev, rrule=cur.rrule, opens=cur.opens, assumed=False, describe=f"{cur.describe}（同下文）"
    )


def _period(rrule: str) -> str:
    """The period a rule recurs in: W, M, Q, H or Y (for rules of the shapes the parser makes)."""
    parts = rec.rule_parts(rrule)
    freq, months = parts.get("FREQ", ""), [m for m in parts.get("BYMONTH", "").split(",") if m]
    if freq != "YEARLY":
        return freq[:1]
    return {4: "Q", 2: "H"}.get(len(months), "Y")


def _at_time(prev: Part | None, part: Part) -> Part:
    """于下午16时前报送 after 每日15时前…: the same day (or rule), at its own time."""
    if prev is None or prev.kind not in ("dated", "recurring"):
        return replace(part, problem=f"只有时刻，没有日期：{part.time}")
    describe = f"{prev.describe.rsplit(' ', 1)[0] if prev.time else prev.describe} {part.time}前"
    return replace(
        part,
        kind=prev.kind,
        due=prev.due,
        start=prev.start,
        until=prev.until,
        rrule=prev.rrule,
        workday=prev.workday,
        opens=prev.opens,
        offset_days=prev.offset_days,
        assumed=prev.assumed,
        exempt=prev.exempt,
        describe=describe,
    )


def _no_time(text: str, items: list[Item]) -> Part:
    span = (items[0].span[0], items[-1].span[1])
    action = "，".join(filter(None, (clean(text[i.span[0] : i.span[1]]) for i in items)))
    return Part("unknown", text[span[0] : span[1]], span, action=action or None, problem="未写明完成时间")
