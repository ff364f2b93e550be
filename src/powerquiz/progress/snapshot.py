"""The card file (the *snapshot*) written and read fast, with the same checks as ever.

At 45,000 cards the standard library's ``json`` spent over a second writing the card
file and half a second reading it, and building each card through its checked
constructor cost as much again.  Here:

- :func:`encode` hands the cards (plain dataclasses) to orjson, which writes them in C
  with the same text as :meth:`CardState.to_dict` (ISO 8601 dates, keys in field order),
  indented two spaces so the file stays readable and mergeable.  Text orjson refuses (a
  lone surrogate in an id typed at a broken terminal) is written by the standard library
  instead, escaped, as before.
- :func:`decode` parses with orjson and checks every card in one tight loop over plain
  tuples: every type and range of :meth:`CardState.__post_init__` (each date ISO 8601,
  UTC, years 1970 to 9000; card id, counts, state, step, stability, difficulty), with no
  per-card constructor call.  It returns None, and the caller reads the file the checked
  way (the standard library and :func:`~powerquiz.progress.jsonio.parse_cards`), for
  anything else: a file orjson cannot parse, an older schema, a card that is not exactly
  as powerquiz writes one, or a value orjson would read differently from the standard
  library (it reads a whole number past 64 bits as a float, so every field that must be
  a whole number is required to be one).  A damaged file is therefore always explained
  by the checked path, in the same words as before.
"""

from __future__ import annotations

import operator
from datetime import datetime, timezone
from typing import Any

import orjson

from powerquiz.bank.collector import collector_paused
from powerquiz.progress.jsonio import Cards, cards_to_json, dumps
from powerquiz.progress.migrations import CURRENT_SCHEMA
from powerquiz.scheduling import CardState
from powerquiz.scheduling.card import (
    DIFFICULTY_RANGE,
    LEARNING,
    MAX_CARD_ID,
    MAX_COUNT,
    MAX_STABILITY,
    RELEARNING,
    REVIEW,
)
from powerquiz.scheduling.dates import EARLIEST_YEAR, LATEST_YEAR

__all__ = ["Snapshot", "decode", "encode", "forget"]

#: What :func:`decode` found: the cards (checked), ``log_bytes`` and the raw settings.
Snapshot = tuple[Cards, int, dict[str, Any]]

_KEYS = frozenset(("card_id", "state", "step", "stability", "difficulty", "due",
                   "last_review", "reps", "lapses", "first_review"))
_FIELDS = operator.itemgetter("card_id", "state", "step", "stability", "difficulty",
                              "reps", "lapses", "due", "last_review", "first_review")
_UTC = timezone.utc
_LOW, _HIGH = DIFFICULTY_RANGE
#: The bytes of the last card file decoded, and what they hold (see :func:`decode`).
_last: tuple[bytes, Snapshot] | None = None
_STATES = (LEARNING, REVIEW, RELEARNING)
#: The first and last instants of the sane years, in UTC.
_EARLIEST = datetime(EARLIEST_YEAR, 1, 1, tzinfo=timezone.utc)
_LATEST = datetime(LATEST_YEAR, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc)


def encode(cards: Cards, settings: dict[str, Any], log_bytes: int) -> bytes:
    """The card file's bytes for ``cards`` as of ``log_bytes`` (settings already JSON)."""
    doc = {"schema": CURRENT_SCHEMA, "log_bytes": log_bytes, "cards": cards,
           "settings": settings}
    try:
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # lone surrogates: the standard library escapes them
        return dumps({**doc, "cards": cards_to_json(cards)}, indent=1)


def decode(raw: bytes) -> Snapshot | None:
    """The card file ``raw`` when it is exactly as powerquiz writes one, else None.

    The cards returned are the caller's own (each bank's dict a fresh copy; the cards
    themselves are immutable).  The last card file decoded is remembered by its bytes:
    reading the same bytes again (a second store in the same process, as ``drill``
    opens one for the bank's settings and one for the session) costs a comparison and
    a copy of the dicts, not a parse.
    """
    global _last
    if _last is None or _last[0] != raw:
        with collector_paused():
            found = _decode(raw)
        if found is None:
            return None
        _last = (raw, found)
    cards, log_bytes, settings = _last[1]
    return {bank: dict(bank_cards) for bank, bank_cards in cards.items()}, log_bytes, settings


def forget() -> None:
    """Forget the last card file decoded (the next decode parses; for measurements)."""
    global _last
    _last = None


def _decode(raw: bytes) -> Snapshot | None:
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if type(doc) is not dict or doc.get("schema") != CURRENT_SCHEMA:
        return None
    log_bytes, banks = doc.get("log_bytes", 0), doc.get("cards")
    settings = doc.get("settings", {})
    if type(doc["schema"]) is not int or type(log_bytes) is not int or log_bytes < 0:
        return None
    if type(banks) is not dict or type(settings) is not dict or not _whole_counts(settings):
        return None
    cards: Cards = {}
    for bank_id, bank_cards in banks.items():
        checked = _bank_cards(bank_cards)
        if checked is None:
            return None
        cards[bank_id] = checked
    return cards, log_bytes, settings


def _whole_counts(settings: dict[str, Any]) -> bool:
    """Whether every bank's review count (the one whole number there) is read exactly."""
    return all(type(entry) is dict and type(entry.get("reviews", 0)) is int
               for entry in settings.values())


def _sane(at: datetime) -> bool:
    """Whether a parsed date is in UTC and in the sane years."""
    return at.tzinfo is _UTC and _EARLIEST <= at <= _LATEST


def _bank_cards(bank_cards: object) -> dict[str, CardState] | None:
    """One bank's cards, each checked as :meth:`CardState.__post_init__` would; or None.

    The parsed dict of each card becomes the card's own attributes (its dates replaced
    by datetimes), so no card is copied or built field by field.
    """
    if type(bank_cards) is not dict:
        return None
    parsed: dict[str, CardState] = {}
    new, assign, iso = object.__new__, object.__setattr__, datetime.fromisoformat
    for question_id, d in bank_cards.items():
        if type(d) is not dict or len(d) != len(_KEYS):
            return None
        try:  # ten keys, all of them present: exactly the keys of a card
            card_id, state, step, stability, difficulty, reps, lapses, due, last, first = (
                _FIELDS(d))
        except KeyError:
            return None
        if not (type(card_id) is int and 0 <= card_id <= MAX_CARD_ID
                and type(reps) is int and 0 <= reps <= MAX_COUNT
                and type(lapses) is int and 0 <= lapses <= MAX_COUNT
                and type(state) is int and state in _STATES
                and ((type(step) is int and 0 <= step <= MAX_COUNT)
                     or (step is None and state == REVIEW))):
            return None
        if stability is None or difficulty is None:
            if state != LEARNING or stability is not difficulty:
                return None
        elif not (type(stability) is float and 0 < stability <= MAX_STABILITY
                  and type(difficulty) is float and _LOW <= difficulty <= _HIGH):
            return None
        try:  # a date must be ISO 8601 text in UTC, in the sane years
            due_at = iso(due)
            last_at = None if last is None else iso(last)
            # once reviewed, a card's first review is its last: parse that text once
            first_at = last_at if first == last else None if first is None else iso(first)
        except (TypeError, ValueError):
            return None
        if not (due_at.tzinfo is _UTC and _EARLIEST <= due_at <= _LATEST) or (
                last_at is not None and not _sane(last_at)) or (
                first_at is not None and first_at is not last_at and not _sane(first_at)):
            return None
        d["due"], d["last_review"], d["first_review"] = due_at, last_at, first_at
        card = new(CardState)
        assign(card, "__dict__", d)
        parsed[question_id] = card
    return parsed
