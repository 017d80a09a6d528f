"""What the fast paths rely on, checked without timing anything (timings are benchmarks/run.py's).

Each shortcut taken for speed is compared with the slow, obvious way it replaces.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gpstd import cli, occurrences, recurrence, register
from gpstd.model import Register
from gpstd.occurrences import Occurrence
from gpstd.render import jsontext

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


# --- start-up: lazy commands ----------------------------------------------------------


def test_the_command_table_matches_what_the_modules_register() -> None:
    app = cli.app
    found: dict[str, set[str]] = {}
    for info in app.registered_commands:
        found.setdefault(cli.command_name(info), set()).add(info.callback.__module__)
    for group in app.registered_groups:
        modules = {c.callback.__module__ for c in group.typer_instance.registered_commands}
        found.setdefault(group.name, set()).update(modules)
    table = {name: {f"gpstd.commands.{m}" for m in modules} for name, modules in cli.COMMANDS.items()}
    assert table == found


def _gpstd(args: list[str], full: bool) -> tuple[int, str, str]:
    """Run the CLI in a subprocess through main() (lazy) or through the whole app."""
    code = ("import sys; sys.argv = ['gpstd', *sys.argv[1:]]\n"
            "import gpstd.cli as c\n"
            + ("c.COMMANDS.clear(); c._summary = lambda: None\n" if full else "")
            + "c.main()")
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            env=env, timeout=120)
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("args", [["--help"], ["-h"], [], ["due", "--help"], ["export", "--help"],
                                  ["export", "html", "--help"], ["status", "--help"],
                                  ["due", "--bogus"], ["nonsense"], ["schema", "--help"]])
def test_lazy_dispatch_says_exactly_what_the_whole_app_says(args: list[str]) -> None:
    assert _gpstd(args, full=False) == _gpstd(args, full=True)


# --- --json text ----------------------------------------------------------------------

_scalars = st.none() | st.booleans() | st.integers() | st.text()
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=20)


@given(_json)
def test_json_text_is_exactly_json_dumps_indent_2(value: object) -> None:
    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [[1.5], {"a": float("nan")}, {1: 2}, [{"a": (1, "x")}], (), {}])
def test_json_text_falls_back_to_json_dumps(value: object) -> None:
    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_json_echo_streams_the_same_text(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    rows = [{"id": i, "units": ["区司法局", "市桥街道"], "done": i % 2 == 0, "by": None} for i in range(2500)]
    jsontext.echo(rows)
    assert capsysbinary.readouterr().out.decode() == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


_AWKWARD = ["中文\u2028\u2029", "\x00\x01\x1f\x7f", '"\\/<>&', "\t\n\r\b\f", "é😀", "", " "]


@pytest.mark.parametrize("extra", [None, 1.5, float("nan"), 2**70, {1: "int key"}, ("a", (1, None)), [], {}])
def test_json_echo_of_many_records_is_json_dumps(capsysbinary: pytest.CaptureFixture[bytes], extra: object) -> None:
    rows: list[object] = [{"id": i, "text": _AWKWARD[i % len(_AWKWARD)], "units": ["区司法局"], "none": [],
                           "map": {}, "done": i % 3 == 0, "by": None, "n": -i} for i in range(1500)]
    rows.append({"extra": extra})
    jsontext.echo(rows)
    assert capsysbinary.readouterr().out.decode() == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2020-12-31", "2020-02-29", "2021-02-29", "2020-13-45", "2020/12/31",
                                  "2020年12月31日", " 2020-08-01 ", "20201231", "2020-1-5"])
def test_the_iso_fast_path_reads_as_the_phrase_parser_does(text: str) -> None:
    from gpstd import dates
    from gpstd.errors import GpstdError
    from gpstd.phrases import parse_date

    expected = parse_date(text.strip())
    if expected is None:
        with pytest.raises(GpstdError):
            dates.parse_option(text, "--before")
    else:
        assert dates.parse_option(text, "--before") == expected


def test_today_in_china_without_tzdata() -> None:
    from zoneinfo import ZoneInfo

    from gpstd import dates

    now = dt.datetime.now(dt.timezone.utc)
    assert ZoneInfo(dates.TIMEZONE).utcoffset(now.replace(tzinfo=None)) == dt.timedelta(hours=8)
    assert dates._CHINA.utcoffset(None) == dt.timedelta(hours=8)


# --- scale ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from make_register import make

    path = tmp_path_factory.mktemp("synthetic") / "tasks.yaml"
    path.write_text(make(600), encoding="utf-8")
    return path


def test_the_generated_register_passes_check(synthetic: Path) -> None:
    reg, problems = register.inspect(str(synthetic))
    assert reg is not None and problems == []
    assert len(reg.tasks) == 600 and len({t.id for t in reg.tasks}) == 600
    kinds = {item.kind for t in reg.tasks for item in t.schedule}
    assert kinds == {"dated", "recurring", "start", "ongoing", "irregular"}
    rules = {item.rrule for t in reg.tasks for item in t.schedule if item.rrule}
    assert 25 <= len(rules) <= 60


def test_each_distinct_rule_is_expanded_once_per_window(synthetic: Path) -> None:
    reg = register.load(str(synthetic))
    recurrence.cache_clear()
    found = occurrences.expand(reg, None, dt.date(2025, 12, 31))
    rules = {(i.rrule, i.start, i.until) for t in reg.tasks for i in t.schedule if i.rrule}
    info = recurrence._expand_cached.cache_info()
    assert found and info.misses <= len({rule for rule, _s, _u in rules}) * 3 and len(rules) < 100
    assert info.hits + info.misses < sum(1 for t in reg.tasks for i in t.schedule if i.rrule)


@pytest.mark.parametrize("window", [(None, dt.date(2025, 12, 31)), (dt.date(2020, 3, 15), dt.date(2021, 2, 28)),
                                    (dt.date(2021, 1, 1), dt.date(2021, 1, 1)), (dt.date(2019, 7, 1), dt.date(2030, 6, 30)),
                                    (dt.date(2024, 2, 29), dt.date(2026, 12, 31))])
def test_rule_dates_shared_by_year_equal_each_items_own_expansion(synthetic: Path, window: tuple) -> None:
    from dataclasses import replace

    reg = register.load(str(synthetic))
    start, end = window
    low = start or occurrences.EARLIEST
    items = [i for t in reg.tasks for i in t.schedule if i.rrule]
    rules = sorted({i.rrule for i in items if i.rrule})
    # and every rule with starts and untils the register does not have
    items += [replace(items[0], rrule=rule, start=s, until=u) for rule in rules
              for s, u in [(dt.date(2020, 5, 17), None), (None, dt.date(2021, 8, 31)),
                           (dt.date(2022, 12, 31), dt.date(2023, 1, 1)), (dt.date(2026, 1, 1), dt.date(2024, 1, 1))]]
    years: dict = {}
    for item in items:
        assert occurrences._rule_dates(reg, item, low, end, years) == occurrences.item_dates(reg, item, low, end)
    naive = sorted(((due, t.id, n) for t in reg.tasks for n, i in enumerate(t.schedule)
                    for due in occurrences.item_dates(reg, i, low, end)))
    assert [(o.due, o.task_id, o.item) for o in occurrences.expand(reg, start, end)] == naive


def test_fast_occurrences_equal_the_constructed_ones(synthetic: Path) -> None:
    reg = register.load(str(synthetic))
    found = occurrences.expand(reg, dt.date(2020, 1, 1), dt.date(2021, 12, 31))
    assert found
    for occ in found[:500]:
        again = Occurrence(**occ._asdict())
        assert type(occ) is Occurrence and occ == again and hash(occ) == hash(again)
        task = reg.task(occ.task_id)
        assert task is not None
        item = task.schedule[occ.item]
        assert (occ.text, occ.action, occ.recipient, occ.by) == (item.text, item.action, item.recipient, item.by)
        assert occ.recurring == (item.kind == "recurring")


def test_register_task_lookup_is_indexed_and_first_wins() -> None:
    reg = register.load()
    assert reg.task(7) is next(t for t in reg.tasks if t.id == 7)
    assert reg.task(10_000) is None
    from dataclasses import replace

    doubled = replace(reg, tasks=[*reg.tasks, replace(reg.tasks[0], section="二")])
    assert doubled.task(reg.tasks[0].id) is reg.tasks[0]
    assert isinstance(doubled, Register) and doubled == replace(reg, tasks=list(doubled.tasks))


def test_the_c_yaml_parser_is_in_use() -> None:
    from gpstd import yamlfile

    assert "CParser" in yamlfile._yaml().Parser.__name__


@pytest.mark.parametrize("via", [None, "区各有关部门"])
def test_many_occurrence_records_write_what_dicts_would(synthetic: Path, via: str | None,
                                                        capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """From a thousand records on they are msgspec Structs: the text is json.dumps's of the dicts."""
    from gpstd import query
    from gpstd.render import records
    from gpstd.workdays import day_off

    reg = register.load(str(synthetic))
    found = occurrences.expand(reg, dt.date(2020, 1, 1), dt.date(2022, 12, 31))
    assert len(found) >= records._STRUCTS_FROM
    labels = None if via is None else {t.id: (via if t.id % 2 else None) for t in reg.tasks}
    done = frozenset((o.task_id, o.due, o.item) for o in found[::7])
    today = dt.date(2021, 6, 1)
    rows, plain = records.occurrences(reg, found, today, query.status, done, labels)
    assert plain and type(rows[0]) is not dict  # the Struct path
    jsontext.echo(rows, plain)
    written = json.loads(capsysbinary.readouterr().out)
    expected = []
    for o in found:
        task = reg.task(o.task_id)
        assert task is not None
        expected.append({
            "id": o.task_id, "due": o.due.isoformat(), "status": query.status(o.due, today),
            "day_off": day_off(o.due), "section": task.section,
            "units": task.units.all, "task": task.cells.task, "text": o.text, "action": o.action,
            "recipient": o.recipient, "by": o.by, "recurring": o.recurring, "item": o.item,
            "done": (o.task_id, o.due, o.item) in done, **({} if labels is None else {"via": labels[o.task_id]})})
    assert written == expected
    assert [list(r) for r in written] == [list(r) for r in expected]  # the keys in the contract's order
    few, _ = records.occurrences(reg, found[:999], today, query.status, done, labels)
    assert type(few[0]) is dict and few == expected[:999]


def test_occurrence_records_that_are_not_plain_are_dicts_for_json_dumps(
        synthetic: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    from gpstd import query
    from gpstd.render import records

    reg = register.load(str(synthetic))
    found = occurrences.expand(reg, dt.date(2020, 1, 1), dt.date(2022, 12, 31))
    found[5] = found[5]._replace(action=1.5)  # a float: msgspec would write it otherwise than json.dumps
    rows, plain = records.occurrences(reg, found, dt.date(2021, 6, 1), query.status)
    assert not plain and all(type(r) is dict for r in rows) and rows[5]["action"] == 1.5
    jsontext.echo(rows, plain)
    assert capsysbinary.readouterr().out.decode() == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("window", [(None, dt.date(2020, 12, 31)), (dt.date(2021, 3, 1), dt.date(2024, 2, 29)),
                                    (dt.date(2019, 1, 1), dt.date(2019, 12, 31))])
def test_occurrences_by_shared_schedule_equal_those_by_task(synthetic: Path, window: tuple) -> None:
    from dataclasses import replace

    from gpstd.model import schedule_groups

    register.load(str(synthetic))
    cached = register.load(str(synthetic))  # from the cache, which groups tasks by schedule
    groups = schedule_groups(cached)
    assert groups is not None and len(groups) < len(cached.tasks)
    assert sorted(i for _items, ids in groups for i in ids) == sorted(t.id for t in cached.tasks)
    for items, ids in groups:
        assert all(cached.task(i).schedule == items for i in ids)  # type: ignore[union-attr]
    by_group = occurrences.expand(cached, *window)
    assert by_group == occurrences.expand(cached, *window, list(cached.tasks))  # walked task by task
    validated, _problems = register.inspect(str(synthetic))
    assert validated is not None and by_group == occurrences.expand(validated, *window)
    # Groups describe exactly register.tasks: a register with other tasks does not use them.
    fewer = replace(cached, tasks=cached.tasks[::2])
    assert schedule_groups(fewer) is None
    assert occurrences.expand(fewer, *window) == [o for o in by_group if o.task_id in {t.id for t in fewer.tasks}]


@pytest.mark.parametrize("count", [1000, 1001, 1999, 2000, 2001, 3456])
def test_json_echo_writes_many_records_part_by_part_as_json_dumps(
        count: int, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    """A thousand records a part: the parts join into exactly json.dumps's text, on a binary
    stdout and on a text-only one."""
    import io

    rows = [{"id": i, "text": _AWKWARD[i % len(_AWKWARD)], "units": ["区司法局"] * (i % 3), "by": None,
             "nested": {"a": [i, {"b": []}]}, "done": bool(i % 2)} for i in range(count)]
    expected = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    jsontext.echo(rows)
    assert capsysbinary.readouterr().out.decode() == expected
    text_only = io.StringIO()
    monkeypatch.setattr(sys, "stdout", text_only)
    jsontext.echo(rows)
    assert text_only.getvalue() == expected


def test_main_leaves_the_gc_as_it_found_it(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A read-only view turns the cyclic GC off while it runs; a caller of main() gets it back."""
    import gc

    for argv in (["gpstd", "due", "--help"], ["gpstd", "due", "--no-such-option"], ["gpstd", "sections"]):
        monkeypatch.setattr(sys, "argv", argv)
        monkeypatch.setattr(cli, "_exit_now", lambda code: sys.exit(code))  # stay in this process
        assert gc.isenabled()
        with pytest.raises(SystemExit):
            cli.main()
        assert gc.isenabled(), argv
    capsys.readouterr()


def test_record_fields_other_than_the_due_date_are_checked_for_plain_types(synthetic: Path) -> None:
    from gpstd import query
    from gpstd.render import records

    reg = register.load(str(synthetic))
    found = occurrences.expand(reg, dt.date(2020, 1, 1), dt.date(2022, 12, 31))
    found[3] = found[3]._replace(text=dt.date(2020, 1, 1))  # only `due` may be a date
    _rows, plain = records.occurrences(reg, found, dt.date(2021, 6, 1), query.status)
    assert not plain
