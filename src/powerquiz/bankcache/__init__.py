"""A cache of parsed banks, so that a large bank opens in a fraction of its parse time.

Parsing and checking a bank of 45,000 questions takes tens of seconds (libyaml's own
load of its 30 MB is about 9 s), so, as Anki keeps its collection, powerquiz keeps each
bank it has loaded, parsed, in a cache file: :func:`load_cached` returns what
:func:`powerquiz.bank.load` would, reading the cache when it holds this very bank.

- The key is the bank file's content (a BLAKE2b digest of its bytes: the content
  decides, never a date or size), the path and name it was opened by (messages name the
  file as given), the powerquiz version, :data:`FORMAT`, the checks loading runs, and the
  size and date of the source of the code that reads and checks a bank (so a changed
  checkout never reuses a stale verdict).
- A cache file is input like any other: a corrupt, truncated, foreign, stale, symlinked
  or otherwise odd one is ignored, and the bank is parsed and cached again (written
  with :func:`~powerquiz.progress.atomic.atomic_write`); it is never an error.  A
  cache folder that is missing or read-only just means no cache.
- A bank with an error is never cached: every error shows on every load.
- The data is plain JSON (orjson) compressed with zstandard, never pickle:
  :mod:`powerquiz.bankcache.codec` checks every value as it rebuilds the bank.

``validate`` never uses the cache: it always parses and checks.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from functools import cache
from pathlib import Path
from typing import Any

from powerquiz.bank import Bank, Problem, load
from powerquiz.bank.bundled import display_name
from powerquiz.bank.collector import collector_paused
from powerquiz.bank.loader import MAX_BYTES
from powerquiz.bank.registry import bank_checks

__all__ = ["FORMAT", "cache_dir", "cache_path", "forget", "load_cached"]

#: The layout of a cache file; a file of another format is ignored and rewritten.
FORMAT = 1
#: The first bytes of every cache file (a file without them is not one of ours).
MAGIC = b"powerquiz bank cache\n"
#: A cache file larger than this is not one of ours (a 45,000-question bank: ~8 MB).
MAX_CACHE_BYTES = 4 * MAX_BYTES
#: The packages whose code decides what a loaded bank holds.
_CODE = ("bank", "marking", "qtypes", "bankcache")


def cache_dir(home: str | None = None) -> Path:
    """``home``/cache when ``home`` is set, else the platform's user cache folder.

    The command line passes ``$POWERQUIZ_HOME`` (see :func:`powerquiz.progress.paths.user_dir`);
    the core never reads the environment itself.
    """
    if home:
        return Path(home).expanduser() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("powerquiz", appauthor=False))


def cache_path(folder: Path, path: str | Path, name: str | None = None) -> Path:
    """The cache file for the bank at ``path`` (opened as given, under ``name``)."""
    where = hashlib.blake2b(f"{Path(path).absolute()}\0{path}\0{name}".encode(
        "utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return folder / f"bank-{where}.cache"


#: The last bank this process loaded, by its key: ``drill`` opens its bank twice (once for
#: its settings, once for the session), and the second costs one read and hash.
_LAST: list[tuple[dict[str, Any], Bank, list[Problem]]] = []


def load_cached(
    path: str | Path, folder: Path | None, *, name: str | None = None
) -> tuple[Bank | None, list[Problem]]:
    """What :func:`powerquiz.bank.load` returns for ``path``, from the cache in ``folder``
    when it holds this bank (``folder`` None: no cache file, only this process's last
    bank)."""
    data = _read_bank_bytes(Path(path))
    if data is None:  # not a regular, readable file of a bank's size: the loader says why
        return load(path, name=name)
    key = _key(path, name, data)
    if _LAST and _LAST[0][0] == key:
        return _LAST[0][1], list(_LAST[0][2])
    target = cache_path(folder, path, name) if folder is not None else None
    hit = _read_cache(target, key) if target is not None else None
    if hit is not None:
        _remember(key, *hit)
        return hit
    bank, problems = load(path, name=name)
    again = _read_bank_bytes(Path(path))
    if bank is not None and again is not None and _key(path, name, again) == key:
        _remember(key, bank, problems)
        if target is not None:
            _write_cache(target, key, bank, problems)
    return bank, problems


def forget() -> None:
    """Drop this process's last bank (tests use it to read the cache file again)."""
    _LAST.clear()


def _remember(key: dict[str, Any], bank: Bank, problems: list[Problem]) -> None:
    _LAST[:] = [(key, bank, list(problems))]


def _read_bank_bytes(path: Path) -> bytes | None:
    """The bytes of a regular bank file, or None for anything the loader should report."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        os.set_blocking(fd, True)
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) <= MAX_BYTES else None


@cache
def _code_stamp() -> tuple[tuple[str, str, int, int], ...]:
    """The name, size and date of each source file of the code that builds a bank."""
    root = Path(__file__).resolve().parent.parent
    stamp: list[tuple[str, str, int, int]] = []
    for package in _CODE:
        with contextlib.suppress(OSError), os.scandir(root / package) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    stamp.append((package, entry.name, info.st_size, info.st_mtime_ns))
    return tuple(stamp)


def _key(path: str | Path, name: str | None, data: bytes) -> dict[str, Any]:
    """What a cache file must have been written for to stand for this load."""
    from powerquiz import __version__

    return {
        "format": FORMAT,
        "version": __version__,
        "content": hashlib.blake2b(data, digest_size=32).hexdigest(),
        "path": os.fsdecode(path) if not isinstance(path, str) else path,
        "name": name,
        "source": display_name(path) if name is None else name,
        "checks": [f"{c.__module__}.{c.__qualname__}" for c in bank_checks()],
        "code": [list(entry) for entry in _code_stamp()],
    }


def _read_cache(target: Path, key: dict[str, Any]) -> tuple[Bank, list[Problem]] | None:
    """The bank and problems cached in ``target`` for ``key``, or None (never an error)."""
    import orjson
    import zstandard

    from powerquiz.bankcache.codec import Unreadable, from_data

    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0))
    except OSError:  # missing, a symbolic link (ELOOP), unreadable
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _own(info):
            return None
        with os.fdopen(os.dup(fd), "rb") as f:
            raw = f.read(MAX_CACHE_BYTES + 1)
        if len(raw) > MAX_CACHE_BYTES or not raw.startswith(MAGIC):
            return None
        with collector_paused(file_as_old=True):
            document = orjson.loads(zstandard.ZstdDecompressor().decompress(
                raw[len(MAGIC):], max_output_size=8 * MAX_CACHE_BYTES))
            if type(document) is not dict or document.get("key") != key:
                return None
            return from_data(document.get("data"))
    except (OSError, ValueError, zstandard.ZstdError, Unreadable, RecursionError,
            MemoryError):
        return None
    finally:
        os.close(fd)


def _own(info: os.stat_result) -> bool:
    """A file the user running powerquiz owns (where ownership exists)."""
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


def _write_cache(target: Path, key: dict[str, Any], bank: Bank,
                 problems: list[Problem]) -> None:
    """Keep ``bank`` in ``target``, atomically; any failure just means no cache."""
    import orjson
    import zstandard

    from powerquiz.bankcache.codec import to_data
    from powerquiz.progress.atomic import atomic_write

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISREG(target.lstat().st_mode):
                return  # a link, folder or device in its place is never written through
        body = orjson.dumps({"key": key, "data": to_data(bank, problems)})
        packed = zstandard.ZstdCompressor(level=3, write_checksum=True).compress(body)
        atomic_write(target, MAGIC + packed, new_mode=0o600)
    except (OSError, ValueError, TypeError, zstandard.ZstdError):
        return
