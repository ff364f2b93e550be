"""The progress store: every answer a student gives, and where each question stands.

On-disk design (schema 2 on; schema 3 adds each bank's ``settings``)
--------------------------------------------------------------------
Two files sit side by side, plus a lock file::

    progress.json            {"schema": 3, "log_bytes": N, "cards": {bank: {question: card}},
                              "settings": {bank: {parameters, desired_retention, ...}}}
    progress.reviews.jsonl   one review per line, append-only, oldest first
    progress.json.lock       locked while a process reads or writes the two files

- ``progress.json`` (the *card file*) is a snapshot: one card per question as of its
  ``log_bytes``, whatever the length of the history.  It is always replaced atomically
  (temporary file in the same folder, fsync, ``os.replace``, fsync of the folder), and
  written and read fast (orjson, one checking loop: :mod:`powerquiz.progress.snapshot`).
- The *review log* is the record of truth: it only ever grows by whole lines appended
  with one write and an fsync.  Each drill line carries the card state *after* that
  review, so the log alone is enough to rebuild every card.
- Reading = the card file, then the log from ``log_bytes`` to its end (the *tail*).  The
  tail is bounded: when it folds into a new snapshot is the policy of
  :mod:`powerquiz.progress.compaction` (every 500 answers at most, at the end of a
  session through :meth:`ProgressStore.flush`, and on every other write).

Recording an answer, under the exclusive lock:

1. read the card file and replay the tail (or reuse what this store last read); only
   once both are checked, cut off a torn final line (a kill mid-append; a last line that
   is a whole review missing only its newline gets the newline instead);
2. call ``decide(latest card)`` (:meth:`ProgressStore.record_decided`): the drill's
   rating and new card are decided together from the card as it is on disk;
3. append the review's line to the log and fsync it: the answer is now durable;
4. only when the snapshot is due, rewrite the card file with every card and the new
   ``log_bytes``.

So an answer costs one append whatever the number of cards.  A store remembers what it
last read or wrote, with a fingerprint of the two files (inode, size and times; its own
appends keep it valid), and reads them again only when another process has changed them,
so a session reads the files a constant number of times.  ``check`` and the start of a
session read the card file and the tail only: the same cost however long the history.

A correcting review (``corrects``: the id of the review it replaces, as when a student
says "I was right" after the answer was saved) is appended like any other; readers show
the correction only, so the log stays append-only.

A kill before step 3 completes leaves the old data (a torn line is ignored, then
repaired); a kill after it, or during a snapshot's rewrite, leaves the line in the tail,
which every read replays: either way the store shows the old or the new data, never a
broken file.  An answer is durable once ``record`` returns.

Import merges by review id; an imported line whose card must *not* become the card state
(older than a review already here) carries ``"stale": true``.  Import and migrations
rewrite the log atomically (copy + ``os.replace``), and so does resetting one bank, the
one write that makes it shorter (:mod:`powerquiz.progress.bank_reset`).

Readers take the lock shared when it exists and never create it.  An older schema is
migrated in memory and written anew on the next write, after a backup copy; a newer or
damaged file is refused with a :class:`ProgressError` and never written to.  Links,
non-regular and foreign files are refused as :mod:`powerquiz.progress.files` says.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from powerquiz.progress.atomic import (
    append_line,
    atomic_write,
    copy_then_append_atomically,
    file_lock,
    fsync_dir,
    remove_stale_temps,
    repair_tail,
)
from powerquiz.progress.bank_reset import BankReset, forget_bank
from powerquiz.progress.compaction import due
from powerquiz.progress.errors import ProgressError
from powerquiz.progress.files import (
    Refused,
    check_plain,
    fingerprint,
    only_grew,
    own_files,
    same_file,
)
from powerquiz.progress.jsonio import review_line
from powerquiz.progress.log import is_whole
from powerquiz.progress.merge import merge
from powerquiz.progress.paths import (
    backup_paths,
    default_progress_path,
    lock_path_for,
    log_path_for,
)
from powerquiz.progress.reading import Loaded, StateReader, why
from powerquiz.progress.records import Review
from powerquiz.progress.settings import BankSettings, Settings, settings_to_json
from powerquiz.progress.snapshot import encode as encode_snapshot
from powerquiz.progress.transfer import (
    EXPORT_FORMAT,
    ExportHeader,
    export_bytes,
    read_export_document,
)
from powerquiz.progress.undo import without_undone
from powerquiz.progress.upgrade import interim_present, upgrade
from powerquiz.scheduling import CardState

__all__ = ["EXPORT_FORMAT", "ProgressStore"]


Reschedule = Callable[[CardState | None], CardState]
#: Given the card on disk (None: never reviewed), the drill review to store.
Decide = Callable[[CardState | None], Review]


class ProgressStore:
    """A student's progress in one file (and its review log), shared by all banks."""

    def __init__(self, path: Path | None = None, *, lock_timeout: float = 60.0) -> None:
        """Use ``path`` (default: :func:`default_progress_path`); nothing is created yet.

        ``lock_timeout`` is how long to wait for another process to finish saving before
        giving up with a ProgressError.  A path that cannot name a file (``/``, an empty
        path) is reported by the first operation, as a ProgressError.
        """
        self.path: Path = Path(path) if path is not None else default_progress_path()
        self.lock_timeout = lock_timeout
        self._bad_name = not self.path.name or self.path.name in (".", "..")
        if self._bad_name:
            self.log_path = self.lock_path = self.path
        else:
            self.log_path = log_path_for(self.path)
            self.lock_path = lock_path_for(self.path)
        self._reader = StateReader(self.path, self.log_path)
        #: The last state read or written, reused while the files stay as they were.
        self._cache: Loaded | None = None

    def __repr__(self) -> str:
        return f"ProgressStore({str(self.path)!r})"

    # -- public API ---------------------------------------------------------------------

    def cards(self, bank_id: str) -> dict[str, CardState]:
        """Question id -> latest card state for one bank (questions gone from the bank too)."""
        with self._reading():
            return dict(self._load().cards.get(bank_id, {}))

    def reviews(self, bank_id: str | None = None) -> list[Review]:
        """The recorded history, oldest first; one bank's, or every bank's.

        A corrected review is shown as its correction only; an undone one not at all.
        """
        with self._reading():
            reviews = without_undone(self._reader.all_reviews(self._load()))
        if bank_id is not None:
            reviews = [r for r in reviews if r.bank == bank_id]
        return reviews

    def all_cards(self) -> dict[str, dict[str, CardState]]:
        """Bank id -> question id -> latest card state, for every bank (cheap: no history)."""
        with self._reading():
            return self._load().copy().cards

    def settings(self, bank_id: str) -> BankSettings | None:
        """The bank's saved scheduling settings, or None (the defaults)."""
        with self._reading():
            return self._load().settings.get(bank_id)

    def set_settings(self, bank_id: str, entry: BankSettings | None) -> None:
        """Keep ``entry`` as the bank's settings (None forgets them: the defaults again)."""
        with self._writing():
            state = self._load(for_write=True)
            self._upgrade(state)
            if state.settings.get(bank_id) == entry:
                return
            if entry is None:
                del state.settings[bank_id]
            else:
                state.settings[bank_id] = entry
            self._write_snapshot(state)
            self._remember(state)

    def record(self, review: Review, reschedule: Reschedule | None = None) -> Review:
        """Durably record one answer and return it as stored.

        Under the lock, the latest card for the review's question is re-read from disk and
        passed to ``reschedule`` (drill); its result becomes the review's ``card`` and the
        question's card state.  Practice and exam reviews pass no ``reschedule`` and never
        change a card.
        """
        if review.kind != "drill" and (reschedule is not None or review.card is not None):
            raise ValueError(f"a {review.kind} review must not change the card state")
        if reschedule is None:
            return self.record_decided(review.bank, review.question, lambda _card: review)
        new_card = reschedule

        def decide(card: CardState | None) -> Review:
            return dataclasses.replace(review, card=new_card(card))

        return self.record_decided(review.bank, review.question, decide)

    def record_decided(self, bank_id: str, question_id: str, decide: Decide) -> Review:
        """Durably record the review ``decide`` makes from the card on disk; return it.

        ``decide`` runs under the exclusive lock with the question's latest card as read
        from disk (None if never reviewed), so the rating and the new card are decided
        together from the same, current state, even with other sessions saving at once.
        """
        with self._writing():
            state = self._load(for_write=True)
            self._upgrade(state)
            review = decide(state.cards.get(bank_id, {}).get(question_id))
            if (review.bank, review.question) != (bank_id, question_id):
                raise ValueError("decide must return a review of the question it was given")
            if review.kind != "drill" and review.card is not None:
                raise ValueError(f"a {review.kind} review must not change the card state")
            state.log_bytes = append_line(self.log_path, review_line(review))
            state.tail_lines += 1
            if review.card is not None:
                state.cards.setdefault(review.bank, {})[review.question] = review.card
            try:
                if due(state):
                    self._write_snapshot(state)
            except OSError as e:
                raise ProgressError(
                    f"Your answer was saved in {self.log_path}, but the card file {self.path} "
                    f"could not be updated ({_reason(e)}); it is brought up to date the next "
                    "time your progress is read.",
                    path=self.path, problem=_reason(e), store=self.path, saved=True,
                ) from None
            self._remember(state)
        return review

    def flush(self) -> bool:
        """Fold the log's tail into the card file now; the end of a session calls this.

        Answers are durable without it (each is in the log once recorded); this spares
        later reads the replay.  Best effort: returns whether the card file is now up to
        date, and never raises (a failure is left for the next read or write to report).
        """
        if not (os.path.lexists(self.path) or os.path.lexists(self.log_path)):
            return True
        try:
            with self._writing():
                state = self._load(for_write=True)
                self._upgrade(state)
                if state.tail_lines:
                    self._write_snapshot(state)
                self._remember(state)
        except ProgressError:
            return False
        return True

    def check(self) -> None:
        """Raise ProgressError if the files are unreadable, damaged or from a newer powerquiz.

        Reads the card file and the log past its offset only, so it costs the same however
        long the history (commands that read the whole history check every line they read).
        Does nothing when there is no progress yet.
        """
        with self._reading():
            self._load()

    def reset(self) -> Path | None:
        """Move the progress (and its review log) aside to timestamped backups.

        Returns the backup of the progress file (or of the log, if only that existed), or
        None when there was nothing to move.  Works on a damaged progress file too, but
        never on a folder, a link, a device or a file that is not a progress file.
        """
        if not self._own_files():
            return None
        with self._writing():
            present = self._own_files()
            present += interim_present(self.path)  # settings not yet in the card file
            backups = backup_paths(present)
            for source, backup in zip(present, backups, strict=True):
                source.replace(backup)
            if backups:
                fsync_dir(self.path.parent)
            self._cache = None
        return backups[0] if backups else None

    def reset_bank(self, bank_id: str) -> BankReset | None:
        """Take one bank's progress out, backed up first (:mod:`.bank_reset`); None: none."""
        with self._writing():
            state = self._load(for_write=True)
            self._upgrade(state)
            reviews = without_undone(self._reader.all_reviews(state))
            done = forget_bank(state, bank_id, [r for r in reviews if r.bank == bank_id],
                               self.log_path, self.path, self._write_snapshot)
            self._remember(state)
        return done

    def export(self, dest: Path, header: ExportHeader | None = None) -> int:
        """Write all banks' cards and reviews (and ``header``) to ``dest``, atomically;
        return the review count."""
        dest = Path(dest)
        if any(same_file(dest, p) for p in (self.path, self.log_path, self.lock_path)):
            raise ProgressError(
                f"Cannot export to {dest}: that is the progress file itself.", path=dest
            )
        with self._reading():
            state = self._load()
            reviews = without_undone(self._reader.all_reviews(state))
        try:
            atomic_write(dest, export_bytes(state.cards, reviews, header, state.settings))
        except OSError as e:
            raise ProgressError(
                f"Could not write the export {dest}: {_reason(e)}.", path=dest, problem=_reason(e)
            ) from None
        return len(reviews)

    def import_(self, src: Path) -> int:
        """Merge an export into this store by review id; return how many reviews were new.

        Importing the same file twice adds nothing.  The card state of each question is the
        card of its latest review (by time) that has one, here or in the import (the
        export's own "cards" section is a summary for people and is not read).
        """
        incoming, incoming_settings = read_export_document(Path(src))
        with self._writing():
            state = self._load(for_write=True)
            self._upgrade(state)
            merged = merge(state.cards, self._reader.all_reviews(state, fold=False), incoming)
            # A bank's settings here are the student's choice on this machine: the
            # export's fill in only the banks that have none.
            settings: Settings = {**incoming_settings, **state.settings}
            if not merged.added and settings == state.settings:
                return 0
            if merged.added:
                lines = b"".join(review_line(r, stale=stale) for r, stale in merged.added)
                state.log_bytes = copy_then_append_atomically(
                    self.log_path, self.log_path, state.log_bytes, lines)
            state.cards, state.settings = merged.cards, settings
            self._write_snapshot(state)
            self._remember(state)
        return len(merged.added)

    # -- locking ------------------------------------------------------------------------

    def _check_files(self) -> None:
        """Refuse, before anything is read or written, files the store must not touch."""
        if self._bad_name:
            raise ProgressError(
                f"Cannot use {str(self.path)!r} as a progress file: it names a folder, not a "
                "file.", path=self.path, problem="it names a folder, not a file",
            )
        for path in (self.path, self.log_path, self.lock_path):
            try:
                check_plain(path)
            except Refused as e:
                raise self._reader.error(path, str(e), resettable=False) from None

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Hold the lock shared, if there is one (creating nothing)."""
        self._check_files()
        with contextlib.ExitStack() as stack:
            # No lock file yet (nothing written under a lock), or a read-only folder:
            # read without it.
            with contextlib.suppress(OSError):
                stack.enter_context(
                    file_lock(self.lock_path, shared=True, timeout=self.lock_timeout,
                              create=False)
                )
            yield

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the lock exclusively; turn a failing disk into a plain ProgressError."""
        self._check_files()
        if not os.path.lexists(self.lock_path):
            self._own_files()  # never make a lock file beside a foreign file
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with file_lock(self.lock_path, timeout=self.lock_timeout):
                remove_stale_temps(self.path)
                remove_stale_temps(self.log_path)
                yield
        except BaseException as e:
            self._cache = None  # a write that failed half way: read the files again
            if not isinstance(e, OSError):
                raise
            raise ProgressError(
                f"Could not save progress to {self.path}: {_reason(e)}.",
                path=self.path, problem=_reason(e), store=self.path,
            ) from None

    def _own_files(self) -> list[Path]:
        """The card file and log that exist; ProgressError if either is not a progress file."""
        try:
            return own_files(self.path, self.log_path)
        except (Refused, OSError) as e:
            named = e.path if isinstance(e, Refused) else e.filename
            path = Path(named) if named is not None else self.path
            raise self._reader.error(path, why(e), resettable=False) from None

    # -- reading ------------------------------------------------------------------------

    def _fingerprint(self) -> tuple[object, ...]:
        return fingerprint(self.path, self.log_path)

    def _remember(self, state: Loaded) -> None:
        state.seen = self._fingerprint()
        self._cache = state

    def _load(self, *, for_write: bool = False) -> Loaded:
        """The files' state, read again only when they have changed since the last time.

        The state returned is the store's own memory, not a copy (copying 45,000 cards
        would cost more than the append): readers only read it, and a writer changes it
        under the lock, then remembers it, or fails and forgets it (see ``_writing``).
        """
        cached, seen = self._cache, self._fingerprint()
        if cached is not None and cached.seen == seen:
            return cached
        if cached is not None and only_grew(cached.seen, seen) and self._reader.read_more(cached):
            cached.seen = seen  # another process appended: replay only its lines
            return cached
        state = self._reader.read_state()
        if state.torn and for_write:
            state.log_bytes = repair_tail(self.log_path, is_whole)
            state.torn = False
            seen = self._fingerprint()
        if state.legacy is None and not state.log_short and not state.torn:
            state.seen = seen
            self._cache = state
        return state

    # -- writing ------------------------------------------------------------------------

    def _upgrade(self, state: Loaded) -> None:
        """Before a write: finish a migration, or re-anchor a card file whose log was cut."""
        upgrade(self.path, self.log_path, state, self._write_snapshot)

    def _write_snapshot(self, state: Loaded) -> None:
        """Write the card file for ``state``: every card as of the log's end, atomically."""
        data = encode_snapshot(state.cards, settings_to_json(state.settings), state.log_bytes)
        atomic_write(self.path, data, new_mode=0o600)
        state.snapshot_at, state.snapshot_size, state.tail_lines = state.log_bytes, len(data), 0


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
