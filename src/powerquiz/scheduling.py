"""Spaced-repetition scheduling: a thin, pure wrapper over the ``fsrs`` package (FSRS-6).

We never re-implement FSRS.  This module only

- keeps our own plain, immutable record of a card (:class:`CardState`), so the rest of
  powerquiz and the progress file never depend on the library's classes;
- turns a marking verdict into an FSRS :class:`Rating` (:func:`rating_for`);
- asks ``fsrs`` for the next state (:meth:`Scheduler.review`), returning a *new* card.

``fsrs`` is imported inside the functions that need it, so that importing this module
(and therefore ``powerquiz --help``) stays fast.

Every datetime is timezone-aware UTC.  A naive datetime is a bug in the caller and is
rejected with :class:`ValueError`; an aware datetime in another zone is converted to UTC.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import IntEnum
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    import fsrs

__all__ = [
    "QUICK_MS",
    "CardDict",
    "CardState",
    "Rating",
    "Scheduler",
    "card_id_for",
    "new_card",
    "parse_utc",
    "rating_for",
    "utc",
]

#: An answer given faster than this many milliseconds counts as quick (see :func:`rating_for`).
QUICK_MS: int = 8000

#: fsrs ``State`` values, repeated here so that reading a card never imports fsrs.
LEARNING, REVIEW, RELEARNING = 1, 2, 3
_STATES = (LEARNING, REVIEW, RELEARNING)


class Rating(IntEnum):
    """How well the student recalled a card; the values are fsrs's."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


def utc(value: datetime, name: str = "datetime") -> datetime:
    """Return ``value`` in UTC; raise ValueError if it has no timezone."""
    if not isinstance(value, datetime):
        raise ValueError(f"{name} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is timezone.utc:
        return value
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (UTC), got naive {value.isoformat()}")
    return value.astimezone(timezone.utc)


def parse_utc(text: object, name: str = "datetime") -> datetime:
    """Parse an ISO 8601 text with a timezone into a UTC datetime; ValueError if it is not one."""
    if not isinstance(text, str):
        raise ValueError(f"{name} must be an ISO 8601 text, not {_describe(text)}")
    raw = text.strip()
    if raw.endswith(("Z", "z")):  # Python 3.10's fromisoformat does not know the Z suffix.
        raw = raw[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{name} is not an ISO 8601 date and time: {text!r}") from None
    if value.tzinfo is None:
        raise ValueError(f"{name} has no timezone: {text!r}")
    try:
        return utc(value, name)
    except OverflowError:
        raise ValueError(f"{name} is out of range: {text!r}") from None


def _describe(value: object) -> str:
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{type(value).__name__} {shown}"


def _opt_int(d: Mapping[str, Any], key: str, minimum: int = 0) -> int | None:
    value = d.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{key} must be a whole number, not {_describe(value)}")
    if value < minimum:
        raise ValueError(f"{key} must be at least {minimum}, not {value}")
    return value


def _int(d: Mapping[str, Any], key: str, minimum: int = 0) -> int:
    value = _opt_int(d, key, minimum)
    if value is None:
        raise ValueError(f"{key} must be a whole number, not null")
    return value


def _float(d: Mapping[str, Any], key: str) -> float | None:
    value = d.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{key} must be a number, not {_describe(value)}")
    try:
        result = float(value)
    except OverflowError:
        raise ValueError(f"{key} is too large: {value}") from None
    if not math.isfinite(result):
        raise ValueError(f"{key} must be a finite number, not {value!r}")
    return result


def _require(d: Mapping[str, Any], keys: tuple[str, ...], what: str) -> None:
    if not isinstance(d, Mapping):
        raise ValueError(f"{what} must be a JSON object, not {_describe(d)}")
    missing = [k for k in keys if k not in d]
    if missing:
        raise ValueError(f"{what} is missing {', '.join(repr(k) for k in missing)}")


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


@dataclass(frozen=True)
class CardState:
    """Our own plain record of an fsrs card: where one question stands for one student."""

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
        object.__setattr__(self, "due", utc(self.due, "due"))
        if self.first_review is not None:
            object.__setattr__(self, "first_review", utc(self.first_review, "first_review"))
        if self.last_review is not None:
            object.__setattr__(self, "last_review", utc(self.last_review, "last_review"))
        if self.state not in _STATES:
            raise ValueError(
                f"state must be 1, 2 or 3 (learning, review, relearning), not {self.state!r}"
            )
        if self.state != REVIEW and self.step is None:
            raise ValueError("step is required for a learning or relearning card")
        if self.step is not None and self.step < 0:
            raise ValueError(f"step must be at least 0, not {self.step}")
        if self.state != LEARNING and (self.stability is None or self.difficulty is None):
            raise ValueError("stability and difficulty are required once a card has been reviewed")
        if self.stability is not None and not self.stability > 0:
            raise ValueError(f"stability must be positive, not {self.stability}")
        if self.reps < 0 or self.lapses < 0:
            raise ValueError("reps and lapses must be at least 0")

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
        _require(d, _CARD_KEYS, "a card")
        last_review = d["last_review"]
        return cls(
            card_id=_int(d, "card_id"),
            state=_int(d, "state", minimum=1),
            step=_opt_int(d, "step"),
            stability=_float(d, "stability"),
            difficulty=_float(d, "difficulty"),
            due=parse_utc(d["due"], "due"),
            last_review=None if last_review is None else parse_utc(last_review, "last_review"),
            reps=_opt_int(d, "reps") or 0,
            lapses=_opt_int(d, "lapses") or 0,
            first_review=None if d.get("first_review") is None
            else parse_utc(d["first_review"], "first_review"),
        )


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


@dataclass
class Scheduler:
    """Schedules cards with FSRS-6.  ``review`` is pure: it returns a new :class:`CardState`."""

    desired_retention: float = 0.9
    enable_fuzzing: bool = True
    _impl: fsrs.Scheduler | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not 0 < self.desired_retention < 1:
            raise ValueError(
                f"desired_retention must be between 0 and 1, not {self.desired_retention}"
            )

    def _fsrs(self) -> fsrs.Scheduler:
        if self._impl is None:
            import fsrs

            self._impl = fsrs.Scheduler(
                desired_retention=self.desired_retention, enable_fuzzing=self.enable_fuzzing
            )
        return self._impl

    def review(
        self, card: CardState, rating: Rating, now: datetime, duration_ms: int | None = None
    ) -> CardState:
        """Return the card after rating it ``rating`` at ``now``; ``card`` is left unchanged."""
        import fsrs

        when = utc(now, "now")
        rating = Rating(rating)
        after, _log = self._fsrs().review_card(
            _to_fsrs(card), fsrs.Rating(int(rating)), when, duration_ms
        )
        lapsed = card.state == REVIEW and rating == Rating.AGAIN
        return CardState(
            card_id=card.card_id,
            state=int(after.state),
            step=after.step,
            stability=after.stability,
            difficulty=after.difficulty,
            due=after.due,
            last_review=after.last_review,
            reps=card.reps + 1,
            lapses=card.lapses + (1 if lapsed else 0),
            first_review=card.first_review or when,
        )

    def retrievability(self, card: CardState, now: datetime) -> float:
        """The predicted probability (0..1) that the student recalls the card at ``now``."""
        return float(self._fsrs().get_card_retrievability(_to_fsrs(card), utc(now, "now")))


def _to_fsrs(card: CardState) -> fsrs.Card:
    import fsrs

    return fsrs.Card(
        card_id=card.card_id,
        state=fsrs.State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def rating_for(
    verdict: str,
    *,
    override: bool = False,
    quick: bool = False,
    in_review: bool = False,
    self_rating: Rating | None = None,
) -> Rating:
    """Turn a marking verdict into the FSRS rating to apply.

    A recall question's self rating wins; then "I was right" (``override``) counts as GOOD;
    otherwise wrong is AGAIN, partial is HARD and correct is GOOD, or EASY when the answer
    was quick and the card is already in review.
    """
    if self_rating is not None:
        return Rating(self_rating)
    if override:
        return Rating.GOOD
    if verdict == "wrong":
        return Rating.AGAIN
    if verdict == "partial":
        return Rating.HARD
    if verdict == "correct":
        return Rating.EASY if quick and in_review else Rating.GOOD
    raise ValueError(f"unknown verdict {verdict!r} (expected correct, partial or wrong)")
