"""Benchmark the phrase parser and the recurrence engine.

    .venv/bin/python benchmarks/bench_phrases.py [--tasks 10000] [--years 10]

1. phrases/second: every phrase of tests/phrases/corpus.yaml, parsed repeatedly;
2. expanding `--years` years for `--tasks` tasks whose rules come from ~50 distinct
   rules (as a real register has): naive (one dateutil expansion per task) versus
   `recurrence.expand` (memoised per distinct rule and window).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ruamel.yaml import YAML  # noqa: E402

from gpstd import recurrence  # noqa: E402
from gpstd.phrases import parse_phrase, phrase_result  # noqa: E402

BASE = dt.date(2020, 6, 1)


def corpus_phrases() -> list[str]:
    data = YAML(typ="safe").load((ROOT / "tests" / "phrases" / "corpus.yaml").read_text("utf-8"))
    return [entry["phrase"] for entry in data["phrases"]]


def bench_parse(phrases: list[str], rounds: int) -> tuple[float, float]:
    """(phrases/second for parse_phrase, phrases/second for phrase_result)."""
    parse_phrase(phrases[0], BASE)  # compile the recognisers outside the timing
    out = []
    for func in (lambda p: parse_phrase(p, BASE), lambda p: phrase_result(p, BASE)):
        timings = []
        for _ in range(rounds):
            start = time.perf_counter()
            for phrase in phrases:
                func(phrase)
            timings.append(time.perf_counter() - start)
        out.append(len(phrases) / statistics.median(timings))
    return out[0], out[1]


def distinct_rules() -> list[str]:
    """~50 rules of the shapes the parser produces."""
    rules = [
        "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1",
        "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1",
        "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=15",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=WEEKLY;BYDAY=FR",
    ]
    rules += [f"FREQ=YEARLY;BYMONTH={m};BYMONTHDAY=-1" for m in range(1, 13)]
    rules += [f"FREQ=YEARLY;BYMONTH={m};BYMONTHDAY=20" for m in range(1, 13)]
    rules += [f"FREQ=MONTHLY;BYMONTHDAY={d}" for d in range(1, 29, 2)]
    rules += [
        "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
        "FREQ=YEARLY;INTERVAL=2;BYMONTH=12;BYMONTHDAY=31",
        "FREQ=YEARLY;BYMONTH=4,7,10;BYMONTHDAY=15",
        "FREQ=MONTHLY;BYMONTH=2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=10",
    ]
    return rules


def naive_expand(rule: str, low: dt.date, high: dt.date) -> list[dt.date]:
    """What each task would cost without the cache: parse the rule and expand it."""
    from dateutil.rrule import rrulestr

    found = rrulestr(rule, dtstart=dt.datetime(low.year, 1, 1)).between(
        dt.datetime(low.year, low.month, low.day), dt.datetime(high.year, high.month, high.day), inc=True
    )
    return [d.date() for d in found]


def bench_expand(tasks: int, years: int) -> dict[str, float]:
    rng = random.Random(3)
    rules = distinct_rules()
    register = [rng.choice(rules) for _ in range(tasks)]
    low, high = dt.date(2020, 1, 1), dt.date(2020 + years - 1, 12, 31)

    start = time.perf_counter()
    naive_total = sum(len(naive_expand(rule, low, high)) for rule in register)
    naive = time.perf_counter() - start

    recurrence.cache_clear()
    start = time.perf_counter()
    cached_total = sum(len(recurrence.expand(rule, low, high, anchor=low)) for rule in register)
    cold = time.perf_counter() - start

    start = time.perf_counter()
    sum(len(recurrence.expand(rule, low, high, anchor=low)) for rule in register)
    warm = time.perf_counter() - start
    assert naive_total == cached_total, (naive_total, cached_total)
    return {
        "distinct": len(set(register)),
        "occurrences": cached_total,
        "naive": naive,
        "cached_cold": cold,
        "cached_warm": warm,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    phrases = corpus_phrases()
    parse_rate, result_rate = bench_parse(phrases, args.rounds)
    print(f"parse_phrase   {parse_rate:10,.0f} phrases/s  ({len(phrases)} corpus phrases)")
    print(f"phrase_result  {result_rate:10,.0f} phrases/s  (parse + expand over the base year)")

    r = bench_expand(args.tasks, args.years)
    print(
        f"expand {args.years} years × {args.tasks:,} tasks ({r['distinct']} distinct rules, "
        f"{r['occurrences']:,.0f} occurrences)"
    )
    print(f"  naive (dateutil per task)   {r['naive'] * 1000:9.1f} ms")
    print(f"  expand, cache cold          {r['cached_cold'] * 1000:9.1f} ms")
    print(f"  expand, cache warm          {r['cached_warm'] * 1000:9.1f} ms")
    print(f"  speed-up (naive / cold)     {r['naive'] / r['cached_cold']:9.1f}×")


if __name__ == "__main__":
    main()
