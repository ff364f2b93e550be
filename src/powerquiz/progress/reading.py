"""Reading a store's two files into one state: the card file, then the log past it.

Everything here only reads; a writer (the store, under its lock) repairs and rewrites.
"""

from __future__ import annotations

import contextlib
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from powerquiz.progress.errors import ProgressError
from powerquiz.progress.files import CARD_FILE_CAP, SNIFF, Refused, looks_like_progress, read_capped
from powerquiz.progress.jsonio import Cards, parse_cards, parse_document, parse_reviews
from powerquiz.progress.log import NotALine, read_log
from powerquiz.progress.migrations import CURRENT_SCHEMA, migrate, schema_of
from powerquiz.progress.records import Review
from powerquiz.progress.settings import Settings, parse_settings, read_interim
from powerquiz.progress.snapshot import decode as decode_snapshot

__all__ = ["Loaded", "StateReader"]


@dataclass
class Loaded:
    """What one read of the files found."""

    cards: Cards
    #: Bytes of the log (whole lines) reflected in ``cards``.
    log_bytes: int
    #: The card file's ``log_bytes`` is past the end of the log (the log was cut or deleted).
    log_short: bool = False
    #: The card file is of an older schema: its reviews, migrated in memory.
    legacy: list[Review] | None = None
    legacy_schema: int = 0
    #: The card file is of an older split schema (2): migrated in memory, log unchanged.
    upgrade_from: int = 0
    #: The card file's bytes exactly as read (kept as the backup before migrating).
    raw: bytes = b""
    #: Bank id -> scheduling settings (fitted parameters, desired retention).
    settings: Settings = field(default_factory=dict)
    #: A torn final log line a writer must cut off first.
    torn: bool = False
    #: What the two files looked like when read (see ProgressStore._fingerprint).
    seen: tuple[object, ...] = field(default=())
    #: The card file's own ``log_bytes``: where the log tail not yet folded into it starts.
    snapshot_at: int = 0
    #: The card file's size in bytes (0: there is none yet).
    snapshot_size: int = 0
    #: How many log lines lie past ``snapshot_at`` (replayed on every read).
    tail_lines: int = 0

    def copy(self) -> Loaded:
        cards = {bank: dict(bank_cards) for bank, bank_cards in self.cards.items()}
        return dataclasses.replace(self, cards=cards, settings=dict(self.settings))


class StateReader:
    """Reads the card file ``path`` and its review log ``log_path``."""

    def __init__(self, path: Path, log_path: Path) -> None:
        self.path = path
        self.log_path = log_path

    def read_state(self) -> Loaded:
        """Read the card file and replay the log past it."""
        raw = self._read(self.path, CARD_FILE_CAP)
        if raw is None:
            state = Loaded(cards={}, log_bytes=0)
        else:
            state = self._snapshot(raw)
            if state.legacy is not None:
                return state
            state.snapshot_at, state.snapshot_size = state.log_bytes, len(raw)
        try:
            tail = read_log(self.log_path, state.log_bytes, check_boundary=True)
        except NotALine as e:
            raise self.error(self.log_path, str(e)) from None
        except ValueError as e:
            if self._log_size() < state.log_bytes:
                state.log_short, state.log_bytes = True, self._log_size()
                return state
            raise self.error(
                self.path, f"it does not match its review log {self.log_path.name} ({e})"
            ) from None
        except (Refused, OSError) as e:
            raise self.error(self.log_path, why(e), resettable=False) from None
        if tail.size < state.log_bytes:
            state.log_short, state.log_bytes = True, tail.size
            return state
        if tail.torn and not tail.torn.lstrip().startswith(b"{"):
            raise self.error(self.log_path, "its last line is not a review")
        for review, stale in tail.reviews:
            if review.card is not None and not stale:
                state.cards.setdefault(review.bank, {})[review.question] = review.card
        state.log_bytes, state.torn = tail.end, tail.unterminated
        state.tail_lines = len(tail.reviews)
        return state

    def _snapshot(self, raw: bytes) -> Loaded:
        """The card file's state: fast when it is exactly as written, else checked slowly."""
        fast = decode_snapshot(raw)
        if fast is not None:
            cards, log_bytes, raw_settings = fast
            with contextlib.suppress(ValueError):  # else explained by the checked path
                return Loaded(cards=cards, log_bytes=log_bytes,
                              settings=parse_settings(raw_settings))
        doc = self._parse(raw, self.path, "progress file")
        try:
            schema = schema_of(doc)
        except ValueError as e:
            resettable = looks_like_progress(raw[:SNIFF])
            raise self.error(self.path, str(e), resettable=resettable) from None
        if schema > CURRENT_SCHEMA:
            raise ProgressError(
                f"{self.path} was written by a newer powerquiz (schema {schema}); this "
                f"version understands up to {CURRENT_SCHEMA}. Upgrade powerquiz to use "
                "it (the file has not been changed).",
                path=self.path, problem=f"it is of a newer schema ({schema})", store=self.path,
            )
        if schema == 1:
            return self._load_legacy(doc, schema, raw)
        return self._load_split(doc, schema, raw)

    def read_more(self, state: Loaded) -> bool:
        """Replay onto ``state`` the whole lines appended to the log since it was read.

        Returns False, changing nothing, when that is not simply possible (a damaged or
        torn line, a log that does not continue ``state``): then read everything again.
        """
        try:
            tail = read_log(self.log_path, state.log_bytes, check_boundary=True)
        except (ValueError, Refused, OSError):
            return False
        if tail.unterminated or tail.size < state.log_bytes:
            return False
        for review, stale in tail.reviews:
            if review.card is not None and not stale:
                state.cards.setdefault(review.bank, {})[review.question] = review.card
        state.log_bytes = tail.end
        state.tail_lines += len(tail.reviews)
        return True

    def _load_split(self, doc: dict[str, Any], schema: int, raw: bytes) -> Loaded:
        """A card file of schema 2 on; one of an older schema is migrated in memory."""
        if schema == CURRENT_SCHEMA:
            return self._load_current(doc)
        try:
            doc = migrate(doc)
        except (ValueError, TypeError, KeyError) as e:
            raise self.error(self.path, f"schema {schema} file: {e}") from None
        state = self._load_current(doc)
        state.upgrade_from, state.raw = schema, raw
        if not state.settings:  # the interim parameters file of schema 2's powerquiz
            state.settings = read_interim(self.path) or {}
        return state

    def _load_current(self, doc: dict[str, Any]) -> Loaded:
        log_bytes = doc.get("log_bytes", 0)
        if isinstance(log_bytes, bool) or not isinstance(log_bytes, int) or log_bytes < 0:
            raise self.error(self.path, f'"log_bytes" must be a whole number, not {log_bytes!r}')
        if "cards" not in doc:
            raise self.error(self.path, 'it has no "cards"')
        try:
            cards = parse_cards(doc["cards"])
            settings = parse_settings(doc.get("settings", {}))
        except ValueError as e:
            raise self.error(self.path, str(e)) from None
        return Loaded(cards=cards, log_bytes=log_bytes, settings=settings)

    def _load_legacy(self, doc: dict[str, Any], schema: int, raw: bytes) -> Loaded:
        try:
            logical = migrate(doc)
            reviews = parse_reviews(logical.get("reviews"))
            cards = parse_cards(logical.get("cards", {}))
            settings = parse_settings(logical.get("settings", {}))
        except (ValueError, TypeError, KeyError) as e:
            raise self.error(self.path, f"schema {schema} file: {e}") from None
        return Loaded(cards=cards, settings=settings, log_bytes=0, legacy=reviews,
                      legacy_schema=schema, raw=raw)

    def all_reviews(self, state: Loaded, *, fold: bool = True) -> list[Review]:
        """Every review once (the first line of an id wins), oldest first.

        With ``fold``, a review that a later one corrects is left out.
        """
        if state.legacy is not None:
            found = state.legacy
        else:
            try:
                found = [r for r, _stale in read_log(self.log_path, 0).reviews]
            except NotALine as e:
                raise self.error(self.log_path, str(e)) from None
            except (Refused, OSError) as e:
                raise self.error(self.log_path, why(e), resettable=False) from None
        unique: dict[str, Review] = {}
        for r in found:
            unique.setdefault(r.id, r)
        corrected = {r.corrects for r in unique.values() if r.corrects} if fold else set()
        kept = [r for r in unique.values() if r.id not in corrected]
        return sorted(kept, key=lambda r: r.at)

    def _read(self, path: Path, cap: int) -> bytes | None:
        try:
            return read_capped(path, cap)
        except (Refused, OSError) as e:
            raise self.error(path, why(e), resettable=False) from None

    def _parse(self, raw: bytes, path: Path, what: str) -> Any:
        try:
            return parse_document(raw, what)
        except ValueError as e:
            raise self.error(path, str(e), resettable=looks_like_progress(raw[:SNIFF])) from None

    def _log_size(self) -> int:
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def error(self, path: Path, problem: str, *, resettable: bool = True) -> ProgressError:
        """A damaged or refused file; ``resettable`` when reset can set it aside."""
        return ProgressError(f"Cannot read {path}: {problem}.", path=path, problem=problem,
                             resettable=resettable, store=self.path)



def why(error: Exception) -> str:
    """What went wrong, in plain words (an OSError's own text, without its number)."""
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
