"""The long fuzz round of issue 14: mutated registers, phrases and hostile files against gpstd.

    .venv/bin/python scripts/fuzz.py                       # 3,000 registers, 5,000 phrases, hostile files
    .venv/bin/python scripts/fuzz.py --registers 300 --phrases 500 --json /tmp/fuzz.json

Every case runs in a worker process whose address space is capped at 1 GiB (a blow-up is a
MemoryError, counted) and under a 10-second alarm (a hang, counted). What counts as a failure:

- registers: `gpstd check` ending other than 0 or 1 (an internal error is 70), or an exception; a
  register `check` accepts whose source cells are the seed's but whose deadlines differ from the
  seed's (a machine field changed behind the text: wrong but accepted).
- phrases: parse_phrase raising or reporting 解析出错; a rule it emits that its own rule check
  refuses; a date from a written date that does not exist (2021年十三月9日前, 6月零日) or a wrong
  date from one that does, in Arabic, Chinese and full-width numerals.
- hostile files: `gpstd import` and `gpstd check` on the files of `hostile_files()` ending other
  than 0 or 1.

The cases are drawn from a seeded random generator: the same seed gives the same cases. The
figures printed at the end go in docs/hostile-input.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import random
import resource
import signal
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
MEMORY_CAP = 1 << 30
TIME_CAP = 10

# --- registers -------------------------------------------------------------------------------

NASTY = list(":-#&*!|>'\"{}[],?%@`\t \\") + [
    "：", "，", "（", "\u3000", "\ufeff", "\x00", "\x85", "\u2028", "年", "月", "日", "13", "2020-13-45",
    "十三月", "〇月", "零日", "三十二日", "每季度", "免报", "前", "\n",
]  # fmt: skip
YAML_CONSTRUCTS = [
    "!!int x", "!!bool x", "!!map x", "!!seq x", "!!str", "!!binary aGVsbG8=", "!!timestamp 2020-01-01",
    "!custom x", "&a x", "*a", "<<: *a", "!!python/object:os.system x", "[", "{a: 1}", "? x", "|", ">-",
]  # fmt: skip


def mutate_register(rng: random.Random) -> tuple[str, str]:
    """(kind of mutation, the mutated text)."""
    lines = SEED_TEXT.splitlines(keepends=True)
    kind = rng.choice(["text", "text", "machine", "machine", "yaml", "huge"])
    if kind == "machine":
        return kind, _mutate_machine(rng, lines)
    if kind == "yaml":
        i = rng.randrange(len(lines))
        head, sep, _value = lines[i].partition(": ")
        lines[i] = (head + sep if sep else lines[i].rstrip("\n") + " ") + rng.choice(YAML_CONSTRUCTS) + "\n"
        if rng.random() < 0.3:
            lines.insert(0, rng.choice(["%YAML 1.1\n---\n", "---\n", "%TAG ! tag:x,2000:\n---\n"]))
        return kind, "".join(lines)
    if kind == "huge":
        i = rng.choice([n for n, line in enumerate(lines) if line.lstrip().startswith("deadline:")])
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        body = "".join(
            rng.choice(["每季度", "前", "2021年", "7月", "，", "报送", "十三月"]) for _ in range(12_000)
        )
        lines[i] = f"{indent}deadline: {body}\n"
        return kind, "".join(lines)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        action = rng.choice(["delete", "duplicate", "swap", "indent", "dedent", "insert", "truncate"])
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "indent":
            lines[i] = " " * rng.randint(1, 4) + lines[i]
        elif action == "dedent":
            lines[i] = lines[i][rng.randint(1, 4) :]
        elif action == "insert":
            col = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:col] + rng.choice(NASTY) + lines[i][col:]
        else:
            lines = lines[: rng.randint(1, len(lines))]
        if not lines:
            break
    return "text", "".join(lines)


def _mutate_machine(rng: random.Random, lines: list[str]) -> str:
    """A machine field changed, the text left as it is: what check must refuse."""
    fields = ("due:", "start:", "until:", "rrule:", "kind:", "by:", "assumed:")
    candidates = [n for n, line in enumerate(lines) if line.lstrip().startswith(fields)]
    i = rng.choice(candidates)
    head, _sep, value = lines[i].partition(": ")
    value = value.strip()
    field = head.strip()
    if field in ("due", "start", "until"):
        try:
            day = dt.date.fromisoformat(value) + dt.timedelta(days=rng.choice([-400, -31, -1, 1, 30, 365]))
            value = day.isoformat()
        except ValueError:
            value = "2021-01-01"
    elif field == "rrule":
        value = (
            value.replace("BYMONTHDAY=-1", "BYMONTHDAY=15")
            if rng.random() < 0.5
            else value.replace("BYMONTH=", "BYMONTH=2,")
        )
    elif field == "kind":
        value = rng.choice(["dated", "recurring", "ongoing", "irregular", "start"])
    elif field == "by":
        value = rng.choice(["区司法局", "市桥街道", "区政府办"])
    else:
        value = "false" if value == "true" else "true"
    lines[i] = f"{head}: {value}\n"
    return "".join(lines)


def _acceptance(text: str) -> str:
    """How an accepted register with the seed's cells and other dates got through: a change inside
    an item with an override (check's note then gives the new dates: the override's purpose), a
    change of meta (start/end are the register's decision, not the source's), or wrongly."""
    lines, seed = text.splitlines(), SEED_TEXT.splitlines()
    n = next((i for i, (a, b) in enumerate(zip(seed, lines)) if a != b), min(len(seed), len(lines)))
    if n < seed.index("units:"):
        return "meta_decision"
    top = next((i for i in range(n, -1, -1) if lines[i].lstrip().startswith("- kind:")), n)
    end = next((i for i in range(n + 1, len(lines)) if lines[i].lstrip().startswith("- ")), len(lines))
    return (
        "override_note" if any(line.lstrip().startswith("override:") for line in lines[top:end]) else "wrong"
    )


def changed_line(text: str) -> str:
    """The first line where `text` differs from the seed (for the report)."""
    for n, (a, b) in enumerate(zip(SEED_TEXT.splitlines(), text.splitlines()), start=1):
        if a != b:
            return f"line {n}: {a.strip()!r} → {b.strip()!r}"
    return "(same lines)"


def register_case(seed: int, work: str) -> dict[str, Any]:
    from typer.testing import CliRunner

    from gpstd.cli import build

    rng = random.Random(seed)
    kind, text = mutate_register(rng)
    path = Path(work) / f"r{seed}.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = CliRunner().invoke(build(), ["check", str(path)], catch_exceptions=True)
    out: dict[str, Any] = {"kind": kind, "exit": result.exit_code}
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        out["error"] = f"{type(result.exception).__name__}: {result.exception}"
    elif result.exit_code == 0 and _wrong_but_accepted(path):
        out[_acceptance(text)] = changed_line(text)
    path.unlink()
    return out


def _deadlines(path: Path) -> tuple[list[tuple[Any, ...]], list[Any]]:
    from gpstd.obligations import Ledger
    from gpstd.register import load

    register = load(str(path))
    ledger = Ledger(register)
    found = ledger.deadlines(dt.date(2020, 1, 1), dt.date(2023, 12, 31))
    return [(o.task_id, o.due) for o in found], [t.cells for t in register.tasks]


_SEED_READING: list[Any] = []


def _wrong_but_accepted(path: Path) -> bool:
    """Accepted, the seed's cells, other deadlines: a field that contradicts its text got through."""
    if not _SEED_READING:
        _SEED_READING.extend(_deadlines(ROOT / "data" / "tasks.yaml"))
    deadlines, cells = _deadlines(path)
    return cells == _SEED_READING[1] and deadlines != _SEED_READING[0]


# --- phrases ---------------------------------------------------------------------------------

CN = "〇一二三四五六七八九"
PIECES = list("〇一二两三十百廿卅零年月日号前后起至内每周季度半旬上中下底末初，、；。（）") + [
    "每季度", "每月", "每周", "每日", "每年", "免报", "四季度", "2月", "13", "0", "32", "999999999", "工作日",
    "个工作日", "月底前", "季度结束后", "次月", "\u3000", "１２", "\n",
]  # fmt: skip


def _numeral(n: int, style: str) -> str:
    if style == "arabic":
        return str(n)
    if style == "fullwidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if n == 0:
        return "零" if style == "zero" else "〇"
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


def phrase_case(seed: int, corpus: list[str]) -> dict[str, Any]:
    """One phrase: a real one mutated, a written date with its oracle, or a very long one."""
    from gpstd.phrases import parse_phrase
    from gpstd.schedule.recurrence import validate_rrule

    rng = random.Random(seed)
    base = dt.date(2021, 1, 1)
    expected: dt.date | str | None = "any"
    choice = rng.random()
    if choice < 0.35:
        year, month, day = rng.choice([2020, 2021]), rng.randint(0, 14), rng.randint(0, 33)
        style = rng.choice(["arabic", "chinese", "fullwidth", "zero"])
        text = f"{_numeral(year, 'arabic')}年{_numeral(month, style)}月{_numeral(day, style)}日前"
        try:
            expected = dt.date(year, month, day)
        except ValueError:
            expected = None  # no such day: no date may be given
    elif choice < 0.38:
        text = rng.choice(corpus) * (50_000 // max(len(rng.choice(corpus)), 1) + 1)
    else:
        text = rng.choice(corpus)
        for _ in range(rng.randint(1, 5)):
            col = rng.randint(0, len(text))
            if rng.random() < 0.7:
                text = text[:col] + rng.choice(PIECES) + text[col:]
            else:
                text = text[:col] + text[col + rng.randint(1, 3) :]
    parts = parse_phrase(text, base)
    out: dict[str, Any] = {"length": len(text)}
    problems = [p.problem for p in parts if p.problem and p.problem.startswith("解析出错")]
    if problems:
        out["error"] = f"{problems[0]} in {text[:80]!r}"
    bad_rules = [p.rrule for p in parts if p.rrule and validate_rrule(p.rrule)]
    if bad_rules:
        out["bad_rule"] = f"{bad_rules[0]} from {text[:80]!r}"
    if expected != "any":
        dues = [p.due for p in parts if p.kind == "dated" and p.due]
        if expected is None and dues:
            out["impossible"] = f"{text} → {dues[0]}"
        elif expected is not None and dues and dues[0] != expected:
            out["wrong_date"] = f"{text} → {dues[0]}, not {expected}"
        elif expected is not None and not dues:
            out["missed"] = text  # unknown rather than wrong: counted, not a failure
    return out


def phrase_corpus() -> list[str]:
    import yaml

    data = yaml.safe_load((ROOT / "tests" / "corpus" / "phrases_real.yaml").read_text(encoding="utf-8"))
    real = [p["phrase"] for p in data.get("phrases", []) if isinstance(p, dict) and p.get("phrase")]
    seed = yaml.safe_load(SEED_TEXT)
    return (
        real + [t["cells"]["deadline"] for t in seed["tasks"]] + [t["cells"]["task"] for t in seed["tasks"]]
    )


# --- hostile files ---------------------------------------------------------------------------


def hostile_files(work: Path) -> dict[str, Path]:
    """The files of issue 14: XML entities, zip bombs, huge cells, a long list, a poisoned cache."""
    files: dict[str, Path] = {}
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">' for i in range(9)
        )
        + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        "<w:t>&lol8;</w:t></w:r></w:p></w:body></w:document>"
    )
    external = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&e;</t></si></sst>'
    )
    files["billion-laughs.docx"] = _package(work / "billion-laughs.docx", {"word/document.xml": laughs})
    files["external-entity.xlsx"] = _package(
        work / "external-entity.xlsx", {"xl/sharedStrings.xml": external}
    )
    files["zip-bomb.docx"] = _package(work / "zip-bomb.docx", {"word/document.xml": None})
    bomb = zipfile.ZipFile(files["zip-bomb.docx"], "a", compression=zipfile.ZIP_DEFLATED)
    with (
        bomb,
        bomb.open("word/document.xml", "w", force_zip64=True) as member,
    ):  # 1 GiB of spaces, ~1 MB zipped
        member.write(b"<a>")
        for _ in range(1024):
            member.write(b" " * (1 << 20))
        member.write(b"</a>")
    cell = "每季度报送，" * 15_000
    files["huge-cell.html"] = work / "huge-cell.html"
    files["huge-cell.html"].write_text(
        f"<table><tr><td>序号</td><td>责任单位</td><td>工作任务</td><td>完成时间</td></tr>"
        f"<tr><td>1</td><td>区司法局</td><td>任务</td><td>{cell}</td></tr></table>",
        encoding="utf-8",
    )
    rows = "".join(
        f"<tr><td>{n}</td><td>区司法局</td><td>任务{n}</td><td>2021年6月30日前</td></tr>"
        for n in range(200_000)
    )
    files["long-list.html"] = work / "long-list.html"
    files["long-list.html"].write_text(
        f"<table><tr><td>序号</td><td>责任单位</td><td>工作任务</td><td>完成时间</td></tr>{rows}</table>",
        encoding="utf-8",
    )
    files["nul-bytes.txt"] = work / "nul-bytes.txt"
    files["nul-bytes.txt"].write_bytes(b"\x00\xff\xfe" * 10_000)
    return files


def _package(path: Path, members: dict[str, str | None]) -> Path:
    """A real Word or Excel file (made by python-docx or openpyxl) with `members` replaced (None:
    left out, for the caller to add)."""
    made = path.with_name("made" + path.suffix)
    if path.suffix == ".docx":
        import docx

        document = docx.Document()
        document.add_table(rows=2, cols=4)
        document.save(str(made))
    else:
        import openpyxl

        book = openpyxl.Workbook()
        book.active.append(["序号", "责任单位", "工作任务", "完成时间"])
        book.active.append([1, "区司法局", "任务", "2021年6月30日前"])
        book.save(made)
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename not in members:
                out.writestr(info, src.read(info))
        for name, text in members.items():
            if text is not None:
                out.writestr(name, text)
    made.unlink()
    return path


def hostile_case(name: str, path: str) -> dict[str, Any]:
    from typer.testing import CliRunner

    from gpstd.cli import build

    out_file = Path(path).with_suffix(".out.yaml")
    result = CliRunner().invoke(
        build(), ["import", path, "-o", str(out_file), "--force"], catch_exceptions=True
    )
    out: dict[str, Any] = {"name": name, "exit": result.exit_code, "message": (result.stderr or "")[-200:]}
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        out["error"] = f"{type(result.exception).__name__}: {result.exception}"
    if out_file.exists() and "root:" in out_file.read_text(encoding="utf-8", errors="replace"):
        out["leak"] = "an external entity's file (/etc/passwd) was read into the register"
    return out


# --- running ---------------------------------------------------------------------------------


def _worker_init(work: str) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    os.environ["GPSTD_CACHE_DIR"] = os.path.join(work, f"cache-{os.getpid()}")
    os.environ["GPSTD_MAX_MB"] = "200"


class _Hang(BaseException):  # not an Exception: the parser's own guard must not swallow it
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise _Hang


def guarded(job: tuple[str, tuple[Any, ...]]) -> dict[str, Any]:
    """Run one case under the alarm; a hang or a blow-up is a result, not a crash of the round."""
    name, args = job
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_CAP)
    start = time.perf_counter()
    try:
        result = {"register": register_case, "phrase": phrase_case, "hostile": hostile_case}[name](*args)
    except _Hang:
        result = {"hang": True}
    except MemoryError:
        result = {"memory": True}
    except Exception as exc:  # noqa: BLE001 - what escapes a case is what the round counts
        result = {"error": f"{type(exc).__name__}: {exc}"}
    finally:
        signal.alarm(0)
    result["seconds"] = round(time.perf_counter() - start, 3)
    result["case"] = name
    if name == "hostile":
        result["name"] = args[0]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registers", type=int, default=3000)
    parser.add_argument("--phrases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    parser.add_argument("--no-hostile", action="store_true", help="skip the hostile files")
    parser.add_argument("--json", dest="json_out", help="also write every failing case here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gpstd-fuzz-") as tmp:
        work = Path(tmp)
        corpus = phrase_corpus()
        jobs: list[tuple[str, tuple[Any, ...]]] = [
            ("register", (args.seed * 1_000_003 + n, tmp)) for n in range(args.registers)
        ]
        jobs += [("phrase", (args.seed * 1_000_033 + n, corpus)) for n in range(args.phrases)]
        if not args.no_hostile:
            jobs += [("hostile", (name, str(path))) for name, path in hostile_files(work).items()]
        start = time.perf_counter()
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(args.jobs, initializer=_worker_init, initargs=(tmp,), maxtasksperchild=200) as pool:
            results = pool.map(guarded, jobs, chunksize=8)
        elapsed = time.perf_counter() - start
    report(results, elapsed, args.json_out)
    return 0 if not failures(results) else 1


FAILURES = ("error", "hang", "memory", "wrong", "bad_rule", "impossible", "wrong_date", "leak")


def failures(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    bad = [r for r in results if any(r.get(k) for k in FAILURES)]
    return bad + [r for r in results if r["case"] != "phrase" and r.get("exit") not in (0, 1, None)]


def report(results: list[dict[str, Any]], elapsed: float, json_out: str | None) -> None:
    by_case = Counter(r["case"] for r in results)
    accepted = Counter(k for r in results for k in ("override_note", "meta_decision", "missed") if r.get(k))
    if accepted:
        print("accepted by design: " + ", ".join(f"{k} {n}" for k, n in accepted.items()))
    counts = {(r["case"], k) for r in results for k in FAILURES if r.get(k)}
    tally = Counter((r["case"], k) for r in results for k in FAILURES if r.get(k))
    exits = Counter((r["case"], r.get("exit")) for r in results if r["case"] != "phrase")
    slowest = max(results, key=lambda r: r["seconds"])
    print(
        f"{len(results):,} cases in {elapsed:.0f} s: "
        + ", ".join(f"{n:,} {c}" for c, n in sorted(by_case.items()))
    )
    print("exit codes: " + ", ".join(f"{c} {e}: {n}" for (c, e), n in sorted(exits.items(), key=str)))
    for case in sorted(by_case):
        line = ", ".join(f"{k} {tally[(case, k)]}" for k in FAILURES if (case, k) in counts) or "no failure"
        print(f"  {case}: {line}")
    print(f"slowest case: {slowest['seconds']} s ({slowest['case']})")
    for r in [r for r in results if r["case"] == "hostile"]:
        print(f"  hostile {r['name']}: exit {r.get('exit')} {r.get('message', '').strip()[:120]}")
    bad = failures(results)
    for r in bad[:20]:
        print("FAIL", json.dumps(r, ensure_ascii=False)[:300])
    if json_out:
        Path(json_out).write_text(json.dumps(bad, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(bad)} failing case(s)")


if __name__ == "__main__":
    sys.exit(main())
