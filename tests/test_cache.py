"""The register cache: never stale, never trusted when corrupt, harmless when unwritable."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from gpstd import cache, register

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "tasks.yaml"


def _entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.json"))


def test_second_load_is_served_from_the_cache(register_copy: Path) -> None:
    first = register.load(str(register_copy))
    directory = cache.directory()
    assert len(_entries(directory)) == 1
    assert cache.get(register_copy.read_bytes()) == first
    assert register.load(str(register_copy)) == first


def test_same_size_and_mtime_but_other_content_is_not_served(register_copy: Path) -> None:
    before = register.load(str(register_copy))
    text = register_copy.read_text(encoding="utf-8")
    stamp = register_copy.stat()
    # Same length, same mtime: only the content differs (a one-character edit of a title).
    edited = text.replace("title: 番禺区", "title: 花都区", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    register_copy.write_text(edited, encoding="utf-8")
    os.utime(register_copy, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert register_copy.stat().st_size == stamp.st_size
    assert register_copy.stat().st_mtime_ns == stamp.st_mtime_ns
    after = register.load(str(register_copy))
    assert before.meta.title.startswith("番禺区")
    assert after.meta.title.startswith("花都区")


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"[]", b"{}", b'{"tasks": [[1]]}', b"\xff\xfe",
                                     b'{"version":1,"meta":{},"units":[],"groups":[],"tasks":[]}',
                                     b"[" + b"1," * 600_000,  # large: read by msgspec
                                     b'{"text": [null], "tasks": [' + b"[1]," * 300_000 + b"[1]]}"])
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(register_copy: Path, garbage: bytes) -> None:
    expected = register.load(str(register_copy))
    [entry] = _entries(cache.directory())
    entry.write_bytes(garbage)
    assert cache.get(register_copy.read_bytes()) is None
    assert register.load(str(register_copy)) == expected
    assert cache.get(register_copy.read_bytes()) == expected  # rewritten


def test_a_truncated_cache_file_is_ignored(register_copy: Path) -> None:
    expected = register.load(str(register_copy))
    [entry] = _entries(cache.directory())
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    assert register.load(str(register_copy)) == expected


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_cache_directory_still_works(register_copy: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "ro-cache"
    directory.mkdir()
    directory.chmod(stat.S_IRUSR | stat.S_IXUSR)
    monkeypatch.setenv("GPSTD_CACHE_DIR", str(directory))
    try:
        first = register.load(str(register_copy))
        assert register.load(str(register_copy)) == first
        assert _entries(directory) == []
    finally:
        directory.chmod(stat.S_IRWXU)


def test_an_unwritable_cache_location_still_works(register_copy: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # A file where the directory should be: works for root too.
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("GPSTD_CACHE_DIR", str(blocker / "cache"))
    first = register.load(str(register_copy))
    assert register.load(str(register_copy)) == first


def test_no_cache_when_disabled(register_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GPSTD_NO_CACHE", "1")
    register.load(str(register_copy))
    assert _entries(cache.directory()) == []


def test_the_cache_round_trips_every_field(register_copy: Path) -> None:
    validated, problems = register.inspect(str(register_copy))
    assert validated is not None
    import json

    again = cache.decode(json.loads(json.dumps(cache.encode(validated), ensure_ascii=False)))
    assert again == validated
    assert [t.id for t in again.tasks] == [t.id for t in validated.tasks]
    assert again.task(7) == validated.task(7)


def test_check_reads_the_file_not_the_cache(run, register_copy: Path) -> None:
    """Even a cache entry for exactly these bytes is not trusted by `gpstd check`."""
    valid = register.load(str(register_copy))
    text = register_copy.read_text(encoding="utf-8")
    register_copy.write_text(text.replace("  - id: 2\n", "  - id: 1\n", 1), encoding="utf-8")
    cache.put(register_copy.read_bytes(), valid)  # a poisoned entry: the broken bytes → valid data
    assert register.load(str(register_copy)) == valid  # load trusts its cache …
    result = run("check", str(register_copy))
    assert result.exit_code == 1  # … check reads the file
    assert "重复" in result.stdout + result.stderr


def _python(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, timeout=120)


RUN = """
import os, sys
sys.argv = ["gpstd", *{args!r}]
from gpstd.cli import main

def report():
    sys.stdout.flush()
    print("\\nMODULES", " ".join(sorted(sys.modules)), file=sys.stderr)

exit_now = os._exit  # a command that loaded a register ends with os._exit (gpstd.cli._exit_now)
os._exit = lambda code: (report(), exit_now(code))
try:
    main()
except SystemExit:
    pass
report()
"""


def _modules(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    result = _python(RUN.format(args=args), env)
    return set(result.stderr.rsplit("MODULES", 1)[1].split())


def test_json_output_does_not_import_rich(register_copy: Path, tmp_path: Path) -> None:
    args = ["due", "--before", "2020-12-31", "--json", "-f", str(register_copy)]
    env = {"GPSTD_CACHE_DIR": str(tmp_path / "cache")}
    modules = _modules(args, env)  # the first read, with validation
    assert not {m for m in modules if m == "rich" or m.startswith("rich.")}
    modules = _modules(args, env)  # served from the cache, no progress file beside it
    assert not {m for m in modules if m == "rich" or m.startswith("rich.")}
    assert "pydantic" not in modules and "ruamel.yaml" not in modules


def test_the_committed_empty_progress_file_costs_no_yaml_reader(register_copy: Path, tmp_path: Path) -> None:
    """data/progress.yaml as committed (comments, version, records: []) is known empty by its
    text; one record makes the query read it (and count it)."""
    template = (Path(__file__).resolve().parents[1] / "data" / "progress.yaml").read_text("utf-8")
    progress = register_copy.parent / "progress.yaml"
    progress.write_text(template, "utf-8")
    args = ["due", "--before", "2020-08-31", "--json", "-f", str(register_copy)]
    env = {"GPSTD_CACHE_DIR": str(tmp_path / "cache")}
    _modules(args, env)  # the first read fills the cache
    modules = _modules(args, env)
    assert "ruamel.yaml" not in modules and "gpstd.progress" not in modules
    progress.write_text(template.replace("records: []", "records:\n  - {task: 1, due: 2020-08-31, done: 2020-08-30}"),
                        "utf-8")
    modules = _modules(args, env)
    assert "gpstd.progress" in modules


EXITS = """
import atexit, sys
sys.argv = ["gpstd", *{args!r}]
atexit.register(lambda: print("ordinary exit", file=sys.stderr))
from gpstd.cli import main
main()
"""


def test_only_read_only_views_skip_the_ordinary_exit(register_copy: Path, tmp_path: Path) -> None:
    env = {"GPSTD_CACHE_DIR": str(tmp_path / "cache")}
    view = ["due", "--before", "2020-08-31", "--json", "-f", str(register_copy)]
    export = ["export", "csv", "-f", str(register_copy), "-o", str(tmp_path / "out.csv")]
    for args, ordinary in ((view, False), (view, False), (export, True)):
        result = subprocess.run([sys.executable, "-c", EXITS.format(args=args)], capture_output=True,
                                text=True, cwd=ROOT, env={**os.environ, **env}, timeout=120)
        assert result.returncode == 0, result.stderr
        assert ("ordinary exit" in result.stderr) is ordinary, args
    assert (tmp_path / "out.csv").stat().st_size > 0
    view_out = subprocess.run([sys.executable, "-c", EXITS.format(args=view)], capture_output=True,
                              text=True, cwd=ROOT, env={**os.environ, **env}, timeout=120).stdout
    assert json.loads(view_out)[0]["due"] == "2020-08-31"  # the output was flushed before os._exit


def test_help_does_not_read_the_register(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    for args in (["--help"], ["due", "--help"], ["-h"]):
        modules = _modules(args, {"GPSTD_FILE": str(missing), "GPSTD_CACHE_DIR": str(tmp_path)})
        assert "gpstd.register" not in modules and "gpstd.cache" not in modules, args
        assert not {m for m in modules if m.startswith(("rich", "pydantic", "ruamel"))}, args
    assert not list(tmp_path.iterdir())


def test_cache_files_are_json_not_pickle(register_copy: Path) -> None:
    register.load(str(register_copy))
    [entry] = _entries(cache.directory())
    head, body = entry.read_bytes().split(b"\n", 1)
    assert set(head.decode()) <= set("0123456789abcdef") and len(head) == 40  # the hash of the JSON
    assert json.loads(body)["tasks"]


def test_a_cache_file_changed_in_any_byte_is_not_served(register_copy: Path) -> None:
    """Decoding checks shapes, not every value: a changed byte that still reads (a digit, a
    letter of a text) is caught by the file's own hash."""
    expected = register.load(str(register_copy))
    [entry] = _entries(cache.directory())
    good = entry.read_bytes()
    head = good.index(b"\n")
    for at in [*range(0, head + 1, 7), *range(head + 1, len(good), max(1, len(good) // 150))]:
        for new in (b"0", b"7", b"-", b"x"):
            if good[at:at + 1] == new:
                continue
            entry.write_bytes(good[:at] + new + good[at + 1:])
            assert cache.get(register_copy.read_bytes()) is None, at
    entry.write_bytes(good)
    assert cache.get(register_copy.read_bytes()) == expected


def test_decoded_rows_share_equal_items_and_reject_wrong_shapes(register_copy: Path) -> None:
    import json

    validated, _problems = register.inspect(str(register_copy))
    assert validated is not None
    data = cache.encode(validated)
    doubled = json.loads(json.dumps({**data, "tasks": data["tasks"] * 2}))
    again = cache.decode(doubled)
    n = len(validated.tasks)
    assert again.tasks[n:] == again.tasks[:n] == validated.tasks
    assert all(a.schedule[i] is b.schedule[i] for a, b in zip(again.tasks[:n], again.tasks[n:])
               for i in range(len(a.schedule)))  # one object per distinct item row
    first, second = again.tasks[0], again.tasks[n]
    # Lists are never shared: appending to one task's units or schedule changes no other task.
    assert first.units.lead is not second.units.lead and first.schedule is not second.schedule
    assert first.units.cooperating is not second.units.cooperating
    breaks = [(lambda data: data["items"][0].pop()), (lambda data: data["items"][0].append(0)),
              (lambda data: data["schedules"][0].append(len(data["items"]))),  # no such item
              (lambda data: data["tasks"].__setitem__(8, len(data["schedules"]))),  # no such schedule
              (lambda data: data["tasks"].__setitem__(7, len(data["task_units"]))),  # no such units
              (lambda data: data["task_units"][0].pop()),
              (lambda data: data["task_units"][0][0].append([1])),
              (lambda data: data["tasks"].pop()),  # a row cut short
              (lambda data: data["tasks"].append(0)),
              (lambda data: data["tasks"].__setitem__(0, "7")),  # an id that is not an integer
              (lambda data: data["tasks"].__setitem__(10, 1.0))]
    for broken in breaks:
        bad = json.loads(json.dumps(data))
        broken(bad)
        with pytest.raises((ValueError, KeyError, TypeError, IndexError)):
            cache.decode(bad)
