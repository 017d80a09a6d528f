"""What a column holds, read from its cells: a sequence, time phrases, organisation names,
people's names or sentences.

A header names a column; the cells say what it is. `profile` measures each column of the task
rows (a sample of them, so a long list costs no more than a short one) for `layout` to weigh
beside the names: a 时限 column whose cells read as deadline phrases, a 落实单位 column of
…局/…办/各…, a 具体要求 column of long sentences beside a short label merged down.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from gpstd.importer import names

SAMPLE = 60
_SEQ = re.compile(r"^[（(]?(\d{1,4}|[一二三四五六七八九十百]{1,4})[）).、．]?$")
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[、，,；;\s]+[\u4e00-\u9fff]{2,4})*$")
_PHONE = re.compile(r"^[\d\s()（）+-]{7,}$")
_SENTENCE = re.compile(r"[。；;，,]")


@dataclass
class Profile:
    """Shares of a column's filled cells (0–1), and its shape."""

    filled: float = 0.0  # of the rows sampled
    length: float = 0.0  # mean characters of a filled cell
    repeats: float = 0.0  # rows whose text repeats the row above (a label merged down)
    seq: float = 0.0
    dates: float = 0.0  # read as deadline phrases by the project's parser
    units: float = 0.0
    people: float = 0.0
    phones: float = 0.0
    sentences: float = 0.0


def profile(rows: list[list[str]], column: int) -> Profile:
    texts = [row[column] if column < len(row) else "" for row in rows[:SAMPLE]]
    filled = [t for t in texts if t]
    if not filled:
        return Profile()
    n = len(filled)
    repeats = sum(1 for a, b in itertools.pairwise(texts) if b and a == b)
    return Profile(
        filled=n / len(texts),
        length=sum(len(t) for t in filled) / n,
        repeats=repeats / max(1, len(texts) - 1),
        seq=sum(bool(_SEQ.match(t)) for t in filled) / n,
        dates=sum(is_time_phrase(t) for t in filled) / n,
        units=sum(is_unit_list(t) for t in filled) / n,
        people=sum(is_people(t) for t in filled) / n,
        phones=sum(bool(_PHONE.match(t)) for t in filled) / n,
        sentences=sum(len(t) >= 15 or bool(_SENTENCE.search(t)) for t in filled) / n,
    )


def is_time_phrase(text: str) -> bool:
    """A cell the parser reads, most of it, as a deadline, a rule, a start or ongoing work."""
    from gpstd.phrases import parse_phrase

    if len(text) > 60:
        return False
    parts = parse_phrase(text.replace("\n", ""), dt.date(2000, 1, 1))
    known = sum(len(p.text) for p in parts if p.kind != "unknown")
    return known >= 0.5 * len(text.replace("\n", ""))


def is_unit_list(text: str) -> bool:
    """Organisation names only: each piece of the cell ends as a unit or is a collective."""
    if len(text) > 300:
        return False
    found = names.split(text)
    every = [*found.lead, *found.cooperating]
    return bool(every) and all(names.looks_like_unit(n) for n in every)


def is_people(text: str) -> bool:
    """Personal names (叶林, 马振明) or titles (副市长), never a unit's name."""
    flat = text.replace("\n", " ")
    if not _PERSON.match(flat):
        return False
    return not any(names.looks_like_unit(n) for n in re.split(r"[、，,；;\s]+", flat) if n)
