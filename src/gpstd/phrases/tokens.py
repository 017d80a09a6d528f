"""The ordered table of recognisers that turns a (normalised) deadline cell into tokens.

Each recogniser is a regular expression and a function that reads its match into a
value. They run in table order over the whole cell; a match that overlaps a token an
earlier recogniser already took is dropped, so specific forms (季度结束后15日内) must
come before the general ones they contain (季度, 15日). The table, like every other
regex of the phrase parser (`LazyRegex`), is compiled on first use, not on import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from enum import Enum
from typing import Any, NamedTuple

from gpstd.numerals import to_int


class LazyRegex:
    """A regex compiled on first use, to keep `import gpstd.phrases` under a few ms."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return getattr(self._compiled, name)


_CN = "〇零一二三四五六七八九"
_NUMERAL = "0-9" + _CN + "十两廿卅"
YEAR_N = rf"(?:\d{{4}}|[{_CN}]{{4}})"
MONTH_N = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])"
DAY_N = r"(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])"
COUNT_N = rf"(?:\d{{1,3}}|[{_NUMERAL}]{{1,4}})"
QUARTER_N = r"第?[一二三四1-4]"
QUARTER_LIST = rf"{QUARTER_N}(?:\s*[、,和及至到-]\s*{QUARTER_N})*"
_NOT_AFTER_NUMERAL = rf"(?<![{_NUMERAL}几多半上下每])"


class Tok(Enum):
    """What a token is. Every table keyed by token kind covers all of them (tests/phrases)."""

    VAGUE = "vague"
    OFFSET = "offset"
    EXEMPT = "exempt"
    ISO = "iso"
    YM = "ym"
    MONTH = "month"
    EVERY = "every"
    ONGOING = "ongoing"
    IRREGULAR = "irregular"
    YEAR = "year"
    YEAREND = "yearend"
    HALF = "half"
    BAD = "bad"
    QUARTER = "quarter"
    XUN = "xun"
    RELDUR = "reldur"
    DAY = "day"
    TIME = "time"
    DIRP = "dirp"
    DIR = "dir"
    RANGE = "range"


class Token(NamedTuple):
    kind: Tok
    start: int
    end: int
    value: Any


def _quarters(text: str) -> tuple[int, ...]:
    """'一、二、三' → (1, 2, 3); '1-3' and '一至三' are ranges."""
    nums = [to_int(n) or 0 for n in re.findall(r"[一二三四1-4]", text)]
    if len(nums) == 2 and re.search(r"[至到-]", text):
        nums = list(range(nums[0], nums[1] + 1))
    return tuple(sorted({n for n in nums if 1 <= n <= 4}))


def _months(text: str) -> tuple[int, ...]:
    found = (to_int(m) for m in re.findall(MONTH_N + r"(?=\s*月)", text))
    return tuple(sorted({m for m in found if m}))


_REL_YEAR = {
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
_EVERY_UNIT = {
    "年度": "Y",
    "年": "Y",
    "半年度": "H",
    "半年": "H",
    "季度": "Q",
    "季": "Q",
    "月份": "M",
    "月": "M",
    "周": "W",
    "星期": "W",
    "礼拜": "W",
    "日": "D",
    "天": "D",
}
_PERIOD = {
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
_WEEKDAY = dict(
    zip(
        "一二三四五六日天1234567",
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU", "SU", "MO", "TU", "WE", "TH", "FR", "SA", "SU"],
    )
)


def _offset(m: re.Match[str]) -> dict[str, Any]:
    return {
        "per": _PERIOD[m["per"]],
        "n": to_int(m["n"]),
        "workday": m["unit"] == "工作日",
        "quarters": _quarters(m["q"]) if m["q"] else (),
        "next_day": False,
        "every": m.group(0).startswith("每"),
    }


def _next_month_day(m: re.Match[str]) -> dict[str, Any]:
    # 次月5日前: the 5th of the month after the period (each one only after a 每, or after
    # a recurring clause; after a dated clause, the month after its date: phrase_rules);
    # 每季度次月10日前 / 每季度首月10日前: of each quarter's next / first month
    per = "Q" if m["q"] or "季" in (m["pre"] or "") else "M"
    return {
        "per": per,
        "n": to_int(m["n"]),
        "workday": False,
        "quarters": (),
        "next_day": True,
        "every": bool(m["pre"] or m["q"]),
    }


def _every(m: re.Match[str]) -> dict[str, Any]:
    count = to_int(m["n"]) if m["n"] else 1
    return {
        "unit": _EVERY_UNIT[m["u"]],
        "interval": count if count is not None else 0,
        "weekday": _WEEKDAY.get(m["wd"] or ""),
        "end": bool(m["end"]),
    }


def _year(m: re.Match[str]) -> dict[str, Any]:
    return {
        "year": to_int(m["y"]) if m["y"] else None,
        "rel": _REL_YEAR.get(m["rel"] or ""),
        "end": bool(m["suf"]),
    }


def _month(m: re.Match[str]) -> dict[str, Any]:
    rel = {"本": "base", "当": "base", "下": "next", "下个": "next", "次": "next"}.get(m["rel"] or "")
    if m.groupdict().get("bare") is not None:
        rel = "ctx"
    number = m["m"] or m["mc"]
    return {
        "month": to_int(number) if number else None,
        "rel": rel,
        "end": m["suf"] in ("底", "末"),
        "within": m["suf"] == "内",
    }


def _quarter(m: re.Match[str]) -> dict[str, Any]:
    if m["rel"]:
        return {"quarters": (), "rel": m["rel"], "end": bool(m["end"])}
    if m["first"]:  # 前三季度: the first three quarters
        quarters = tuple(range(1, (to_int(m["first"]) or 0) + 1))
    else:
        quarters = (int(m["qq"]),) if m["qq"] else _quarters(m["q"])
    return {"quarters": quarters, "rel": None, "end": bool(m["end"])}


def _iso(m: re.Match[str]) -> dict[str, Any]:
    return {
        "year": int(m["y"]),
        "month": int(m["m"]),
        "day": int(m["d"]) if "d" in m.groupdict() and m["d"] else None,
    }


def _exempt(m: re.Match[str]) -> dict[str, Any]:
    what = m["what"]
    if "季" in what:
        return {"quarters": _quarters(what), "months": (), "text": what}
    return {"quarters": (), "months": _months(what), "text": what}


def _time(m: re.Match[str]) -> str:
    minute = to_int(m["mi"]) if m["mi"] else (30 if m.group(0).endswith("半") else 0)
    hour = to_int(m["h"][:-1]) or 0
    if m["ap"] in ("下午", "晚上") and hour < 12:
        hour += 12
    return f"{hour:02d}:{minute or 0:02d}"


def _direction(m: re.Match[str]) -> str:
    return next(k for k in ("due", "within", "start") if m[k])


def _reldur(m: re.Match[str]) -> str:
    return m.group(0)


_EXEMPT_WORDS = r"(?:免报|不报|免于报送|无需报送|不需报送|不再报送|不用报送|不再单独报送|不单独报送)"
_MONTH_ITEM = rf"{MONTH_N}\s*月份?"

_SPEC: list[tuple[Tok, str, Callable[[re.Match[str]], Any]]] = [
    # 2021年前 / 2021年以前: 'before 2021' or 'by the end of 2021'? Deliberately unknown.
    (Tok.VAGUE, (rf"{YEAR_N}\s*年(?:以|之)?前"), _reldur),
    (
        Tok.OFFSET,
        (
            rf"{_NOT_AFTER_NUMERAL}(?:每个?)?(?:(?P<q>{QUARTER_LIST})\s*(?:个)?季度?)?\s*"
            r"(?P<per>季度|季|月度|月份|月|半年度|半年|年度|年)\s*(?:度)?(?:结束|终了|末)?\s*"
            rf"(?:以后|之后|后)\s*(?P<n>{COUNT_N})\s*(?:个)?(?P<unit>工作日|日|天)"
            r"(?:以内|之内|内|以前|之前|前)?"
        ),
        _offset,
    ),
    (
        Tok.OFFSET,
        (
            rf"(?P<pre>每个?月的?|每个?季度?的?)?(?:(?P<nm>次月|下月|下个月)|(?P<q>(?:次季度?|每季度?)?(?:首月|第一个月)))"
            rf"\s*(?P<n>{DAY_N})\s*[日号](?:以前|之前|前)?"
        ),
        _next_month_day,
    ),
    (
        Tok.EXEMPT,
        (
            rf"(?P<what>{QUARTER_LIST}\s*(?:个)?季度?|{_MONTH_ITEM}(?:\s*[、,和及]\s*{_MONTH_ITEM})*)"
            rf"\s*(?:的)?(?:报告|情况|报表|数据)?\s*{_EXEMPT_WORDS}"
        ),
        _exempt,
    ),
    (
        Tok.ISO,
        (r"(?<![\d.])(?P<y>\d{4})\s*(?P<s>[-/.])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<d>\d{1,2})(?![\d])"),
        _iso,
    ),
    (Tok.YM, (r"(?<![\d.])(?P<y>\d{4})\s*(?P<s>[./-])\s*(?P<m>\d{1,2})(?!\d|\s*(?P=s)\s*\d|\s*月)"), _iso),
    # 2020.9-12: the 12 is a month only right after a dotted year.month and a dash
    (
        Tok.MONTH,
        (r"(?:(?<=\d{4}[./]\d-)|(?<=\d{4}[./]\d\d-))(?P<m>\d{1,2})(?![\d./])(?P<mc>)(?P<rel>)(?P<suf>)"),
        _month,
    ),
    (
        Tok.EVERY,
        (
            r"每(?:个)?(?P<n>两|二|三|四|\d+)?(?:个)?(?P<u>周|星期|礼拜)"
            r"(?P<wd>[一二三四五六日天1-7](?![次个周天期十]))?(?P<end>)"
        ),
        _every,
    ),
    (
        Tok.EVERY,
        (
            r"每(?:一)?(?:个)?(?P<n>两|二|三|四|五|\d+)?(?:个)?"
            r"(?P<u>年度|年|半年度|半年|季度|季|月份|月|日|天)(?P<wd>)(?P<end>末|底|终)?"
        ),
        _every,
    ),
    (
        Tok.ONGOING,
        (
            r"长期(?:坚持|开展|推进)?|持续(?:推进|开展|实施|做好|落实|进行|加强|深化|优化|更新)?|常态化|常年|经常性|日常"
        ),
        _reldur,
    ),
    (
        Tok.IRREGULAR,
        (r"不定期|适时|根据(?:工作)?需要|按需|视情况?|即时|及时|实时|随时|动态(?:更新|调整)?|第一时间"),
        _reldur,
    ),
    (
        Tok.YEAR,
        (
            rf"(?:(?P<y>{YEAR_N})\s*年|(?P<rel>{'|'.join(sorted(_REL_YEAR, key=len, reverse=True))}))"
            r"(?:度)?(?:(?P<suf>底|末|终|内)|(?!初|中|前|以前|之前))"
        ),
        _year,
    ),
    (Tok.YEAREND, (rf"{_NOT_AFTER_NUMERAL}年(?:度)?(?P<suf>底|末|终|内)"), lambda m: None),
    (Tok.HALF, (r"(?P<h>上|下)半年(?:度)?"), lambda m: 1 if m["h"] == "上" else 2),
    (
        Tok.BAD,
        (rf"第\s*[五六七八九〇零05-9]\s*个?季度?|(?<![{_NUMERAL}])[五六七八九5-9]\s*个?季度"),
        lambda m: "季度不存在",
    ),
    (
        Tok.QUARTER,
        (
            rf"(?:(?<![日号月年底末内])前(?P<first>[一二两三1-3])\s*个?季度|(?P<q>{QUARTER_LIST})\s*(?:个)?季度?"
            r"|(?P<rel>本|当|下个?|次)季度?|Q(?P<qq>[1-4]))(?P<end>末|底|度末|结束|终)?"
        ),
        _quarter,
    ),
    (
        Tok.MONTH,
        (
            rf"(?:(?<!\d)(?P<m>\d{{1,2}})|(?<![{_NUMERAL}])(?P<mc>十[一二]?|[一二三四五六七八九])"
            rf"|(?P<rel>本|当|下个|下|次)|(?<![\d{_NUMERAL}上个每前后])(?P<bare>)(?=月[底末]))\s*月(?:份)?"
            r"(?P<suf>底|末|内)?(?!初|中(?!旬))"
        ),
        _month,
    ),
    (Tok.XUN, (r"(?P<x>上|中|下)旬"), lambda m: "上中下".index(m["x"]) + 1),
    (
        Tok.RELDUR,
        (rf"(?<![月\d{_NUMERAL}])(?:{COUNT_N})\s*(?:个)?(?:工作日|日|天|周|星期|个月|年)(?:以内|之内|内)"),
        _reldur,
    ),
    (
        Tok.DAY,
        (rf"(?:(?<!\d)(?P<d>\d{{1,2}})|(?<![{_NUMERAL}])(?P<dc>{DAY_N}))\s*[日号](?!常|期(?!间)|程)"),
        lambda m: to_int(m["d"] or m["dc"]),
    ),
    (
        Tok.TIME,
        (
            rf"(?P<ap>上午|中午|下午|晚上)?(?<![\d{_NUMERAL}])(?:(?P<h>\d{{1,2}}\s*[时点]|(?:[一二]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*时)"
            r"(?:\s*(?P<mi>\d{1,2})\s*分|半|整)?(?![间候期段钟])"
            r"|(?P<h2>\d{1,2})\s*:\s*(?P<mi2>\d{2}))"
        ),
        lambda m: _time(m) if m["h"] else f"{int(m['h2']):02d}:{m['mi2']}",
    ),  # 下午5时 is 17:00
    (
        Tok.VAGUE,
        (
            r"春节|元旦|国庆|五一|清明|端午|中秋|节前|节后|(?<![\d年])年前|年后|年中|年初|月中(?!旬)|月初"
            r"|近期|尽快|尽早|限期|另行通知|择期|届满|换届|汛期|开学|学期"
        ),
        _reldur,
    ),
    (Tok.DIRP, (r"截止(?:到|至|于)?|截至|不晚于|最迟(?:于|在)?|最晚(?:于|在)?"), lambda m: "due"),
    (Tok.DIRP, (r"自|从"), lambda m: "start"),
    (
        Tok.DIR,
        (
            r"(?P<due>以前|之前|前|为止|止)|(?P<within>以内|之内|内|期间)|(?P<start>起(?!草)|开始|以后|之后|以来|后|始)"
        ),
        _direction,
    ),
    (Tok.RANGE, (r"(?:至|到|-{1,2}|一(?=\s*\d))"), lambda m: None),
]

#: tokens that name a time, as opposed to connectors and direction words
POINT = frozenset(
    {Tok.ISO, Tok.YM, Tok.YEAR, Tok.YEAREND, Tok.HALF, Tok.QUARTER, Tok.MONTH, Tok.DAY, Tok.XUN}
)
CORE = POINT | {Tok.OFFSET, Tok.EVERY}


@functools.cache
def table() -> list[tuple[Tok, re.Pattern[str], Callable[[re.Match[str]], Any]]]:
    """The recognisers, compiled on first use: compiling them costs more than importing
    this module, and `gpstd --help` should not pay for it."""
    return [(kind, re.compile(pattern), read) for kind, pattern, read in _SPEC]


def scan(text: str) -> list[Token]:
    """All tokens of the normalised `text`, sorted by position, never overlapping."""
    taken = bytearray(len(text) + 1)
    tokens: list[Token] = []
    for kind, pattern, read in table():
        for m in pattern.finditer(text):
            start, end = m.span()
            if start == end or any(taken[start:end]):
                continue
            if kind is Tok.TIME and m["h"] and to_int(m["h"][:-1]) is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            tokens.append(Token(kind, start, end, read(m)))
    tokens.sort(key=lambda t: t.start)
    return tokens
