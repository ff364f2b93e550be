"""What the store keeps for each answer: a :class:`Review`, plain immutable data.

:data:`Mode` is the one name for a kind of session and of the review it records (the
session layer uses the same type).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, TypedDict, get_args

from powerquiz.scheduling import CardDict, CardState, parse_utc
from powerquiz.scheduling.card import fast_card, fast_date
from powerquiz.scheduling.dates import describe, sane

__all__ = ["MODES", "Mode", "Review", "ReviewDict", "new_review_id"]

#: What a session is, and so what kind of review it records.
Mode = Literal["drill", "practice", "exam"]
MODES: tuple[Mode, ...] = get_args(Mode)
#: The longest answer time worth keeping (about 30 years, in milliseconds).
_MAX_DURATION_MS = 10**12


def new_review_id() -> str:
    """A fresh, globally unique review id (the merge key when importing)."""
    return uuid.uuid4().hex


class _ReviewFields(TypedDict):

    id: str
    bank: str
    question: str
    kind: str
    at: str
    answer: str
    verdict: str
    score: float
    rating: int | None
    override: bool
    duration_ms: int
    card: CardDict | None


class ReviewDict(_ReviewFields, total=False):
    """The JSON shape of a :class:`Review` (datetimes as ISO 8601 text)."""

    #: Only on a correcting review: the id of the review it replaces.
    corrects: str
    #: Only when the student asked for the hint before answering.
    hint: bool
    #: Only on an undo record: the id of the review it takes back.
    undoes: str


_REQUIRED = ("id", "bank", "question", "kind", "at", "answer", "verdict", "score")
#: The keys of a review exactly as powerquiz writes one (a correction adds "corrects").
_WRITTEN = frozenset((*_REQUIRED, "rating", "override", "duration_ms", "card"))
_CORRECTION = _WRITTEN | {"corrects"}


@dataclass(frozen=True)
class Review:
    """One answer to one question, as recorded."""

    #: Unique (uuid4 hex); the merge key for import.
    id: str
    bank: str
    question: str
    kind: Mode
    #: When the answer was given (UTC).
    at: datetime
    #: What the student gave, as text.
    answer: str
    #: correct | partial | wrong (for a recall question the self rating is in ``rating``).
    verdict: str
    score: float
    #: The FSRS rating applied (drill), else None.
    rating: int | None
    #: The student said "I was right".
    override: bool = False
    duration_ms: int = 0
    #: The card state after this review (drill only).
    card: CardState | None = None
    #: On a correcting review ("I was right" after the answer was saved): the id of the
    #: review it replaces.  The log stays append-only; readers show the correction only.
    corrects: str | None = None
    #: The answer was given after the student asked for the hint (rated at most Hard).
    hint: bool = False
    #: On an undo record (``powerquiz progress undo``): the id of the review it takes
    #: back.  Readers leave out both; the record's card is the card restored.
    undoes: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", sane(self.at, "at"))
        if not self.id:
            raise ValueError("id must not be empty")
        if self.kind not in MODES:
            raise ValueError(f"kind must be one of {', '.join(MODES)}, not {self.kind!r}")
        if not math.isfinite(self.score):
            raise ValueError(f"score must be a finite number, not {self.score!r}")
        if self.rating is not None and not 1 <= self.rating <= 4:
            raise ValueError(f"rating must be 1 to 4, not {self.rating}")
        if not 0 <= self.duration_ms <= _MAX_DURATION_MS:
            shown = describe(self.duration_ms)
            raise ValueError(f"duration_ms must be from 0 to {_MAX_DURATION_MS}, not {shown}")
        if self.corrects is not None and (not self.corrects or self.corrects == self.id):
            raise ValueError("corrects must name another review")
        if self.undoes is not None and (not self.undoes or self.undoes == self.id):
            raise ValueError("undoes must name another review")

    def to_dict(self) -> ReviewDict:
        """Return the JSON-ready shape of this review."""
        shape: ReviewDict = {
            "id": self.id,
            "bank": self.bank,
            "question": self.question,
            "kind": self.kind,
            "at": self.at.isoformat(),
            "answer": self.answer,
            "verdict": self.verdict,
            "score": self.score,
            "rating": self.rating,
            "override": self.override,
            "duration_ms": self.duration_ms,
            "card": self.card.to_dict() if self.card is not None else None,
        }
        if self.corrects is not None:
            shape["corrects"] = self.corrects
        if self.hint:
            shape["hint"] = True
        if self.undoes is not None:
            shape["undoes"] = self.undoes
        return shape

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Review:
        """Build a review from its JSON shape; ValueError (in plain words) if it is not one."""
        if cls is Review:
            fast = fast_review(d)
            if fast is not None:
                return fast
        if not isinstance(d, Mapping):
            raise ValueError(f"a review must be a JSON object, not {type(d).__name__}")
        missing = [k for k in _REQUIRED if k not in d]
        if missing:
            raise ValueError(f"a review is missing {', '.join(repr(k) for k in missing)}")
        for key in ("id", "bank", "question", "kind", "answer", "verdict"):
            if not isinstance(d[key], str):
                raise ValueError(f"{key} must be text, not {type(d[key]).__name__}")
        score = d["score"]
        if isinstance(score, bool) or not isinstance(score, (int, float)):
            raise ValueError(f"score must be a number, not {type(score).__name__}")
        try:
            score = float(score)
        except OverflowError:
            raise ValueError(f"score is too large: {describe(score)}") from None
        rating = d.get("rating")
        if rating is not None and (isinstance(rating, bool) or not isinstance(rating, int)):
            raise ValueError(f"rating must be 1 to 4 or null, not {describe(rating)}")
        duration = d.get("duration_ms", 0)
        if isinstance(duration, bool) or not isinstance(duration, int):
            raise ValueError(f"duration_ms must be a whole number, not {describe(duration)}")
        raw_card = d.get("card")
        try:
            card = None if raw_card is None else CardState.from_dict(raw_card)
        except ValueError as e:
            raise ValueError(f"card: {e}") from None
        return cls(
            id=d["id"],
            bank=d["bank"],
            question=d["question"],
            kind=d["kind"],
            at=parse_utc(d["at"], "at"),
            answer=d["answer"],
            verdict=d["verdict"],
            score=score,
            rating=rating,
            override=_flag(d, "override"),
            duration_ms=duration,
            card=card,
            corrects=_text_or_none(d, "corrects"),
            hint=_flag(d, "hint"),
            undoes=_text_or_none(d, "undoes"),
        )


def fast_review(d: object) -> Review | None:
    """The review of ``d`` when it is exactly as powerquiz writes one (else None).

    Reading a long log spends its time building reviews, so the common case is checked
    in one go, with the same rules as :meth:`Review.from_dict` and ``__post_init__``;
    anything else (every damaged review among it) takes the slow path, which explains.
    """
    if type(d) is not dict:
        return None
    keys = d.keys()
    if keys != _WRITTEN and keys != _CORRECTION:
        return None
    at = fast_date(d["at"])
    kind, score, rating = d["kind"], d["score"], d["rating"]
    duration, corrects, raw_card = d["duration_ms"], d.get("corrects"), d["card"]
    ident = d["id"]
    if (
        at is None or type(ident) is not str or not ident
        or type(d["bank"]) is not str or type(d["question"]) is not str
        or type(d["answer"]) is not str or type(d["verdict"]) is not str
        or kind not in MODES or type(score) is not float or not math.isfinite(score)
        or not (rating is None or (type(rating) is int and 1 <= rating <= 4))
        or type(d["override"]) is not bool
        or type(duration) is not int or not 0 <= duration <= _MAX_DURATION_MS
        or not (corrects is None or (type(corrects) is str and corrects and corrects != ident))
    ):
        return None
    card = None if raw_card is None else fast_card(raw_card)
    if card is None and raw_card is not None:
        return None
    review = object.__new__(Review)
    object.__setattr__(review, "__dict__", {**d, "at": at, "card": card, "corrects": corrects})
    return review


def _flag(d: Mapping[str, Any], key: str) -> bool:
    """An optional true/false field (false when absent)."""
    value = d.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false, not {value!r}")
    return value


def _text_or_none(d: Mapping[str, Any], key: str) -> str | None:
    """An optional text field (None when absent)."""
    value = d.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key} must be text, not {describe(value)}")
    return value
