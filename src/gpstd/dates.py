"""Dates typed on the command line, and what "today" is (Asia/Shanghai unless told).

People type dates as they say them: 2020-12-31, 2020年12月31日, 12月31日 (this year), 2020-12
(a month), 今天, 明天, 下周, 本月底, +7d, 3天后, and Taskwarrior's today, eom, eow. Words are read
from `today` (the --today of the run, so `--today 2020-11-15 --before 月底` means 2020-11-30). A
period (a month, a week, a year) is its first day where a window starts (--after, --from) and
its last day where it ends (--before, --to); a single day is asked for anywhere else. The grammar
is in docs/cli.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from gpstd.days import add_months, month_end
from gpstd.errors import BadWindow, GpstdError
from gpstd.patterns import LazyRegex

# Dates typed on the command line are bounded: windows, horizons and "yesterday" are computed
# from them, and a year such as 9999 or 0001 would overflow datetime.date in that arithmetic.
MIN_YEAR, MAX_YEAR = 1900, 2999

Role = Literal["day", "start", "end"]
"""What the option wants: one day, or where a window starts or ends (a period's first or last day)."""

ACCEPTED = "2020-12-31、2020年12月31日、12月31日、2020-12（一个月）、今天、明天、下周、本月底、+7d、3天后、today、eom"

_DAY_WORDS = {
    "今天": 0, "今日": 0, "today": 0, "明天": 1, "明日": 1, "tomorrow": 1, "后天": 2,
    "昨天": -1, "昨日": -1, "yesterday": -1, "前天": -2,
}  # fmt: skip
_UNIT_DAYS = {"d": 1, "天": 1, "日": 1, "w": 7, "周": 7, "星期": 7, "个星期": 7}
_RELATIVE = LazyRegex(r"([+-])(\d{1,4})([dwmy])")  # +7d, -2w, +1m, +1y
_SPOKEN = LazyRegex(r"(\d{1,4}|[一二两三四五六七八九十]{1,3})(个?月|年|周|个?星期|天|日)([后前])")
_MONTH = LazyRegex(r"(\d{4})(?:-|/|\.|年)(\d{1,2})月?")
_WEEKDAY = LazyRegex(r"(上|下|这|本)?(?:周|星期|礼拜)([一二三四五六日天])")
_WEEKDAYS = "一二三四五六日"
_PERIODS = {
    # word: (kind, offset) — kind m/w/y; an end word (月底) is that period's last day in any role
    "本月": ("m", 0), "这个月": ("m", 0), "下月": ("m", 1), "下个月": ("m", 1), "上月": ("m", -1),
    "上个月": ("m", -1), "本周": ("w", 0), "这周": ("w", 0), "下周": ("w", 1), "上周": ("w", -1),
    "今年": ("y", 0), "明年": ("y", 1), "去年": ("y", -1),
}  # fmt: skip
_ENDS = {
    "月底": ("m", 0), "本月底": ("m", 0), "本月末": ("m", 0), "月末": ("m", 0), "eom": ("m", 0),
    "下月底": ("m", 1), "下月末": ("m", 1), "上月底": ("m", -1), "周末": ("w", 0), "本周末": ("w", 0),
    "eow": ("w", 0), "年底": ("y", 0), "年末": ("y", 0), "eoy": ("y", 0),
}  # fmt: skip
_STARTS = {
    "月初": ("m", 0),
    "本月初": ("m", 0),
    "som": ("m", 0),
    "sow": ("w", 0),
    "年初": ("y", 0),
    "soy": ("y", 0),
}


def parse_option(text: str, option: str, today: dt.date | None = None, role: Role = "day") -> dt.date:
    """A date option as people type it (see the module's doc); GpstdError (exit 1) naming the
    option and what is accepted if it is none."""
    if not text.strip():  # an unset shell variable, most likely: never "no date"
        raise GpstdError(f"{option} 为空：应写一个日期，如 2020-12-31")
    base = today or now()
    value = _iso_date(text.strip()) or _typed(text.strip().lower(), base, role)
    if value is None:
        from gpstd.phrases import parse_date  # the phrase parser costs ~30 ms to import

        value = parse_date(text.strip(), base=base)
    if value is None and role == "day" and _typed(text.strip().lower(), base, "start") is not None:
        raise GpstdError(f"{option} 要写某一天：「{text}」是一段时间（可写 {ACCEPTED}）")
    if value is None:
        raise GpstdError(f"{option} 的日期无效：「{text}」（可写 {ACCEPTED}）")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise GpstdError(f"{option} 的日期超出范围：「{text}」（年份须在 {MIN_YEAR} 至 {MAX_YEAR} 之间）")
    return value


def _iso_date(text: str) -> dt.date | None:
    """YYYY-MM-DD exactly (what scripts type), without importing the phrase parser."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.replace("-", "").isdigit():
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None  # 2020-13-45: let parse_date decide what to say


def _typed(text: str, today: dt.date, role: Role) -> dt.date | None:
    """Words, offsets, weekdays and months; None for anything else (a full date)."""
    text = text.replace(" ", "")
    if text in _DAY_WORDS:
        return today + dt.timedelta(days=_DAY_WORDS[text])
    if text in _ENDS:
        return _period(today, *_ENDS[text], "end")
    if text in _STARTS:
        return _period(today, *_STARTS[text], "start")
    if text in _PERIODS:
        return _period(today, *_PERIODS[text], role)
    for parse in (_relative, _spoken, _weekday):
        found = parse(text, today)
        if found is not None:
            return found
    m = _MONTH.fullmatch(text)
    if m and 1 <= int(m[2]) <= 12 and MIN_YEAR <= int(m[1]) <= MAX_YEAR:
        return _period(dt.date(int(m[1]), int(m[2]), 1), "m", 0, role)
    return None


def _period(today: dt.date, kind: str, offset: int, role: Role) -> dt.date | None:
    """The first or last day of the month, week (Monday to Sunday) or year `offset` from today's;
    a period where one day is wanted: None (ambiguous, so refused)."""
    if role == "day":
        return None
    if kind == "m":
        first = add_months(today.replace(day=1), offset)
        return first if role == "start" else month_end(first.year, first.month)
    if kind == "w":
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=offset)
        return monday if role == "start" else monday + dt.timedelta(days=6)
    year = today.year + offset
    return dt.date(year, 1, 1) if role == "start" else dt.date(year, 12, 31)


def _relative(text: str, today: dt.date) -> dt.date | None:
    m = _RELATIVE.fullmatch(text)
    if not m:
        return None
    n = int(m[2]) * (1 if m[1] == "+" else -1)
    return _moved(today, n, m[3])


def _spoken(text: str, today: dt.date) -> dt.date | None:
    """3天后, 两周后, 1个月后, 十天前."""
    m = _SPOKEN.fullmatch(text)
    if not m:
        return None
    from gpstd.numerals import to_int

    n = int(m[1]) if m[1].isdigit() else to_int(m[1])
    if n is None:
        return None
    unit = {"个月": "m", "月": "m", "年": "y"}.get(m[2], "w" if _UNIT_DAYS.get(m[2]) == 7 else "d")
    return _moved(today, n if m[3] == "后" else -n, unit)


def _moved(today: dt.date, n: int, unit: str) -> dt.date | None:
    try:
        if unit in "dw":
            return today + dt.timedelta(days=n * (7 if unit == "w" else 1))
        first = add_months(today, n * (12 if unit == "y" else 1))
        # 31 January + 1 month: the last day of February
        return first.replace(day=min(today.day, month_end(first.year, first.month).day))
    except (OverflowError, ValueError):
        return None


def _weekday(text: str, today: dt.date) -> dt.date | None:
    """周五 (this week's), 下周一, 上周五; 星期日 and 礼拜天 too."""
    m = _WEEKDAY.fullmatch(text)
    if not m:
        return None
    day = _WEEKDAYS.index("日" if m[2] == "天" else m[2])
    weeks = {"上": -1, "下": 1}.get(m[1] or "", 0)
    return today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=weeks, days=day)


def optional(
    text: str | None, option: str, today: dt.date | None = None, role: Role = "day"
) -> dt.date | None:
    return None if text is None else parse_option(text, option, today, role)


def window(
    start: str | None,
    end: str | None,
    options: tuple[str, str] = ("--from", "--to"),
    today: dt.date | None = None,
) -> tuple[dt.date | None, dt.date | None]:
    """Two date options bounding a window (--from/--to, or --after/--before), checked; a month
    or a week typed for either bound covers the whole of it."""
    first = optional(start, options[0], today, "start")
    last = optional(end, options[1], today, "end")
    return check_window(first, last, options)


def check_window(
    first: dt.date | None, last: dt.date | None, options: tuple[str, str] = ("--after", "--before")
) -> tuple[dt.date | None, dt.date | None]:
    """The window unchanged; BadWindow (exit 1) if it ends before it starts. The one check
    every command and library entry point makes."""
    if first and last and first > last:
        raise BadWindow(f"{options[0]} {first} 晚于 {options[1]} {last}：窗口起点不能晚于终点")
    return first, last


def today(text: str | None) -> dt.date:
    """--today / $GPSTD_TODAY if given (an empty one is an error), else the date now in
    Asia/Shanghai."""
    if text is not None:
        return parse_option(text, "--today")
    return now()


def now() -> dt.date:
    """Today's date in China."""
    return dt.datetime.now(_CHINA).date()


# China Standard Time has been UTC+8 all year since 1991 (no daylight saving): a fixed
# offset gives the same date as zoneinfo's Asia/Shanghai without reading tzdata (~5 ms).
_CHINA = dt.timezone(dt.timedelta(hours=8), "CST")
