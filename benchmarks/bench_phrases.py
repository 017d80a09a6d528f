"""Benchmark the phrase parser and the recurrence engine.

    .venv/bin/python benchmarks/bench_phrases.py [--tasks 10000] [--years 10]

1. phrases/second: every phrase of tests/phrases/corpus.yaml and tests/corpus/phrases_real.yaml,
   parsed repeatedly;
2. long and hostile cells (issue 14): a 60,000-character cell and a 388 KB one, as parse_phrase
   reads them (up to MAX_CHARS), and the pipeline with no limit at 5,000 to 40,000 characters,
   to show that its time grows linearly with the input;
3. expanding `--years` years for `--tasks` tasks whose rules come from ~50 distinct
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

import gpstd.phrases  # noqa: E402
from gpstd.phrases import parse_phrase, phrase_result  # noqa: E402
from gpstd.schedule import recurrence  # noqa: E402

BASE = dt.date(2020, 6, 1)


def corpus_phrases() -> list[str]:
    out = []
    for path in (ROOT / "tests" / "phrases" / "corpus.yaml", ROOT / "tests" / "corpus" / "phrases_real.yaml"):
        data = YAML(typ="safe").load(path.read_text("utf-8"))
        out += [entry["phrase"] for entry in data["phrases"]]
    return out


def long_cells(phrases: list[str]) -> dict[str, str]:
    """Cells no list has, but a pasted document or a hostile file can: real phrases run together
    to 60,000 characters and to 388 KB of UTF-8, and runs of what the recognisers look at."""
    joined = "；".join(phrases)
    real = (joined * (60_000 // len(joined) + 1))[:60_000]
    big = (joined * (400_000 // len(joined.encode()) + 2)).encode()[: 388 * 1024].decode(errors="ignore")
    return {
        "60,000 characters of real phrases": real,
        "388 KB of real phrases": big,
        "60,000 characters of 一、…季度， (quarter lists)": ("一、" * 40 + "季度，") * 720,
        "60,000 characters of 1月、…免报， (exemptions)": ("1月、" * 40 + "免报，") * 480,
        "60,000 spaces and commas": (" " * 99 + "，") * 600,
    }


def bench_long(cells: dict[str, str]) -> list[tuple[str, float]]:
    """Seconds parse_phrase takes on each cell (median of three)."""
    out = []
    for name, cell in cells.items():
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            parse_phrase(cell, BASE)
            timings.append(time.perf_counter() - start)
        out.append((name, statistics.median(timings)))
    return out


def bench_growth(phrases: list[str], sizes: tuple[int, ...] = (5_000, 10_000, 20_000, 40_000)) -> list[float]:
    """Seconds the whole pipeline takes, with no MAX_CHARS, at each size: linear if each doubling
    about doubles the time."""
    joined = "；".join(phrases) * 100
    limit = gpstd.phrases.MAX_CHARS
    gpstd.phrases.MAX_CHARS = max(sizes) + 1
    try:
        out = []
        for size in sizes:
            start = time.perf_counter()
            parse_phrase(joined[:size], BASE)
            out.append(time.perf_counter() - start)
        return out
    finally:
        gpstd.phrases.MAX_CHARS = limit


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

    for name, seconds in bench_long(long_cells(phrases)):
        print(f"parse_phrase   {seconds * 1000:10.1f} ms  {name}")
    growth = bench_growth(phrases)
    sizes = "  ".join(f"{n}k: {s * 1000:.0f} ms" for n, s in zip((5, 10, 20, 40), growth))
    print(f"no MAX_CHARS   {sizes}  (×{growth[-1] / growth[0]:.1f} for ×8 the text)")

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
