"""How each recogniser's match becomes a token's value: 季度结束后15日内 → {per: Q, n: 15, …}.

The second stage: `tokens` pairs each reader with its pattern. A reader may say `SKIP` when
the match is not what its recogniser looks for (十二月 to the one that refuses 十三月).
"""

from __future__ import annotations

import re
from typing import Any

from gpstd.numerals import to_int
from gpstd.phrases.lexicon import (
    COUNT_N,
    EVERY_UNIT,
    HOLIDAY,
    MONTH_N,
    PERIOD,
    REL_YEAR,
    SKIP,
    WEEKDAY,
)


def _quarters(text: str) -> tuple[int, ...]:
    """'一、二、三' → (1, 2, 3); '1-3' and '一至三' are ranges."""
    nums = [to_int(n) or 0 for n in re.findall(r"[一二三四1-4]", text)]
    if len(nums) == 2 and re.search(r"[至到-]", text):
        nums = list(range(nums[0], nums[1] + 1))
    return tuple(sorted({n for n in nums if 1 <= n <= 4}))


def _months(text: str) -> tuple[int, ...]:
    found = (to_int(m) for m in re.findall(MONTH_N + r"(?=\s*月)", text))
    return tuple(sorted({m for m in found if m and 1 <= m <= 12}))


def read_offset(m: re.Match[str]) -> dict[str, Any]:
    return {
        "per": PERIOD[m["per"]],
        "n": to_int(m["n"]),
        "workday": m["unit"] == "工作日",
        "quarters": _quarters(m["q"]) if m["q"] else (),
        "next_day": False,
        "every": m.group(0).startswith("每"),
        # 月底后两天: the month's last two days, or the two after it? Only 内/前 settles it.
        "ambiguous": bool(m["end"] in ("末", "底") and not m["dir"]),
    }


def read_month_offset(m: re.Match[str]) -> dict[str, Any]:
    """上半年结束之日起两个月内 (months=2, halves=(1,)), 年度终了后4个月内: the end of the Nth month after
    each period."""
    halves = (1,) if m["h"] == "上" else (2,) if m["h"] == "下" else ()
    return {
        "per": PERIOD[m["per"]],
        "n": to_int(m["n"]),
        "months": True,
        "halves": halves,
        "workday": False,
        "quarters": (),
        "next_day": False,
        "every": m.group(0).startswith("每"),
        "ambiguous": False,
    }


def read_next_month_day(m: re.Match[str]) -> dict[str, Any]:
    # 次月5日前: the 5th of the month after the period (each one only after a 每, or after
    # a recurring clause; after a dated clause, the month after its date: phrases.rules);
    # 每季度次月10日前 / 每季度首月10日前 / 每个季度第1个月的20日前: of each quarter's next / first month
    # 每年首月 / 每半年第一个月: of each year's (half's) first month. A first month with no period said
    # (首月10日前) is the quarter's only after a quarterly clause (phrases.offsets), and 每月首月 none.
    if m["hy"]:
        per, every, bare = ("H" if "半" in m["hy"] else "Y"), True, False
    else:
        bare = bool(m["q"]) and "季" not in m["q"] + (m["pre"] or "")
        if bare and m["pre"]:
            return SKIP
        per = "Q" if m["q"] or "季" in (m["pre"] or "") else "M"
        every = bool(m["pre"] or m["q"]) and not bare
    return {
        "per": per,
        "n": to_int(m["n"]),
        "workday": False,
        "quarters": (),
        "next_day": True,
        "every": every,
        "ambiguous": False,
        "bare": bare,
        # 下月10日前 alone: next month from a day the cell does not give (次月 in a reporting cell is each month's)
        "deictic": m["nm"] in ("下月", "下个月") and not m["pre"],
    }


def read_workday(m: re.Match[str]) -> dict[str, Any]:
    """每月最后一个工作日 (n=-1), 每月第3个工作日 (n=3), 每年3月第5个工作日, 次月第5个工作日."""
    groups = m.groupdict()
    if groups.get("hol"):
        return {"holiday": HOLIDAY[m["hol"][:2]], "holiday_cn": m["hol"], "n": to_int(m["n"]) or 0}
    n = -1 if m["last"] else -(to_int(m["back"]) or 0) if m["back"] else to_int(m["n"]) or 0
    return {
        "holiday": None,
        "per": PERIOD.get(m["per"] or "") if m["every"] else ("M" if m["nm"] else None),
        "every": bool(m["every"]),
        "next": bool(m["nm"]),
        "month": to_int(m["m"]) if m["m"] else None,
        "n": n,
    }


def read_every(m: re.Match[str]) -> dict[str, Any]:
    groups = m.groupdict()
    count = to_int(groups["n"]) if groups.get("n") else 1
    return {
        "unit": EVERY_UNIT[m["u"] or m["u2"]] if "u2" in groups else EVERY_UNIT[m["u"]],
        "interval": count if count is not None else 0,
        "weekday": WEEKDAY.get((groups.get("wd") or "")[:1]),
        **_more_weekdays(groups.get("wd") or ""),
        "end": bool(groups.get("end")),
    }


_WEEK_ORDER = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _more_weekdays(wd: str) -> dict[str, Any]:
    """每周一、三、五: {'weekdays': ('MO', 'WE', 'FR')}; 每周一至周五: Monday to Friday; one day (or none)
    adds nothing."""
    days: list[str] = []
    span = False
    for ch in wd:
        if ch in "至到~～":
            span = True
        elif ch in WEEKDAY:
            day = WEEKDAY[ch]
            if span and days:
                low, high = _WEEK_ORDER.index(days[-1]), _WEEK_ORDER.index(day)
                days.extend(_WEEK_ORDER[low + 1 : high + 1] if low < high else ())
            else:
                days.append(day)
            span = False
    if len(days) < 2:
        return {}
    return {"weekdays": tuple(dict.fromkeys(days))}


def read_nth_weekday(m: re.Match[str]) -> dict[str, Any]:
    """每月的第二个星期五 (nth=2), 每月最后一个周五 (nth=-1): that weekday of every month."""
    nth = -1 if m["last"] else to_int(m["n"])
    return {"unit": "M", "interval": 1, "weekday": WEEKDAY[m["wd"]], "end": False, "nth": nth}


def read_parity_months(m: re.Match[str]) -> dict[str, Any]:
    """逢单月10日前: a monthly rule kept to the odd (单) or even (双) months."""
    months = tuple(range(1, 13, 2)) if m["parity"] == "单" else tuple(range(2, 13, 2))
    return {"unit": "M", "interval": 1, "weekday": None, "end": bool(m["end"]), "months": months}


def read_month_list(m: re.Match[str]) -> Any:
    """每年1、4、7、10月8日: a yearly rule kept to the months listed, each on the day after the last."""
    months = [to_int(n) for n in re.findall(MONTH_N, m["ms"])]
    if any(n is None or not 1 <= n <= 12 for n in months) or len(set(months)) != len(months):
        return SKIP
    return {"unit": "M", "interval": 1, "weekday": None, "end": False, "months": tuple(sorted(months))}


def read_year(m: re.Match[str]) -> dict[str, Any]:
    return {
        "year": to_int(m["y"]) if m["y"] else None,
        "rel": REL_YEAR.get(m["rel"] or ""),
        "end": bool(m["suf"]),
    }


def read_month(m: re.Match[str]) -> dict[str, Any]:
    rel = {"本": "base", "当": "that", "下": "next", "下个": "next", "次": "next"}.get(m["rel"] or "")
    if m.groupdict().get("bare") is not None:
        rel = "ctx"
    number = m["m"] or m["mc"]
    month = to_int(number) if number else None
    if number and (month is None or not 1 <= month <= 12):
        return SKIP  # 十三月 is refused by the recogniser before this one
    return {
        "month": month,
        "rel": rel,
        "end": m["suf"] in ("底", "末"),
        "within": m["suf"] == "内",
    }


def read_day(m: re.Match[str]) -> Any:
    """三十一日, 一〇日 (digit by digit, as years are written): any numeral, if it is a day."""
    day = to_int(m["d"] or m["dc"])
    return day if day is not None and 1 <= day <= 31 else SKIP


def read_quarter(m: re.Match[str]) -> dict[str, Any]:
    if m["rel"]:
        return {"quarters": (), "rel": m["rel"], "end": bool(m["end"])}
    if m["first"]:  # 前三季度: the first three quarters
        quarters = tuple(range(1, (to_int(m["first"]) or 0) + 1))
    else:
        quarters = (int(m["qq"]),) if m["qq"] else _quarters(m["q"])
    return {"quarters": quarters, "rel": None, "end": bool(m["end"])}


def read_iso(m: re.Match[str]) -> dict[str, Any]:
    return {
        "year": int(m["y"]),
        "month": int(m["m"]),
        "day": int(m["d"]) if "d" in m.groupdict() and m["d"] else None,
    }


def read_exempt(m: re.Match[str]) -> dict[str, Any]:
    what = m["what"]
    if "季" in what:
        return {"quarters": _quarters(what), "months": (), "text": what}
    return {"quarters": (), "months": _months(what), "text": what}


def read_time(m: re.Match[str]) -> Any:
    """'下午5时' → '17:00', '12:00' → '12:00'; SKIP for 25时 or 10:75, which are no times."""
    if m["h2"]:
        hour, minute, half = int(m["h2"]), int(m["mi2"]), m["ap2"]
    elif m["hc3"]:
        hour = to_int(m["hc3"][:-1]) or 0
        minute, half = (30 if m.group(0).endswith("半") else 0), m["ap3"]
    else:
        hour = to_int((m["h"] or m["hc"])[:-1]) or 0
        minute = (to_int(m["mi"]) or 0) if m["mi"] else (30 if m.group(0).endswith("半") else 0)
        half = m["ap"]
    if half in ("下午", "晚上") and hour < 12:
        hour += 12
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return SKIP
    return f"{hour:02d}:{minute:02d}"


def read_direction(m: re.Match[str]) -> str:
    return next(k for k in ("due", "within", "start") if m[k])


def read_words(m: re.Match[str]) -> str:
    return m.group(0)


_RELDUR_UNITS = (("工作日", "workday"), ("个月", "month"), ("月", "month"), ("周", "week"), ("星期", "week"))


def read_reldur(m: re.Match[str]) -> dict[str, Any]:
    """20个工作日内 → {n: 20, unit: workday}: a span counted from some day."""
    words = m.group(0)
    unit = next((u for cn, u in _RELDUR_UNITS if cn in words), "year" if "年" in words else "day")
    number = re.search(COUNT_N, words)
    return {"n": to_int(number.group(0)) if number else None, "unit": unit, "text": words}


def read_impossible_month(m: re.Match[str]) -> Any:
    return SKIP if 1 <= (to_int(m["n"]) or 0) <= 12 else "日期不存在"


def read_impossible_day(m: re.Match[str]) -> Any:
    """31 and under is a day; 625日 and 1225日 are dates that lost their 月; the rest do not exist."""
    n = to_int(m["n"])
    if n is not None and 1 <= n <= 31:
        return SKIP
    digits = m["n"]
    for cut in (1, 2):  # 625日, 1225日: three or four digits that are a month and a day
        month, day = digits[:cut], digits[cut:]
        if (
            digits.isdigit()
            and len(digits) > 2
            and len(day) == 2
            and 1 <= int(month) <= 12
            and 1 <= int(day) <= 31
        ):
            return "疑似笔误，漏写“月”"
    return "日期不存在"
