"""Starting one bank afresh (``powerquiz progress reset --bank ID``), the others kept.

A whole-file reset moves both files aside.  Resetting one bank must instead take its
cards, settings and answers out of files the other banks share, and the log is
append-only everywhere else, so this is the one place that writes it shorter.  Under
the store's exclusive lock, in an order where a kill at any moment loses nothing:

1. the bank's cards, settings and answers are written to a backup beside the progress
   file, as a progress export (``progress import`` or ``progress restore`` merges it
   back);
2. the card file is brought up to the log's end (its ``log_bytes`` = the log's length);
3. the log is written again, atomically, without the bank's lines (every other line
   byte for byte);
4. the card file is written without the bank's cards and settings, for the new log.

A kill after step 3 leaves a card file whose ``log_bytes`` is past the shorter log's
end: the store reads it as a log that was cut (no error), the bank's cards still there
and its answers gone; running the reset again finishes it.  A kill at any other moment
leaves the old files or the new ones.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from powerquiz.progress.atomic import atomic_write
from powerquiz.progress.files import LOG_CAP, read_capped
from powerquiz.progress.paths import backup_paths
from powerquiz.progress.reading import Loaded
from powerquiz.progress.records import Review
from powerquiz.progress.transfer import ExportHeader, export_bytes

__all__ = ["BankReset", "forget_bank", "lines_without_bank"]


@dataclass(frozen=True)
class BankReset:
    """What one bank's reset took out, and where it is kept."""

    backup: Path
    cards: int
    answers: int


def lines_without_bank(log: bytes, bank_id: str) -> tuple[bytes, int]:
    """``log`` without the lines of ``bank_id``'s answers, and how many were taken out.

    Every other line is kept byte for byte, in its place; a line that is not a JSON
    object (the store has read the log before this, so there is none) is kept too.
    """
    kept: list[bytes] = []
    dropped = 0
    for line in log.splitlines(keepends=True):
        try:
            doc = json.loads(line)
        except ValueError:
            doc = None
        if isinstance(doc, dict) and doc.get("bank") == bank_id:
            dropped += 1
        else:
            kept.append(line)
    return b"".join(kept), dropped


def forget_bank(state: Loaded, bank_id: str, reviews: list[Review], log_path: Path,
                progress_path: Path, write_cards: Callable[[Loaded], None]) -> BankReset | None:
    """Take ``bank_id`` out of ``state`` and the files, as the module docstring says.

    ``reviews`` are the bank's answers as an export would list them; ``write_cards``
    writes the card file for a state.  None when the bank has nothing to take out.
    """
    cards = state.cards.get(bank_id, {})
    settings = {bank_id: state.settings[bank_id]} if bank_id in state.settings else {}
    if not (cards or reviews or settings):
        return None
    (backup,) = backup_paths([progress_path], label=_label(bank_id))
    atomic_write(backup, export_bytes({bank_id: dict(cards)} if cards else {}, reviews,
                                      ExportHeader(bank_id=bank_id), settings),
                 new_mode=0o600)
    if state.tail_lines or state.snapshot_at != state.log_bytes:
        write_cards(state)
    log = read_capped(log_path, LOG_CAP) or b""
    kept, dropped = lines_without_bank(log[:state.log_bytes], bank_id)
    if dropped:
        atomic_write(log_path, kept + log[state.log_bytes:], new_mode=0o600)
        state.log_bytes = len(kept)
    state.cards.pop(bank_id, None)
    state.settings.pop(bank_id, None)
    write_cards(state)
    return BankReset(backup=backup, cards=len(cards), answers=dropped)


def _label(bank_id: str) -> str:
    """The bank id as it is put in the backup's name (ids are already file-safe slugs)."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in bank_id)[:60] or "bank"
