"""Before the store's next write: finish a migration, or re-anchor a card file.

- Schema 1 (one file): its reviews, migrated in memory, become the log; the old file is
  kept as a backup first.
- Schema 2 and 3 share the log; only the card file changes (it gains ``settings``).  The
  old card file is kept as a backup first, and the interim parameters file of schema 2's
  powerquiz (adopted into ``settings`` when read) is set aside with it.
- A card file whose log was cut short is written again with the log's real length.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from powerquiz.progress.atomic import atomic_write, copy_then_append_atomically
from powerquiz.progress.jsonio import review_line
from powerquiz.progress.paths import backup_paths
from powerquiz.progress.reading import Loaded
from powerquiz.progress.settings import interim_path

__all__ = ["interim_present", "upgrade", "upgrade_split"]

WriteCards = Callable[[Loaded], None]


def upgrade(path: Path, log_path: Path, state: Loaded, write_cards: WriteCards) -> None:
    """Bring ``state`` (read from card file ``path`` and ``log_path``) up to date on disk.

    ``write_cards`` writes the card file of the current schema for a state.
    """
    if state.legacy is not None:
        (backup,) = backup_paths([path], label=f"schema{state.legacy_schema}")
        atomic_write(backup, state.raw, new_mode=0o600)
        lines = b"".join(review_line(r) for r in state.legacy)
        state.log_bytes = copy_then_append_atomically(log_path, log_path, 0, lines)
        write_cards(state)
        state.legacy = None
    elif state.upgrade_from:
        upgrade_split(path, state, write_cards)
    elif state.log_short:
        write_cards(state)
        state.log_short = False


def interim_present(progress_path: Path) -> list[Path]:
    """The interim parameters file of ``progress_path``, when there is one (a real file)."""
    interim = interim_path(progress_path)
    return [interim] if interim.is_file() and not interim.is_symlink() else []


def upgrade_split(path: Path, state: Loaded, write_cards: WriteCards) -> None:
    """Back up the card file ``path``, write it anew with ``write_cards``, set the interim
    file aside (its settings are now in the card file, so it is never read again)."""
    adopted = interim_present(path) if state.settings else []
    backup, *interim_backup = backup_paths([path, *adopted], label=f"schema{state.upgrade_from}")
    atomic_write(backup, state.raw, new_mode=0o600)
    write_cards(state)
    for source, target in zip(adopted, interim_backup, strict=True):
        source.replace(target)
    state.upgrade_from, state.log_short = 0, False
