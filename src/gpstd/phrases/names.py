"""Times that are part of a name, not deadlines: the second stage, right after `tokens.scan`.

A year inside a title (《2022年<政府工作报告>重点任务落实推进情况表》), a year naming a plan
or report (制定2016年行动计划, 提交本年度工作总结), the years of a plan's period after its name
(五年行动计划(2021—2025年)), and the periods a report covers after 将/把 (将第一、第二、第三季度
…完成情况报…) say what a document is about, not when anything is due. Their tokens are
dropped, so that the clause reads as words (or as the time it really has).
"""

from __future__ import annotations

from gpstd.patterns import LazyRegex
from gpstd.phrases.lexicon import Tok, Token

_TITLE_OPEN, _TITLE_CLOSE = "《〈<", "》〉>"
# What follows a year that names a document or a programme, not a deadline.
_DOCUMENT = LazyRegex(
    r"(?:度)?\s*(?:全[市省县区镇国]|[市省县区镇]级?)?\s*(?:政府)?"
    r"(?:行动计划|工作计划|计划|实施方案|工作方案|方案|工作要点|要点|工作总结|总结|工作报告|报告|重点工作"
    r"|重点任务|工作任务|目标任务|预算|决算|统计|年报|报表|规划|纲要|年鉴|考核|绩效|清单|目录|随机抽查"
    r"|政务公开工作|民生实事|为民办实事|十件实事|责任事项)"
)
# A plan's name, then its period in brackets: 行动计划(2021—2025年)
_PLAN_BEFORE = ("计划", "规划", "方案", "纲要", "要点")
_OBJECT = ("将", "把")


def drop_names(norm: str, tokens: list[Token]) -> list[Token]:
    """`tokens` without those that are part of a title, a document's name or a report's subject."""
    named = _in_titles(norm) | _plan_periods(norm, tokens)
    return [t for t in tokens if not (t.start in named or _names_document(norm, t) or _reported_on(norm, t))]


def _in_titles(norm: str) -> set[int]:
    """Offsets inside 《…》, 〈…〉 and <…> (nested as they come)."""
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
        if norm[:at].rstrip().endswith(_PLAN_BEFORE) and _years_only(tokens, at, close):
            inside.update(range(at + 1, close))
        at = norm.find("(", close)
    return inside


def _years_only(tokens: list[Token], low: int, high: int) -> bool:
    inner = [t for t in tokens if low < t.start < high]
    return bool(inner) and all(t.kind in (Tok.YEAR, Tok.RANGE) for t in inner)


def _names_document(norm: str, tok: Token) -> bool:
    """2016年行动计划, 本年度工作总结: a year (no 底/末/内) that names a document."""
    if tok.kind is not Tok.YEAR or tok.value.get("end"):
        return False
    return _DOCUMENT.match(norm, tok.end) is not None


def _reported_on(norm: str, tok: Token) -> bool:
    """将第一、第二、第三季度…情况报…: the quarters after 将/把 are what the report covers."""
    if tok.kind not in (Tok.QUARTER, Tok.HALF):
        return False
    return norm[: tok.start].rstrip().endswith(_OBJECT)
