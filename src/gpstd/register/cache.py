"""A validated copy of each register, so that a query does not read and validate YAML again.

An entry is the register encoded by msgspec straight from the model's own dataclasses (no
field is named here: a field added to `gpstd.model` is cached with no edit, and a model
change makes a new key, so an old entry is never misread). It is served only for the exact
bytes it was made from: the file name is a hash of those bytes with the model's shape, and
the entry's first line repeats the SHA-256 of the register and a CRC-32 of the entry's own body,
both compared before a byte of the body is decoded, which decoding then checks against the model.

The directory is the user's own: created 0700, and not used at all when another user owns
it or others may write to it (anything read from a shared place would be trusted otherwise).
Entries are opened without following symlinks, as regular files only, size-capped; any doubt
means the register is read and validated again, never an error.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import stat
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, get_type_hints

from gpstd import __version__
from gpstd.model import Register

FORMAT = "gpstd-cache 6"
MAX_ENTRY = 512 * 1024 * 1024


def directory() -> Path:
    if os.environ.get("GPSTD_CACHE_DIR"):
        return Path(os.environ["GPSTD_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("gpstd", appauthor=False)) / "registers"


def enabled() -> bool:
    return os.environ.get("GPSTD_NO_CACHE", "") in ("", "0")


@functools.cache
def model_shape() -> str:
    """The model's classes, fields and types, as text: part of every key."""
    seen: dict[str, str] = {}

    def visit(cls: Any) -> None:
        if not (isinstance(cls, type) and is_dataclass(cls)) or cls.__name__ in seen:
            return
        hints = get_type_hints(cls, include_extras=False)
        seen[cls.__name__] = ",".join(f"{f.name}:{hints[f.name]}" for f in fields(cls))
        for hint in hints.values():
            for inner in getattr(hint, "__args__", (hint,)):
                visit(inner)
                for deeper in getattr(inner, "__args__", ()):
                    visit(deeper)

    visit(Register)
    return ";".join(f"{name}({shape})" for name, shape in sorted(seen.items()))


def _key(raw_digest: str) -> str:
    salt = f"{FORMAT}/{__version__}/{model_shape()}".encode()
    return hashlib.sha256(raw_digest.encode() + salt).hexdigest()


def _private(folder: Path) -> bool:
    """Whether `folder` is a directory only this user owns and may write (not a symlink)."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def _usable_directory(create: bool) -> Path | None:
    folder = directory()
    if create and not os.path.lexists(folder):
        try:
            folder.mkdir(parents=True, mode=0o700)
        except OSError:
            return None
    return folder if _private(folder) else None


def digest(raw: bytes) -> str:
    """What names a register's bytes in the cache: their SHA-256, in hex."""
    return hashlib.sha256(raw).hexdigest()


def get(digest: str) -> Register | None:
    """The register validated before from the bytes with this `digest()`, or None."""
    if not enabled():
        return None
    folder = _usable_directory(create=False)
    if folder is None:
        return None
    from gpstd.files import read_regular

    try:
        entry = read_regular(folder / f"{_key(digest)}.json", MAX_ENTRY, follow=False)
    except OSError:
        return None
    return _decode(entry, digest)


def _decode(entry: bytes, digest: str) -> Register | None:
    import msgspec

    end = entry.find(b"\n")
    body = memoryview(entry)[end + 1 :]  # no copy of a city's entry
    if end < 0 or entry[:end] != _head(digest, body):
        return None
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new objects and no cycles
    try:
        return _decoder().decode(body)
    except (msgspec.DecodeError, ValueError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()


@functools.cache
def _decoder() -> Any:
    import msgspec

    return msgspec.json.Decoder(Register)


def _head(digest: str, body: bytes | memoryview) -> bytes:
    """An entry's first line: the format, the register's SHA-256 and the CRC-32 of the body (which
    finds a byte changed on disk; nobody else can write the directory, so no forgery to resist)."""
    import zlib

    return f"{FORMAT} {digest} {zlib.crc32(body):08x}".encode()


def put(digest: str, register: Register) -> None:
    """Keep `register` for the bytes with this `digest()`; a cache that cannot be written only
    costs speed."""
    if not enabled():
        return
    folder = _usable_directory(create=True)
    if folder is None:
        return
    import tempfile

    import msgspec

    body = msgspec.json.encode(register)
    head = _head(digest, body) + b"\n"
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(head)
                fh.write(body)  # not head + body: a province's entry is copied once less
            os.replace(tmp, folder / f"{_key(digest)}.json")
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
