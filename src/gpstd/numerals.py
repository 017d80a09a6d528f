"""Character normalisation and Chinese numerals for the phrase parser.

`normalise` maps the input one character to one character, so every offset in the
normalised text is also an offset into the original: parts can quote the original
verbatim (`Part.text`, `Part.span`) while the recognisers only ever see one spelling
of each digit, bracket and dash.
"""

from __future__ import annotations

# Everything people type between two dates, and what web pages turn dashes into.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u2501\u301c\uff5e~\ufe63\uff0d"

_TABLE: dict[int, str] = {c: "-" for c in map(ord, _DASHES)}
# Full-width ASCII (digits, letters, brackets, ，；：／．) to half-width, keeping 、 and 。
_TABLE.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if c != 0xFF5E})
_TABLE.update(
    {
        0x3000: " ",
        0x00A0: " ",
        0x25CB: "〇",
        0x25EF: "〇",
        0x039F: "〇",
        0x041E: "〇",  # ○ ◯ Ο О
        0x3010: "(",
        0x3011: ")",
        0x3014: "(",
        0x3015: ")",  # 【】〔〕
    }
)

_WRITTEN = "零一二三四五六七八九"
_DIGIT = {ch: i for i, ch in enumerate(_WRITTEN)} | {"〇": 0, "两": 2}


def normalise(text: str) -> str:
    """Same length as `text`; full-width forms, dashes and ○ folded to one spelling."""
    out = text.translate(_TABLE)
    assert len(out) == len(text)  # offsets must survive normalisation
    return out


def to_int(token: str) -> int | None:
    """'12', '十二', '三十一', '廿一', '二〇二〇' → int; None when it is not a number."""
    token = token.strip()
    if not token:
        return None
    if token.isascii():
        return int(token) if token.isdigit() else None
    token = token.replace("廿", "二十").replace("卅", "三十")
    if "十" in token:
        tens, _, units = token.partition("十")
        if "十" in units or len(tens) > 1 or len(units) > 1:
            return None
        high = 1 if not tens else _DIGIT.get(tens)
        low = 0 if not units else _DIGIT.get(units)
        return None if high is None or low is None else high * 10 + low
    # Digit by digit, as years are written: 二〇二〇
    value = 0
    for ch in token:
        digit = _DIGIT.get(ch) if not ch.isdigit() else int(ch)
        if digit is None:
            return None
        value = value * 10 + digit
    return value


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (1 to 99): how plans number their sections."""
    if n < 10:
        return _WRITTEN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _WRITTEN[tens]) + "十" + (_WRITTEN[ones] if ones else "")
