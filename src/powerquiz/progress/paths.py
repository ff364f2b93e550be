"""Where progress lives: the default file and the names of the files kept beside it."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

__all__ = [
    "HOME_ENV",
    "backup_paths",
    "default_progress_path",
    "lock_path_for",
    "log_path_for",
    "user_dir",
]

#: The variable the command line reads to move powerquiz's data directory.
HOME_ENV = "POWERQUIZ_HOME"


def user_dir(home: str | None = None) -> Path:
    """``home`` if set, else the platform's user data directory for powerquiz.

    The command line passes ``$POWERQUIZ_HOME`` (:mod:`powerquiz.cli.env` reads it); the
    core never reads the environment itself.
    """
    if home:
        return Path(home).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("powerquiz", appauthor=False))


def default_progress_path(home: str | None = None) -> Path:
    """The progress file used when the student does not pass ``--progress FILE``."""
    return user_dir(home) / "progress.json"


def log_path_for(path: Path) -> Path:
    """The append-only review log kept beside a progress file.

    ``progress.json`` -> ``progress.reviews.jsonl``; ``notes`` -> ``notes.reviews.jsonl``.
    """
    stem = path.stem if path.suffix == ".json" else path.name
    return path.with_name(f"{stem}.reviews.jsonl")


def lock_path_for(path: Path) -> Path:
    """The lock file that serialises writers of a progress file."""
    return path.with_name(f"{path.name}.lock")


def backup_paths(paths: list[Path], label: str = "", now: datetime | None = None) -> list[Path]:
    """Free names beside each of ``paths`` that share one timestamp, in the same order.

    ``progress.json`` -> ``progress.json.2026-11-24T101500Z.bak`` (``-2``, ``-3``... is added
    when that name is taken, so an earlier backup is never overwritten).
    """
    stamp = f"{(now or datetime.now(timezone.utc)).astimezone(timezone.utc):%Y-%m-%dT%H%M%SZ}"
    if label:
        stamp += f".{label}"
    n = 1
    while True:
        suffix = stamp if n == 1 else f"{stamp}-{n}"
        candidates = [p.with_name(f"{p.name}.{suffix}.bak") for p in paths]
        if not any(os.path.lexists(c) for c in candidates):
            return candidates
        n += 1
