"""Our own plain, immutable record of an FSRS card, and its JSON shape.

Every field is range-checked when a card is built, whether by the scheduler, from a
progress file, from an import or by a migration: a value FSRS cannot work with (a
difficulty outside 1..10, a stability that is not a positive finite number, an unknown
state, a date outside the sane years) is refused with a plain ValueError and never
reaches FSRS.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, TypedDict

from powerquiz.scheduling.dates import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    describe,
    parse_utc,
    sane,
    utc,
)

__all__ = [
    "DIFFICULTY_RANGE",
    "LEARNING",
    "MAX_CARD_ID",
    "MAX_COUNT",
    "MAX_STABILITY",
    "RELEARNING",
    "REVIEW",
    "CardDict",
    "CardState",
    "card_id_for",
    "fast_card",
    "fast_date",
    "new_card",
]

#: fsrs ``State`` values, repeated here so that reading a card never imports fsrs.
LEARNING, REVIEW, RELEARNING = 1, 2, 3
_STATES = (LEARNING, REVIEW, RELEARNING)
#: FSRS keeps difficulty within these bounds.
DIFFICULTY_RANGE = (1.0, 10.0)
#: Stability is in days; anything above this is a damaged file, not a memory.
MAX_STABILITY = 1e9
#: The most reviews, lapses or learning steps a card can count.
MAX_COUNT = 2**53
#: The largest card id (FSRS keeps it in a signed 64-bit integer).
MAX_CARD_ID = _MAX_CARD_ID = 2**63 - 1


def _opt_int(d: Mapping[str, Any], key: str) -> int | None:
    value = d.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{key} must be a whole number, not {describe(value)}")
    return value


def _int(d: Mapping[str, Any], key: str) -> int:
    value = _opt_int(d, key)
    if value is None:
        raise ValueError(f"{key} must be a whole number, not null")
    return value


def _float(d: Mapping[str, Any], key: str) -> float | None:
    value = d.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{key} must be a number, not {describe(value)}")
    try:
        return float(value)
    except OverflowError:
        raise ValueError(f"{key} is too large: {describe(value)}") from None


def _opt_date(d: Mapping[str, Any], key: str) -> datetime | None:
    value = d.get(key)
    return None if value is None else parse_utc(value, key)


def _require(d: Mapping[str, Any], keys: tuple[str, ...], what: str) -> None:
    if not isinstance(d, Mapping):
        raise ValueError(f"{what} must be a JSON object, not {describe(d)}")
    missing = [k for k in keys if k not in d]
    if missing:
        raise ValueError(f"{what} is missing {', '.join(repr(k) for k in missing)}")


def _in_range(name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low} to {high}, not {describe(value)}")


class CardDict(TypedDict):
    """The JSON shape of a :class:`CardState` (datetimes as ISO 8601 text)."""

    card_id: int
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: str
    last_review: str | None
    reps: int
    lapses: int
    first_review: str | None


_CARD_KEYS = ("card_id", "state", "step", "stability", "difficulty", "due", "last_review")
#: Every key of a card as powerquiz writes it.
_ALL_KEYS = frozenset((*_CARD_KEYS, "reps", "lapses", "first_review"))


@dataclass(frozen=True)
class CardState:
    """Where one question stands for one student: our own record of an fsrs card."""

    card_id: int
    #: fsrs State value: 1 learning, 2 review, 3 relearning.
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    #: When the card is next due (UTC).
    due: datetime
    last_review: datetime | None
    #: Number of reviews rated into this card.
    reps: int = 0
    #: Times rated AGAIN while in the review state.
    lapses: int = 0
    #: When the card was first rated: the day it counted as a new question.
    first_review: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("due", "last_review", "first_review"):
            value = getattr(self, name)
            if value is not None or name == "due":
                object.__setattr__(self, name, sane(value, name))
        if self.state not in _STATES:
            raise ValueError(
                f"state must be 1, 2 or 3 (learning, review, relearning), not {self.state!r}"
            )
        if self.state != REVIEW and self.step is None:
            raise ValueError("step is required for a learning or relearning card")
        if self.state != LEARNING and (self.stability is None or self.difficulty is None):
            raise ValueError("stability and difficulty are required once a card has been reviewed")
        self._check_numbers()

    def _check_numbers(self) -> None:
        _in_range("card_id", self.card_id, 0, _MAX_CARD_ID)
        if self.step is not None:
            _in_range("step", self.step, 0, MAX_COUNT)
        _in_range("reps", self.reps, 0, MAX_COUNT)
        _in_range("lapses", self.lapses, 0, MAX_COUNT)
        if self.stability is not None and not (
            math.isfinite(self.stability) and 0 < self.stability <= MAX_STABILITY
        ):
            raise ValueError(
                f"stability must be a finite number above 0 and at most {MAX_STABILITY:g} "
                f"(days), not {self.stability!r}"
            )
        low, high = DIFFICULTY_RANGE
        if self.difficulty is not None and not low <= self.difficulty <= high:
            raise ValueError(
                f"difficulty must be a finite number from {low:g} to {high:g}, "
                f"not {self.difficulty!r}"
            )

    @property
    def in_review(self) -> bool:
        """True once the card has graduated to the FSRS review state."""
        return self.state == REVIEW

    def to_dict(self) -> CardDict:
        """Return the JSON-ready shape of this card."""
        return {
            "card_id": self.card_id,
            "state": self.state,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reps": self.reps,
            "lapses": self.lapses,
            "first_review": self.first_review.isoformat() if self.first_review else None,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> CardState:
        """Build a card from its JSON shape; ValueError (in plain words) if it is not one."""
        if cls is CardState:
            fast = fast_card(d)
            if fast is not None:
                return fast
        _require(d, _CARD_KEYS, "a card")
        return cls(
            card_id=_int(d, "card_id"),
            state=_int(d, "state"),
            step=_opt_int(d, "step"),
            stability=_float(d, "stability"),
            difficulty=_float(d, "difficulty"),
            due=parse_utc(d["due"], "due"),
            last_review=_opt_date(d, "last_review"),
            reps=_opt_int(d, "reps") or 0,
            lapses=_opt_int(d, "lapses") or 0,
            first_review=_opt_date(d, "first_review"),
        )


#: Dates already read by :func:`fast_date`: in a log, a card's last review is its
#: review's own time and its first review repeats for every answer to the question.
_READ_DATES: dict[str, datetime] = {}
_READ_DATES_LIMIT = 200_000


def fast_date(value: object) -> datetime | None:
    """A date as powerquiz writes it (ISO 8601, UTC, a sane year), or None to check slowly."""
    if type(value) is not str:
        return None
    known = _READ_DATES.get(value)
    if known is not None:
        return known
    if not value.endswith("+00:00"):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is not timezone.utc or not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        return None
    if len(_READ_DATES) >= _READ_DATES_LIMIT:
        _READ_DATES.clear()
    _READ_DATES[value] = parsed
    return parsed


def _count(value: object, high: int = MAX_COUNT) -> bool:
    return type(value) is int and 0 <= value <= high


def fast_card(d: object) -> CardState | None:
    """The card of ``d`` when it is exactly as powerquiz writes one (else None).

    The reading of a long log spends its time here, so the common case is checked in one
    go: every value of the exact type and in range, as :meth:`CardState.__post_init__`
    would require.  Anything else (including every damaged card) takes the slow path,
    which explains the problem.
    """
    if type(d) is not dict or d.keys() != _ALL_KEYS:
        return None
    due = fast_date(d.get("due"))
    last, first = d.get("last_review"), d.get("first_review")
    last_at = None if last is None else fast_date(last)
    first_at = None if first is None else fast_date(first)
    state, step = d.get("state"), d.get("step")
    stability, difficulty = d.get("stability"), d.get("difficulty")
    if (
        due is None or (last is not None and last_at is None)
        or (first is not None and first_at is None)
        or type(state) is not int or state not in _STATES
        or not ((step is None and state == REVIEW) or _count(step))
        or not _count(d.get("card_id"), _MAX_CARD_ID)
        or not _count(d.get("reps")) or not _count(d.get("lapses"))
    ):
        return None
    if stability is None or difficulty is None:
        if state != LEARNING or stability is not difficulty:
            return None
    elif not (type(stability) is float and 0 < stability <= MAX_STABILITY
              and type(difficulty) is float
              and DIFFICULTY_RANGE[0] <= difficulty <= DIFFICULTY_RANGE[1]):
        return None
    card = object.__new__(CardState)
    object.__setattr__(card, "__dict__", {
        "card_id": d["card_id"], "state": state, "step": step, "stability": stability,
        "difficulty": difficulty, "due": due, "last_review": last_at, "reps": d["reps"],
        "lapses": d["lapses"], "first_review": first_at,
    })
    return card


def card_id_for(bank_id: str, question_id: str) -> int:
    """A stable positive 62-bit id for a question of a bank (the same on every machine)."""
    digest = hashlib.sha256(f"{bank_id}\x00{question_id}".encode()).digest()
    return (int.from_bytes(digest[:8], "big") >> 2) or 1


def new_card(bank_id: str, question_id: str, now: datetime) -> CardState:
    """A card never reviewed: in the learning state and due ``now``."""
    return CardState(
        card_id=card_id_for(bank_id, question_id),
        state=LEARNING,
        step=0,
        stability=None,
        difficulty=None,
        due=utc(now, "now"),
        last_review=None,
    )
