"""Recurring deadlines as RFC 5545 RRULE bodies, expanded into dates with dateutil.

A rule here never carries a DTSTART: the occurrences of our rules do not depend on
one (every rule names its months and days), so the same string can be stored in the
register, embedded in an iCalendar file and expanded over any window. The one
exception is INTERVAL>1 (每两年): which years it falls in is anchored on `anchor`.

dateutil is imported inside the functions that need it, so importing this module
(and gpstd.phrases, which builds rules with it) stays cheap.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

_KEYS = ("FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS", "UNTIL")
_FREQS = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_CN_WEEKDAY = dict(zip(_WEEKDAYS, "一二三四五六日"))
_CN_COUNT = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六"}

QUARTER_ENDS = (3, 6, 9, 12)
HALF_ENDS = (6, 12)


# --- building and reading rule strings ------------------------------------------


def make_rule(
    freq: str,
    *,
    interval: int = 1,
    bymonth: tuple[int, ...] = (),
    bymonthday: tuple[int, ...] = (),
    byday: tuple[str, ...] = (),
    bysetpos: tuple[int, ...] = (),
) -> str:
    """An RRULE body with its parts in one canonical order, so equal rules are equal strings."""
    parts = [f"FREQ={freq}"]
    if interval != 1:
        parts.append(f"INTERVAL={interval}")
    for key, values in (
        ("BYMONTH", bymonth),
        ("BYMONTHDAY", bymonthday),
        ("BYDAY", byday),
        ("BYSETPOS", bysetpos),
    ):
        if values:
            parts.append(f"{key}={','.join(map(str, values))}")
    return ";".join(parts)


def rule_parts(rrule: str) -> dict[str, str]:
    """'FREQ=YEARLY;BYMONTH=7' → {'FREQ': 'YEARLY', 'BYMONTH': '7'} (keys upper-cased)."""
    body = rrule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    out: dict[str, str] = {}
    for item in filter(None, body.split(";")):
        key, _, value = item.partition("=")
        out[key.strip().upper()] = value.strip().upper()
    return out


def _ints(value: str | None) -> list[int]:
    return [int(v) for v in value.split(",")] if value else []


def day_of_month_rule(day: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """BYMONTHDAY (and BYSETPOS) for 'day N of every month', N clamped to short months.

    dateutil skips months that lack the day (每月30日 would never fall in February), so
    29 and 30 become 'the last of 28..N' and 31 the month's last day.
    """
    if day >= 31:
        return (-1,), ()
    if day >= 29:
        return tuple(range(28, day + 1)), (-1,)
    return (day,), ()


# --- validation -----------------------------------------------------------------


def validate_rrule(rrule: str) -> str | None:
    """None if gpstd can expand `rrule` deterministically, else what is wrong, in Chinese."""
    if not isinstance(rrule, str) or not rrule.strip():
        return "周期规则为空"
    parts = rule_parts(rrule)
    unknown = [k for k in parts if k not in _KEYS]
    if unknown:
        return f"周期规则含不支持的字段：{'、'.join(unknown)}（不应包含 DTSTART、COUNT 等）"
    freq = parts.get("FREQ")
    if freq not in _FREQS:
        return f"周期规则的 FREQ 应为 {'/'.join(_FREQS)} 之一，实为：{freq or '缺失'}"
    problem = _check_values(parts)
    if problem:
        return problem
    if freq == "YEARLY" and not ("BYMONTH" in parts and ("BYMONTHDAY" in parts or "BYDAY" in parts)):
        return "每年规则须写明 BYMONTH 和 BYMONTHDAY，否则日期取决于起算日"
    if freq == "MONTHLY" and not ("BYMONTHDAY" in parts or "BYDAY" in parts):
        return "每月规则须写明 BYMONTHDAY，否则日期取决于起算日"
    if freq == "WEEKLY" and "BYDAY" not in parts:
        return "每周规则须写明 BYDAY，否则日期取决于起算日"
    try:
        _rrule(rrule, dt.datetime(2000, 1, 1))
    except (ValueError, TypeError, OverflowError) as exc:  # dateutil's English, kept as a hint
        return f"周期规则无法解析：{exc}"
    if not _some_month_has_the_day(parts):
        return (
            f"周期规则永远不会有日期：BYMONTH={parts['BYMONTH']} 的月份都没有 "
            f"BYMONTHDAY={parts['BYMONTHDAY']} 这一天"
        )
    return None


def _some_month_has_the_day(parts: dict[str, str]) -> bool:
    """BYMONTH=2;BYMONTHDAY=30 never fires (dateutil would search until year 9999 to say so).
    Counted in a leap year, so 2月29日 is a rule, if a rare one."""
    months, days = _ints(parts.get("BYMONTH")), _ints(parts.get("BYMONTHDAY"))
    if not months or not days:
        return True
    return any(abs(d) <= calendar.monthrange(2000, m)[1] for m in months for d in days)


def _check_values(parts: dict[str, str]) -> str | None:
    ranges = {"BYMONTH": (1, 12), "BYMONTHDAY": (-31, 31), "BYSETPOS": (-366, 366), "INTERVAL": (1, 1000)}
    for key, (low, high) in ranges.items():
        try:
            values = _ints(parts.get(key))
        except ValueError:
            return f"周期规则 {key} 应为整数：{parts[key]}"
        if any(v < low or v > high or v == 0 for v in values):
            return f"周期规则 {key} 超出范围 {low}…{high}：{parts[key]}"
    days = [d.lstrip("+-0123456789") for d in parts.get("BYDAY", "").split(",") if d]
    if any(d not in _WEEKDAYS for d in days):
        return f"周期规则 BYDAY 应为 MO…SU：{parts['BYDAY']}"
    until = parts.get("UNTIL")
    if until and not re.fullmatch(r"\d{8}(T\d{6}Z?)?", until):
        return f"周期规则 UNTIL 应为 YYYYMMDD：{until}"
    return None


# --- expansion ------------------------------------------------------------------


def _rrule(rrule: str, dtstart: dt.datetime):  # type: ignore[no-untyped-def]
    from dateutil.rrule import rrulestr

    return rrulestr(rrule, dtstart=dtstart, ignoretz=True)


def expand(
    rrule: str,
    window_start: dt.date,
    window_end: dt.date,
    *,
    start: dt.date | None = None,
    until: dt.date | None = None,
    anchor: dt.date | None = None,
    workday: int | None = None,
) -> list[dt.date]:
    """Occurrences of `rrule` in [window_start, window_end] ∩ [start, until], sorted.

    Never raises: a rule that cannot be expanded yields []; ask `validate_rrule` why.
    `anchor` fixes the phase of INTERVAL>1 rules (每两年: which years); it defaults to
    `start`, else `window_start`. With `workday` the rule names months, and each occurrence
    is that month's `workday`-th working day (negative: from the end; see `expand_workdays`).
    """
    low = max(window_start, start) if start else window_start
    high = min(window_end, until) if until else window_end
    if low > high:
        return []
    if "INTERVAL" in rrule.upper():
        key_anchor = anchor or start or window_start
    else:
        key_anchor = None  # the phase does not matter: share one cache entry
    if workday:
        return list(_expand_workdays(rrule, workday, low, high, key_anchor))
    return list(_expand_cached(rrule, low, high, key_anchor))


@functools.lru_cache(maxsize=1024)
def _expand_workdays(
    rrule: str, workday: int, low: dt.date, high: dt.date, anchor: dt.date | None
) -> tuple[dt.date, ...]:
    """每月最后一个工作日: the months the rule names, from low's month on, each to its working day.
    A year the holiday calendar does not cover gives no date (gpstd.schedule.workdays)."""
    from gpstd.schedule.workdays import nth_workday

    months = _expand_cached(rrule, dt.date(low.year, low.month, 1), high, anchor)
    found = (nth_workday(m.year, m.month, workday) for m in months)
    return tuple(sorted({d for d in found if d is not None and low <= d <= high}))


@functools.lru_cache(maxsize=4096)
def _expand_cached(rrule: str, low: dt.date, high: dt.date, anchor: dt.date | None) -> tuple[dt.date, ...]:
    try:
        parts = rule_parts(rrule)
        simple = _month_days(parts, low, high, anchor)
        if simple is not None:
            return simple
        dtstart = _dtstart(parts, low, anchor)
        rule = _rrule(rrule, dtstart)
        found = rule.between(_midnight(low), _midnight(high), inc=True)
    except (ValueError, TypeError, OverflowError):
        return ()
    return tuple(sorted({d.date() for d in found if low <= d.date() <= high}))


def _month_days(
    parts: dict[str, str], low: dt.date, high: dt.date, anchor: dt.date | None
) -> tuple[dt.date, ...] | None:
    """The dates of a rule made only of months and days of the month (每月5日, 每季度末, 每年7月),
    the shape of nearly every rule, counted directly: dateutil's general iterator takes ~30 µs a
    date. None for any other shape (weekdays, set positions), which dateutil expands."""
    freq = parts.get("FREQ")
    if (
        freq not in ("YEARLY", "MONTHLY")
        or not parts.get("BYMONTHDAY")
        or set(parts)
        - {
            "FREQ",
            "INTERVAL",
            "BYMONTH",
            "BYMONTHDAY",
        }
    ):
        return None
    interval = int(parts.get("INTERVAL") or 1)
    days = _ints(parts["BYMONTHDAY"])
    months = _ints(parts.get("BYMONTH")) or list(range(1, 13))
    if interval < 1 or not all(1 <= m <= 12 for m in months) or not all(1 <= abs(d) <= 31 for d in days):
        return None
    phase = anchor or dt.date(low.year, 1, 1)  # as `_dtstart` places dateutil's start
    found = set()
    for year in range(low.year, high.year + 1):
        if freq == "YEARLY" and (year - phase.year) % interval:
            continue
        for month in months:
            if freq == "MONTHLY" and ((year - phase.year) * 12 + month - phase.month) % interval:
                continue
            last = calendar.monthrange(year, month)[1]
            for day in days:
                n = day if day > 0 else last + 1 + day
                if 1 <= n <= last:  # RFC 5545: a day the month does not have is skipped
                    found.add(dt.date(year, month, n))
    return tuple(sorted(d for d in found if low <= d <= high))


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def _dtstart(parts: dict[str, str], low: dt.date, anchor: dt.date | None) -> dt.datetime:
    """1 January of `low`'s year, or for INTERVAL>1 the anchor's period moved back to ≤ low."""
    interval = int(parts.get("INTERVAL", "1") or 1)
    freq = parts.get("FREQ")
    if interval == 1 or anchor is None:
        return dt.datetime(low.year, 1, 1)
    if freq == "YEARLY":
        year = anchor.year - ((anchor.year - low.year) // interval + 1) * interval
        return dt.datetime(max(year, 1), 1, 1)
    if freq == "MONTHLY":
        months = anchor.year * 12 + anchor.month - 1
        target = low.year * 12 + low.month - 1
        months -= ((months - target) // interval + 1) * interval
        return dt.datetime(months // 12, months % 12 + 1, 1)
    step = dt.timedelta(days=7 * interval if freq == "WEEKLY" else interval)
    first = anchor - dt.timedelta(days=anchor.weekday() if freq == "WEEKLY" else 0)
    first -= step * ((first - low).days // step.days + 1)
    return _midnight(first)


def cache_clear() -> None:
    _expand_cached.cache_clear()
    _expand_workdays.cache_clear()


def to_rrule_text(rrule: str, *, until: dt.date | None = None) -> str:
    """The RRULE body in canonical form, with UNTIL=YYYYMMDD when given (icalendar's vRecur
    reads this with `vRecur.from_ical`); never a DTSTART."""
    parts = rule_parts(rrule)
    if until is not None:
        parts["UNTIL"] = until.strftime("%Y%m%d")
    ordered = [k for k in _KEYS if k in parts] + [k for k in parts if k not in _KEYS]
    return ";".join(f"{k}={parts[k]}" for k in ordered)


# --- the rule in Chinese words --------------------------------------------------


def describe_rule(rrule: str) -> str:
    """'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1' → '每年7月31日'. Best effort: falls back to the rule."""
    try:
        return _describe(rule_parts(rrule))
    except (ValueError, KeyError, IndexError):
        return rrule


def _describe(parts: dict[str, str]) -> str:
    freq = parts["FREQ"]
    interval = int(parts.get("INTERVAL", "1"))
    months, days = _ints(parts.get("BYMONTH")), _ints(parts.get("BYMONTHDAY"))
    setpos = _ints(parts.get("BYSETPOS"))
    every = {"YEARLY": "年", "MONTHLY": "月", "WEEKLY": "周", "DAILY": "日"}[freq]
    count = (
        "" if interval == 1 else _CN_COUNT.get(interval, str(interval)) + ("个" if freq == "MONTHLY" else "")
    )
    head = f"每{count}{every}"
    weekdays = [_CN_WEEKDAY.get(d[-2:], d) for d in parts.get("BYDAY", "").split(",") if d]
    if freq == "WEEKLY":
        return head + "、".join(weekdays)
    if freq == "DAILY":
        return head
    if weekdays and not days:  # 每月第二个周五, 每月最后一个周五, 每年5月第二个星期日
        which = _nth_weekday(parts["BYDAY"], setpos) + "、".join(weekdays)
        return head + "、".join(f"{m}月" for m in months) + which
    day_text = _day_text(days, setpos)
    if freq == "MONTHLY" and not months:
        return head + day_text
    if freq == "YEARLY" and interval == 1 and days == [-1] and tuple(months) == QUARTER_ENDS:
        return "每季度末（3月31日、6月30日、9月30日、12月31日）"
    if freq == "YEARLY" and interval == 1 and days == [-1] and tuple(months) == HALF_ENDS:
        return "每半年末（6月30日、12月31日）"
    if len(months) == 1 and len(days) == 1 and not setpos:
        return f"{head}{_month_day(months[0], days[0])}"
    head = "每年" if freq == "MONTHLY" and interval == 1 else head
    return f"{head}{'、'.join(f'{m}月' for m in months)}{day_text}"


def _nth_weekday(byday: str, setpos: list[int]) -> str:
    """Which of the month's weekdays: BYSETPOS, or the number before the day (2FR)."""
    digits = byday.split(",")[0][:-2]
    nth = setpos[0] if setpos else int(digits) if digits.lstrip("+-") else 0
    if nth == -1:
        return "最后一个星期"
    if nth < 0:
        return f"倒数第{-nth}个星期"
    return f"第{nth}个星期" if nth else "每个星期"


def _month_day(month: int, day: int) -> str:
    if day == -1 and month != 2:
        day = calendar.monthrange(2021, month)[1]
    return f"{month}月末" if day < 0 else f"{month}月{day}日"


def _day_text(days: list[int], setpos: list[int]) -> str:
    if setpos and days:
        return f"{max(days)}日（小月为月末）"
    if days == [-1]:
        return "末"
    return "、".join(f"{d}日" if d > 0 else f"倒数第{-d}日" for d in days)
