"""The progress store: every answer a student gives, and where each question stands.

On-disk design (schema 2)
-------------------------
Two files sit side by side, plus a lock file::

    progress.json            {"schema": 2, "log_bytes": N, "cards": {bank: {question: card}}}
    progress.reviews.jsonl   one review per line, append-only, oldest first
    progress.json.lock       locked while a process reads or writes the two files

- ``progress.json`` (the *card file*) is small: one card per question, whatever the length
  of the history.  It is always replaced atomically (temporary file in the same folder,
  fsync, ``os.replace``, fsync of the folder).
- The *review log* only ever grows by whole lines appended with one write and an fsync.
  Each drill line carries the card state *after* that review, so the log alone is enough
  to rebuild every card.
- ``log_bytes`` says how much of the log the card file already reflects.  Loading reads
  the card file, then replays the log from ``log_bytes`` to its end (normally nothing).

Recording an answer, under the exclusive lock:

1. read the card file and replay the log tail past ``log_bytes`` (a crash may have left
   one line there); cut off a torn final line (a kill in the middle of an append; a last
   line that is a whole review missing only its newline gets the newline instead);
2. call ``reschedule(latest card)`` (drill) to get the new card;
3. append the review's line to the log and fsync it;
4. rewrite the card file with the new card and the new ``log_bytes``.

The cost depends on the number of questions, never on the length of the history.  A
kill before step 3 completes leaves the old data (a torn line is ignored, then repaired);
a kill between 3 and 4 leaves the line past ``log_bytes``, so the next load replays it:
either way the store shows the old or the new data, never a broken file.  An answer is
durable once ``record`` returns.

Import merges by review id.  Imported lines whose card must *not* become the card state
(an older review than one already here) carry ``"stale": true``, so replaying the log in
order always gives the same cards as the card file.  Import and migrations rewrite the
log atomically (copy + ``os.replace``) rather than appending, so they too are all or
nothing.

Readers take the lock shared, so they never see the two files mid-update.  A file of an
older schema is migrated in memory when read and written in the new layout on the next
write, after a backup copy is kept.  A file of a newer schema, or a damaged one, is
refused with a :class:`ProgressError` and never written to.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from powerquiz.progress.atomic import (
    append_line,
    atomic_write,
    copy_then_append_atomically,
    file_lock,
    fsync_dir,
    remove_stale_temps,
    repair_tail,
)
from powerquiz.progress.errors import RESET_HINT, ProgressError
from powerquiz.progress.migrations import CURRENT_SCHEMA, migrate, schema_of
from powerquiz.progress.paths import (
    backup_paths,
    default_progress_path,
    lock_path_for,
    log_path_for,
)
from powerquiz.progress.records import Review
from powerquiz.scheduling import CardState

__all__ = ["EXPORT_FORMAT", "ProgressStore"]

#: The ``format`` marker of an export file.
EXPORT_FORMAT = "powerquiz-progress-export"
#: Marks a log line whose card must not become the card state (see the module docstring).
_STALE = "stale"

Cards = dict[str, dict[str, CardState]]
Reschedule = Callable[[CardState | None], CardState]

_IMPORT_HINT = "Make the file with `powerquiz progress export FILE` on the other computer."


@dataclass
class _Loaded:
    """What one read of the files found."""

    cards: Cards
    #: Bytes of the log (whole lines) reflected in ``cards``.
    log_bytes: int
    #: The card file's ``log_bytes`` is past the end of the log (the log was cut or deleted).
    log_short: bool = False
    #: The card file is of an older schema: its reviews, migrated in memory.
    legacy: list[Review] | None = None
    legacy_schema: int = 0
    #: The card file's bytes exactly as read (kept as the backup before migrating).
    raw: bytes = b""


class ProgressStore:
    """A student's progress in one file (and its review log), shared by all banks."""

    def __init__(self, path: Path | None = None, *, lock_timeout: float = 60.0) -> None:
        """Use ``path`` (default: :func:`default_progress_path`); nothing is created yet.

        ``lock_timeout`` is how long to wait for another process to finish saving before
        giving up with a ProgressError.
        """
        self.path: Path = Path(path) if path is not None else default_progress_path()
        self.log_path: Path = log_path_for(self.path)
        self.lock_path: Path = lock_path_for(self.path)
        self.lock_timeout = lock_timeout

    def __repr__(self) -> str:
        return f"ProgressStore({str(self.path)!r})"

    # -- public API ---------------------------------------------------------------------

    def cards(self, bank_id: str) -> dict[str, CardState]:
        """Question id -> latest card state for one bank (questions gone from the bank too)."""
        with self._reading():
            return dict(self._load().cards.get(bank_id, {}))

    def reviews(self, bank_id: str | None = None) -> list[Review]:
        """The recorded history, oldest first; one bank's, or every bank's."""
        with self._reading():
            reviews = self._all_reviews(self._load())
        if bank_id is not None:
            reviews = [r for r in reviews if r.bank == bank_id]
        return reviews

    def all_cards(self) -> dict[str, dict[str, CardState]]:
        """Bank id -> question id -> latest card state, for every bank (cheap: no history)."""
        with self._reading():
            return self._load().cards

    def banks(self) -> list[str]:
        """The ids of every bank with a card or a review here, sorted."""
        with self._reading():
            state = self._load()
            found = {r.bank for r in self._all_reviews(state)}
        return sorted(found | set(state.cards))

    def record(self, review: Review, reschedule: Reschedule | None = None) -> Review:
        """Durably record one answer and return it as stored.

        Under the lock, the latest card for the review's question is re-read from disk and
        passed to ``reschedule`` (drill); its result becomes the review's ``card`` and the
        question's card state.  Practice and exam reviews pass no ``reschedule`` and never
        change a card.
        """
        if review.kind != "drill" and (reschedule is not None or review.card is not None):
            raise ValueError(f"a {review.kind} review must not change the card state")
        with self._writing():
            state = self._load(for_write=True)
            self._upgrade(state)
            if reschedule is not None:
                latest = state.cards.get(review.bank, {}).get(review.question)
                review = dataclasses.replace(review, card=reschedule(latest))
            size = append_line(self.log_path, _line(review))
            if review.card is not None:
                state.cards.setdefault(review.bank, {})[review.question] = review.card
            self._write_cards(state.cards, size)
        return review

    def check(self) -> None:
        """Raise ProgressError if the files are unreadable, damaged or from a newer powerquiz.

        Reads the whole review log.  Does nothing when there is no progress yet.
        """
        with self._reading():
            self._all_reviews(self._load())

    def reset(self) -> Path | None:
        """Move the progress (and its review log) aside to timestamped backups.

        Returns the backup of the progress file (or of the log, if only that existed), or
        None when there was nothing to move.  Works on a damaged file too.
        """
        present = [p for p in (self.path, self.log_path) if p.exists() or p.is_symlink()]
        if not present:
            return None
        with self._writing():
            present = [p for p in (self.path, self.log_path) if p.exists() or p.is_symlink()]
            backups = backup_paths(present)
            for source, backup in zip(present, backups, strict=True):
                source.replace(backup)
            if backups:
                fsync_dir(self.path.parent)
        return backups[0] if backups else None

    def export(self, dest: Path) -> int:
        """Write all banks' cards and reviews to ``dest``, atomically; return the review count."""
        dest = Path(dest)
        if _same_file(dest, self.path) or _same_file(dest, self.log_path):
            raise ProgressError(f"Cannot export to {dest}: that is the progress file itself.")
        with self._reading():
            state = self._load()
            reviews = self._all_reviews(state)
        doc = {
            "format": EXPORT_FORMAT,
            "schema": CURRENT_SCHEMA,
            "exported_at": datetime.now(timezone.utc).isoformat(),
            "cards": _cards_to_json(state.cards),
            "reviews": [r.to_dict() for r in reviews],
        }
        try:
            atomic_write(dest, _dumps(doc, indent=1))
        except OSError as e:
            raise ProgressError(f"Could not write the export {dest}: {_reason(e)}.") from None
        return len(reviews)

    def import_(self, src: Path) -> int:
        """Merge an export into this store by review id; return how many reviews were new.

        Importing the same file twice adds nothing.  The card state of each question is the
        card of its latest review (by time) that has one, here or in the import (the
        export's own "cards" section is a summary for people and is not read).
        """
        incoming = self._read_export(Path(src))
        with self._writing():
            state = self._load(for_write=True)
            self._upgrade(state)
            existing = self._all_reviews(state)
            seen = {r.id for r in existing}
            newest: dict[tuple[str, str], datetime] = {}
            for bank_id, bank_cards in state.cards.items():
                for question_id, card in bank_cards.items():
                    if card.last_review is not None:
                        newest[bank_id, question_id] = card.last_review
            for r in existing:
                key = (r.bank, r.question)
                if r.card is not None and (key not in newest or r.at > newest[key]):
                    newest[key] = r.at
            added: list[Review] = []
            for r in incoming:
                if r.id not in seen:
                    seen.add(r.id)
                    added.append(r)
            if not added:
                return 0
            added.sort(key=lambda r: r.at)
            winners: dict[tuple[str, str], Review] = {}
            for r in added:  # sorted by time, so the last one with a card wins
                if r.card is not None:
                    winners[r.bank, r.question] = r
            lines = []
            for r in added:
                key = (r.bank, r.question)
                wins = winners.get(key) is r and (key not in newest or r.at > newest[key])
                if wins and r.card is not None:
                    state.cards.setdefault(r.bank, {})[r.question] = r.card
                lines.append(_line(r, stale=r.card is not None and not wins))
            size = copy_then_append_atomically(
                self.log_path, self.log_path, state.log_bytes, b"".join(lines)
            )
            self._write_cards(state.cards, size)
        return len(added)

    # -- locking ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Hold the lock shared, if there is anything to read (creating nothing otherwise)."""
        if not (self.path.exists() or self.log_path.exists()):
            yield
            return
        with contextlib.ExitStack() as stack:
            # In a read-only folder the lock file cannot be made: read without it.
            with contextlib.suppress(OSError):
                stack.enter_context(
                    file_lock(self.lock_path, shared=True, timeout=self.lock_timeout)
                )
            yield

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the lock exclusively; turn a failing disk into a plain ProgressError."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with file_lock(self.lock_path, timeout=self.lock_timeout):
                remove_stale_temps(self.path)
                remove_stale_temps(self.log_path)
                yield
        except OSError as e:
            raise ProgressError(f"Could not save progress to {self.path}: {_reason(e)}.") from None

    # -- reading ------------------------------------------------------------------------

    def _load(self, *, for_write: bool = False) -> _Loaded:
        """Read the card file and replay the log past it (repairing a torn line if writing)."""
        raw = self._read_bytes(self.path)
        if raw is None:
            state = _Loaded(cards={}, log_bytes=0)
        else:
            doc = _parse_json(raw, self.path, "progress file", self._damaged)
            try:
                schema = schema_of(doc)
            except ValueError as e:
                raise self._damaged(self.path, str(e)) from None
            if schema > CURRENT_SCHEMA:
                raise ProgressError(
                    f"{self.path} was written by a newer powerquiz (schema {schema}); this "
                    f"version understands up to {CURRENT_SCHEMA}. Upgrade powerquiz to use "
                    "it (the file has not been changed)."
                )
            if schema < CURRENT_SCHEMA:
                return self._load_legacy(doc, schema, raw)
            state = self._load_current(doc)
        size = repair_tail(self.log_path, self._is_whole) if for_write else self._log_size()
        if state.log_bytes > size:
            state.log_short = True
            state.log_bytes = size
            return state
        tail, state.log_bytes = self._read_log(state.log_bytes, check_boundary=True)
        for review, stale in tail:
            if review.card is not None and not stale:
                state.cards.setdefault(review.bank, {})[review.question] = review.card
        return state

    def _load_current(self, doc: dict[str, Any]) -> _Loaded:
        log_bytes = doc.get("log_bytes", 0)
        if isinstance(log_bytes, bool) or not isinstance(log_bytes, int) or log_bytes < 0:
            raise self._damaged(self.path, f'"log_bytes" must be a whole number, not {log_bytes!r}')
        if "cards" not in doc:
            raise self._damaged(self.path, 'it has no "cards"')
        return _Loaded(cards=self._parse_cards(doc["cards"], self.path), log_bytes=log_bytes)

    def _load_legacy(self, doc: dict[str, Any], schema: int, raw: bytes) -> _Loaded:
        try:
            logical = migrate(doc)
        except (ValueError, TypeError, KeyError) as e:
            raise self._damaged(self.path, f"schema {schema} file: {e}") from None
        reviews = _parse_reviews(logical.get("reviews"), self.path, self._damaged)
        cards = self._parse_cards(logical.get("cards", {}), self.path)
        return _Loaded(cards=cards, log_bytes=0, legacy=reviews, legacy_schema=schema, raw=raw)

    def _parse_cards(self, value: object, path: Path) -> Cards:
        if not isinstance(value, dict):
            raise self._damaged(path, f'"cards" must be a JSON object, not {_kind(value)}')
        cards: Cards = {}
        for bank_id, bank_cards in value.items():
            if not isinstance(bank_cards, dict):
                raise self._damaged(path, f"the cards of bank {bank_id!r} must be a JSON object")
            parsed: dict[str, CardState] = {}
            for question_id, card in bank_cards.items():
                try:
                    parsed[question_id] = CardState.from_dict(card)
                except ValueError as e:
                    raise self._damaged(
                        path, f"the card of {bank_id!r} / {question_id!r}: {e}"
                    ) from None
            cards[bank_id] = parsed
        return cards

    def _all_reviews(self, state: _Loaded) -> list[Review]:
        """Every review once (the first line of an id wins), oldest first."""
        if state.legacy is not None:
            found = state.legacy
        else:
            found = [r for r, _stale in self._read_log(0)[0]]
        unique: dict[str, Review] = {}
        for r in found:
            unique.setdefault(r.id, r)
        return sorted(unique.values(), key=lambda r: r.at)

    def _read_log(
        self, start: int, *, check_boundary: bool = False
    ) -> tuple[list[tuple[Review, bool]], int]:
        """Parse the log's whole lines from byte ``start``; a torn final line is ignored.

        Returns each review with its stale mark, and the offset just past the last line read.
        """
        try:
            with self.log_path.open("rb") as f:
                if check_boundary and start > 0:
                    f.seek(start - 1)
                    if f.read(1) != b"\n":
                        raise self._damaged(
                            self.path,
                            f"it does not match its review log {self.log_path.name} "
                            f'("log_bytes" {start} is not the end of a line)',
                        )
                else:
                    f.seek(start)
                data = f.read()
        except FileNotFoundError:
            return [], start
        except IsADirectoryError:
            raise self._damaged(self.log_path, "it is a folder, not a file") from None
        except OSError as e:
            raise ProgressError(f"Cannot read {self.log_path}: {_reason(e)}.") from None
        end = data.rfind(b"\n") + 1
        result: list[tuple[Review, bool]] = []
        offset = start
        for number, line in enumerate(data[:end].split(b"\n")[:-1], start=1):
            here = offset
            offset += len(line) + 1
            if not line.strip():
                continue
            where = f"line {number}" if start == 0 else f"the line at byte {here}"
            result.append(self._parse_line(line, where))
        if self._is_whole(data[end:]):  # a last line missing only its newline
            result.append(self._parse_line(data[end:], "the last line"))
            end = len(data)
        return result, start + end

    def _is_whole(self, line: bytes) -> bool:
        """Whether a final line without a newline is a whole review rather than a torn one."""
        if not line.strip():
            return False
        try:
            self._parse_line(line, "the last line")
        except ProgressError:
            return False
        return True

    def _parse_line(self, line: bytes, where: str) -> tuple[Review, bool]:
        try:
            obj = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            raise self._damaged(self.log_path, f"{where} is not UTF-8 text") from None
        except json.JSONDecodeError as e:
            raise self._damaged(
                self.log_path, f"{where} is not valid JSON (column {e.colno}: {e.msg})"
            ) from None
        except RecursionError:
            raise self._damaged(self.log_path, f"{where} is nested too deeply") from None
        if not isinstance(obj, dict):
            raise self._damaged(self.log_path, f"{where} is {_kind(obj)}, not a review")
        stale = obj.pop(_STALE, False) is True
        try:
            return Review.from_dict(obj), stale
        except ValueError as e:
            raise self._damaged(self.log_path, f"{where}: {e}") from None

    def _read_bytes(self, path: Path) -> bytes | None:
        if path.is_dir():
            raise self._damaged(path, "it is a folder, not a file")
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as e:
            raise ProgressError(f"Cannot read {path}: {_reason(e)}.") from None

    def _log_size(self) -> int:
        try:
            return self.log_path.stat().st_size
        except FileNotFoundError:
            return 0
        except OSError as e:
            raise ProgressError(f"Cannot read {self.log_path}: {_reason(e)}.") from None

    def _read_export(self, src: Path) -> list[Review]:
        def damaged(path: Path, problem: str) -> ProgressError:
            return ProgressError(f"Cannot import {path}: {problem}.\n{_IMPORT_HINT}")

        if src.is_dir():
            raise damaged(src, "it is a folder, not a file")
        try:
            raw = src.read_bytes()
        except OSError as e:
            raise ProgressError(f"Cannot read {src}: {_reason(e)}.") from None
        doc = _parse_json(raw, src, "export", damaged)
        try:
            schema = schema_of(doc)
        except ValueError as e:
            raise damaged(src, str(e)) from None
        if schema > CURRENT_SCHEMA:
            raise ProgressError(
                f"{src} was written by a newer powerquiz (schema {schema}); this version "
                f"understands up to {CURRENT_SCHEMA}. Upgrade powerquiz to import it."
            )
        if schema == CURRENT_SCHEMA and doc.get("format") != EXPORT_FORMAT:
            raise damaged(src, "it is a progress file, not an export")
        try:
            logical = migrate(doc)
        except (ValueError, TypeError, KeyError) as e:
            raise damaged(src, str(e)) from None
        return _parse_reviews(logical.get("reviews"), src, damaged)

    def _damaged(self, path: Path, problem: str) -> ProgressError:
        return ProgressError(f"Cannot read {path}: {problem}.\n{self._reset_hint()}")

    def _reset_hint(self) -> str:
        """How to reset this store, with ``--progress`` when it is not the default file."""
        try:
            default = self.path == default_progress_path()
        except Exception:  # an unusable platform data dir must not hide the real problem
            default = False
        if default:
            return RESET_HINT
        command = f"powerquiz progress reset --progress {_quote(self.path)}"
        return RESET_HINT.replace("powerquiz progress reset", command)

    # -- writing ------------------------------------------------------------------------

    def _upgrade(self, state: _Loaded) -> None:
        """Before a write: finish a migration, or re-anchor a card file whose log was cut."""
        if state.legacy is not None:
            (backup,) = backup_paths([self.path], label=f"schema{state.legacy_schema}")
            atomic_write(backup, state.raw)
            lines = b"".join(_line(r) for r in state.legacy)
            size = copy_then_append_atomically(self.log_path, self.log_path, 0, lines)
            self._write_cards(state.cards, size)
            state.legacy = None
            state.log_bytes = size
        elif state.log_short:
            self._write_cards(state.cards, state.log_bytes)
            state.log_short = False

    def _write_cards(self, cards: Cards, log_bytes: int) -> None:
        doc = {"schema": CURRENT_SCHEMA, "log_bytes": log_bytes, "cards": _cards_to_json(cards)}
        atomic_write(self.path, _dumps(doc, indent=1))


# -- helpers ------------------------------------------------------------------------------


def _parse_json(
    raw: bytes,
    path: Path,
    what: str,
    damaged: Callable[[Path, str], ProgressError] | None = None,
) -> Any:
    def fail(problem: str) -> ProgressError:
        if damaged is not None:
            return damaged(path, problem)
        return ProgressError(f"Cannot read {path}: {problem}.\n{RESET_HINT}")

    if not raw.strip():
        raise fail(f"the {what} is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise fail(f"it is not UTF-8 text (bad byte at offset {e.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise fail(f"it is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    except RecursionError:
        raise fail("it is nested too deeply to be a progress file") from None


def _parse_reviews(
    value: object, path: Path, damaged: Callable[[Path, str], ProgressError]
) -> list[Review]:
    if not isinstance(value, list):
        raise damaged(path, f'"reviews" must be a JSON list, not {_kind(value)}')
    reviews = []
    for index, item in enumerate(value, start=1):
        try:
            reviews.append(Review.from_dict(item))
        except ValueError as e:
            raise damaged(path, f"review {index}: {e}") from None
    return reviews


def _cards_to_json(cards: Cards) -> dict[str, dict[str, Any]]:
    return {
        bank_id: {question_id: card.to_dict() for question_id, card in bank_cards.items()}
        for bank_id, bank_cards in cards.items()
    }


def _line(review: Review, *, stale: bool = False) -> bytes:
    obj: dict[str, Any] = dict(review.to_dict())
    if stale:
        obj[_STALE] = True
    return _dumps(obj) + b"\n"


def _dumps(obj: object, indent: int | None = None) -> bytes:
    """JSON as UTF-8; falls back to ASCII escapes for text that is not valid Unicode."""
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(obj, ensure_ascii=False, indent=indent, separators=separators)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates, e.g. from undecodable terminal input
        return json.dumps(obj, ensure_ascii=True, indent=indent, separators=separators).encode()


def _kind(value: object) -> str:
    """How a JSON value is called in a message: "null", "a list", "text"..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "an object" if isinstance(value, dict) else type(value).__name__


def _quote(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
