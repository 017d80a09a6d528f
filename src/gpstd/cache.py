"""A validated, compact copy of each register, keyed by the file's content.

JSON in the user's cache directory (never pickle: a cache file must not be able to run
code). Keyed by a hash of the bytes, so a file with the same size and mtime but other
content never hits; a corrupt or unwritable cache is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from gpstd import __version__
from gpstd.model import Register, register_from_dict, register_to_dict

FORMAT = "1"


def directory() -> Path:
    if os.environ.get("GPSTD_CACHE_DIR"):
        return Path(os.environ["GPSTD_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("gpstd", appauthor=False)) / "registers"


def _enabled() -> bool:
    return os.environ.get("GPSTD_NO_CACHE", "") in ("", "0")


def _entry(raw: bytes) -> Path:
    digest = hashlib.blake2b(raw, digest_size=20)
    digest.update(f"{__version__}/{FORMAT}".encode())
    return directory() / f"{digest.hexdigest()}.json"


def get(raw: bytes) -> Register | None:
    if not _enabled():
        return None
    try:
        with open(_entry(raw), encoding="utf-8") as fh:
            return register_from_dict(json.load(fh))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or corrupt: the caller validates the file again


def put(raw: bytes, register: Register) -> None:
    if not _enabled():
        return
    target = _entry(raw)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(register_to_dict(register), fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, target)
    except OSError:
        pass  # a read-only or full cache directory only costs speed
