"""The backups kept beside a progress file, and bringing one back (``progress restore``).

Backups are made by a reset (the card file and the log, moved aside together), by
resetting one bank (a progress export of that bank) and by a migration (the card file of
the older schema).  Each is named ``NAME.STAMP[.LABEL][-N].bak`` beside the file it was
(:func:`powerquiz.progress.paths.backup_paths`).

Restoring never replaces the progress there is now: the backup's answers are *merged*
into it by review id, as ``progress import`` merges an export, so answers given since
the reset are kept, and restoring the same backup twice adds nothing.  A card-file
backup and its log are read from a private copy, never where they lie, so the backup
itself is left exactly as it was.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from powerquiz.progress.errors import NotAnExport, ProgressError
from powerquiz.progress.files import SNIFF, Refused, check_plain, read_capped
from powerquiz.progress.paths import log_path_for
from powerquiz.progress.reading import why
from powerquiz.progress.transfer import EXPORT_FORMAT

if TYPE_CHECKING:
    from powerquiz.progress.store import ProgressStore

__all__ = ["Backup", "find_backups", "restore"]

_STAMP = re.compile(r"(\d{4}-\d\d-\d\dT\d{6}Z)(?:\.([A-Za-z0-9_-]+?))?(?:-(\d+))?\.bak")


@dataclass(frozen=True)
class Backup:
    """One backup beside a progress file."""

    #: The file to name to ``progress restore`` (the card file's backup when there is one).
    path: Path
    #: The review log moved aside with it, if any.
    log: Path | None
    taken: datetime
    #: "reset" (the whole progress), "bank" (one bank's, an export) or "schema N" (before
    #: a migration).
    kind: str
    #: The bank of a "bank" backup.
    bank: str = ""


def find_backups(progress_path: Path) -> list[Backup]:
    """The backups beside ``progress_path``, newest first."""
    folder = progress_path.parent
    card_prefix, log_prefix = _prefixes(progress_path)
    found: dict[str, Backup] = {}
    try:
        names = sorted(p.name for p in folder.iterdir())
    except OSError:
        return []
    for name in names:
        for prefix, is_log in ((card_prefix, False), (log_prefix, True)):
            if not name.startswith(prefix):
                continue
            m = _STAMP.fullmatch(name[len(prefix):])
            if m is None:
                continue
            key = name[len(prefix):]
            known = found.get(key)
            if is_log and known is not None:
                found[key] = Backup(known.path, folder / name, known.taken, known.kind,
                                    known.bank)
            elif not is_log:
                log = folder / f"{log_prefix}{key}"
                found[key] = _backup(folder / name, log if log.exists() else None, m)
            elif known is None:
                found[key] = _backup(folder / name, folder / name, m)
    return sorted(found.values(), key=lambda b: (b.taken, b.path.name), reverse=True)


def _prefixes(progress_path: Path) -> tuple[str, str]:
    """How the backups of the card file and of its log begin: ``progress.json.`` and
    ``progress.reviews.jsonl.``."""
    return f"{progress_path.name}.", f"{log_path_for(progress_path).name}."


def _backup(path: Path, log: Path | None, m: re.Match[str]) -> Backup:
    taken = datetime.strptime(m.group(1), "%Y-%m-%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    label = m.group(2) or ""
    if label.startswith("schema") and label[6:].isdigit():
        return Backup(path, log, taken, f"schema {label[6:]}")
    if label:
        return Backup(path, None, taken, "bank", bank=label)
    return Backup(path, log, taken, "reset")


def restore(store: ProgressStore, backup: Path) -> int:
    """Merge the answers of ``backup`` into ``store``; return how many were new.

    ``backup`` is a progress export (a one-bank reset's backup), or a card file or log
    set aside by a reset or a migration: its partner is found by name.  Raises
    ProgressError, naming ``backup``, when it cannot be read.
    """
    backup = Path(backup)
    try:
        check_plain(backup)
        head = read_capped(backup, SNIFF)
    except (Refused, OSError) as e:
        raise ProgressError(f"Cannot restore {backup}: {why(e)}.", path=backup,
                            problem=why(e)) from None
    if head is None:
        raise ProgressError(f"Cannot restore {backup}: there is no such file.", path=backup,
                            problem="there is no such file")
    if EXPORT_FORMAT.encode() in head:
        return store.import_(backup)
    return _restore_files(store, backup)


def _restore_files(store: ProgressStore, backup: Path) -> int:
    """A card-file or log backup: read through a private store, exported, merged."""
    from powerquiz.progress.store import ProgressStore

    card, log = _partners(store.path, backup)
    with tempfile.TemporaryDirectory(prefix="powerquiz-restore-") as tmp:
        copy = ProgressStore(Path(tmp) / "progress.json")
        if card is not None:
            shutil.copyfile(card, copy.path)
        if log is not None:
            shutil.copyfile(log, copy.log_path)
        exported = Path(tmp) / "export.json"
        try:
            copy.export(exported)
        except ProgressError as e:
            problem = e.problem.rstrip(".")
            raise ProgressError(f"Cannot restore {backup}: {problem}.", path=backup,
                                problem=problem) from None
        try:
            return store.import_(exported)
        except NotAnExport as e:  # pragma: no cover - the export was written just now
            raise ProgressError(str(e), path=backup) from None


def _partners(progress_path: Path, backup: Path) -> tuple[Path | None, Path | None]:
    """(card-file backup, log backup) of the reset or migration ``backup`` belongs to."""
    card_prefix, log_prefix = _prefixes(progress_path)
    name = backup.name
    if name.startswith(log_prefix):
        card = backup.with_name(card_prefix + name[len(log_prefix):])
        return (card if card.is_file() else None), backup
    if name.startswith(card_prefix):
        log = backup.with_name(log_prefix + name[len(card_prefix):])
        return backup, (log if log.is_file() else None)
    if name.endswith(".jsonl") or ".jsonl." in name:  # a log, renamed
        return None, backup
    return backup, None
