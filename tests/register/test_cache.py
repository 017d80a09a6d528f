"""The register cache: never stale, never trusted when corrupt, harmless when unwritable."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from gpstd import register
from gpstd.register import cache

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "tasks.yaml"


def _entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.json"))


def test_second_load_is_served_from_the_cache(register_copy: Path) -> None:
    first = register.load(str(register_copy))
    directory = cache.directory()
    assert len(_entries(directory)) == 1
    assert cache.get(cache.digest(register_copy.read_bytes())) == first
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


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"{not json",
        b"[]",
        b"{}",
        b'{"tasks": [[1]]}',
        b"\xff\xfe",
        b'{"version":1,"meta":{},"units":[],"groups":[],"tasks":[]}',
        b"[" + b"1," * 600_000,  # large: read by msgspec
        b'{"text": [null], "tasks": [' + b"[1]," * 300_000 + b"[1]]}",
    ],
)
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(register_copy: Path, garbage: bytes) -> None:
    expected = register.load(str(register_copy))
    [entry] = _entries(cache.directory())
    entry.write_bytes(garbage)
    assert cache.get(cache.digest(register_copy.read_bytes())) is None
    assert register.load(str(register_copy)) == expected
    assert cache.get(cache.digest(register_copy.read_bytes())) == expected  # rewritten


def test_a_truncated_cache_file_is_ignored(register_copy: Path) -> None:
    expected = register.load(str(register_copy))
    [entry] = _entries(cache.directory())
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    assert register.load(str(register_copy)) == expected


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_cache_directory_still_works(
    register_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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


def test_an_unwritable_cache_location_still_works(
    register_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    """Every field of every class, set to a value: what was put is what is got."""
    import dataclasses

    from gpstd.model import Group, Register, ScheduleItem, Task

    validated, _problems = register.inspect(str(register_copy))
    assert validated is not None
    full_item = ScheduleItem(**{f.name: _value(f.name, f.type) for f in dataclasses.fields(ScheduleItem)})
    task = dataclasses.replace(validated.tasks[0], schedule=[full_item], note="说明")
    group = dataclasses.replace(validated.groups[0], members=["市桥街道"], covers=["街道"], note="n")
    full = dataclasses.replace(validated, tasks=[task], groups=[group])
    raw = register_copy.read_bytes()
    key = cache.digest(raw)
    cache.put(key, full)
    back = cache.get(key)
    assert back == full
    assert (
        isinstance(back, Register) and isinstance(back.tasks[0], Task) and isinstance(back.groups[0], Group)
    )


def _value(name: str, annotation: str) -> object:
    import datetime as dt

    if name == "kind":
        return "recurring"
    if name == "source":
        return "task"
    if "date" in annotation:
        return dt.date(2021, 1, 31)
    if "bool" in annotation:
        return True
    if annotation.startswith(("int", "Annotated[int")):
        return 3
    if annotation.startswith("list"):
        return ["x"]
    return f"{name} 的值"


def test_every_model_field_is_part_of_the_key() -> None:
    """A field added to (or removed from) the model makes new keys, so an old entry is never
    decoded into the new shape: the key's salt names every field of every class."""
    import dataclasses

    from gpstd import model

    shape = cache.model_shape()
    for cls in (
        model.Register,
        model.Meta,
        model.Unit,
        model.Group,
        model.Task,
        model.Cells,
        model.TaskUnits,
        model.ScheduleItem,
    ):
        for f in dataclasses.fields(cls):
            assert f"{f.name}:" in shape.split(f"{cls.__name__}(")[1].split(")")[0], (cls, f.name)


def test_an_entry_of_another_register_is_not_served(register_copy: Path, tmp_path: Path) -> None:
    """Cache poisoning: B's entry copied over A's entry name is refused; A is read again."""
    other = tmp_path / "other.yaml"
    text = register_copy.read_text(encoding="utf-8")
    other.write_text(text.replace("title: 番禺区", "title: 花都区", 1), encoding="utf-8")
    a = register.load(str(register_copy))
    [a_entry] = _entries(cache.directory())
    register.load(str(other))
    [b_entry] = [p for p in _entries(cache.directory()) if p != a_entry]
    a_entry.write_bytes(b_entry.read_bytes())  # B's entry where A's is looked for
    assert cache.get(cache.digest(register_copy.read_bytes())) is None
    assert register.load(str(register_copy)) == a


def test_a_crafted_entry_of_the_wrong_shape_is_ignored(register_copy: Path) -> None:
    """An entry whose hashes are right but whose body is not a register: read again, no crash."""
    import hashlib
    import zlib

    expected = register.load(str(register_copy))
    [entry] = _entries(cache.directory())
    raw_digest = hashlib.sha256(register_copy.read_bytes()).hexdigest()
    for body in (b'{"version": "x"}', b'{"meta": 1, "units": [], "groups": [], "tasks": [[1]]}', b"[]"):
        entry.write_bytes(f"{cache.FORMAT} {raw_digest} {zlib.crc32(body):08x}\n".encode() + body)
        assert cache.get(cache.digest(register_copy.read_bytes())) is None
        assert register.load(str(register_copy)) == expected


@pytest.mark.parametrize("planted", ["fifo", "devzero", "symlink", "directory"])
def test_planted_entries_are_not_followed(register_copy: Path, tmp_path: Path, planted: str) -> None:
    expected = register.load(str(register_copy))
    [entry] = _entries(cache.directory())
    good = entry.read_bytes()
    entry.unlink()
    if planted == "fifo":
        os.mkfifo(entry)
    elif planted == "devzero":
        entry.symlink_to("/dev/zero")
    elif planted == "symlink":
        target = tmp_path / "elsewhere.json"
        target.write_bytes(good)
        entry.symlink_to(target)
    else:
        entry.mkdir()
    assert cache.get(cache.digest(register_copy.read_bytes())) is None
    assert register.load(str(register_copy)) == expected


def test_a_directory_others_may_write_is_not_used(
    register_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("GPSTD_CACHE_DIR", str(shared))
    first = register.load(str(register_copy))
    assert _entries(shared) == []  # nothing written where others could plant entries
    assert register.load(str(register_copy)) == first


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a directory away"
)
def test_a_directory_another_user_owns_is_not_used(
    register_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 12345, 12345)
    monkeypatch.setenv("GPSTD_CACHE_DIR", str(theirs))
    register.load(str(register_copy))
    assert _entries(theirs) == []


def test_a_new_cache_directory_is_private(
    tmp_path: Path, register_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = tmp_path / "a" / "cache"
    monkeypatch.setenv("GPSTD_CACHE_DIR", str(fresh))
    register.load(str(register_copy))
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
    assert len(_entries(fresh)) == 1


def test_check_reads_the_file_not_the_cache(run, register_copy: Path) -> None:
    """Even a cache entry for exactly these bytes is not trusted by `gpstd check`."""
    valid = register.load(str(register_copy))
    text = register_copy.read_text(encoding="utf-8")
    register_copy.write_text(text.replace("  - id: 2\n", "  - id: 1\n", 1), encoding="utf-8")
    cache.put(
        cache.digest(register_copy.read_bytes()), valid
    )  # a poisoned entry: the broken bytes → valid data
    assert register.load(str(register_copy)) == valid  # load trusts its cache …
    result = run("check", str(register_copy))
    assert result.exit_code == 1  # … check reads the file
    assert "重复" in result.stdout + result.stderr


def test_cache_files_are_json_not_pickle(register_copy: Path) -> None:
    register.load(str(register_copy))
    [entry] = _entries(cache.directory())
    head, body = entry.read_bytes().split(b"\n", 1)
    assert head.startswith(cache.FORMAT.encode())
    assert json.loads(body)["meta"]["district"] == "番禺区"
