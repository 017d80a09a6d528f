"""The forms of issue 16, table by table: what `gpstd parse --json` says for each (its `due` in the
window, the kinds of its parts) and, for the unknown ones, why."""

from __future__ import annotations

import datetime as dt

import pytest

from gpstd.phrases import explain, parse_phrase, phrase_result
from gpstd.schedule import workdays

D = dt.date
BASE = D(2024, 1, 1)  # a year the holiday calendar covers
UNCOVERED = workdays.covered_years().stop


def _read(phrase: str, base: dt.date = BASE) -> tuple[list[str], list[str]]:
    result = phrase_result(phrase, base)
    return result["due"], [p["kind"] for p in result["parts"]]


MONTH_ENDS_2024 = [
    "2024-01-31",
    "2024-02-29",
    "2024-03-31",
    "2024-04-30",
    "2024-05-31",
    "2024-06-30",
    "2024-07-31",
    "2024-08-31",
    "2024-09-30",
    "2024-10-31",
    "2024-11-30",
    "2024-12-31",
]


# --- working days --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "due", "kinds"),
    [
        (
            "每月最后一个工作日前报送",
            # 3月29日 and 6月28日 are Fridays; 12月31日 a Tuesday
            [
                "2024-01-31",
                "2024-02-29",
                "2024-03-29",
                "2024-04-30",
                "2024-05-31",
                "2024-06-28",
                "2024-07-31",
                "2024-08-30",
                "2024-09-30",
                "2024-10-31",
                "2024-11-29",
                "2024-12-31",
            ],
            ["recurring"],
        ),
        ("每季度最后一个工作日", ["2024-03-29", "2024-06-28", "2024-09-30", "2024-12-31"], ["recurring"]),
        # 10月12日 is a Saturday worked in lieu of the National Day break
        (
            "季度结束后5个工作日内报送",
            ["2024-01-08", "2024-04-08", "2024-07-05", "2024-10-12"],
            ["recurring"],
        ),
        ("季度结束后5个工作日内报送，四季度免报", ["2024-04-08", "2024-07-05", "2024-10-12"], ["recurring"]),
        ("每年3月第5个工作日", ["2024-03-07"], ["recurring"]),
        ("2024年春节后第1个工作日", ["2024-02-18"], ["dated"]),  # a Sunday worked in lieu
        ("国庆节后第3个工作日前报送", ["2024-10-10"], ["dated"]),
        ("2024年3月1日起10个工作日内", ["2024-03-15"], ["dated"]),
        ("2024年9月30日后5个工作日内", ["2024-10-12"], ["dated"]),
        ("2024年3月底前完成，季度结束后10个工作日内报送", ["2024-03-31", "2024-04-15"], ["dated", "dated"]),
    ],
)
def test_working_days(phrase: str, due: list[str], kinds: list[str]) -> None:
    assert _read(phrase) == (due, kinds)


def test_a_working_day_rule_is_a_month_rule_and_the_ordinal() -> None:
    (part,) = parse_phrase("每月最后一个工作日前报送", BASE)
    assert (part.rrule, part.workday, part.assumed) == ("FREQ=MONTHLY;BYMONTHDAY=1", -1, False)
    (offset,) = parse_phrase("季度结束后5个工作日内", BASE)
    assert (offset.rrule, offset.workday) == ("FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1", 5)


def test_explain_says_a_working_day_rule_in_words_with_its_dates() -> None:
    (line,) = explain(parse_phrase("每季度最后一个工作日报送", BASE))
    assert line == (
        "周期  每年3月、6月、9月、12月最后一个工作日（2024年：3月29日、6月28日、9月30日、12月31日）  "
        "RRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=1  WORKDAY:-1  方式：报送"
    )


@pytest.mark.parametrize(
    ("phrase", "problem"),
    [
        (f"{UNCOVERED}年春节后第1个工作日", f"{UNCOVERED}年的节假日安排尚未公布"),
        ("节后第一个工作日", "时间含义不明，不作推断：节后"),
        ("收到申请之日起20个工作日内", "相对期限，起算日不明：20个工作日内（起算：收到申请之日起）"),
        ("须在会议结束后7个工作日内印发", "（起算：会议结束后）"),
        ("每年春节后第一个工作日", "节后工作日每年不同"),
    ],
)
def test_working_days_that_cannot_be_dated(phrase: str, problem: str) -> None:
    (part,) = parse_phrase(phrase, BASE)
    assert part.kind == "unknown" and part.rrule is None and part.due is None
    assert problem in (part.problem or "")


def test_a_year_the_calendar_does_not_cover_has_no_working_day() -> None:
    result = phrase_result("每月最后一个工作日", D(UNCOVERED, 1, 1))
    assert result["due"] == []
    assert "节假日安排尚未公布" in result["parts"][0]["describe"]


# --- offsets and exemptions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "due", "kinds", "exempt"),
    [
        (
            "一季度结束后15日内、二季度结束后20日内、三季度结束后15日内17时前报送，四季度免报",
            ["2024-04-15", "2024-07-20", "2024-10-15"],
            ["recurring", "recurring", "recurring"],
            ["四季度"],
        ),
        (
            "一季度于4月15日前、二季度于7月20日前、三季度于10月15日前报送，四季度免报",
            ["2024-04-15", "2024-07-20", "2024-10-15"],
            ["dated", "dated", "dated"],
            ["四季度"],
        ),
        (
            "每季度结束后10日内报送，四季度免报",
            ["2024-04-10", "2024-07-10", "2024-10-10"],
            ["recurring"],
            ["四季度"],
        ),
        ("季后15日", ["2024-01-15", "2024-04-15", "2024-07-15", "2024-10-15"], ["recurring"], []),
        ("年后20日内", ["2024-01-20"], ["recurring"], []),
        # the 次月5日 report of December is due 5 January; 12月免报 removes that one
        ("次月5日前报送，12月免报", [f"2024-{m:02d}-05" for m in range(2, 13)], ["recurring"], ["12月"]),
        ("每月10日前报送，1月免报", [f"2024-{m:02d}-10" for m in range(2, 13)], ["recurring"], ["1月"]),
        ("每日报送，2月免报", None, ["recurring"], ["2月"]),
    ],
)
def test_offsets_and_exemptions(
    phrase: str, due: list[str] | None, kinds: list[str], exempt: list[str]
) -> None:
    result = phrase_result(phrase, BASE)
    if due is not None:
        assert result["due"] == due
    assert [p["kind"] for p in result["parts"]] == kinds
    assert result["parts"][-1].get("exempt", []) == exempt


def test_a_per_quarter_list_keeps_its_time_of_day() -> None:
    parts = parse_phrase(
        "一季度结束后15日内、二季度结束后20日内、三季度结束后15日内17时前报送，四季度免报", BASE
    )
    assert parts[-1].time == "17:00"


def test_an_exemption_that_fits_no_rule_is_unknown() -> None:
    parts = parse_phrase("每季度报送，1月、2月免报", BASE)
    assert parts[0].kind == "unknown" and "免报说明与周期规则对不上" in (parts[0].problem or "")


# --- periods, cadences, words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "due", "kinds", "assumed"),
    [
        ("每半月报送一次", [d for e in MONTH_ENDS_2024 for d in (e[:8] + "15", e)], ["recurring"], True),
        ("每月上旬", [f"2024-{m:02d}-10" for m in range(1, 13)], ["recurring"], False),
        ("每月中旬报送", [f"2024-{m:02d}-20" for m in range(1, 13)], ["recurring"], False),
        ("每月下旬前", MONTH_ENDS_2024, ["recurring"], False),
        ("按月公开", MONTH_ENDS_2024, ["recurring"], True),
        ("按季度更新", ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"], ["recurring"], True),
        ("按年公布", ["2024-12-31"], ["recurring"], True),
        ("逐月查账", MONTH_ENDS_2024, ["recurring"], True),
        ("原则上一个月召开一次", MONTH_ENDS_2024, ["recurring"], True),
        ("每月月底公开", MONTH_ENDS_2024, ["recurring"], False),
        ("全年", ["2024-12-31"], ["dated"], False),
        ("2024年全年", ["2024-12-31"], ["dated"], False),
        ("常态化推进", [], ["ongoing"], False),
        ("常态工作", [], ["ongoing"], False),
        ("按年度计划推进", [], ["unknown"], False),  # 按年度计划: by the plan, no cadence
    ],
)
def test_periods_and_cadences(phrase: str, due: list[str], kinds: list[str], assumed: bool) -> None:
    result = phrase_result(phrase, BASE)
    assert (result["due"], [p["kind"] for p in result["parts"]]) == (due, kinds)
    assert any(p.get("assumed") for p in result["parts"]) is assumed


def test_the_whole_year_opens_on_1_january() -> None:
    (part,) = parse_phrase("全年", BASE)
    assert (part.start, part.due) == (D(2024, 1, 1), D(2024, 12, 31))


@pytest.mark.parametrize(
    ("phrase", "due", "kinds"),
    [
        # a year that names a plan, a report or a title is no deadline
        ("4月底,领导组要制定2016年行动计划,并报送市人居办备案。", ["2024-04-30"], ["dated"]),
        ("每年年末提交本年度工作总结和下年度工作计划", ["2024-12-31"], ["recurring"]),
        ("浙江省政务公开五年行动计划(2021—2025年)", [], ["unknown"]),
        ("2024年3月1日前报送《2023年度政府信息公开工作年度报告》", ["2024-03-01"], ["dated"]),
        ("于2024年4月15日前,将第一季度责任事项完成情况报送", ["2024-04-15"], ["dated"]),
        ("制定方案(2024年7月18日至7月25日)", ["2024-07-25"], ["dated"]),
        # 全年 that names what is reported on is no deadline either
        ("于12月25日前报送全年完成情况", ["2024-12-25"], ["dated"]),
        # held-out set (2026-12-03): a period that qualifies the 情况/报表/数据 reported
        ("7月9日至17日,对2024年《政府工作报告》上半年工作落实情况开展督查", ["2024-07-17"], ["dated"]),
        ("于7月10日前将当月上、中、下旬执行情况报送", ["2024-07-10"], ["dated"]),
        ("拟定于4月10日组织试填报,报表内容为截至2024年3月底各地工作进展情况", ["2024-04-10"], ["dated"]),
        ("年报和第四季度的报表请于1月11日前填报", ["2024-01-11"], ["dated"]),
        # a count "as of" a day, the period a statistic counts, a meeting's approval recounted
        ("2024年第八次常务会议确定事项22件,截至9月14日,已办结6件", [], ["unknown"]),
        ("统计时间:2023年7月1日——2024年6月30日", [], ["unknown"]),
        ("经2024年4月22日局务会研究同意,自2024年4月23日起施行", [], ["start"]),
        ("《工作规则》已经2024年1月4日县政府第三次全体会议通过,现予印发", [], ["unknown"]),
        # a document number's year and day, a year that names a plan
        (
            "按照县委浮字[2024]30号文件精神和2024年评议工作安排,自2024年7月至9月开展评议",
            ["2024-09-30"],
            ["dated"],
        ),
    ],
)
def test_times_inside_names(phrase: str, due: list[str], kinds: list[str]) -> None:
    assert _read(phrase) == (due, kinds)


def test_a_deadline_that_still_reads_after_a_named_period() -> None:
    """The qualifier rule stops at a direction word: 6月底前完成情况 is still a deadline."""
    assert _read("2024年6月底前报送完成情况") == (["2024-06-30"], ["dated"])
    assert _read("每季度末向区政府报告进展情况")[1] == ["recurring"]


@pytest.mark.parametrize(
    ("phrase", "base", "due", "start"),
    [
        # a bare year opening the clause gives its year to the date that times it
        ("本年度林区公路项目要求在8月底前全部完工", BASE, ["2024-08-31"], None),
        ("2025年林区公路项目要求在8月底前全部完工", BASE, [], None),  # 2025-08-31: outside the window
        # … or only restates it; a start, then 至 in the next clause: one period
        ("2024年全市年度考核工作从2024年12月12日开始,至2024年12月底结束", BASE, ["2024-12-31"], "2024-12-12"),
    ],
)
def test_a_bare_year_then_the_date(phrase: str, base: dt.date, due: list[str], start: str | None) -> None:
    result = phrase_result(phrase, base)
    assert (result["due"], result["start"]) == (due, start)
    assert [p["kind"] for p in result["parts"]] == ["dated"]


@pytest.mark.parametrize(
    ("phrase", "due", "kinds"),
    [
        # 单月 / 双月: the odd or even months, only before a day or 底 (双月报 is a report's name)
        ("逢单月10日前登陆系统填报", [f"2024-{m:02d}-10" for m in (1, 3, 5, 7, 9, 11)], ["recurring"]),
        (
            "每逢双月底报送",
            ["2024-02-29", "2024-04-30", "2024-06-30", "2024-08-31", "2024-10-31", "2024-12-31"],
            ["recurring"],
        ),
        ("登陆双月报系统填报", [], ["unknown"]),
        # 4至5月: the first month of a range of months has no 月 of its own
        ("第一轮为4至5月,第二轮为10至11月", ["2024-05-31", "2024-11-30"], ["dated", "dated"]),
        ("7月9至17日开展督查", ["2024-07-17"], ["dated"]),
        # 本次…: this occasion's own date, not each month's
        (
            "于每月28日(本次报送于5月29日)之前报送",
            [f"2024-{m:02d}-28" for m in range(1, 13)] + ["2024-05-29"],
            ["recurring", "dated"],
        ),
        # a denied keyword is no time; 日常 qualifying a noun is none either
        ("不能即时办理的,要在3个工作日内办结", [], ["unknown"]),
        ("4月底前,对日常工作备案中排名靠后的单位约谈", ["2024-04-30"], ["dated"]),
        ("日常", [], ["ongoing"]),
    ],
)
def test_forms_of_the_held_out_set(phrase: str, due: list[str], kinds: list[str]) -> None:
    result = phrase_result(phrase, BASE)
    assert (sorted(result["due"]), [p["kind"] for p in result["parts"]]) == (sorted(due), kinds)


@pytest.mark.parametrize(
    ("phrase", "time", "due"),
    [
        ("于6月6日(本周三)下午三点前将电子版发送", "15:00", ["2024-06-06"]),
        ("于4月20日(星期五)前上报", None, ["2024-04-20"]),
        ("下午三点半前报送", "15:30", []),
    ],
)
def test_a_chinese_hour_with_dian_and_a_weekday_aside(phrase: str, time: str | None, due: list[str]) -> None:
    result = phrase_result(phrase, BASE)
    assert result["due"] == due
    assert result["parts"][0].get("time") == time


def test_san_dian_without_a_part_of_the_day_is_no_time() -> None:
    (part,) = parse_phrase("提出三点要求", BASE)
    assert (part.kind, part.time) == ("unknown", None)


def test_a_cell_with_no_time_is_one_unknown_part() -> None:
    (part,) = parse_phrase("上报时间节假日不顺延,一定要在规定的时间内完成上报,请勿迟报!", BASE)
    assert (part.kind, part.problem) == ("unknown", "未写明完成时间")
    assert part.action == "上报时间节假日不顺延，一定要在规定的时间内完成上报，请勿迟报"


@pytest.mark.parametrize(
    ("phrase", "due", "kinds"),
    [
        (
            "并于每季度末报告进展,年底前报告全年落实情况",
            ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"],
            ["recurring", "dated"],
        ),
        (
            "1月24日至2月14日期间,实行每日报送",
            [f"2024-01-{d}" for d in range(24, 32)] + [f"2024-02-{d:02d}" for d in range(1, 15)],
            ["recurring"],
        ),
        (
            "每周报送一篇,于每周四下班前报送",
            [f"2024-{d}" for d in ("01-04", "01-11", "01-18", "01-25")],
            ["recurring", "recurring"],
        ),
        (
            "2024年1月10日前上报,此后每周至少上报一篇",
            ["2024-01-10", "2024-01-14", "2024-01-21", "2024-01-28"],
            ["dated", "recurring"],
        ),
        ("每年的3月至12月每月巡查", MONTH_ENDS_2024[2:], ["recurring"]),
        ("每季度末(分别在6月、9月和12月底)报送", ["2024-06-30", "2024-09-30", "2024-12-31"], ["recurring"]),
        ("每季度的首个月20日", ["2024-01-20", "2024-04-20", "2024-07-20", "2024-10-20"], ["recurring"]),
        ("每日15时前报送,乡镇于下午16时前报送", None, ["recurring", "recurring"]),
    ],
)
def test_clauses_read_together(phrase: str, due: list[str] | None, kinds: list[str]) -> None:
    window = (D(2024, 1, 1), D(2024, 1, 31)) if "每周" in phrase else (None, None)
    result = phrase_result(phrase, BASE, *window)
    if due is not None:
        assert result["due"] == due
    assert [p["kind"] for p in result["parts"]] == kinds


def test_a_time_of_day_alone_takes_the_day_before() -> None:
    parts = parse_phrase("每日15时前报送,乡镇于下午16时前报送", BASE)
    assert [(p.rrule, p.time) for p in parts] == [("FREQ=DAILY", "15:00"), ("FREQ=DAILY", "16:00")]


# --- deliberately unknown -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "problem"),
    [
        ("2016 年 6 底前", "疑似笔误，漏写“月”：2016 年 6 底"),
        ("须分别于625日、1225日前报送", "疑似笔误，漏写“月”：625日"),
        ("2.2011年底前建立目录", "疑为笔误"),
        ("3.2022年底11月前做好", "多个日期无法组合"),
        ("每两月检查一次", "周期的起点不明"),
        ("每10天召开一次", "周期的起点不明"),
        ("每两周报送", "周期的起点不明"),
        ("所在单位应在一月内报告", "相对期限，起算日不明：一月内"),
        ("但正式答复最迟不得超过六个月", "相对期限"),
        ("会后7日内", "（起算：会后）"),
        (
            "自收到通知之日起至整改完成止",
            "起止取决于事件，日期不明：自收到通知之日起至整改完成止（起：收到通知；止：整改完成）",
        ),
        ("自收到通知之日起至整改完成止，每周报送进展", "其间每周日"),
        ("此后每周报送", "“此后”之前没有日期"),
        ("2021年春節前動態清零", "时间含义不明，不作推断：春節"),
        ("每季度第二周前报送", "第二周"),
        ("每月第一周报送", "第一周"),
        ("镇政府要在每月底后两天召开调度会", "期末最后几天还是期末之后几天"),
        ("各部门于每季度末后两天提报", "期末最后几天还是期末之后几天"),
        ("务于今晚20:00前撤离", "今晚"),
    ],
)
def test_deliberately_unknown(phrase: str, problem: str) -> None:
    parts = parse_phrase(phrase, D(2020, 1, 1))
    unknown = [p for p in parts if p.kind == "unknown"]
    assert unknown and any(problem in (p.problem or "") for p in unknown), [
        (p.kind, p.problem) for p in parts
    ]
    assert phrase_result(phrase, D(2020, 1, 1))["due"] == []


def test_an_unknown_keeps_its_time_of_day() -> None:
    (part,) = parse_phrase("务于今晚20:00前撤离全部群众", BASE)
    assert (part.kind, part.time) == ("unknown", "20:00")


@pytest.mark.parametrize(
    ("phrase", "kinds"),
    [
        ("長期公開\n隨時公開", ["ongoing", "irregular"]),
        ("及時公開", ["irregular"]),
        ("更改內(nèi)容后一周內(nèi)上報備案", ["unknown"]),
        ("每個季度第1個月的20日前", ["recurring"]),
    ],
)
def test_traditional_characters_and_pinyin(phrase: str, kinds: list[str]) -> None:
    assert [p.kind for p in parse_phrase(phrase, BASE)] == kinds


# --- the second held-out round (2026-12-03) --------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "due", "kinds"),
    [
        # a sentence that recounts: 了, 审议通过, 已, 带队
        ("7月9日至17日,对上半年工作落实情况进行了督查", [], ["unknown"]),
        ("《分解表》于1月9日编制完成,1月10日市政府常务会议审议通过", [], ["unknown"]),
        ("1-6月,部分指标已完成年度目标任务", [], ["unknown"]),
        ("9月29日,副主任带队开展安全检查", [], ["unknown"]),
        # a statistic, a forecast, a comparison base
        ("1-2月,全市固定资产投资同比下降12.7%", [], ["unknown"]),
        ("到2025年将有可能达到110万人", [], ["unknown"]),
        ("设备投资规模较2024年增长25%以上", [], ["unknown"]),
        ("2024年6月底前完成,较2023年增长10%", ["2024-06-30"], ["dated"]),
        # a condition and its consequence; an unconditional extension stays a deadline
        ("经办时间为2024年9月至11月30日,如遇节假日顺延至12月31日", ["2024-11-30"], ["dated"]),
        ("如未使用完年内指标,则视情况顺延至12月31日", [], ["irregular"]),
        ("将实施期限延长至2024年4月30日", ["2024-04-30"], ["dated"]),
        # what a process may take, the period a statistic counts, a count as of a day
        ("审批时间压缩至90个工作日以内,2024年6月底前完成", ["2024-06-30"], ["dated"]),
        ("本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止", [], ["unknown"]),
        ("截止2024年6月30日,全市户籍人口531.59万", [], ["unknown"]),
        ("截止2024年6月30日前,完成率达100%", ["2024-06-30"], ["dated"]),
        # names: the year's work, an edition, a plan's outline, an event, a slogan
        ("做好今年政府工作,努力实现全年经济社会发展的目标任务", [], ["unknown"]),
        ("公布2024年版权力清单", [], ["unknown"]),
        ("撰写2024年工作总结及2025年工作思路提纲", [], ["unknown"]),
        ("推进2024年冬奥会场馆信息公开", [], ["unknown"]),
        ("持续推进“一网通办”“一日办结”", [], ["ongoing"]),
    ],
)
def test_times_that_set_no_deadline(phrase: str, due: list[str], kinds: list[str]) -> None:
    assert _read(phrase) == (due, kinds)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        # a list of months after 每年, each with the day after the last
        ("并于每年1、4、7、10月8日之前报送", ["2024-01-08", "2024-04-08", "2024-07-08", "2024-10-08"]),
        ("每年1月、4月、7月、10月8日前报送", ["2024-01-08", "2024-04-08", "2024-07-08", "2024-10-08"]),
        # a yearly 每 before a finer one repeats it
        ("并于每年每季度末报送", ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]),
        ("每年每月10日前报送", [f"2024-{m:02d}-10" for m in range(1, 13)]),
        # 双月之十日: 之 between the months and the day
        ("限于双月之十日前送达", [f"2024-{m:02d}-10" for m in range(2, 13, 2)]),
    ],
)
def test_months_listed_after_a_yearly_rule(phrase: str, due: list[str]) -> None:
    assert _read(phrase) == (due, ["recurring"])


@pytest.mark.parametrize(
    ("phrase", "due", "kinds"),
    [
        # (third held-out round) a count as of a day in any unit, a forecast, a day off
        ("截止2024年1月5日,收到有效建议0条", [], ["unknown"]),
        ("预计11月底提前一个月完成全年目标", [], ["unknown"]),
        ("2024年1月1日放假,与周末连休", [], ["unknown"]),
        ("2024年1月1日前报送放假安排", ["2024-01-01"], ["dated"]),
        # a year described, a year whose work is summed up or planned, a half naming a summary
        ("2024年是全面完成“十四五”规划目标任务的关键一年", [], ["unknown"]),
        ("总结2023年工作,谋划2024年全省重点工作", [], ["unknown"]),
        ("要做好上半年工作总结和下半年工作计划", [], ["unknown"]),
        ("上半年完成项目验收", ["2024-06-30"], ["dated"]),
        # a day recounted after 已于, whatever follows it (pinyin a mirror left in between)
        ("新条例已于2019年5月15日起施行", [], ["unknown"]),
        ("新条例已于2019年(nian)(nian)5月15日起施行", [], ["unknown"]),
        ("新条例于2024年5月15日起施行", [], ["start"]),
        # a project's years in brackets name it; a stage's stay dates
        ("2606个撤并村通公路(2013—2017年)", [], ["unknown"]),
        ("第一阶段(2023—2024年)", ["2024-12-31"], ["dated"]),
        # 提前 is no 前
        ("6月底提前完成", ["2024-06-30"], ["dated"]),
        # a sentence that counts as of a day reports: its starts and its 持续 describe, they set nothing
        ("我市于3月22日起全面实行跨区通办,截至9月底,全市办理业务48987件", [], ["unknown"]),
        ("截至8月底,39个项目持续推进落实", [], ["unknown"]),
        ("截至6月底已完成80%,其余9月底前完成", ["2024-09-30"], ["dated"]),
        ("截止时间为2024年6月30日,共3个名额", ["2024-06-30"], ["dated"]),
        ("持续推进项目建设", [], ["ongoing"]),
    ],
)
def test_forms_of_the_third_held_out_round(phrase: str, due: list[str], kinds: list[str]) -> None:
    assert _read(phrase) == (due, kinds)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        # a dropped time of the text still gives its year to a later date without one
        ("2025年是十四五收官之年,要在6月底前完成评估", ["2025-06-30"]),
        ("2025年1月1日放假,请于1月2日前报送值班表", ["2025-01-02"]),
        ("新条例已于2025年3月1日起施行,请于3月10日前报送", ["2025-03-10"]),
        ("2025年1月17日,巡察组反馈了巡察意见,要求3月底前完成整改", ["2025-03-31"]),
        # the year of work summed up does not: the summary is due the year after
        ("总结2025年工作,于1月10日前报送", ["2026-01-10"]),
    ],
)
def test_a_dropped_time_keeps_its_year(phrase: str, due: list[str]) -> None:
    result = phrase_result(phrase, dt.date(2026, 1, 1), dt.date(2025, 1, 1), dt.date(2026, 12, 31))
    assert result["due"] == due


@pytest.mark.parametrize(
    ("phrase", "due", "start"),
    [
        # a bare month number before the connector right after a year (was: the whole year, 12-31)
        ("2024年4至5月开展督查", ["2024-05-31"], "2024-04-01"),
        ("2024年1-6月完成投资50亿元", ["2024-06-30"], "2024-01-01"),
        ("本年1至3月", ["2024-03-31"], "2024-01-01"),
    ],
)
def test_a_month_range_right_after_a_year(phrase: str, due: list[str], start: str) -> None:
    result = phrase_result(phrase, BASE)
    assert (result["due"], result["start"]) == (due, start)


def test_a_yearly_month_range() -> None:
    """每年3至5月: each year, due at the end of May, opening on 1 March (was: 12-31)."""
    (part,) = phrase_result("每年3至5月开展", BASE)["parts"]
    assert (part["rrule"], part["opens"]) == (
        "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=-1",
        "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1",
    )


@pytest.mark.parametrize(
    ("phrase", "weekday"),
    [
        # one clause: a weekly 每 that leaves the day open, then the 每 that names it (was: Sundays)
        ("每周工作动态于每周五下午5点前报送", 4),
        ("每周日程安排于每周四前报送", 3),
        # 每周一篇 is one a week, not Monday's
        ("每周一篇于每周五报送", 4),
        ("每周一上午10时前报送", 0),
    ],
)
def test_the_weekly_day_a_clause_names(phrase: str, weekday: int) -> None:
    due, kinds = _read(phrase)
    assert kinds == ["recurring"]
    assert {dt.date.fromisoformat(d).weekday() for d in due} == {weekday}


def test_a_weekly_schedule_is_no_sunday() -> None:
    """每周日程 is the week's schedule: no Sunday is due, only the Fridays it is published on."""
    due, kinds = _read("于每周五发布每周日程")
    assert kinds == ["recurring"]
    assert {dt.date.fromisoformat(d).weekday() for d in due} == {4}


@pytest.mark.parametrize(
    ("phrase", "due", "kinds"),
    [
        # (fourth held-out round) a year before a quoted programme names it
        ("确保2024年“十件实事”惠民效果好", [], ["unknown"]),
        ("2024年“十件实事”于9月底前完成", ["2024-09-30"], ["dated"]),
        # the period a report covers: 2008年12月月报, 2024年3-12月的月报
        ("补报范围为2023年年报、2023年12月月报和2024年2月月报", [], ["unknown"]),
        ("如,2024年4月月报应在5月20日前报送", ["2024-05-20"], ["dated"]),
        # a plan's base and term, a registration cut-off, the day of a meeting a step follows
        ("规划基准期为2020年,规划执行期为2021年至2025年", [], ["unknown"]),
        ("2023年6月30日以前经审批部门登记成立的社会团体,必须参加年度检查", [], ["unknown"]),
        ("请于6月30日前完成登记", ["2024-06-30"], ["dated"]),
        ("2024年7月30日市人大常委会会议后,及时出具整改任务清单", [], ["irregular"]),
        # an amount per year, a stoppage, a count as of a day with 仍有, a news item, a caption,
        # a forecast, the flood season's start
        ("补贴标准为每人每年1000元,按月补贴到位", [], ["unknown"]),
        ("8月24日—9月6日全城物流停运", [], ["unknown"]),
        ("截止至2024年4月2日,仍有部分企业未按时报送", [], ["unknown"]),
        ("2月9日,记者从生态环境部获悉,3省公开整改方案", [], ["unknown"]),
        ("图为7月3日会议现场", [], ["unknown"]),
        ("督查重点为年内完成总体预测", [], ["unknown"]),
        ("4月15日,我省正式入汛", [], ["unknown"]),
        # a request in a sentence that recounts still sets its time
        ("已在表格4中备注,请各子项目于5月份赶上原进度计划", ["2024-05-31"], ["dated"]),
        ("已在表格4中备注,各子项目5月份赶上了进度", [], ["unknown"]),
        ("每年3月底前报送", ["2024-03-31"], ["recurring"]),
    ],
)
def test_forms_of_the_fourth_held_out_round(phrase: str, due: list[str], kinds: list[str]) -> None:
    assert _read(phrase) == (due, kinds)


def test_a_start_whose_period_ends_at_an_event_starts_the_rule() -> None:
    """从5月22日起至各地麦收结束,…每日22:00前: the daily rule starts on 22 May (was: from the window's start)."""
    result = phrase_result(
        "从5月22日起至各地麦收结束,各省每日22:00前报送", BASE, D(2024, 5, 1), D(2024, 5, 31)
    )
    assert result["due"][0] == "2024-05-22"
    assert [p["kind"] for p in result["parts"]] == ["recurring"]


def test_a_rule_for_the_reports_of_a_span_of_months_is_unknown() -> None:
    """2009年3-12月的月报…每月的月后20日前: its months are the span's, shifted; not read, so unknown
    rather than a monthly rule over the wrong months. A 含 note after it is no day of its own."""
    result = phrase_result("2024年3-12月的月报要求在每月的月后20日前报送(含20日,遇节假日不顺延)", BASE)
    assert (result["due"], [p["kind"] for p in result["parts"]]) == ([], ["unknown"])
