"""The ordered table of recognisers that turns a (normalised) deadline cell into tokens.

Each recogniser is a regular expression and a function that reads its match into a
value. They run in table order over the whole cell; a match that overlaps a token an
earlier recogniser already took is dropped, so specific forms (季度结束后15日内) must
come before the general ones they contain (季度, 15日). The readers (phrases.readers)
may also say `SKIP`: the match was not what the recogniser looks for. The table is compiled
on first use, not on import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from gpstd.numerals import FILLER
from gpstd.phrases.lexicon import (
    ANY_N,
    CN_DIGITS,
    COUNT_N,
    DAY_N,
    MONTH_N,
    NOT_AFTER_NUMERAL,
    NUMERAL,
    QUARTER_LIST,
    REL_YEAR,
    SKIP,
    WEEKDAY,
    YEAR_N,
    Tok,
    Token,
)
from gpstd.phrases.readers import (
    read_day,
    read_direction,
    read_every,
    read_exempt,
    read_impossible_day,
    read_impossible_month,
    read_iso,
    read_month,
    read_month_list,
    read_month_offset,
    read_next_month_day,
    read_nth_weekday,
    read_offset,
    read_parity_months,
    read_quarter,
    read_reldur,
    read_time,
    read_words,
    read_workday,
    read_year,
)

_EXEMPT_WORDS = (
    r"(?:免报送|免报|不报送|不报|免于报送|免于上报|无需报送|无需上报|不需报送|不需上报|不再报送|不再上报"
    r"|不用报送|不再单独报送|不单独报送)"
)
_MONTH_ITEM = rf"{MONTH_N}\s*月份?"
_LUNAR_MONTH = r"(?:正|腊|冬|十一|十二|[一二三四五六七八九十]|1[0-2]|[1-9])"
_LUNAR_DAY = r"(?:初[一二三四五六七八九十]|[一二]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|三十|[一二三四五六七八九]|\d{1,2})"
_LUNAR = (
    rf"(?:农历|阴历|陰历|旧历)\s*(?:{_LUNAR_MONTH}\s*月)?\s*(?:{_LUNAR_DAY}\s*[日号]?)?"
    rf"|(?<![日号(\d{NUMERAL}])(?:[正腊冬]月\s*{_LUNAR_DAY}\s*[日号]?|[正腊冬]月(?![份底末中]))"
    rf"|(?<![日号(\d{NUMERAL}])(?:十一|十二|[一二三四五六七八九十])月\s*初[一二三四五六七八九十]\s*[日号]?"
    # 三月三, 九月九: a festival named by its lunar month and day, the same numeral twice (三月三日 is March 3)
    r"|(?<![日号(\d一二三四五六七八九十])(?P<m>[一二三四五六七八九])月(?P=m)(?![日号\d一二三四五六七八九十])"
)
_HOLIDAYS = r"春节|元旦|清明节?|劳动节|五一(?:劳动节)?|端午节?|中秋节?|国庆节?"
_PUBLISH = r"公开|更新|公布|发布|报送|上报|填报|统计|通报|披露|调整|报告|汇总|报|开展|进行|检查|调度"

# Each recogniser: its kind, pattern, reader, and the words one of which the text must contain for
# it to be tried at all (most cells hold a handful of them; () always tries it).
_SPEC: list[tuple[Tok, str, Callable[[re.Match[str]], Any], tuple[str, ...]]] = [
    # A lunar date (农历六月初六, 農曆正月16日, 正月十五日, 三月初三, 三月三) is no Gregorian date: unknown (was the
    # Gregorian month, or 每年 alone, 31 December). Not right after a date or in brackets, where it restates
    # it (2月26日正月十一, 2月7日(正月初七)): that stays read past.
    (Tok.VAGUE, _LUNAR, read_words, ("农历", "阴历", "陰历", "旧历", "月")),
    # 每月终了后,…编制…月报: some time after each period's end, no span given (was each month's end); 每月终了后
    # 15日内 and 季度结束后的10个工作日内 are offsets, read below
    (
        Tok.VAGUE,
        (
            r"每一?个?(?:年度|年|半年度|半年|季度|季|月份|月)\s*(?:度)?(?:结束|终了|届满)\s*(?:之日)?\s*(?:以后|之后|后)"
            r"(?!\s*的?\s*(?:\d|[一二三四五六七八九十两半]))"
        ),
        read_words,
        ("结束", "终了", "届满"),
    ),
    # 月份或季度终了后15日内, 按月或按季预缴: monthly or quarterly, as each taxpayer's period is set; which one
    # is not said (was read as quarterly)
    (Tok.VAGUE, r"(?:按月|月份?|月度)\s*或(?:者)?\s*(?:按季|季度?)", read_words, ("或",)),
    # 2021年前 / 2021年以前: 'before 2021' or 'by the end of 2021'? Deliberately unknown.
    (Tok.VAGUE, (rf"{YEAR_N}\s*年(?:以|之)?前"), read_words, ("年",)),
    # 春节后第1个工作日: the calendar knows when each year's holiday ends
    (
        Tok.WORKDAY,
        (
            rf"(?P<hol>{_HOLIDAYS})(?:\s*(?:假期|长假|放假|假日))?(?:\s*结束)?\s*(?:以后|之后|后)\s*的?"
            rf"\s*第\s*(?P<n>{COUNT_N})\s*个\s*工作日"
        ),
        read_workday,
        ("工作日",),
    ),
    (
        Tok.WORKDAY,
        (
            r"(?:(?P<every>每一?个?(?P<per>月份|月|季度|季|半年|年度|年)的?)|(?P<nm>次月|下月|下个月))?"
            rf"(?:(?P<m>{MONTH_N})\s*月份?的?)?"
            rf"(?:(?P<last>最后|末)\s*[一1]\s*个|倒数\s*第\s*(?P<back>{COUNT_N})\s*个|第\s*(?P<n>{COUNT_N})\s*个)"
            r"\s*工作日"
        ),
        read_workday,
        ("工作日",),
    ),
    # 上半年结束之日起两个月内, 年度终了后4个月内, 季度结束后1个月内: due at the end of the Nth month after each
    # period (a bare 半年 is not read: the half meant is often the first alone, 中期报告)
    (
        Tok.OFFSET,
        (
            rf"{NOT_AFTER_NUMERAL}(?:每一?个?)?(?P<h>上|下)?(?P<per>季度|季|月度|月份|月|(?<=[上下])半年度?|年度|年)"
            r"\s*(?:度)?(?P<end>结束|终了|届满)\s*(?:之日)?\s*(?:起|以后|之后|后)\s*的?"
            rf"\s*(?P<n>{COUNT_N})\s*个\s*月(?P<dir>以内|之内|内|以前|之前|前)?"
        ),
        read_month_offset,
        ("月",),
    ),
    (
        Tok.OFFSET,
        (
            rf"{NOT_AFTER_NUMERAL}(?:每一?个?)?(?:(?P<q>{QUARTER_LIST})\s*(?:个)?(?:季度?\s*(?=季))?)?"
            r"(?P<per>季度|季|月度|月份|月|半年度|半年|年度|年)\s*(?:度)?(?P<end>结束|终了|末|底)?\s*"
            # 每季度结束后的10个工作日内: 的 between the end and the span (was the quarter's end)
            rf"(?:以后|之后|后)\s*的?\s*(?P<n>{COUNT_N})\s*(?:个)?(?P<unit>工作日|日|天)"
            r"(?P<dir>以内|之内|内|以前|之前|前)?"
        ),
        read_offset,
        ("后",),
    ),
    (
        Tok.OFFSET,
        (
            # 次月(季度)十五日内: a short aside between the month and its day is read past; 每年首月 / 每半年
            # 第一个月: of each year's (half's) first month
            r"(?:(?P<hy>每半年度?的?|每一?个?年度?的?)\s*(?P<hq>首个?月|第\s*[一1]\s*个?月)"
            r"|(?P<pre>每一?个?月的?|每一?个?季度?的?)?(?:(?P<nm>次月|下月|下个月)(?:\s*\([^()]{1,6}\))?"
            r"|(?P<q>(?:次季度?|下季度?)?(?:首个?月|第[一1]个?月)|次季度|下个?季度)))"
            # 每季首月的前10日: its first ten days, due on the 10th
            rf"(?:的前|的)?\s*(?P<n>{DAY_N})\s*[日号](?:以前|之前|前|以内|之内|内)?"
        ),
        read_next_month_day,
        ("月", "季"),
    ),
    (
        Tok.EXEMPT,
        (
            rf"(?P<what>{QUARTER_LIST}\s*(?:个)?季度?|{_MONTH_ITEM}(?:\s*[、,和及]\s*{_MONTH_ITEM}){{0,11}})"
            rf"\s*(?:的)?(?:报告|情况|报表|数据)?\s*{_EXEMPT_WORDS}"
        ),
        read_exempt,
        ("报",),
    ),
    (
        Tok.ISO,
        (r"(?<![\d.])(?P<y>\d{4})\s*(?P<s>[-/.])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<d>\d{1,2})(?![\d])"),
        read_iso,
        ("-", "/", "."),
    ),
    (
        Tok.YM,
        (r"(?<![\d.])(?P<y>\d{4})\s*(?P<s>[./-])\s*(?P<m>\d{1,2})(?!\d|\s*(?P=s)\s*\d|\s*月)"),
        read_iso,
        ("-", "/", "."),
    ),
    # 2020.9-12: the 12 is a month only right after a dotted year.month and a dash
    (
        Tok.MONTH,
        (r"(?:(?<=\d{4}[./]\d-)|(?<=\d{4}[./]\d\d-))(?P<m>\d{1,2})(?![\d./])(?P<mc>)(?P<rel>)(?P<suf>)"),
        read_month,
        ("-",),
    ),
    # 2011-2013年: the first year of a range of years has no 年 of its own
    (
        Tok.YEAR,
        (r"(?<![\d.])(?P<y>\d{4})(?=\s*(?:-|至|到)\s*\d{4}\s*年)(?P<rel>)(?P<suf>)"),
        read_year,
        ("-", "至", "到"),
    ),
    (
        Tok.EVERY,
        (r"每(?:个)?半(?:个)?月"),
        lambda m: {"unit": "HM", "interval": 1, "weekday": None, "end": False},
        ("每",),
    ),
    # 每旬: each 旬's end (每旬末 says it); 每月上旬 and 每月上、中、下旬 are read elsewhere
    (
        Tok.EVERY,
        (r"每(?:一)?(?:个)?旬(?P<end>末|底)?"),
        lambda m: {"unit": "X", "interval": 1, "weekday": None, "end": bool(m["end"])},
        ("旬",),
    ),
    (
        Tok.EVERY,
        (
            r"每(?:个)?(?P<n>两|二|三|四|\d+)?(?:个)?(?P<u>周|星期|礼拜)"
            # 每周周五, 每周的星期五: the unit said again before the day
            r"(?:\s*的?\s*(?:周|星期|礼拜)(?=[一二三四五六日天1-7](?![次个周天期十程篇份件条批名人位家项则遍轮])))?"
            # 每周2-3次, 每周2至3次: a count of times, not Tuesday
            r"(?P<wd>[一二三四五六日天1-7](?![次个周天期十程篇份件条批名人位家项则遍轮])"
            r"(?!\s*[-–—~～至到、]\s*[0-9一二三四五六七两]\s*次)"
            # 每周一、三、五, 每周二和周四, 每周一至周五: more days of the week, each its own
            r"(?:\s*[、,和及与至到~～]\s*(?:周|星期|礼拜)?[一二三四五六日天](?![次个周天期十程篇份件条批名人位家项则遍轮季月年]))*)?(?P<end>)"
        ),
        read_every,
        ("每",),
    ),
    # 每月的第二个星期五, 每月最后一个周五: that weekday of every month
    (
        Tok.EVERY,
        (
            r"每(?:个)?月(?:份)?(?:的)?\s*(?:第\s*(?P<n>[一二三四1-4])\s*个|(?P<last>最后一?个))\s*(?:星期|周|礼拜)"
            r"(?P<wd>[一二三四五六日天])(?![次个周天期十程篇份件条批名人位家项则遍轮])"
        ),
        read_nth_weekday,
        ("每",),
    ),
    # 上下半年各一次, 上、下半年分别…: each half, as 每半年 (was the second half alone)
    (
        Tok.EVERY,
        (r"上\s*[、,和及与]?\s*下半年(?:度)?(?=\s*(?:各|分别))"),
        lambda m: {"unit": "H", "interval": 1, "weekday": None, "end": False},
        ("下半年",),
    ),
    # 每季度末月20日前, 每季度最后一个月的25日前, 每个季度第三个月20日前: the quarter's own last month
    # (was unknown), each with the day after it; 每季度首月 / 次月 are offsets (above)
    (
        Tok.EVERY,
        (
            r"每一?个?季度?的?\s*(?:末月|最后一个?月|第\s*[三3]\s*个?月)"
            rf"(?=\s*的?\s*(?:{DAY_N})\s*[日号])"
        ),
        lambda m: {"unit": "M", "interval": 1, "weekday": None, "end": False, "months": (3, 6, 9, 12)},
        ("每",),
    ),
    # 每年1、4、7、10月8日之前: a list of months, each with the day after the last
    (
        Tok.EVERY,
        (
            rf"每年(?:的|度)?\s*(?P<ms>(?:{MONTH_N}\s*(?:月份?)?\s*[、,和及]\s*){{1,11}}{MONTH_N})\s*月份?"
            rf"(?=\s*的?\s*(?:{DAY_N})\s*[日号])"
        ),
        read_month_list,
        ("每年",),
    ),
    (
        Tok.EVERY,
        (
            r"每(?:一)?(?:个)?(?P<n>两|二|三|四|五|\d+)?(?:个)?"
            # 每季度初, 每月初, 每年初: the start of each period names no day (not its end)
            r"(?P<u>年度|年|半年度|半年|季度|季|月份|月|日|天)(?!度?\s*(?:初|首日|首个工作日|第\s*[\d一二三四五六七八九十]{1,3}\s*天))(?P<wd>)(?P<end>末|底|终)?"
            # 每人每年1000元, 每年补贴1000元, 每月发放300元: an amount per period (words, no day, between), not a rule
            r"(?![^,;。\d]{0,6}?\d+(?:\.\d+)?\s*(?:万|亿|千|百)?\s*元)"
        ),
        read_every,
        ("每",),
    ),
    # 逐月 (month by read_month), 按季公开 (a publication cadence): rules whose day is the period's end
    (Tok.EVERY, (r"逐(?P<u>年|季|月|周|日)"), read_every, ("逐",)),
    # 逢单月10日前, 双月底, 双月之十日: the odd (even) months, only before a day or 底/末 (双月报 is a report's name)
    (
        Tok.EVERY,
        (
            r"(?:每逢|逢|每个?)?(?P<parity>单|双)月份?(?P<end>底|末)?"
            rf"(?(end)|之?(?=\s*的?\s*(?:\d{{1,2}}|[{CN_DIGITS}十廿卅]{{1,3}})\s*[日号]))"
        ),
        read_parity_months,
        ("单月", "双月"),
    ),
    (
        Tok.EVERY,
        # 按季度实施清单化调度: 实施 and a short object may stand before the cadence verb
        (
            rf"按照?(?P<u>年度|年|半年度|半年|季度|季|月度|月|周)(?=\s*(?:{_PUBLISH}|实施[^,;。]{{0,6}}?(?:{_PUBLISH})))"
        ),
        read_every,
        ("按",),
    ),
    # 一个月召开一次: once a month (一月 alone could be January; 一季度 is the first quarter)
    (
        Tok.EVERY,
        (
            r"(?:(?<=原则上)|(?<![\d第每上下本]))一(?:个(?P<u>月|季度|星期|礼拜)|(?P<u2>周|年))"
            r"(?=[^,;。\n]{0,12}?一次)"
        ),
        read_every,
        ("一次",),
    ),
    # 此后，每周…: the comma after it does not cut it from its rule
    (Tok.SINCE, (r"(?:此后|自此|从此(?:以后)?)(?:\s*[,，])?"), read_words, ("此",)),
    (
        Tok.ONGOING,
        (
            r"长期(?:坚持|开展|推进)?|持续(?:推进|开展|实施|做好|落实|进行|加强|深化|优化|更新"
            # 事故总量持续下降, 人居环境持续改善: a trend described, not a standing task
            r"|(?!下降|改善|提升|提高|增强|增长|向好|好转|稳定|减少|降低|扩大|显现|上升))"
            # 日常 (工作) alone, not 日常工作备案中 / 日常监管, where it qualifies a noun
            r"|常态化(?![^,;。]{0,4}?(?:机制|制度|体系))|常态(?!化)(?:工作)?|常年|经常性|日常(?:工作)?(?=\s*(?:$|[,;。.!?)]))"
        ),
        read_words,
        ("长期", "持续", "常态", "常年", "经常", "日常"),
    ),
    (
        Tok.IRREGULAR,
        (
            # 不能即时办理的 / 不及时 / 未及时: the word denied, no time
            r"不定期|根据(?:工作)?需要|按需|视情况?|(?<!不)(?<!不能)(?<!无法)(?<!未)(?<!未能)(?:适时|即时|及时|实时|随时)"
            r"|动态(?:更新|调整|公开|发布|管理)"
            r"|第一时间"
            # 以不定时间、不定地点…检查; 必要时可以临时召开: at no set time, as the need arises
            r"|不定时(?:间)?|必要时[^,;。\d]{0,8}?临时"
        ),
        read_words,
        (
            "不定时",
            "必要时",
            "不定期",
            "适时",
            "需要",
            "按需",
            "视情",
            "即时",
            "及时",
            "实时",
            "随时",
            "动态",
            "第一时间",
        ),
    ),
    # 年后1月10日前 (a yearly report's date): the year after, as 次年1月10日前
    (
        Tok.YEAR,
        (
            rf"(?<![\d{NUMERAL}])年后(?=\s*(?:\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月)(?P<y>)(?P<rel>)(?P<suf>)"
        ),
        lambda m: {"year": None, "rel": "next", "end": False},
        ("年后",),
    ),
    # 全年 where it times the clause (全年完成, a cell of its own): the whole year, due 12-31
    (
        Tok.YEAR,
        (
            rf"(?:(?P<y>{YEAR_N})\s*年(?:度)?\s*)?全年(?:度)?(?=\s*(?:$|[,;。.!?)]|(?:完成|推进|开展|实施|落实|持续)(?!情况|的|率)|以内|之内|内))"
            r"(?P<rel>)(?P<suf>)"
        ),
        read_year,
        ("全年",),
    ),
    (
        Tok.YEAR,
        (
            rf"(?:(?P<y>{YEAR_N})\s*年|(?P<rel>{'|'.join(sorted(REL_YEAR, key=len, reverse=True))}))"
            r"(?:度)?(?:(?P<suf>底|末|终|内)|(?!初(?!步)|中|前|以前|之前))"
        ),
        read_year,
        ("年",),
    ),
    # 前年底 / 后年底: the year before last / after next, not this year's end (both were 31 December of the base's)
    (
        Tok.YEAREND,
        (rf"{NOT_AFTER_NUMERAL}(?<!(?<!提)前)(?<!后)年(?:度)?(?P<suf>底|末|终|内)"),
        lambda m: None,
        ("年",),
    ),
    (Tok.HALF, (r"(?P<h>上|下)半年(?:度)?"), lambda m: 1 if m["h"] == "上" else 2, ("半年",)),
    (
        Tok.BAD,
        (rf"第\s*[五六七八九〇零05-9]\s*个?季度?|(?<![{NUMERAL}])[五六七八九5-9]\s*个?季度"),
        lambda m: "季度不存在",
        ("季",),
    ),
    # 2016 年 6 底前: a month number with its 月 lost
    (
        Tok.BAD,
        (rf"(?<![\d{NUMERAL}])(?:\d{{1,2}}|{MONTH_N})\s*[底末](?!\s*[月年])"),
        lambda m: "疑似笔误，漏写“月”",
        ("底", "末"),
    ),
    (
        Tok.QUARTER,
        (
            rf"(?:(?<![日号月年底末内])前(?P<first>[一二两三1-3])\s*个?季度|(?P<q>{QUARTER_LIST})\s*(?:个)?季度?"
            r"|(?P<rel>本|当|下个?|次)季度?(?!初)|Q(?P<qq>[1-4]))(?P<end>末|底|度末|结束|终)?"
        ),
        read_quarter,
        ("季", "Q"),
    ),
    # 一月内, 两月内: within a month, not in January (1月内 stays a month)
    (Tok.RELDUR, (rf"(?<![年\d{NUMERAL}])[一两]\s*月(?:以内|之内|内)"), read_reldur, ("月",)),
    (Tok.BAD, (rf"(?<![\d{NUMERAL}])(?P<n>{ANY_N})\s*月"), read_impossible_month, ("月",)),
    # 4至5月, 10至11月: the first month of a range of months has no 月 of its own; likewise the
    # first day in 7月9至17日
    (
        Tok.MONTH,
        (
            rf"(?<![\d{NUMERAL}月日号.])(?P<m>\d{{1,2}}|{MONTH_N})"
            rf"(?=\s*(?:至|到|-{{1,2}})\s*(?:\d{{1,2}}|{MONTH_N})\s*月)(?P<mc>)(?P<rel>)(?P<suf>)"
        ),
        read_month,
        ("至", "到", "-"),
    ),
    (
        Tok.DAY,
        (r"(?<=月)(?P<d>\d{1,2})(?=\s*(?:至|到|-{1,2})\s*\d{1,2}\s*[日号])(?P<dc>)"),
        read_day,
        ("至", "到", "-"),
    ),
    (
        Tok.MONTH,
        (
            rf"(?:(?<!\d)(?P<m>\d{{1,2}})|(?<![{NUMERAL}])(?P<mc>[{CN_DIGITS}十]{{1,3}})"
            rf"|(?P<rel>本|当|下个|下|次)|(?<![\d{NUMERAL}上个每前后])(?P<bare>)(?=月[底末]))\s*月(?:份)?"
            r"(?P<suf>底|末|内)?(?!初|中(?!下?旬))"
        ),
        read_month,
        ("月",),
    ),
    # 6月上中旬, 中下旬: two 旬 at once, one window (上中旬: the 1st to the 20th; 中下旬: the 11th to the month's
    # end). Was unknown; before that 中旬 was read alone, and 6月上中旬 as all of June
    # 每月上、中、下旬各一次: 旬 said once after a list (下旬 alone was read, 上 and 中 each month's end); 将当月
    # 上、中、下旬…情况报送 names what is reported
    (
        Tok.VAGUE,
        (r"(?<=每月)[上中下]\s*[、,和及与]\s*[上中下](?:\s*[、,和及与]\s*[上中下])?\s*旬"),
        read_words,
        ("旬",),
    ),
    (Tok.XUN, (r"(?P<x>上中|中下)旬"), lambda m: 4 if m["x"] == "上中" else 5, ("旬",)),
    (Tok.XUN, (r"(?P<x>上|中|下)旬"), lambda m: "上中下".index(m["x"]) + 1, ("旬",)),
    (
        Tok.RELDUR,
        (
            rf"(?<![月\d{NUMERAL}])(?:{COUNT_N})\s*(?:个)?(?:工作日|日|天|周|星期|个月|年|小时|分钟)(?:以内|之内|内)"
            rf"|不(?:得|准|能)?超过\s*{COUNT_N}\s*(?:个)?(?:工作日|日|天|周|星期|个月|月|年)"
            rf"|(?<![月\d{NUMERAL}第])(?:{COUNT_N})\s*个\s*工作日"
            rf"|(?<![月\d{NUMERAL}])(?:{COUNT_N})\s*(?:个)?(?:工作日|天)(?:以后|之后|后)"
        ),
        read_reldur,
        ("内", "超过", "工作日", "后"),
    ),
    (
        Tok.BAD,
        # 百日整治专项行动, 百日攻坚: a campaign's name, no day
        (
            rf"(?<![\d{NUMERAL}])(?!百日(?:攻坚|行动|整治|会战|冲刺|专项|活动|计划|大))"
            rf"(?P<n>{ANY_N})\s*[日号](?!常|期(?!间)|程)"
        ),
        read_impossible_day,
        ("日", "号"),
    ),
    (
        Tok.DAY,
        (
            rf"(?:(?<!\d)(?P<d>\d{{1,2}})|(?<![{NUMERAL}])(?P<dc>[{CN_DIGITS}十廿卅]{{1,4}}))\s*[日号](?!常|期(?!间)|程)"
        ),
        read_day,
        ("日", "号"),
    ),
    (
        Tok.TIME,
        (
            r"(?:(?P<ap>上午|中午|下午|晚上|早上)\s*)?(?:(?<!\d)(?P<h>\d{1,2}\s*[时点])"
            rf"|(?<![{NUMERAL}])(?P<hc>(?:[一二]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*时))"
            r"(?:\s*(?P<mi>\d{1,2})\s*分|半|整)?(?![间候期段钟])"
            r"|(?:(?P<ap2>上午|中午|下午|晚上|早上)\s*)?(?<!\d)(?P<h2>\d{1,2})\s*:\s*(?P<mi2>\d{2})(?!\d)"
            # 下午三点: a Chinese numeral with 点 only after the part of the day (三点要求 is no time)
            r"|(?P<ap3>上午|中午|下午|晚上|早上)\s*(?P<hc3>(?:[一二]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*点)"
            r"(?:半|整)?(?![间候期段钟])"
        ),
        read_time,
        ("时", "点", ":"),
    ),
    (
        Tok.VAGUE,
        (
            r"春节|元旦|国庆|五一|清明|端午|中秋|节前|节后|(?<![\d年])年前|年后|年中|年初(?!步)|月中(?!旬)|(?:(?<!\d)\d{1,2}\s*)?(?<![正腊冬])月初(?![一二三四五六七八九十])"
            r"|(?:本|当|下个?|次)?季度?初|伊始|第\s*[一二三四五六1-6]\s*(?:周|星期)|今晚|今天|今日|明天|明日"
            r"|近期|尽快|尽早|限期|另行通知|择期|届满|换届|汛期|开学|学期"
            # 每年的第一个月: which month of what is not read (每季度第一个月10日前 is an offset, read before this)
            r"|第\s*[一二三四1-4]\s*个\s*月(?!\s*内)|首个?月"
            # 每月首日, 每季度第一天, 每月第10天, 每年首个工作日: a day counted from the period's start (was its end;
            # 每周首个工作日 a Sunday)
            r"|首日|首个工作日|第\s*[\d一二三四五六七八九十]{1,3}\s*天"
            # 前年6月底前 / 后年6月底前: the year before last / after next (was the base's year)
            r"|(?<![提之此以然今最往])(?:前|大?后)年(?![度底末终内])"
            # 6月30日前3天, 每月底前3天: days counted back from the date (it was the date itself)
            r"|(?<!提)前\s*(?:\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(?:个\s*)?(?:天|日|工作日)"
            # 2025年春季, 每年秋季, 每年春、秋两季, 汛前: a season is no month (was the whole year, 31 December)
            r"|[春夏秋冬](?:\s*[、,和及与]?\s*[春夏秋冬]){0,3}\s*(?:两|二|三|四)?\s*(?:季|天)|今冬明春"
            r"|汛前|汛后|雨季|旱季"
        ),
        read_words,
        (),
    ),
    # 自收到通知之日起至整改完成止: after the dates, so that 自2024年3月1日起至6月30日止 stays a range
    (
        Tok.EVENTS,
        (
            r"(?:自|从)(?P<from>[^,;。\d]{1,30}?)(?:之日)?(?:起|开始)\s*(?:至|到)"
            r"(?P<to>[^,;。\d]{1,30}?)(?:之日)?(?:止|为止|(?=[,;。]|$))"
        ),
        lambda m: {"from": m["from"].strip(), "to": m["to"].strip()},
        ("起", "开始"),
    ),
    (
        Tok.DIRP,
        (r"截止(?:到|至|于)?|截至|不晚于|最迟(?:于|在)?|最晚(?:于|在)?"),
        lambda m: "due",
        ("截", "不晚于", "最迟", "最晚"),
    ),
    (Tok.DIRP, (r"自|从"), lambda m: "start", ("自", "从")),
    (
        Tok.DIR,
        (
            r"(?P<due>以前|之前|(?<!提)前|为止|止)|(?P<within>以内|之内|内|期间)|(?P<start>起(?!草)|开始|以后|之后|以来|后|始"
            # 将于2024年1月1日正式启动: a launch on the day before it (…前启动 is due, 启动仪式 an event)
            r"|(?<=[日号])\s*(?:正式)?启动(?![仪会])"
            r")"
        ),
        read_direction,
        (),
    ),
    (Tok.RANGE, (r"(?:(?:启动|开始)\s*)?(?:至|到|-{1,2}|一(?=\s*\d))"), lambda m: None, ()),
]


@functools.cache
def table() -> list[tuple[Tok, re.Pattern[str], Callable[[re.Match[str]], Any], tuple[str, ...]]]:
    """The recognisers, compiled on first use: compiling them costs more than importing
    this module, and `gpstd --help` should not pay for it."""
    return [(kind, re.compile(pattern), read, needs) for kind, pattern, read, needs in _SPEC]


def scan(text: str) -> list[Token]:
    """All tokens of the normalised `text`, sorted by position, never overlapping.

    The recognisers read the text without FILLER and line breaks, so that 內(nèi) and a cell
    wrapped inside a number (公示7⏎个工作日) still read; offsets are mapped back to `text`."""
    compact, at = _compacted(text)
    taken = bytearray(len(compact) + 1)
    tokens: list[Token] = []
    for kind, pattern, read, needs in table():
        for word in needs:  # a loop, not any(): this runs 50 times a cell, a city's check 200,000
            if word in compact:
                break
        else:
            if needs:
                continue
        for m in pattern.finditer(compact):
            start, end = m.span()
            if start == end or any(taken[start:end]):
                continue
            value = read(m)
            if value is SKIP:
                continue
            taken[start:end] = b"\x01" * (end - start)
            tokens.append(Token(kind, at[start], at[end - 1] + 1, value))
    tokens.sort(key=lambda t: t.start)
    tokens = _yearly_brackets(text, _listed_months(text, _listed_days(text, tokens)))
    return _days_of_open_weeks(text, _periods_in_words(text, _approximate(text, tokens)))


# 5月14、15、21、22日: days listed after a month, 日 said once at the end.
_DAY_LIST = re.compile(r"月\s*(?P<list>(?:\d{1,2}\s*、\s*)+)\d{1,2}\s*[日号]")
_LISTED = re.compile(r"\d{1,2}")


def _listed_days(text: str, tokens: list[Token]) -> list[Token]:
    """`tokens`, with a DAY token for each bare number of a list of days after a month (5月14、15、21、22日:
    was the last day alone, and the month read as its end)."""
    added: list[Token] = []
    for m in _DAY_LIST.finditer(text):
        for n in _LISTED.finditer(text, m.start("list"), m.end("list")):
            if 1 <= int(n[0]) <= 31 and not any(o.start < n.end() and n.start() < o.end for o in tokens):
                added.append(Token(Tok.DAY, n.start(), n.end(), int(n[0])))
    if not added:
        return tokens
    return sorted(tokens + added, key=lambda t: t.start)


# 每年3、6、9、12月底前, 1、5、9月的10日前, 2023年3、4月: months listed, 月 said once at the end.
_MONTH_LIST = re.compile(r"(?<![\d.A-Za-z件表图号第])(?P<list>(?:\d{1,2}\s*、\s*)+)\d{1,2}\s*月")
_OPENS_CLAUSE = re.compile(r"(?:^|[,;。:!?\n\s])\s*$")


def _listed_months(text: str, tokens: list[Token]) -> list[Token]:
    """`tokens`, with a MONTH token for each bare number of a list of months (每年3、6、9、12月底前 was
    two rules of 31 December; 2023年3、4月 was 31 December and 30 April). A list that opens a
    clause may start with an item number instead (1、3月底前完成摸底；2、6月底前…): it does when a
    later clause opens with the next number; a list of two opening with 1、 without one is
    either, and unknown."""
    added: list[Token] = []
    vague: list[Token] = []
    for m in _MONTH_LIST.finditer(text):
        numbers = list(_LISTED.finditer(text, m.start("list"), m.end("list")))
        if not all(1 <= int(n[0]) <= 12 for n in numbers) or any(
            o.start < m.end("list") and m.start("list") < o.end for o in tokens
        ):
            continue
        if _OPENS_CLAUSE.search(text, 0, m.start()):
            first = int(numbers[0][0])
            if _item_opens(text[m.end() :], first + 1) or _item_opens(text[: m.start()], first - 1):
                numbers = numbers[1:]  # an item number, then the months
            elif first == 1 and len(numbers) == 1:
                end = next(
                    (o.end for o in tokens if o.start >= m.end("list") and o.kind is Tok.MONTH), m.end()
                )
                vague.append(Token(Tok.VAGUE, m.start(), end, text[m.start() : end]))
                continue
        added += [Token(Tok.MONTH, n.start(), n.end(), _bare_month(int(n[0]))) for n in numbers]
    tokens = sorted(tokens + added, key=lambda t: t.start) if added else tokens
    vague += _months_sharing_a_day(text, tokens)
    if not vague:
        return tokens
    tokens = [t for t in tokens if not any(v.start <= t.start < v.end for v in vague)]
    return sorted(tokens + vague, key=lambda t: t.start)


_DATE_KINDS = frozenset({Tok.MONTH, Tok.DAY, Tok.RANGE, Tok.DIR, Tok.ISO, Tok.XUN})


def _yearly_brackets(text: str, tokens: list[Token]) -> list[Token]:
    """`tokens`, with a span of dates in brackets right after 每年 (and a period's name) made one VAGUE
    token: 每年汛期(5—9月)每月15日前 was the 15th of every month, 每年主汛期(6月至8月) each 31 December.
    Which months of each year the bracket keeps a rule to is not read; unknown."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        out.append(tok)
        i += 1
        if tok.kind is not Tok.EVERY or not isinstance(tok.value, dict) or tok.value.get("unit") != "Y":
            continue
        j = i + 1 if i < len(tokens) and tokens[i].kind is Tok.VAGUE else i
        opening = tokens[j - 1].end if j > i else tok.end
        rest = text[opening:].lstrip()
        closing = text.find(")", opening)
        if not rest.startswith("(") or closing < 0:
            continue
        inside = [t for t in tokens[j:] if t.end <= closing]
        if (
            not inside
            or any(t.kind not in _DATE_KINDS for t in inside)
            or all(t.kind is not Tok.RANGE for t in inside)
        ):
            continue
        start = tokens[i].start if j > i else text.index("(", opening)
        out.append(Token(Tok.VAGUE, start, closing + 1, text[start : closing + 1]))
        i = j + len(inside)
    return out


def _item_opens(text: str, number: int) -> bool:
    """Whether a clause of `text` opens with the item number `number`、."""
    return number > 0 and re.search(rf"(?:^|[,;。:!?\n\s])\s*{number}\s*、", text) is not None


_LIST_GAP = re.compile(r"\s*(?:、|和|及|与)\s*")


def _months_sharing_a_day(text: str, tokens: list[Token]) -> list[Token]:
    """1月、5月、9月10日前 with no 每 before it: the 10th of each month, or the first two months
    whole? Under 每年 it is the 10th of each (a rule); alone it was read as 31 January, 31 May
    and 10 September. Unknown: one VAGUE token over the list."""
    vague: list[Token] = []
    i = 0
    while i < len(tokens):
        j, next_year = i, False
        while j + 1 < len(tokens) and tokens[j].kind is Tok.MONTH and not tokens[j].value.get("end"):
            if tokens[j + 1].kind is Tok.MONTH and _LIST_GAP.fullmatch(
                text, tokens[j].end, tokens[j + 1].start
            ):
                j += 1
            elif _next_year_month(text, tokens, j):
                # 每年4、7、10月和次年1月10日前: the day is each month's, the last one the next year's
                j, next_year = j + 2, True
            else:
                break
        day = tokens[j + 1] if j + 1 < len(tokens) else None
        if (
            j > i
            and day is not None
            and day.kind in (Tok.DAY, Tok.XUN)
            and text[tokens[j].end : day.start].strip() in ("", "的")
            # 每年1月、7月上旬: a 旬 after listed months is each one's (1月 was 31 January)
            and (next_year or day.kind is Tok.XUN or not _ruled(text, tokens, i))
        ):
            vague.append(Token(Tok.VAGUE, tokens[i].start, day.end, text[tokens[i].start : day.end]))
            i = j + 2
        else:
            i = j + 1
    return vague


def _next_year_month(text: str, tokens: list[Token], j: int) -> bool:
    """Whether tokens[j] (a month) is followed, across a list word, by 次年 and a month (10月和次年1月)."""
    return (
        j + 2 < len(tokens)
        and tokens[j + 1].kind is Tok.YEAR
        and tokens[j + 1].value.get("rel") == "next"
        and tokens[j + 2].kind is Tok.MONTH
        and _LIST_GAP.fullmatch(text, tokens[j].end, tokens[j + 1].start) is not None
        and not text[tokens[j + 1].end : tokens[j + 2].start].strip()
    )


def _ruled(text: str, tokens: list[Token], i: int) -> bool:
    """Whether a 每 opens the clause of tokens[i] before it."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, tokens[i].start)]
    low = breaks[-1] if breaks else 0
    return any(t.kind is Tok.EVERY and low <= t.start < tokens[i].start for t in tokens[:i])


def _bare_month(month: int) -> dict[str, Any]:
    return {"month": month, "rel": None, "end": False, "within": False}


# 3月10日左右, 8月31日前后, 约3月10日, 大约年底: a time given as an estimate names no day a deadline falls on.
_APPROX_AFTER = re.compile(r"\s*(?:左右|前后)")
_APPROX_BEFORE = re.compile(r"(?:(?<![预相邀签契公制条履违赴节])约|大约|大概|大致|估计)\s*$")
_ESTIMATED = frozenset(
    {
        Tok.ISO,
        Tok.YM,
        Tok.YEAR,
        Tok.YEAREND,
        Tok.HALF,
        Tok.QUARTER,
        Tok.MONTH,
        Tok.DAY,
        Tok.XUN,
        Tok.EVERY,
        Tok.OFFSET,
        Tok.WORKDAY,
        Tok.RANGE,
    }
)


def _approximate(text: str, tokens: list[Token]) -> list[Token]:
    """`tokens`, with each run of times (only spaces between them) that is marked as an estimate — 左右 or 前后
    right after it, 约 / 大约 / 大概 right before it — made one VAGUE token: the day is approximate, so the
    clause is unknown rather than read as exact (3月10日左右报送, 约3月10日, 8月31日前后). A time of day
    estimated (下午3点左右) leaves the day as read."""
    if not any(word in text for word in ("左右", "前后", "约", "大概", "大致", "估计")):
        return tokens
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind not in _ESTIMATED or tok.kind is Tok.RANGE:
            out.append(tok)
            i += 1
            continue
        j = i + 1
        while (
            j < len(tokens)
            and tokens[j].kind in _ESTIMATED
            and not text[tokens[j - 1].end : tokens[j].start].strip()
        ):
            j += 1
        while j > i + 1 and tokens[j - 1].kind is Tok.RANGE:
            j -= 1
        end = tokens[j - 1].end
        after = _APPROX_AFTER.match(text, end)
        before = _APPROX_BEFORE.search(text, max(0, tok.start - 4), tok.start)
        if after is None and before is None:
            out.extend(tokens[i:j])
            i = j
            continue
        start = before.start() if before is not None else tok.start
        end = after.end() if after is not None else end
        while j < len(tokens) and tokens[j].start < end:  # 前后: its direction words are the estimate's
            j += 1
        out.append(Token(Tok.VAGUE, start, end, text[start:end]))
        i = j
    return out


# 节假日期间, 国庆节放假期间: a period named in words (no date before 期间 in its clause; 此/该/这期间 point back)
_CLAUSE_BREAK = re.compile(r"[,;。:!?\n]")


def _periods_in_words(text: str, tokens: list[Token]) -> list[Token]:
    """`tokens`, with a 期间 that closes the opening words of a cell (and at most vague times: 国庆节放假
    期间) right before a 每 made one VAGUE token over them: a rule inside an undated period has no date
    (节假日期间每日报送 is unknown; 1月24日至2月14日期间 stays a period)."""
    out: list[Token] = []
    for i, tok in enumerate(tokens):
        if tok.kind is Tok.DIR and text[tok.start : tok.end] == "期间":
            breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, tok.start)]
            low = breaks[-1] if breaks else 0
            inside = [o for o in out if o.start >= low]
            words = text[low : tok.start]
            opening = len(words) - len(words.lstrip())
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if (
                words.strip()
                # the cell's first time, and a rule right after it: 会议期间提出的…, 从…起至麦收结束,…在麦收
                # 期间每日… (a period the cell bounds before) stay as they were
                and len(inside) == len(out)
                and nxt is not None
                and nxt.kind in (Tok.EVERY, Tok.WORKDAY, Tok.OFFSET)  # 整改期间每月最后一个工作日 too
                and (
                    not _CLAUSE_BREAK.search(text, tok.end, nxt.start)
                    # 整改期间,每周… / 整改期间;实行每周…: the rule opens the next clause, at most a few words
                    # (no 的: 整改期间提出的问题,每周五… keeps its rule) before it
                    or _short_gap(text[tok.end : nxt.start])
                )
                and all(o.kind is Tok.VAGUE for o in inside)
                and not any(ch.isdigit() for ch in words)
                and not words.rstrip().endswith(("此", "该", "这", "其"))
            ):
                del out[len(out) - len(inside) :]
                out.append(Token(Tok.VAGUE, low + opening, tok.end, text[low + opening : tok.end]))
                continue
        out.append(tok)
    return out


def _short_gap(gap: str) -> bool:
    """A clause break, then at most a few words that qualify nothing (实行, 要求, 各单位), before a rule."""
    words = gap.strip(" ,，;；")
    return (
        len(words) <= 8
        and not _CLAUSE_BREAK.search(words)
        and not any(ch.isdigit() or ch in "的之中" for ch in words)
    )


# 每周的周报于周一报送: a day after 于/在 (or 为: 每周一次,时间为星期二下午) in the sentence of a weekly 每 that
# leaves the day open names it (alone, 请于周一报送 is one Monday, and stays words).
_BARE_WEEKDAY = re.compile(
    r"(?<=[于在为])\s*(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])(?![次个周天期十程篇份件条批名人位家项则遍轮])"
)
_SENTENCE_STOP = re.compile(r"[。;;\n]")


def _days_of_open_weeks(text: str, tokens: list[Token]) -> list[Token]:
    """`tokens`, with an EVERY token that names the day for each bare 周X after 于/在 that follows, in its
    sentence, a weekly 每 with no day of its own: read_run then gives the rule that day."""
    added: list[Token] = []
    given: dict[int, Token] = {}
    for tok in tokens:
        if tok.kind is not Tok.EVERY or tok.value.get("unit") != "W" or tok.value.get("weekday") is not None:
            continue
        stop = _SENTENCE_STOP.search(text, tok.end)
        m = _BARE_WEEKDAY.search(text, tok.end, stop.start() if stop else len(text))
        if m is None or any(o.start < m.end() and m.start() < o.end for o in tokens):
            continue
        day = dict(tok.value, weekday=WEEKDAY[m["wd"]])
        if _CLAUSE_BREAK.search(text, tok.end, m.start()):
            # 每周一次,时间为星期二下午: the day, in a later clause, is the rule's own (one rule, not two)
            given[tok.start] = tok._replace(value=day)
            continue
        added.append(Token(Tok.EVERY, m.start() + len(m[0]) - len(m[0].lstrip()), m.end(), day))
    if not added and not given:
        return tokens
    return sorted([given.get(t.start, t) for t in tokens] + added, key=lambda t: t.start)


# A space between two Chinese numerals is a line break a copy kept: 每月二 十日前 is the 20th (was the 10th).
_SPLIT_NUMERAL = re.compile(r"(?<=[〇零一二三四五六七八九十廿卅])[ \u3000](?=[〇零一二三四五六七八九十廿卅])")


def _compacted(text: str) -> tuple[str, list[int] | range]:
    """`text` without FILLER, line breaks and spaces inside a Chinese numeral, and where each of its
    characters came from."""
    split = {m.start() for m in _SPLIT_NUMERAL.finditer(text)} if " " in text or "\u3000" in text else set()
    if FILLER not in text and "\n" not in text and "\r" not in text and not split:
        return text, range(len(text))
    at = [i for i, ch in enumerate(text) if ch not in (FILLER, "\n", "\r") and i not in split]
    return "".join(text[i] for i in at), at
