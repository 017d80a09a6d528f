"""The words around a clause's time: what is due, who acts, what to do and for whom.

工作情况报告 | 于12月20日前 | 报区政府办 → subject, (time), action; a unit before the
time (区政府办每半年…) is who acts; 报/抄送 a unit in the action is the recipient.
"""

from __future__ import annotations

from typing import Any

from gpstd.numerals import FILLER, normalise
from gpstd.patterns import LazyRegex
from gpstd.phrases.lexicon import Token

_UNIT_END = LazyRegex(
    r"(?:办|局|委|部|厅|府|院|所|镇|街|街道|中心|室|科|组|单位|部门|公司|会|馆)(?:（[^）]*）)?$"
)
_SUBJECT_TAIL = LazyRegex(r"(?:请|应|须|需|要|务必|必须|务|均|统一)?(?:于|在|自|从|截止|截至)?$")
_EDGE = " \t，,；;。.:：、"
# Words right after the time that only restate it: 9月30日（星期一）前, （含）前, 每两年一次
_RESTATED = LazyRegex(
    r"^\s*(?:[（(]\s*(?:含(?:当[日天])?|星期[一二三四五六日天]|周[一二三四五六日天])\s*[)）])?"
    r"\s*(?:以前|之前|前)?\s*(?:各?一次)?"
)
_RECIPIENT = LazyRegex(
    r"(?:抄送|报送|上报|报给|提交|送交|报)(?:至|到|给)?\s*"
    r"(?P<r>(?:[区市省县镇]|国家|国务院|上级|本级)[^，。；,;、\s]*?)"
    r"(?=备案|审核|审定|审批|参评|汇总|核查|把关|$|，|。|；)"
)


def clean(words: str) -> str | None:
    """The words without edge punctuation or a bracket cut in two, or None when nothing is left."""
    words = words.strip(_EDGE).replace("(", "（").replace(")", "）")
    words = words.lstrip("）").rstrip("（").strip(_EDGE)  # a bracket cut in two by the time
    return words or None


def words_around(text: str, span: tuple[int, int], lead: list[Token], run: list[Token]) -> dict[str, Any]:
    """subject / by / action from the text before, between and after the time tokens."""
    first = lead[0].start if lead else run[0].start
    before = text[span[0] : first]
    between = text[lead[-1].end : run[0].start] if lead else ""
    after = text[run[-1].end : span[1]]
    out: dict[str, Any] = {"action": clean(_RESTATED.sub("", after, count=1))}
    subject = clean(_SUBJECT_TAIL.sub("", between.strip(_EDGE)))
    before_clean = clean(_SUBJECT_TAIL.sub("", before.strip(_EDGE)))
    if before_clean and _UNIT_END.search(before_clean) and len(before_clean) <= 30:
        out["by"] = before_clean
    elif before_clean:
        subject = "".join(filter(None, (before_clean, subject)))
    out["subject"] = subject
    return out


def recipient(action: str | None) -> str | None:
    if not action:
        return None
    m = _RECIPIENT.search(action)
    return m["r"] if m else None


# What ends the words that name an event a span is counted from: 收到申请之日起, 会后, 提案后,
# then perhaps 应于 / 须在 before the span itself.
_EVENT_VERBS = r"收到|接到|收悉|受理|印发|发布|制定|获取|形成|变更|更改|作出|做出|完成|结束|召开|批准|批复|通过|提出|交办|发生|申请"
_MUST = r"(?:一般|原则上)?\s*(?:应当?|须|需|要|必须|务必|并)?\s*(?:于|在)?"
# What ends the words that name an event a span is counted from: 收到申请之日起, 会后, 提案后, then
# perhaps who acts and 应于 / 须在 before the span itself; or 接到建议、提案的 (10日内); or 应在返平来平
# (6小时之内), an event named right before its span.
_EVENT_TAIL = LazyRegex(
    r"(?:(?P<mark>(?:之日|当日|当天)?(?:起|后|之后|以后|开始|算起))\s*的?\s*[,，]?\s*"
    rf"(?:[^,，]{{0,12}}?(?:单位|部门|机关))?\s*{_MUST}"
    rf"|(?P<of>(?:{_EVENT_VERBS})[^,，]{{1,20}}?)(?P<mark2>的)|在(?P<at>[^,，\d应须要在于]{{2,12}}?))\s*$"
)
# What comes before the event itself: who must act, and 应于 / 自 (各承办单位 | 接到…后).
_EVENT_LEAD = LazyRegex(
    r"\s*(?:原则上)?\s*(?:[^,，]{0,20}?(?:顺延至|推迟至|延至))?(?:[^,，]{0,20}?(?:单位|部门|机关|政府|办公室|办|局|委|组|中心|室|人员)"
    rf"(?=在|于|应|须|需|要|自|从|必须|务必|一般|{_EVENT_VERBS}))?"
    r"(?:应当?|须|需|要|必须|务必|并)?\s*(?:于|在|自|从)?"
)
_SENTENCE_END = "。；;\n!?"
_A_TIME = LazyRegex(r"[\d年月日周季旬]")


def event_before(text: str, at: int) -> str | None:
    """The event a span at `at` is counted from, as the text names it before the span
    (收到申请之日起20个工作日内 → 收到申请之日起; 各承办单位接到交办的建议、提案后，应于三个月内 →
    接到交办的建议、提案后; 须在会议结束后7个工作日内 → 会议结束后; 经本级财政部门批复后 →
    本级财政部门批复后), or None when it names none."""
    low = max(0, at - 60)  # an event is named in the few words before its span
    norm = normalise(text[low:at])
    start = max(norm.rfind(c) for c in _SENTENCE_END) + 1
    tail = _EVENT_TAIL.search(norm, start)
    if tail is None or (tail.start() == start and not (tail["of"] or tail["at"])):
        return None
    if tail["at"] or tail["of"]:
        first, end = tail.span("at") if tail["at"] else tail.span("of")
    else:
        first, end = _event_start(norm, start, tail.start()), tail.end("mark")
    if first >= end:
        return None
    # quoted as written, without the pinyin a mirror inserted (內(nèi) → 內) or the spaces of a
    # spaced-out cell
    kept = (
        ch for ch, n in zip(text[low + first : low + end], norm[first:end]) if n != FILLER and not n.isspace()
    )
    return clean("".join(kept))


def _event_start(norm: str, start: int, mark: int) -> int:
    """Where the event's words begin: after the comma before it, who acts and 应于 / 自; after 经
    when it names the agent (部门预算经本级财政部门批复后)."""
    first = max(norm.rfind(",", start, mark) + 1, start)
    agent = norm.rfind("经", first, mark)
    if agent >= 0:
        return agent + 1
    other = norm.rfind("或", first, mark)  # 每年的12月或更改内容后: the other deadline is no part of it
    if other >= 0 and _A_TIME.search(norm, first, other):
        first = other + 1
    lead = _EVENT_LEAD.match(norm, first, mark)
    return lead.end() if lead else first


def event_span(value: dict[str, str]) -> str:
    """自收到通知之日起至整改完成止 → '起：收到通知之日；止：整改完成'."""
    return f"起：{value['from']}；止：{value['to']}"
