"""The parser scored on tests/corpus/phrases_real.yaml: real phrases from public pages (issue 16).

Each phrase is parsed with its `base` and its due dates in `window` computed as `phrase_result`
does. A phrase is

- **right** when those dates are exactly the expected ones and its parts have the expected kinds
  (and `start`, `until`, `assumed`, `time` where the corpus gives them);
- **wrong** when any date is not expected: the worst outcome, a deadline nobody set;
- **unknown-miss** otherwise: fewer dates than expected (or the right dates read as other kinds),
  none of them wrong — the parser said "unknown" where a reader could tell.

`python tests/phrases/test_real_corpus.py` prints the figures and every phrase that is not right;
docs/phrases.md quotes them.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from gpstd.phrases import Part, parse_phrase, phrase_result

REAL_PATH = Path(__file__).resolve().parents[1] / "corpus" / "phrases_real.yaml"
REAL: dict[str, Any] = YAML(typ="safe").load(REAL_PATH.read_text(encoding="utf-8"))
KINDS = ("dated", "recurring", "start", "ongoing", "irregular", "unknown")
RIGHT_AT_LEAST = 0.97


@dataclass
class Verdict:
    entry: dict[str, Any]
    parts: list[Part]
    due: list[str]
    outcome: str  # 'right' | 'wrong' | 'unknown-miss'
    why: list[str] = field(default_factory=list)


def judge(entry: dict[str, Any]) -> Verdict:
    """One corpus phrase parsed, its dates in the window compared with the expected ones."""
    expect = entry["expect"]
    window = [dt.date.fromisoformat(str(d)) for d in entry["window"]]
    result = phrase_result(entry["phrase"], entry["base"], *window)
    parts = parse_phrase(entry["phrase"], entry["base"])
    got, wanted = result["due"], [d.isoformat() for d in expect["due"]]
    verdict = Verdict(entry, parts, got, "right")
    extra = sorted(set(got) - set(wanted))
    if extra:
        verdict.outcome, verdict.why = "wrong", [f"dates not expected: {extra}"]
        return verdict
    verdict.why = _differences(expect, parts, result, got, wanted)
    if verdict.why:
        verdict.outcome = "unknown-miss"
    return verdict


def _differences(
    expect: dict[str, Any], parts: list[Part], result: dict[str, Any], got: list[str], wanted: list[str]
) -> list[str]:
    why = []
    if got != wanted:
        why.append(f"dates missing: {sorted(set(wanted) - set(got))}")
    kinds = [p.kind for p in parts]
    if kinds != expect["kinds"]:
        why.append(f"kinds {kinds}, expected {expect['kinds']}")
    if "start" in expect and result["start"] != expect["start"].isoformat():
        why.append(f"start {result['start']}, expected {expect['start']}")
    until = next((p.until for p in parts if p.until), None)
    if "until" in expect and until != expect["until"]:
        why.append(f"until {until}, expected {expect['until']}")
    if "assumed" in expect and any(p.assumed for p in parts) != expect["assumed"]:
        why.append(f"assumed should be {expect['assumed']}")
    times = {p.time for p in parts if p.time}
    if "time" in expect and expect["time"] not in times:
        why.append(f"time {sorted(times)}, expected {expect['time']}")
    return why


def judge_all() -> list[Verdict]:
    return [judge(e) for e in REAL["phrases"]]


def kind_scores(verdicts: list[Verdict]) -> dict[str, tuple[int, int, int]]:
    """kind → (parts read as that kind and expected so, read so, expected so), counted per phrase
    as a multiset: a phrase expecting [dated, dated] and read [dated, unknown] has one of each."""
    hits: Counter[str] = Counter()
    read: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    for v in verdicts:
        mine, theirs = Counter(p.kind for p in v.parts), Counter(v.entry["expect"]["kinds"])
        hits.update(mine & theirs)
        read.update(mine)
        expected.update(theirs)
    return {k: (hits[k], read[k], expected[k]) for k in KINDS}


def event_named(verdict: Verdict) -> bool:
    """Whether an unknown part's problem names the event the corpus says a span counts from
    (its words, up to a bracket or a second event; 會議結束 is named by 會後 too)."""
    event = verdict.entry["expect"]["event"].split(";")[0].split("（")[0].strip()
    problems = "".join(p.problem or "" for p in verdict.parts if p.kind == "unknown")
    return bool(event) and (event in problems or event[:2] in problems)


def report(verdicts: list[Verdict]) -> str:
    outcomes = Counter(v.outcome for v in verdicts)
    total = len(verdicts)
    with_event = [v for v in verdicts if "event" in v.entry["expect"]]
    lines = [
        f"{total} phrases: right {outcomes['right']} ({outcomes['right'] / total:.1%}), "
        f"wrong {outcomes['wrong']}, unknown-miss {outcomes['unknown-miss']}",
        f"event named in the problem: {sum(map(event_named, with_event))} of {len(with_event)}",
        "",
        "| kind | precision | recall | read | expected |",
        "|---|---|---|---|---|",
    ]
    for kind, (hit, read, expected) in kind_scores(verdicts).items():
        precision = f"{hit / read:.1%}" if read else "–"
        recall = f"{hit / expected:.1%}" if expected else "–"
        lines.append(f"| {kind} | {precision} | {recall} | {read} | {expected} |")
    for v in verdicts:
        if v.outcome != "right":
            lines.append(f"{v.outcome}: {v.entry['phrase']}\n    {'; '.join(v.why)}")
    return "\n".join(lines)


# --- the tests --------------------------------------------------------------------------


def _id(entry: dict[str, Any]) -> str:
    return f"{entry['source']}:{entry['phrase'][:20]}"


@pytest.mark.parametrize("entry", REAL["phrases"], ids=_id)
def test_no_wrong_date(entry: dict[str, Any]) -> None:
    verdict = judge(entry)
    assert verdict.outcome != "wrong", (verdict.why, [(p.kind, p.due, p.rrule) for p in verdict.parts])


def test_right_at_least_97_percent() -> None:
    verdicts = judge_all()
    right = sum(v.outcome == "right" for v in verdicts)
    assert right / len(verdicts) >= RIGHT_AT_LEAST, report(verdicts)


def test_corpus_entries_are_complete() -> None:
    for entry in REAL["phrases"]:
        assert entry["source"] in REAL["sources"], entry["phrase"]
        assert set(entry["expect"]["kinds"]) <= set(KINDS), entry["phrase"]
        assert isinstance(entry["base"], dt.date), entry["phrase"]


if __name__ == "__main__":
    sys.stdout.write(report(judge_all()) + "\n")
