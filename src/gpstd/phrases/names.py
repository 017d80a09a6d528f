"""Times that are part of a name, not deadlines: the second stage, right after `tokens.scan`.

A year inside a title (《2022年<政府工作报告>重点任务落实推进情况表》), a year naming a plan
or report (制定2016年行动计划, 提交本年度工作总结), the years of a plan's period after its name
(五年行动计划(2021—2025年)), and the periods a report covers after 将/把 (将第一、第二、第三季度
…完成情况报…) say what a document is about, not when anything is due. So do a year before a
title or an ordinal meeting (2025年《政府工作报告》, 2022年第八次常务会议), a period that
qualifies the 情况/报表/数据 reported (上半年工作落实情况, 截至2015年3月底各地工作进展情况,
第四季度的报表), a count "as of" a day (截至9月14日,已办结6件), the period a statistic counts
(统计时间:2013年7月1日—2014年6月30日) and the date of the meeting that approved something
(经2004年4月22日…办公会研究同意). Their tokens are dropped, so that the clause reads as words
(or as the time it really has).

From the second held-out round: a plain time (no direction word) in a sentence that recounts (进行了,
审议通过, 已完成, …带队), states a statistic (同比, 环比, 百分点, 比去年同期) or a forecast (可能, 据测算); a
time in a clause that states a condition (如/如遇/若…) or its consequence (则…顺延至); a year
after 较/比 (较2023年增长: the comparison base); a count as of a day (截止2015年12月31日,全市户籍人口531.59万);
a year naming an event (2022年北京冬奥会); the period a statistic counts after 统计期限; a span a
process is cut to (审批时间压缩至90个工作日以内); and a year naming the year's work or an edition
(今年政府工作, 2016年版, 2016年工作思路提纲).

From the third held-out round: a forecast with 预计; a count as of a day in any unit (…,收到有效建议0条);
a day off (2024年1月1日放假); a year described (2022年是…之年) or whose work is summed up or planned
(总结2022年工作, 谋划2023年…); a half or quarter naming a summary or plan (上半年工作总结); every time
right after 已于 (已于2019年5月15日起施行: recounted, whatever direction word follows); and a project's
years in brackets after its name (撤并村通公路(2013—2017年)), as a plan's are. A sentence that counts
as of a day (截至9月底,…48987件) reports: its starts (于3月22日起全面实行) and its 持续… are dropped too.

From the fourth held-out round: a year before a quoted programme (2023年“十件实事”); a time right before
月报/季报/年报/周报 (2008年12月月报); a plan's base and term (规划执行期为2021年至2025年); a cut-off
(2023年6月30日以前经…登记成立的); a meeting's day a step follows (…会议后); a stoppage (…物流停运); a count
as of a day with 仍有; a 含N日 note; and sentences with 预测, 获悉, 图为 or 入汛 (but a time a request
asks for in its clause, 请…于5月份, stays).

From the fifth held-out round: a day back at work (10月8日(星期六)…正常上班) as a day off is, and in a
sentence that sets out a holiday (放假, 调休, 正常上班) with nothing but plain times, all of them
(2019年4月5日至7日共3天,4月8日…正常上班); a report others give (汛情通报称, 报道称); a year-end that names an
appraisal or a summary (纳入年终考核); a period or a year that qualifies a noun with 的 (对4月11日—4月14日的…
行动, 自1月1日起至12月31日止的…工作, 上年度的…年度报告); a day named as a starting point (以7月30日…动员会为
起点); a 每 that qualifies a noun (每月的工作计划); and dates under a year the parser cannot read: a template's
20xx年 and a ROC year (於 100 年 2 月 15 日), and a later date without a year after them.

From the sixth held-out round: a calendar's days off and days back (教师返校:…, 学生寒假:…, 正式上课, 执行…课程
安排), clinic hours over a holiday (为全天休息, 全天应诊), days off in brackets after 放假 or before a holiday's 假期
(unless they bound a rule: …期间每日报送), a holiday named with its days off in brackets after it, a weekday stated
(12月15日为星期日), a month naming a filing period (2月份申报期), a document's title (关于…的报告), examples closed by
等, a 每 in a relative clause (每月所扣的税款), 当月 after a list of months, a template year with a digit (xxx5年),
and a period a span of days counts from (上半年结束之日起…).

From the seventh held-out round: a sentence that reports an event done — a meeting held (…召开(扩大)会议), a
document issued (…印发《…》), an instruction given (…做出批示), a news item's date line (…网讯) — unless it schedules
or requests it (定于, 将于, 请, 要); a plain time wholly in a year before the base's, in a sentence that says more than
the time and not bounding a rule (2021年该区巡察…), with the sentence's other plain times; 长期坚持 kept in a sentence
that reports; and a 持续… right after a plain year (2024 年,持续深化…), which is that year's work.
"""

from __future__ import annotations

import bisect

from gpstd.patterns import LazyRegex
from gpstd.phrases.lexicon import UNREAD_YEAR, Tok, Token

# Titles, and slogans in quotation marks (“一网通办”“一日办结”, “一年强基础、两年上台阶”)
_TITLE_OPEN, _TITLE_CLOSE = "《〈<“", "》〉>”"
# What follows a year that names a document or a programme, not a deadline.
_DOCUMENT = LazyRegex(
    r"(?:年?度)?\s*(?:全[市省县区镇国]|[市省县区镇]级?)?\s*(?:政府)?"
    r"(?:行动计划|工作计划|计划|实施方案|工作方案|方案|工作要点|要点|工作总结|总结|工作报告|报告|重点工作"
    r"|重点任务|工作任务|目标任务|预算|决算|统计|年报|报表|规划|纲要|年鉴|考核|绩效|清单|目录|随机抽查|资料"
    r"|政务公开工作|民生实事|为民办实事|十件实事|责任事项|政府工作|工作思路|思路|提纲|版)"
)
# A plan's name, then its period in brackets: 行动计划(2021—2025年); a project's years after its name
# (2606个撤并村通公路(2013—2017年)) name it too, but a stage's or a time's are dates: 第一阶段(2021—2022年),
# 完成时限(2021年).
_PLAN_BEFORE = ("计划", "规划", "方案", "纲要", "要点")
_TIMED_BEFORE = ("阶段", "时间", "时限", "期限", "节点", *"期步年月日底末前内起")
_OBJECT = ("将", "把")
# Words that end a qualified noun phrase: …情况, …报表, …数据 (what a report covers). What may sit
# between the time and them holds no verb of timing, direction word or clause break.
_REPORTED = LazyRegex(
    r"(?:的)?[^,;。.!?\s前内后起底末于在向报将把为每按]{0,12}?(?:情况|报表|数据)"
    # 2008年12月月报, 2009年3-12月的月报: the report of that period
    r"|(?:的)?\s*(?:月报|季报|年报|周报)"
)
# 截至9月14日,已办结6件: a count as of a day, not a deadline.
_AS_OF = LazyRegex(r"[\s,]*[^\s,;。]{0,6}?(?:已|累计|仍有|仍未|尚有|尚未)")
# 截止2015年12月31日,全市户籍人口531.59万: a count as of a day (no 前: 截至6月底前完成 stays).
_COUNT_AS_OF = LazyRegex(
    r"[\s,]*[^;。]{0,12}?\d+(?:\.\d+)?\s*(?:万|亿|人|户|件|个|家|项|条|次|名|篇|份|宗|所|套|座|元|公里|%)"
)
# 统计时间:2013年7月1日—2014年6月30日: the period a statistic counts.
_COUNTED = LazyRegex(
    r"(?:(?:统计|数据|报表)(?:时间|期间|周期|时段|区间|范围|期限)|(?:基准|执行|规划)期"
    # 普查的标准时点是2023年12月31日: a census's reference day
    r"|(?:标准|普查)时点)\s*[:为是]?\s*$"
)
# 2023年6月30日以前经…登记成立的社会团体: a cut-off that says which bodies, not a deadline.
_CUT_OFF = LazyRegex(r"\s*(?:经|由)[^,;。]{0,20}?(?:成立|登记|注册|设立|认定)的")
# 2018年7月30日市…第十四次会议后: the day of a meeting that a later step counts from.
_MEETING_DAY = LazyRegex(r"[^,;。]{0,25}?(?:会议|大会|常务会|办公会)\s*(?:召开)?\s*(?:后|以后|之后)")
# 经2004年4月22日局…办公会研究同意: the day a meeting approved something, recounted.
_APPROVED = LazyRegex(r"[^,;。]{0,30}?(?:会议|办公会|常务会|会)[^,;。]{0,15}?(?:同意|通过)")
# 浮字[2018]30号, 盘政办发〔2021〕1号: a document number (〔〕 and 【】 are folded to brackets).
_DOC_NUMBER = LazyRegex(r"[(\[]\s*\d{4}\s*[)\]]\s*$")
# 2018年评议县政府职能部门工作安排: a year before words that name a plan or instructions.
_PLAN_NAMED = LazyRegex(
    r"(?:度)?[^\s,;。、和及与前内底末于在]{0,12}?"
    r"(?:工作安排|工作部署|文件精神|会议精神|工作任务|目标任务|主要任务|重点任务|重点工作"
    # 2022年北京冬奥会: a year that names an event
    r"|冬奥会|冬残奥会|奥运会|亚运会|运动会|博览会|交易会|展览会|峰会"
    # 保障2025年春耕生产用水: a year that names a farming season or the festival travel rush
    r"|春耕|春播|夏收|夏种|秋收|秋种|三夏|三秋|春运)"
)
# Sentences whose plain times are not deadlines: they recount (进行了, 审议通过, 已完成, 带队), state a
# statistic (同比下降12.7%) or a forecast (将有可能达到). 为了/除了/了解 are no perfective 了.
_RECOUNTED = LazyRegex(
    r"(?<![为除])了(?!解)|已(?!知)|(?:审议|研究|会议)(?:并)?通过|带队|率队"
    r"|同比|环比|百分点|比(?:去年|上年)同期|(?<!尽)可能|据(?:测算|预测|估算)|预计|预测"
    # 记者…获悉: a news report; 图为7月3日会议现场: a caption
    r"|获悉|图为"
    # 4月15日,我省正式入汛: the flood season's start is stated, it is nobody's deadline
    r"|入汛"
    # 汛情通报称,7月5日至9日…: a report others give (a mirror's pinyin may sit between)
    r"|(?:通报|报道|消息|公报|通告|新闻|报告)\s*称"
    # 截至9月底,全市办理…48987件: a count as of a day makes the sentence a report
    r"|截[至止](?!时间|日期)[^;。]{0,40}?\d+(?:\.\d+)?\s*(?:万|亿|人|户|件|个|家|项|条|%)"
    # 自进入10月份以来,…发生50起火灾: since a time, up to now; 今年…征集任务与去年持平: a figure compared
    r"|(?:自|从)[^,;。]{0,12}?以来|与(?:去年|上年)(?:同期)?(?:相比|持平|基本持平|相当)"
)
# A sentence that reports an event done: a news item's date line (济宁新闻网讯(记者…)), a meeting held (12月16日,
# 市政府机关党组召开(扩大)会议), a document issued (2023年7月,…办公厅印发《…》), an instruction given (9月17日,
# 代市长…做出批示). Unless the sentence schedules it (定于/将于/拟于…召开, 请…): then the time stays.
_EVENT_REPORTED = LazyRegex(
    r"[网报社台]讯|(?<=[^\d日月年,\s])召开(?:了)?\s*(?:\([^()]{0,6}\))?[^,;。:]{0,10}?(?:会议|座谈会|推进会|调度会|部署会|常务会|办公会)"
    r"|印发(?:了)?\s*《|[做作]出(?:了)?(?:重要)?批示"
    # 8月3日,我区举行…启动仪式暨…部署会; 5月29日到6月4日,…巡察组分别向…反馈巡察情况
    r"|(?<=[^\d日月年,\s])(?:举行|举办)(?:了)?[^,;。:]{0,30}?(?:会议|座谈会|推进会|调度会|部署会|仪式|典礼)"
    r"|向[^;。]{1,120}?反馈(?:了)?[^,;。]{0,6}?(?:情况|意见)"
)
_SCHEDULED = LazyRegex(
    r"[将拟定]于|将在|拟在|计划于|请|须|届时|(?<![重主需])要(?!求|点|论|闻)|要求[^,;。]{0,8}?\d"
)
# 请各子项目于5月份…: a request for a time, in the clause before the time.
_REQUESTED = LazyRegex(r"请[^,;。]{0,15}?于\s*$")
# 2024年1月1日放假: a day off, not a deadline; 10月8日(星期六)正常上班: a day back at work (上班前/后 stay).
_DAY_OFF = LazyRegex(
    r"\s*(?:\([^()]{0,8}\)|(?:正|腊|冬)月(?:初|十|廿|二十)?[一二三四五六七八九十]|除夕)?"
    r"\s*(?:为|是)?\s*(?:全天|半天|上午|下午)?\s*"
    r"(?:放(?:寒|暑)?假|休假|调休|休息|(?:正常)?上班(?![前后时])|正常办公|(?:正式|正常|照常)?上课(?![前后时])|门诊|应诊|停诊|休诊)"
    r"|[^,;。\d]{0,8}?(?:停运|停产|停工|停业|限行|放(?:寒|暑)?假)"
    # 4月30日至5月2日该院内科、…门诊全天应诊: clinic hours over a holiday
    r"|[^,;。\d]{0,20}?(?:全天|半日|上午|下午)?(?:应诊|停诊|休诊|开诊|门诊)"
    # (2025年9月27日执行第4周星期二课程安排): a weekend made a teaching day
    r"|\s*(?:执行|按)[^,;。]{0,12}?(?:课程|课表)安排"
)
# 教师返校:2025年9月5日, 学生寒假:2026年1月17日至2月27日: a calendar's label naming a day off or a day back
# (学生注册:…, 期中考试:… stay dates).
_DAY_OFF_LABEL = LazyRegex(r"(?:返校|上课|开学|寒假|暑假|放假|假期|休假|[春秋]假|上班)\s*[:为]?\s*$")
# 春节放假共7天(2月15日—21日,…), 调休共11天(2月15日除夕至2月25日…): the days off, in brackets after 放假.
_OFF_BRACKET = LazyRegex(r"(?:放假|休假|调休)[^,;。()]{0,8}\([^()]*$")
_HOLIDAY_NAME = LazyRegex(r"春节|元旦|国庆|五一|清明|端午|中秋")
_HOLIDAY_DAYS = LazyRegex(r"\s*(?:节)?\s*(?:假期|长假|放假|休假|假日)")
# 2月10日至17日放假期间每日报送, 放假(2月10日至17日)期间,每日…: the days off bound a rule, and stay.
_BOUNDS_RULE = LazyRegex(r"[^,;。]{0,12}?期间")
# 春节放假共7天(2月15日—21日,…): the holiday named, its days off given in the brackets after it.
_HOLIDAY_DATED_AFTER = LazyRegex(r"\s*(?:节)?\s*(?:放假|休假|调休)[^,;。()前后]{0,8}\(")
# 本报北京12月8日电 (记者…), 新华社北京1月16日电: a news item's dateline, the day it was filed.
_DATELINE = LazyRegex(r"\s*电(?=\s|\(|$)")
_DATELINE_SOURCE = LazyRegex(r"(?:社|报|台|网)[^\s\d,;。]{0,6}$")
# 今年地方市征兵宣传和报名时间,从即日开始,7月31日前…: a year naming the schedule the clauses after it set out.
_TOPIC = LazyRegex(r"[^,;。\d]{0,16}?(?:时间|日程|进度)(?:安排)?\s*(?=[,:;为是])")
# …、持续整改、整改总结三个阶段: the stages are counted after the list.
_STAGES_COUNTED = LazyRegex(r"[^,;。]*?(?:[一二三四五六七八九十两]|\d)\s*个\s*阶段")
# 12月15日为星期日: the weekday a day falls on is stated, nothing is due that day.
_WEEKDAY_STATED = LazyRegex(r"\s*(?:为|是)\s*(?:星期|周|礼拜)[一二三四五六日天]")
# 2月份申报期: a month naming a filing period (its deadline is given after it).
_PERIOD_NAMED = LazyRegex(r"\s*(?:份)?\s*(?:的)?\s*(?:申报期|征期|纳税期|所属期|申报纳税期)")
# 上半年结束之日起两个月内, 年度终了后4个月内: a span counted from the period's end; the period itself is
# not due (was 30 June).
_PERIOD_END_SPAN = LazyRegex(r"\s*(?:结束|终了|届满)\s*(?:之日)?\s*(?:起|后|以后|之后)")
# 关于2023年上半年…执行情况的报告: a document's title names what it covers.
_ABOUT_TITLE = LazyRegex(
    r"关于[^,;。!?\n]{2,80}?的(?:报告|通知|意见|决定|请示|批复|函|方案|办法|规定|通报)(?=\s*(?:[,;。!?\n]|$))"
)
# 比如每月的第一个周五、每月的最后一个周五…等: a list of examples, closed by 等, sets no rule. Only as a word
# of its own (典型案例如湖南省要求…前完成 is a case cited, and its date stays); 比如,企业所得税…年度终了后4个月内
# 汇算清缴 (no 等) illustrates a rule, and is read.
_EXAMPLES = LazyRegex(r"(?:(?<=[,;。:\s(])|^)(?:比如|例如|譬如|诸如)[^。;!?\n]*?等")
# 每月所扣的税款, 每月应纳的税款: a 每 in a relative clause qualifying a noun.
_EVERY_RELATIVE = LazyRegex(r"\s*(?:所|应)[\u4e00-\u9fff]{1,3}的[\u4e00-\u9fff]")
# A sentence that sets out a holiday: its plain times are days off and days back at work — unless it asks
# for something (放假安排请于1月20日报送).
# 放假8天,申报纳税期限顺延至2月23日: a deadline moved past the holiday is asked for too.
_ASKED = LazyRegex(r"请|报送|上报|提交|报至|完成|顺延|延至|延长|期限")
# A sentence that sets out a holiday: its plain times are days off and days back at work.
_HOLIDAY = LazyRegex(r"放假|调休|上班(?![前后时])|休息|门诊|应诊|停诊")
# 纳入年终考核: 年终 naming an appraisal (年终总结报…, 年底前总结 stay deadlines).
_YEAREND_NAMED = LazyRegex(r"\s*(?:考核|考评|评比|评估|评议|表彰|决算|奖)")
# 对4月11日—4月14日的…行动, 上年度的…年度报告: a period or a year qualifying a noun (…的每月, …的12月 stay).
_QUALIFIES = LazyRegex(
    r"\s*的\s*(?![\d每前后底末内上中下第全年月日季半本次当同时期间])"
    r"(?![一二三四五六七八九十两]{1,3}(?:季|月|年|日|号|周|个|半))[\u4e00-\u9fff]"
)
# 以7月30日…动员会为起点: the day of a meeting named as the starting point of a campaign (以3月1日为起点
# is a start, and stays).
_STARTING_POINT = LazyRegex(r"[^,;。]{1,25}?(?:会|会议|仪式|活动)\s*为(?:起点|标志|开端|起始|发端)")
# 每月的工作计划: a 每 qualifying a noun names it (每月的10日前, 每年的3月 stay).
_EVERY_QUALIFIES = LazyRegex(
    r"\s*的\s*(?![\d一二三四五六七八九十两每前后底末内上中下第最初首年月日周星季次当本双单半])[\u4e00-\u9fff]"
)
# 20xx年12月26日: a template's year, not filled in; 於 100 年 1 月 25 日: a ROC year (民国纪年).
# …至2010年获得省园林城市称号止: words, then the period's end (not 底/末/前: 至2010年底止 is a date).
_EVENT_END = LazyRegex(r"(?![底末前内])[^,;。\d]{2,20}?(?:为止|止|结束)")
# What may open a clause before its subject: an item number, 一、, (2).
_CLAUSE_OPENING = LazyRegex(r"[\s()\d一二三四五六七八九十、.:]*")
# xxx5年 (a year with some digits left as x) too
_TEMPLATE_YEAR = LazyRegex(r"(?:19|20|\d)?[xX×*＊]{2,4}\d?\s*年\s*$")
_ROC_YEAR = LazyRegex(r"(?<![\d.])(?P<n>\d{2,3})\s*年\s*$")
# 2022年是…之年: a year described.
_YEAR_IS = LazyRegex(r"\s*(?:是|既是)")
# 总结2022年工作, 谋划2023年…: the year whose work is summed up or planned.
_YEAR_OBJECT = LazyRegex(r"(?:谋划|总结|回顾|筹划)\s*$")
# 已于2019年5月15日起施行: the times of the clause are recounted, whatever direction word follows them.
_ALREADY = LazyRegex(r"已(?:经)?\s*(?:于|在|自|从)[\sa-z()]*$")
# What a mirror leaves between the parts of one date: spaces and pinyin, 2019年(nian)(nian)5月.
_NOISE = LazyRegex(r"[\sa-z()]*")
# 上半年工作总结, 第一季度工作计划: a half or quarter naming the summary or plan.
_PERIOD_DOCUMENT = LazyRegex(r"(?:的)?\s*(?:工作总结|工作计划|工作要点|工作思路|总结)")
_WEEKDAY_ASIDE = LazyRegex(r"(?<=[日号])\s*\((?:本周|下周|星期|周|礼拜)[一二三四五六日天]\)")
_SENTENCE_END = LazyRegex(r"[。!?;\n]")
# A clause that states a condition (如未使用完…, 如遇节假日…, 若…) or its consequence (则视情况顺延至
# 12月31日): its times are not deadlines (an unconditional 延长至2022年4月30日 stays one).
_CONDITION = LazyRegex(r"\s*(?:如果|如遇|如|若|倘若|一旦|遇有|遇|否则|则)")
_CLAUSE_END = LazyRegex(r"[,;。!?\n]")
# 较2023年增长, 比2019年下降: the year compared with.
_COMPARED = LazyRegex(r"(?:较|比|相比|相较于?|对比)\s*$")
# 审批时间压缩至90个工作日以内: how long a process may take, not a deadline.
_MEASURE = LazyRegex(r"(?:压缩|缩短|减少|压减|缩减|降低|控制)(?:至|到|在|为)?\s*$")
_ORDINAL = LazyRegex(r"\s*(?:[《〈<]|第\s*[0-9一二三四五六七八九十百]+\s*(?:次|届|批|期|轮))")
_TIMES = frozenset(
    {Tok.ISO, Tok.YM, Tok.YEAR, Tok.YEAREND, Tok.HALF, Tok.QUARTER, Tok.MONTH, Tok.DAY, Tok.XUN}
)


def drop_names(norm: str, tokens: list[Token]) -> list[Token]:
    """`tokens` without those that are part of a title, a document's name or a report's subject."""
    return drop_names_with_years(norm, tokens)[0]


def drop_names_with_years(
    norm: str, tokens: list[Token], base_year: int | None = None
) -> tuple[list[Token], list[tuple[int, int]]]:
    """`drop_names`, and the years of the dropped times that are still times of the text — a day
    recounted, counted as of, taken off, or a year described (2025年是…之年, 2025年1月1日放假, 已于2025年3月1日
    起施行) — as (offset, year): a later date without a year takes that year (…,请于1月2日前报送 is 2025's),
    as it would have from the dropped clause. Titles, plans, comparisons and the years of work summed up
    give none."""
    years: dict[int, int] = {}
    # 2023年6月30日(星期五)以前经…登记成立的: a weekday in brackets after a date is read as space here, so a
    # time is seen next to the words after it, as without the aside
    norm = _WEEKDAY_ASIDE.sub(lambda m: " " * len(m[0]), norm)
    named = (
        _in_titles(norm)
        | _plan_periods(norm, tokens)
        | _qualifiers(norm, tokens, years)
        | _not_deadlines(norm, tokens, years, base_year)
        | _measures(norm, tokens)
    )
    named |= _unread_years(norm, tokens, years) | _every_named(norm, tokens) | _event_ends(norm, tokens)
    named |= (
        _spans_named(norm, tokens) | _period_end_spans(norm, tokens) | _months_of_this_month(norm, tokens)
    )
    kept = [t for t in tokens if not (t.start in named or _names_document(norm, t) or _reported_on(norm, t))]
    return kept, sorted(years.items())


def _unread_years(norm: str, tokens: list[Token], years: dict[int, int]) -> set[int]:
    """Dates under a year the scanner does not read: a template's 20xx年 (no date at all) and a ROC
    year (於 100 年 2 月 15 日, 民国纪年). They are dropped, and a later date without a year, which would
    take that year, is unknown too (`UNREAD_YEAR`): …於 2 月 25 日前 is not the base year's."""
    named: set[int] = set()
    for group in _groups(norm, tokens):
        first = group[0]
        if first.kind is not Tok.MONTH:
            continue
        before = norm[max(0, first.start - 12) : first.start]
        roc = _ROC_YEAR.search(before)
        if _TEMPLATE_YEAR.search(before) or roc:
            # 於 100 年 1 月 1 日起,每月… / 20xx年7月,每周…: a start or period before a rule stays, unread (its
            # clause is unknown, and so is the rule it bounds)
            if not _rule_after(norm, tokens, group):
                named.update(t.start for t in group)
            years[first.start] = UNREAD_YEAR
    return named


def _rule_after(norm: str, tokens: list[Token], group: list[Token]) -> bool:
    """The next token after `group` is a 每, with at most a comma and a few words (no 的) between."""
    nxt = next((t for t in tokens if t.start >= group[-1].end), None)
    rule = nxt is not None and (
        nxt.kind is Tok.EVERY
        or (nxt.kind in (Tok.WORKDAY, Tok.OFFSET) and isinstance(nxt.value, dict) and nxt.value.get("every"))
    )
    if nxt is None or not rule:
        return False
    words = norm[group[-1].end : nxt.start].strip(" ,，;；、")
    return len(words) <= 8 and not any(ch in "的之中,;。" or ch.isdigit() for ch in words)


def _event_ends(norm: str, tokens: list[Token]) -> set[int]:
    """2009年12月起至2010年获得省园林城市称号止: the period ends at an event (words between the year after
    至 and 止); that year says when the event is hoped for, not a day anything is due (至2025年6月底全部完成止
    keeps its day)."""
    named: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok.kind is not Tok.RANGE:
            continue
        after: list[Token] = []
        for nxt in tokens[i + 1 :]:
            if nxt.kind not in _TIMES or norm[(after[-1] if after else tok).end : nxt.start].strip():
                break
            after.append(nxt)
        if after and all(a.kind is Tok.YEAR for a in after) and _EVENT_END.match(norm, after[-1].end):
            named.update(t.start for t in after)
    return named


def _every_named(norm: str, tokens: list[Token]) -> set[int]:
    """(2)每月的工作计划中包括…: a 每 that opens its clause, followed by 的 and a noun, is the subject
    the clause describes (上报每月的进展情况 reports each month: a rule). 每月所扣的税款, 每月应纳的税款: a 每
    in a relative clause (所/应 + verb + 的) describes the noun wherever it stands."""
    return {
        t.start
        for t in tokens
        if t.kind is Tok.EVERY
        and (
            (
                _EVERY_QUALIFIES.match(norm, t.end)
                and _CLAUSE_OPENING.fullmatch(
                    norm[: t.start].rsplit(",", 1)[-1].split("。")[-1].split(";")[-1]
                )
            )
            or _EVERY_RELATIVE.match(norm, t.end)
        )
    }


def _months_of_this_month(norm: str, tokens: list[Token]) -> set[int]:
    """1月、3月、7月…申报纳税期限分别截至当月15日: 当月 after a list of months means each of them; the
    rule for each is not read, so the months and the 当月 date are dropped (was each month's end)."""
    named: set[int] = set()
    for i, tok in enumerate(tokens):
        if (
            tok.kind is not Tok.MONTH
            or tok.value.get("rel") not in ("base", "that")
            or not norm.startswith(("当月", "本月"), tok.start)
        ):
            continue
        stop = _CLAUSE_END.search(norm[::-1], len(norm) - tok.start)
        low = len(norm) - stop.start() if stop else 0
        listed = [t for t in tokens[:i] if t.kind is Tok.MONTH and t.start >= low and t.value.get("month")]
        if len(listed) >= 2:
            named.update(t.start for t in listed)
            named.add(tok.start)
            named.update(t.start for t in tokens[i + 1 : i + 2] if t.kind is Tok.DAY)
    return named


def _keep_year(group: list[Token], years: dict[int, int]) -> None:
    """Record the year a dropped group states outright (2025年, not 本年 or 次年)."""
    for tok in group:
        if tok.kind is Tok.YEAR and tok.value.get("rel") is None and tok.value.get("year"):
            years[tok.start] = tok.value["year"]


def _groups(norm: str, tokens: list[Token]) -> list[list[Token]]:
    """Tokens with nothing but spaces between them (2013年7月1日--2014年6月30日), grouped."""
    out: list[list[Token]] = []
    for tok in tokens:
        if out and not norm[out[-1][-1].end : tok.start].strip():
            out[-1].append(tok)
        else:
            out.append([tok])
    return out


def _qualifiers(norm: str, tokens: list[Token], years: dict[int, int]) -> set[int]:
    """Starts of the tokens of each group of times that names, rather than sets, a time (see the
    module docstring)."""
    named: set[int] = set()
    for group in _groups(norm, tokens):
        if (
            len(group) == 1
            and group[0].kind is Tok.VAGUE
            and _HOLIDAY_NAME.fullmatch(norm, group[0].start, group[0].end)
            and _HOLIDAY_DATED_AFTER.match(norm, group[0].end)
        ):
            named.add(group[0].start)
            continue
        if not any(t.kind in _TIMES for t in group) or any(t.kind is Tok.EVERY for t in group):
            continue
        first, last = group[0], group[-1]
        # (2月9日-15日春节假期): a holiday's days off, dated by the times before its name
        if (
            last.kind is Tok.VAGUE
            and _HOLIDAY_NAME.fullmatch(norm, last.start, last.end)
            and _HOLIDAY_DAYS.match(norm, last.end)
            and not _BOUNDS_RULE.match(norm, last.end)
            and all(t.kind in _TIMES or t.kind is Tok.RANGE for t in group[:-1])
        ):
            named.update(t.start for t in group)
            _keep_year(group, years)
            continue
        before = norm[: first.start]
        as_of = first.kind is Tok.DIRP and norm.startswith("截", first.start)
        plain = all(t.kind in _TIMES or t.kind is Tok.RANGE for t in group)
        # 统计期限自2010年1月1日起至2010年12月31日止: 自/起/至/止 bound the counted period
        bounded = all(t.kind in _TIMES or t.kind in (Tok.RANGE, Tok.DIRP, Tok.DIR) for t in group)
        single_year = len(group) == 1 and first.kind is Tok.YEAR and not first.value.get("end")
        if (
            (as_of and _AS_OF.match(norm, last.end))
            or (as_of and _counted_as_of(group) and _COUNT_AS_OF.match(norm, last.end))
            or (plain and _DAY_OFF.match(norm, last.end) and not _BOUNDS_RULE.match(norm, last.end))
            or (
                plain
                and (_DAY_OFF_LABEL.search(before[-8:]) or _OFF_BRACKET.search(before[-40:]))
                and not _BOUNDS_RULE.match(norm, last.end)
            )
            or (plain and _WEEKDAY_STATED.match(norm, last.end))
            or (plain and _dateline(norm, before, last.end))
            or (single_year and _TOPIC.match(norm, last.end))
            or (plain and before.rstrip().endswith("经") and _APPROVED.match(norm, last.end))
            or (single_year and _YEAR_IS.match(norm, last.end))
            or (plain and _MEETING_DAY.match(norm, last.end))
            or (plain and before.rstrip().endswith("以") and _STARTING_POINT.match(norm, last.end))
            # 对4月11日—4月14日的…行动, 自1月1日起至12月31日止的…工作: the period qualifies a noun; 上年度的…
            # 年度报告: so does the year. Times of the text: 2024年的各项任务…3月底前 is 2024's March
            or (bounded and any(t.kind is Tok.RANGE for t in group) and _QUALIFIES.match(norm, last.end))
            or (single_year and _QUALIFIES.match(norm, last.end))
        ):
            named.update(t.start for t in group)
            _keep_year(group, years)  # times of the text: a later date without a year takes theirs
        elif (
            ((plain or as_of) and _REPORTED.match(norm, last.end))
            or (plain and _PERIOD_NAMED.match(norm, last.end))
            or ((plain or bounded) and _COUNTED.search(before))
            # 纳入年终考核: the year-end names the appraisal
            or (
                len(group) == 1
                and first.kind is Tok.YEAREND
                and norm.startswith("年终", first.start)
                and _YEAREND_NAMED.match(norm, last.end)
            )
            or (_CUT_OFF.match(norm, last.end) and _cut_off(norm, group))
            # 月后20日前(含20日,…): the note that the deadline's day is included
            or (plain and before.endswith(("(含", "(包含", "含")))
            # 2023年“十件实事”: a year before a quoted name names the programme
            or (single_year and norm.startswith(("“", '"'), last.end))
            or (
                single_year
                and (
                    _ORDINAL.match(norm, last.end)
                    or _PLAN_NAMED.match(norm, last.end)
                    or _YEAR_OBJECT.search(before[-4:])
                )
            )
            or (
                len(group) == 1
                and first.kind is Tok.DAY
                and norm[last.end - 1] == "号"
                and _DOC_NUMBER.search(before)
            )
        ):
            named.update(t.start for t in group)
    return named


def _dateline(norm: str, before: str, end: int) -> bool:
    """Whether a plain time ending at `end` is a news item's dateline: 电 after it, then a space or a
    bracket (…12月8日电 (记者), or a news source just before it (新华社北京1月16日电)."""
    if _DATELINE.match(norm, end):
        return True
    return norm[end:].lstrip().startswith("电") and _DATELINE_SOURCE.search(before[-12:]) is not None


def _cut_off(norm: str, group: list[Token]) -> bool:
    """2023年6月30日以前 (a day, then 以前 or 之前; no 每): the bound of a cut-off."""
    last = group[-1]
    return (
        last.kind is Tok.DIR
        and norm[last.start : last.end].endswith(("以前", "之前"))
        and any(t.kind in _TIMES for t in group)
    )


def _counted_as_of(group: list[Token]) -> bool:
    """截止2015年12月31日 (no 前/内): what follows is counted as of that day."""
    return not any(t.kind is Tok.DIR for t in group)


def _in_titles(norm: str) -> set[int]:
    """Offsets inside 《…》, 〈…〉, <…> and “…” (nested as they come)."""
    inside: set[int] = set()
    if not any(ch in norm for ch in _TITLE_OPEN):
        return inside
    depth = 0
    for i, ch in enumerate(norm):
        if ch in _TITLE_OPEN:
            depth += 1
        elif ch in _TITLE_CLOSE and depth:
            depth -= 1
        elif depth:
            inside.add(i)
    return inside


def _plan_periods(norm: str, tokens: list[Token]) -> set[int]:
    """Offsets inside a bracket that follows a plan's name and holds whole years only:
    五年行动计划(2021—2025年) (制定方案(2017年7月18日至7月25日) is a stage's dates, and stays)."""
    inside: set[int] = set()
    at = norm.find("(")
    while at >= 0:
        close = norm.find(")", at)
        if close < 0:
            break
        if _names_before(norm[:at].rstrip()) and _years_only(tokens, at, close):
            inside.update(range(at + 1, close))
        at = norm.find("(", close)
    return inside


def _names_before(before: str) -> bool:
    """Whether what precedes a bracket of years is a plan's or a project's name (not a stage or a time)."""
    if before.endswith(_PLAN_BEFORE):
        return True
    return bool(before) and "\u4e00" <= before[-1] <= "\u9fff" and not before.endswith(_TIMED_BEFORE)


def _years_only(tokens: list[Token], low: int, high: int) -> bool:
    inner = [t for t in tokens if low < t.start < high]
    return bool(inner) and all(t.kind in (Tok.YEAR, Tok.RANGE) for t in inner)


def _names_document(norm: str, tok: Token) -> bool:
    """2016年行动计划, 本年度工作总结: a year (no 底/末/内) that names a document; 上半年工作总结,
    下半年工作计划: a half or a quarter that names a summary or a plan."""
    if tok.kind in (Tok.HALF, Tok.QUARTER):
        return _PERIOD_DOCUMENT.match(norm, tok.end) is not None
    if tok.kind is not Tok.YEAR or tok.value.get("end"):
        return False
    return _DOCUMENT.match(norm, tok.end) is not None


def _reported_on(norm: str, tok: Token) -> bool:
    """将第一、第二、第三季度…情况报…: the quarters after 将/把 are what the report covers."""
    if tok.kind not in (Tok.QUARTER, Tok.HALF):
        return False
    return norm[: tok.start].rstrip().endswith(_OBJECT)


def _not_deadlines(
    norm: str, tokens: list[Token], years: dict[int, int], base_year: int | None = None
) -> set[int]:
    """Starts of the tokens of each plain group of times (no direction word, no 每) that a sentence
    recounts, counts or forecasts, that a condition or its consequence states, or that is compared
    with (较2023年): see the module docstring. Sentence and clause bounds are found once, so a long
    cell stays linear."""
    named: set[int] = set()
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(norm)]
    clause_ends = [m.end() for m in _CLAUSE_END.finditer(norm)]
    told: dict[int, bool] = {}  # sentence index → whether it recounts, counts or forecasts
    holidays: dict[int, bool] = {}  # sentence index → whether it sets out a holiday, with plain times only
    recounted_end = -1  # where the last time read after 已于 ended
    past: set[int] = set()  # sentence indexes with a plain time wholly before the base year
    past_heads: set[int] = set()  # … where that time opens its clause (2023年完成摸底,…)
    for group in _groups(norm, tokens):
        first = group[0]
        if first.kind is Tok.ONGOING and len(group) == 1:
            # 截至8月底,…39个项目持续推进落实: a report describes, it sets no standing task (but 已经完成,长期
            # 坚持 keeps it up for good); 2024 年,持续深化…改革: the year's work, timed by the year
            if (
                (_told(norm, sentence_ends, told, first.start) and not norm.startswith("长期", first.start))
                or _year_before(norm, tokens, first)
                or _stage_named(norm, first)
            ):
                named.add(first.start)
            continue
        if not any(t.kind in _TIMES for t in group):
            continue
        clause = bisect.bisect_right(clause_ends, first.start)
        clause_start = clause_ends[clause - 1] if clause else 0
        if _ALREADY.search(norm[max(clause_start, first.start - 20) : first.start]) or (
            recounted_end >= 0 and _NOISE.fullmatch(norm, recounted_end, first.start)
        ):
            named.update(t.start for t in group)
            _keep_year(group, years)
            recounted_end = group[-1].end
            continue
        plain = all(t.kind in _TIMES or t.kind is Tok.RANGE for t in group)
        # 我市于3月22日起全面实行…,截至9月底,…48987件: a start a report recounts
        started = all(
            t.kind in _TIMES or t.kind is Tok.RANGE or (t.kind is Tok.DIR and t.value == "start")
            for t in group
        )
        if (
            not (plain or started)
            and _after_past_head(norm, sentence_ends, past_heads, clause_start, first.start)
            and _yearless(group)
            and all(t.kind in _TIMES or t.kind in (Tok.RANGE, Tok.DIR) for t in group)
        ):
            # 2023年完成摸底，6月底前完成整改: clauses each timed at their head, the first in a past year: the
            # later deadline without a year is of that year too (it was 30 June of the base's year); 总结2025年
            # 工作,于1月10日前报送 and 2025年是…之年,要在6月底前… keep theirs
            named.update(t.start for t in group)
            continue
        if not (plain or started):
            continue
        # …已在表格4中备注,请各子项目于5月份赶上: a request in a sentence that recounts still sets a time
        recounts = _told(norm, sentence_ends, told, first.start) and not _REQUESTED.search(
            norm, clause_start, first.start
        )
        if not plain:
            if recounts:
                named.update(t.start for t in group)
                _keep_year(group, years)
            continue
        if _holiday(norm, tokens, sentence_ends, holidays, first.start):
            named.update(t.start for t in group)
            _keep_year(group, years)
            continue
        compared = first.kind is Tok.YEAR and _COMPARED.search(norm[max(0, first.start - 4) : first.start])
        if (
            not recounts
            and not compared
            and _before_base(group, base_year)
            and _says_more(norm, sentence_ends, group)
            and not _REQUESTED.search(norm, clause_start, first.start)
            and not _rule_after(norm, tokens, group)
        ):
            # 2021年该区巡察发现问题应改尽改; …于2016年11月至12月…开展督察,并于2017年4月完成反馈: a plain time
            # wholly in a year before the base's is the past the sentence tells of, and so are the later
            # plain times after 于 in the same sentence (its year is not carried: 总结2025年工作,于1月10日前报送 is 2026's)
            past.add(bisect.bisect_right(sentence_ends, first.start))
            if not norm[clause_start : first.start].strip():
                past_heads.add(bisect.bisect_right(sentence_ends, first.start))
            named.update(t.start for t in group)
            continue
        if bisect.bisect_right(sentence_ends, first.start) in past and (
            norm[: first.start].rstrip().endswith("于") or _yearless(group)
        ):
            # …于2016年11月至12月…开展督察,并于2017年4月完成督察反馈: the same story goes on; 2023年3月完成摸底，
            # 4月完成整改: a time without a year after one of that past year is of that year, not the base's
            named.update(t.start for t in group)
            continue
        if recounts and not compared:
            _keep_year(group, years)
        if recounts or compared or _CONDITION.match(norm, clause_start):
            named.update(t.start for t in group)
    return named


def _stage_named(norm: str, tok: Token) -> bool:
    """集中整改、持续整改、整改总结三个阶段: 持续… listed as one of the stages the clause counts is a
    stage's name, not standing work."""
    if not norm[: tok.start].rstrip().endswith("、"):
        return False
    return _STAGES_COUNTED.match(norm, tok.end) is not None


def _after_past_head(
    norm: str, sentence_ends: list[int], past_heads: set[int], clause_start: int, at: int
) -> bool:
    """Whether a time at `at` opens its clause in a sentence whose first clause is timed in a past year
    (2023年完成摸底，6月底前完成整改), or opens its sentence right after such a sentence (2023年3月完成摸底。
    6月底前完成整改: the full stop does not make the later deadline the base year's)."""
    if norm[clause_start:at].strip():
        return False
    index = bisect.bisect_right(sentence_ends, at)
    if index in past_heads:
        return True
    sentence_start = sentence_ends[index - 1] if index else 0
    return index - 1 in past_heads and not norm[sentence_start:at].strip()


def _yearless(group: list[Token]) -> bool:
    """Whether no time of `group` names a year of its own (4月, 5月10日; not 2024年, 次年)."""
    return all(
        t.kind is not Tok.YEAR and not (isinstance(t.value, dict) and t.value.get("year")) for t in group
    )


def _year_before(norm: str, tokens: list[Token], tok: Token) -> bool:
    """Whether a 持续… / 常态… word comes right after a plain year (2024 年,持续深化…), nothing but a comma
    or spaces between: the year times the work the word describes."""
    at = bisect.bisect_left([t.start for t in tokens], tok.start)
    if at == 0 or not norm.startswith(("持续", "常态"), tok.start):
        return False
    year = tokens[at - 1]
    return (
        year.kind is Tok.YEAR
        and isinstance(year.value, dict)
        and bool(year.value.get("year"))
        and not year.value.get("end")
        and norm[year.end : tok.start].strip(" ,") == ""
        and (at < 2 or tokens[at - 2].kind not in (Tok.DIR, Tok.DIRP, Tok.RANGE))
    )


def _says_more(norm: str, sentence_ends: list[int], group: list[Token]) -> bool:
    """Whether the sentence goes on past the group with words of its own (a cell of a bare date,
    2015年1月1日, is a deadline whatever its year)."""
    index = bisect.bisect_right(sentence_ends, group[-1].end)
    high = sentence_ends[index] if index < len(sentence_ends) else len(norm)
    return sum(not (c.isspace() or c in ",;。:、()") for c in norm[group[-1].end : high]) >= 4


def _before_base(group: list[Token], base_year: int | None) -> bool:
    """Whether every time of a plain group names its year, and each is before `base_year`."""
    points = [t for t in group if t.kind is not Tok.RANGE]
    explicit = [t.value.get("year") for t in points if isinstance(t.value, dict) and t.value.get("year")]
    if base_year is None or not explicit or points[0].kind not in (Tok.YEAR, Tok.ISO, Tok.YM):
        return False
    return all(isinstance(y, int) and y < base_year for y in explicit)


def _told(norm: str, sentence_ends: list[int], told: dict[int, bool], at: int) -> bool:
    """Whether the sentence around offset `at` recounts, counts or forecasts (memoised in `told`)."""
    index = bisect.bisect_right(sentence_ends, at)
    if index not in told:
        low = sentence_ends[index - 1] if index else 0
        high = sentence_ends[index] if index < len(sentence_ends) else len(norm)
        told[index] = _RECOUNTED.search(norm, low, high) is not None or (
            _EVENT_REPORTED.search(norm, low, high) is not None and _SCHEDULED.search(norm, low, high) is None
        )
    return told[index]


def _holiday(
    norm: str, tokens: list[Token], sentence_ends: list[int], memo: dict[int, bool], at: int
) -> bool:
    """Whether the sentence around `at` sets out a holiday (放假, 调休, 正常上班) and holds nothing but plain
    times (no direction word, no 每): 2019年4月5日至7日共3天,4月8日…正常上班 (memoised in `memo`)."""
    index = bisect.bisect_right(sentence_ends, at)
    if index not in memo:
        low = sentence_ends[index - 1] if index else 0
        high = sentence_ends[index] if index < len(sentence_ends) else len(norm)
        inside = [t for t in tokens if low <= t.start < high]
        memo[index] = (
            _HOLIDAY.search(norm, low, high) is not None
            and _ASKED.search(norm, low, high) is None
            and all(t.kind in _TIMES or t.kind is Tok.RANGE for t in inside)
        )
    return memo[index]


def _measures(norm: str, tokens: list[Token]) -> set[int]:
    """审批时间压缩至90个工作日以内: a span a process is cut to (and the 至 before it)."""
    named: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok.kind is not Tok.RELDUR:
            continue
        prev = tokens[i - 1] if i else None
        joined = prev is not None and prev.kind is Tok.RANGE and not norm[prev.end : tok.start].strip()
        lead = prev if joined else None
        if _MEASURE.search(norm[: tok.start]):
            named.add(tok.start)
            if lead is not None:
                named.add(lead.start)
    return named


def _spans_named(norm: str, tokens: list[Token]) -> set[int]:
    """Every token inside a document's title (关于…的报告) or a run of examples (比如…等)."""
    spans = [m.span() for m in _ABOUT_TITLE.finditer(norm)] + [m.span() for m in _EXAMPLES.finditer(norm)]
    return {t.start for t in tokens for low, high in spans if low <= t.start < high}


def _period_end_spans(norm: str, tokens: list[Token]) -> set[int]:
    """上半年结束之日起两个月内: a half, a quarter or a year followed by 结束/终了 and a span in its clause
    is where the span counts from, not a time due."""
    named: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok.kind not in (Tok.HALF, Tok.QUARTER, Tok.YEAR) or not _PERIOD_END_SPAN.match(norm, tok.end):
            continue
        clause_end = _CLAUSE_END.search(norm, tok.end)
        limit = clause_end.start() if clause_end else len(norm)
        if any(t.kind is Tok.RELDUR and t.start < limit for t in tokens[i + 1 : i + 4]):
            named.add(tok.start)
    return named
