"""The parser scored on the held-out rounds, tests/corpus/phrases_heldout*.yaml: real phrases gathered
from pages none of the earlier corpora had used, each read from the text alone and committed before the
parser was run on them (docs/phrases.md, "The held-out set" and the rounds after it, gives each round's
before and after).

Each round is scored exactly as tests/phrases/test_real_corpus.py scores the development corpus
(`judge`): a phrase is right, wrong (any date not expected) or an unknown-miss. For every round, no
phrase may be wrong; at least its `right_at_least` share must be right; it holds at least `at_least`
phrases, every one with a source, a base date and known kinds; none of its pages or phrases is in the
real corpus, an earlier round or the parser's own corpus (tests/phrases/corpus.yaml), and none is from
番禺 (the seed district).

`python -m tests.phrases.test_heldout_corpora [name …]` prints the figures and every phrase not read
right, for the rounds named (heldout, heldout2, …) or all of them.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.phrases.test_real_corpus import KINDS, REAL, judge, report

CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpus"
CONSTRUCTED_PATH = Path(__file__).resolve().parent / "corpus.yaml"


@dataclass(frozen=True)
class Round:
    name: str  # the file is tests/corpus/phrases_<name>.yaml
    right_at_least: float
    at_least: int  # phrases
    note: str

    @property
    def path(self) -> Path:
        return CORPUS_DIR / f"phrases_{self.name}.yaml"


# In the order they were gathered: each round's pages and phrases must be new to every round before it.
ROUNDS = (
    Round("heldout", 0.95, 60, "first round"),
    Round("heldout2", 0.91, 60, "after its round: 60 of 67 (89.6 %); after the third round: 61 (91.0 %)"),
    Round("heldout3", 0.93, 60, "after its round: 60 of 64 (93.8 %)"),
    Round("heldout4", 0.92, 50, "after its round: 47 of 51 (92.2 %)"),
    Round(
        "heldout5",
        0.96,
        40,
        "before its round: 40 of 62 (16 wrong); after: 58 (93.5 %) as first read, 60 (96.8 %) with two readings corrected",
    ),
    Round(
        "heldout6",
        0.80,
        60,
        "before its round: 33 of 68 (25 wrong); after: 55 (80.9 %), no reading corrected",
    ),
    Round(
        "heldout7",
        0.86,
        50,
        "before its round: 27 of 51 (9 wrong) as first read; after: 44 (86.3 %) with two readings corrected",
    ),
    Round(
        "heldout8",
        0.84,
        50,
        "before its round: 27 of 51 (11 wrong) as first read, 31 (10 wrong) with four readings corrected; after: 43 (84.3 %)",
    ),
)


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return data


CORPORA: dict[str, dict[str, Any]] = {r.name: _load(r.path) for r in ROUNDS}
HELDOUT = CORPORA["heldout"]
HELDOUT2 = CORPORA["heldout2"]
HELDOUT3 = CORPORA["heldout3"]
HELDOUT4 = CORPORA["heldout4"]
HELDOUT5 = CORPORA["heldout5"]
HELDOUT6 = CORPORA["heldout6"]
HELDOUT7 = CORPORA["heldout7"]
HELDOUT8 = CORPORA["heldout8"]


def _id(entry: dict[str, Any]) -> str:
    return f"{entry['source']}:{entry['phrase'][:20]}"


@pytest.mark.parametrize(
    "entry",
    [pytest.param(e, id=f"{r.name}:{_id(e)}") for r in ROUNDS for e in CORPORA[r.name]["phrases"]],
)
def test_no_wrong_date(entry: dict[str, Any]) -> None:
    verdict = judge(entry)
    assert verdict.outcome != "wrong", (verdict.why, [(p.kind, p.due, p.rrule) for p in verdict.parts])


@pytest.mark.parametrize("round_", ROUNDS, ids=lambda r: r.name)
def test_right_share(round_: Round) -> None:
    verdicts = [judge(e) for e in CORPORA[round_.name]["phrases"]]
    right = sum(v.outcome == "right" for v in verdicts)
    assert right / len(verdicts) >= round_.right_at_least, report(verdicts)


@pytest.mark.parametrize("round_", ROUNDS, ids=lambda r: r.name)
def test_entries_are_complete_and_new(round_: Round) -> None:
    """At least `at_least` phrases with a source, a base date and known kinds; none of its pages or
    phrases is in the real corpus, an earlier round or the parser's own corpus; none from 番禺."""
    corpus = CORPORA[round_.name]
    assert len(corpus["phrases"]) >= round_.at_least
    earlier = [CORPORA[r.name] for r in ROUNDS[: ROUNDS.index(round_)]]
    others = (REAL, *earlier)
    constructed = CONSTRUCTED_PATH.read_text(encoding="utf-8")
    used_urls = {s["url"] for c in others for s in c["sources"].values() if s.get("url")}
    used_urls |= set(re.findall(r"https?://[^\s\"']+", constructed))
    used_phrases = {e["phrase"] for c in others for e in c["phrases"]}
    used_phrases |= {e["phrase"] for e in YAML(typ="safe").load(constructed)["phrases"]}
    for key, source in corpus["sources"].items():
        assert source["url"] not in used_urls, key
    for entry in corpus["phrases"]:
        assert entry["source"] in corpus["sources"], entry["phrase"]
        assert set(entry["expect"]["kinds"]) <= set(KINDS), entry["phrase"]
        assert isinstance(entry["base"], dt.date), entry["phrase"]
        assert entry["phrase"] not in used_phrases, entry["phrase"]
        assert "番禺" not in entry["phrase"], entry["phrase"]


def main(names: list[str]) -> str:
    chosen = [r for r in ROUNDS if not names or r.name in names]
    unknown = set(names) - {r.name for r in ROUNDS}
    if unknown:
        raise SystemExit(f"no such round: {', '.join(sorted(unknown))} (rounds: {', '.join(CORPORA)})")
    return "\n\n".join(
        f"== {r.name}\n" + report([judge(e) for e in CORPORA[r.name]["phrases"]]) for r in chosen
    )


if __name__ == "__main__":
    sys.stdout.write(main(sys.argv[1:]) + "\n")
