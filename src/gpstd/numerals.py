"""Character normalisation and Chinese numerals for the phrase parser.

`normalise` maps the input one character to one character, so every offset in the
normalised text is also an offset into the original: parts can quote the original
verbatim (`Part.text`, `Part.span`) while the recognisers only ever see one spelling
of each digit, bracket and dash, and of the traditional characters republished pages use
(個 節 內 後 時 …). Pinyin a mirror site inserts after a character (內(nèi)) becomes
`FILLER`, a space the recognisers skip (`gpstd.phrases.tokens.scan`).
"""

from __future__ import annotations

import functools
import re
import unicodedata

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

# Traditional characters of the words the parser reads, each to its simplified form (one to one).
_TRADITIONAL = (
    "個个兩两為为於于況况優优會会內内務务動动區区單单廳厅縣县參参號号後后週周國国備备學学實实"
    "審审盡尽屆届強强當当態态總总獨独據据擇择換换報报數数無无時时來来檢检歷历曆历滿满點点禮礼"
    "節节級级組组終终經经結结給给統统續续聯联與与舉举補补規规視视計计評评請请調调議议證证財财"
    "資资賬账進进遲迟適适達达違违選选還还鄉乡鎮镇長长門门開开間间關关隨随電电須须頒颁領领題题"
    "類类館馆從从專专將将對对應应劃划創创則则執执書书機机歸归決决準准濟济營营牽牵狀状現现環环"
    "產产發发監监確确稱称網网線线編编績绩處处衛卫見见觀观訂订認认記记設设試试詳详說说讀读變变"
    "責责購购轉转辦办農农運运過过遞递釋释鐘钟階阶際际項项順顺預预頻频養养驗验體体黨党齊齐啟启"
    "嚴严團团場场寫写層层師师幫帮廣广張张徵征復复擔担擬拟斷断暫暂業业標标樣样氣气潔洁災灾熱热"
    "牆墙獎奖畢毕眾众稅税種种穩稳範范簡简糧粮紀纪約约納纳細细絡络綜综緊紧練练織织罰罚職职臨临"
    "舊旧裡里親亲訊讯許许訴诉語语誤误課课論论諮咨講讲識识護护貧贫質质較较載载輸输這这連连遠远"
    "遷迁醫医錄录錢钱閱阅隊队險险雙双頁页頭头黃黄滙汇匯汇傳传佈布屬属億亿萬万歲岁"
)
_TABLE.update({ord(a): b for a, b in zip(_TRADITIONAL[::2], _TRADITIONAL[1::2])})

#: What pinyin inserted after a character becomes: a whitespace character no input keeps
#: (normalise folds the real one to a space), which the recognisers skip.
FILLER = "\u2000"
_TABLE[ord(FILLER)] = " "
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"

_WRITTEN = "零一二三四五六七八九"
_DIGIT = {ch: i for i, ch in enumerate(_WRITTEN)} | {"〇": 0, "两": 2}


def normalise(text: str) -> str:
    """Same length as `text`; full-width forms, dashes, ○ and traditional characters folded to
    one spelling, pinyin after a character (內(nèi)) blanked to FILLER."""
    out = text.translate(_TABLE)
    if "(" in out:
        out = _pinyin().sub(lambda m: FILLER * len(m.group(0)), out)
    assert len(out) == len(text)  # offsets must survive normalisation
    return out


@functools.cache
def _pinyin() -> re.Pattern[str]:
    """(nèi) right after a Chinese character: lower-case Latin letters with at least one tone mark
    (a neutral-tone syllable, (de), is left alone: it could be a list letter)."""
    return re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\)")


def to_int(token: str) -> int | None:
    """'12', '十二', '三十一', '廿一', '二〇二〇' → int; None when it is not a number."""
    token = token.strip()
    if not token or len(token) > 18:  # no date, count or 序号 has more digits; int() refuses 4,300
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
        digit = _DIGIT[ch] if ch in _DIGIT else unicodedata.decimal(ch, None)  # １ yes; ① and ² no
        if digit is None:
            return None
        value = value * 10 + digit
    return value


def serial(seq: str) -> int | None:
    """The number a 序号 cell names (3, 3.、三、, ３), as gpstd check holds it to the task's id;
    None for one that names no single number (1.1, (1), 二.1)."""
    return to_int(seq.strip().rstrip("．.、"))


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五, 1010 → 一千零一十: how plans number their
    sections and a notice its items (a notice to a unit with 100 items or more ended in an
    IndexError). Positive counts; 10,000 and over in groups of 万 and 亿."""
    if n < 10:
        return _WRITTEN[n]
    if n < 20:
        return "十" + (_WRITTEN[n - 10] if n > 10 else "")
    return _grouped(n)


def _grouped(n: int) -> str:
    for size, name in ((10**8, "亿"), (10**4, "万")):
        if n >= size:
            high, low = divmod(n, size)
            rest = "" if low == 0 else ("零" if low < size // 10 else "") + _grouped(low)
            return _grouped(high) + name + rest
    out, zero = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            zero = bool(out)
            continue
        out += ("零" if zero else "") + _WRITTEN[digit] + name
        zero = False
    return out
