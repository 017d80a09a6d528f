"""The period a 通报 covers: a quarter, a half-year, a year, a month or FROM..TO.

`parse("2021Q1")` → 2021-01-01 to 2021-03-31, labelled 2021年第一季度; the label is what the
documents print, so that a report says which period it counts in the words offices use.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gpstd.days import add_months, cn_date
from gpstd.errors import GpstdError

_QUARTERS = "一二三四"
_FORMS = "2021Q1、2021H1、2021、2021-03 或 2021-01-01..2021-03-31"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str
    """2021年第一季度, 2021年上半年, 2021年, 2021年3月, 2021年1月1日至2021年3月31日."""
    key: str
    """The period as typed, normalised: 2021Q1, 2021H1, 2021, 2021-03, 2021-01-01..2021-03-31."""

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in order."""
        out: list[tuple[int, int]] = []
        cur = self.start.replace(day=1)
        while cur <= self.end:
            out.append((cur.year, cur.month))
            cur = add_months(cur, 1)
        return out


def parse(text: str, option: str = "--period") -> Period:
    """A period as typed; GpstdError naming the forms accepted."""
    raw = text.strip().upper().replace("Ｑ", "Q").replace("Ｈ", "H")
    from gpstd.dates import MAX_YEAR, MIN_YEAR

    year = re.match(r"\d{4}", raw)
    if year and ".." not in raw and not MIN_YEAR <= int(year[0]) <= MAX_YEAR:
        raise GpstdError(f"{option} 的年份超出范围：「{text}」（年份须在 {MIN_YEAR} 至 {MAX_YEAR} 之间）")
    found = _quarter(raw) or _half(raw) or _year(raw) or _month(raw) or _span(text.strip(), option)
    if found is None:
        raise GpstdError(f"{option} 无法识别「{text}」（可写 {_FORMS}）")
    return found


def _quarter(raw: str) -> Period | None:
    m = re.fullmatch(r"(\d{4})-?Q([1-4])", raw)
    if not m:
        return None
    year, q = int(m[1]), int(m[2])
    start = dt.date(year, 3 * q - 2, 1)
    return Period(
        start, add_months(start, 3) - dt.timedelta(days=1), f"{year}年第{_QUARTERS[q - 1]}季度", f"{year}Q{q}"
    )


def _half(raw: str) -> Period | None:
    m = re.fullmatch(r"(\d{4})-?H([12])", raw)
    if not m:
        return None
    year, h = int(m[1]), int(m[2])
    start = dt.date(year, 1 if h == 1 else 7, 1)
    label = f"{year}年{'上' if h == 1 else '下'}半年"
    return Period(start, add_months(start, 6) - dt.timedelta(days=1), label, f"{year}H{h}")


def _year(raw: str) -> Period | None:
    m = re.fullmatch(r"(\d{4})年?", raw)
    if not m:
        return None
    year = int(m[1])
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}年", str(year))


def _month(raw: str) -> Period | None:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", raw)
    if not m or not 1 <= int(m[2]) <= 12:
        return None
    start = dt.date(int(m[1]), int(m[2]), 1)
    end = add_months(start, 1) - dt.timedelta(days=1)
    return Period(start, end, f"{start.year}年{start.month}月", f"{start:%Y-%m}")


def _span(text: str, option: str) -> Period | None:
    if ".." not in text:
        return None
    from gpstd import dates

    first, _, last = text.partition("..")
    start = dates.parse_option(first, f"{option} 起始")
    end = dates.parse_option(last, f"{option} 终止")
    dates.check_window(start, end, (f"{option} 的起始日期", "终止日期"))
    label = f"{cn_date(start)}至{cn_date(end)}"
    return Period(start, end, label, f"{start.isoformat()}..{end.isoformat()}")
