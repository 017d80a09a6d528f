"""What the phrase parser's tokens are: their kinds, and the numeral patterns the recognisers share.

The first stage of the pipeline; every later one reads `Tok` and `Token` from here. Nothing
here compiles a regular expression on import (`LazyRegex`).
"""

from __future__ import annotations

from enum import Enum
from typing import Any, NamedTuple


class Tok(Enum):
    """What a token is. Every table keyed by token kind covers all of them (tests/phrases)."""

    VAGUE = "vague"  # 春节前, 年初, 今晚, 第二周: names no day; the clause is unknown
    OFFSET = "offset"  # 季度结束后15日内, 次月5日前, 月后5个工作日
    WORKDAY = "workday"  # 每月最后一个工作日, 每月第3个工作日, 春节后第1个工作日
    EXEMPT = "exempt"  # 四季度免报
    ISO = "iso"
    YM = "ym"
    MONTH = "month"
    EVERY = "every"  # 每季度, 逐月, 按月公开, 一个月…一次
    SINCE = "since"  # 此后: from the date of the clause before
    ONGOING = "ongoing"
    IRREGULAR = "irregular"
    YEAR = "year"
    YEAREND = "yearend"
    HALF = "half"
    BAD = "bad"  # 第五季度, 十三月, 625日 (月 lost): a time that cannot be
    QUARTER = "quarter"
    XUN = "xun"
    RELDUR = "reldur"  # 20个工作日内, 一月内: a span counted from a day the clause may name
    EVENTS = "events"  # 自收到通知之日起至整改完成止: a period that starts and ends with events
    DAY = "day"
    TIME = "time"
    DIRP = "dirp"
    DIR = "dir"
    RANGE = "range"

    # Members are singletons, so identity hashes as equality compares; Enum's own hash goes
    # through a Python call, and a city's check hashes kinds some 170,000 times.
    __hash__ = object.__hash__


class Token(NamedTuple):
    kind: Tok
    start: int
    end: int
    value: Any


#: A reader returns SKIP when its match is not a token after all (十二月 to the impossible-month
#: recogniser): the text is left for the recognisers after it.
SKIP: Any = object()

CN_DIGITS = "〇零一二三四五六七八九"
NUMERAL = "0-9" + CN_DIGITS + "十两廿卅"
YEAR_N = rf"(?:\d{{4}}|[{CN_DIGITS}]{{4}})"
MONTH_N = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])"
DAY_N = r"(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])"
COUNT_N = rf"(?:\d{{1,3}}|[{NUMERAL}]{{1,4}})"
ANY_N = (
    rf"(?:\d+|[{CN_DIGITS}十两廿卅百]+)"  # any numeral, so that 十三月 and 100月 are read (and refused) whole
)
QUARTER_N = r"第?[一二三四1-4]"
# At most four quarters: an unbounded list would make every recogniser using it quadratic.
QUARTER_LIST = rf"{QUARTER_N}(?:\s*[、,和及至到-]\s*{QUARTER_N}){{0,3}}"
NOT_AFTER_NUMERAL = rf"(?<![{NUMERAL}几多半上下每])"

# --- what the words mean -------------------------------------------------------------

REL_YEAR = {
    "当年": "ctx",
    "同年": "ctx",
    "本年": "base",
    "今年": "base",
    "次年": "next",
    "翌年": "next",
    "第二年": "next",
    "下一年": "next",
    "下年": "next",
    "明年": "base+1",
    "上年": "prev",
    "上一年": "prev",
    "前一年": "prev",
    "去年": "base-1",
}
EVERY_UNIT = {
    "年度": "Y",
    "年": "Y",
    "半年度": "H",
    "半年": "H",
    "季度": "Q",
    "季": "Q",
    "月度": "M",
    "月份": "M",
    "月": "M",
    "周": "W",
    "星期": "W",
    "礼拜": "W",
    "日": "D",
    "天": "D",
}
PERIOD = {
    "季度": "Q",
    "季": "Q",
    "月度": "M",
    "月份": "M",
    "月": "M",
    "半年度": "H",
    "半年": "H",
    "年度": "Y",
    "年": "Y",
}
WEEKDAY = dict(
    zip(
        "一二三四五六日天1234567",
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU", "SU", "MO", "TU", "WE", "TH", "FR", "SA", "SU"],
    )
)
HOLIDAY = {
    "春节": "Spring Festival",
    "元旦": "New Year's Day",
    "清明": "Tomb-sweeping Day",
    "劳动": "Labour Day",
    "五一": "Labour Day",
    "端午": "Dragon Boat Festival",
    "中秋": "Mid-autumn Festival",
    "国庆": "National Day",
}


#: tokens that name a time, as opposed to connectors and direction words
POINT = frozenset(
    {Tok.ISO, Tok.YM, Tok.YEAR, Tok.YEAREND, Tok.HALF, Tok.QUARTER, Tok.MONTH, Tok.DAY, Tok.XUN}
)
CORE = POINT | {Tok.OFFSET, Tok.EVERY, Tok.WORKDAY}


#: The year a dropped 20xx年 or ROC year (100 年) leaves to the dates after it: none that can be read.
UNREAD_YEAR = 0


#: First and last day of each 旬 a Point's `xun` names: 1 上旬, 2 中旬, 3 下旬, and two at once, 4 上中旬
#: (1st to 20th) and 5 中下旬 (11th to the month's end); -1 is the month's last day.
XUN_FIRST = {1: 1, 2: 11, 3: 21, 4: 1, 5: 11}
XUN_LAST = {1: 10, 2: 20, 3: -1, 4: 20, 5: -1}
