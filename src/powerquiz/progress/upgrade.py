"""Bringing a schema-2 card file up to the current schema, before the store's next write.

Schema 2 and 3 share the log; only the card file changes (it gains ``settings``).  The
old card file is kept as a backup first, and the interim parameters file of schema 2's
powerquiz (adopted into ``settings`` when read) is set aside with it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from powerquiz.progress.atomic import atomic_write
from powerquiz.progress.paths import backup_paths
from powerquiz.progress.reading import Loaded
from powerquiz.progress.settings import interim_path

__all__ = ["interim_present", "upgrade_split"]


def interim_present(progress_path: Path) -> list[Path]:
    """The interim parameters file of ``progress_path``, when there is one (a real file)."""
    interim = interim_path(progress_path)
    return [interim] if interim.is_file() and not interim.is_symlink() else []


def upgrade_split(path: Path, state: Loaded, write_cards: Callable[[Loaded], None]) -> None:
    """Back up the card file ``path``, write it anew with ``write_cards``, set the interim
    file aside (its settings are now in the card file, so it is never read again)."""
    adopted = interim_present(path) if state.settings else []
    backup, *interim_backup = backup_paths([path, *adopted], label=f"schema{state.upgrade_from}")
    atomic_write(backup, state.raw, new_mode=0o600)
    write_cards(state)
    for source, target in zip(adopted, interim_backup, strict=True):
        source.replace(target)
    state.upgrade_from, state.log_short = 0, False
