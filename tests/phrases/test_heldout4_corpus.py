"""The parser scored on tests/corpus/phrases_heldout4.yaml: the fourth held-out round, real phrases
gathered on 2026-12-03 from pages none of the other corpora had used, each read from the text alone
and committed before the parser was run on them.

Scored exactly as tests/phrases/test_real_corpus.py scores the development corpus (`judge`): a phrase
is right, wrong (any date not expected) or an unknown-miss. No phrase may be wrong; at least
`RIGHT_AT_LEAST` must be right (docs/phrases.md, "The fourth held-out round", gives the before and after).

`python -m tests.phrases.test_heldout4_corpus` prints the figures and every phrase not read right.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.phrases.test_heldout2_corpus import HELDOUT2
from tests.phrases.test_heldout3_corpus import HELDOUT3
from tests.phrases.test_heldout_corpus import HELDOUT
from tests.phrases.test_real_corpus import KINDS, REAL, judge, report

HELDOUT4_PATH = Path(__file__).resolve().parents[1] / "corpus" / "phrases_heldout4.yaml"
HELDOUT4: dict[str, Any] = YAML(typ="safe").load(HELDOUT4_PATH.read_text(encoding="utf-8"))
CONSTRUCTED_PATH = Path(__file__).resolve().parent / "corpus.yaml"
RIGHT_AT_LEAST = 0.92  # after this round: 47 of 51 (92.2 %)


def _id(entry: dict[str, Any]) -> str:
    return f"{entry['source']}:{entry['phrase'][:20]}"


@pytest.mark.parametrize("entry", HELDOUT4["phrases"], ids=_id)
def test_no_wrong_date(entry: dict[str, Any]) -> None:
    verdict = judge(entry)
    assert verdict.outcome != "wrong", (verdict.why, [(p.kind, p.due, p.rrule) for p in verdict.parts])


def test_right_share() -> None:
    verdicts = [judge(e) for e in HELDOUT4["phrases"]]
    right = sum(v.outcome == "right" for v in verdicts)
    assert right / len(verdicts) >= RIGHT_AT_LEAST, report(verdicts)


def test_entries_are_complete_and_new() -> None:
    """At least 50 phrases with a source and known kinds; none of its pages or phrases is in the real
    corpus, the first three held-out sets or the parser's own corpus."""
    assert len(HELDOUT4["phrases"]) >= 50
    constructed = CONSTRUCTED_PATH.read_text(encoding="utf-8")
    others = (REAL, HELDOUT, HELDOUT2, HELDOUT3)
    used_urls = {s["url"] for c in others for s in c["sources"].values() if s.get("url")}
    used_urls |= set(re.findall(r"https?://[^\s\"']+", constructed))
    used_phrases = {e["phrase"] for c in others for e in c["phrases"]}
    used_phrases |= {e["phrase"] for e in YAML(typ="safe").load(constructed)["phrases"]}
    for key, source in HELDOUT4["sources"].items():
        assert source["url"] not in used_urls, key
    for entry in HELDOUT4["phrases"]:
        assert entry["source"] in HELDOUT4["sources"], entry["phrase"]
        assert set(entry["expect"]["kinds"]) <= set(KINDS), entry["phrase"]
        assert isinstance(entry["base"], dt.date), entry["phrase"]
        assert entry["phrase"] not in used_phrases, entry["phrase"]
        assert "番禺" not in entry["phrase"], entry["phrase"]


if __name__ == "__main__":
    sys.stdout.write(report([judge(e) for e in HELDOUT4["phrases"]]) + "\n")
