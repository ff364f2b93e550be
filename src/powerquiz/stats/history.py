"""One pass over the review log: every per-day and per-question count the figures need."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, tzinfo
from operator import attrgetter

from powerquiz.progress import Review
from powerquiz.scheduling import REVIEW, CardState

__all__ = [
    "MATURE_DAYS",
    "MATURITIES",
    "PERIODS",
    "History",
    "Tally",
    "is_right",
    "read_history",
]

#: A card scheduled with an interval of this many days or more is mature (Anki's boundary).
MATURE_DAYS = 21
MATURITIES = ("young", "mature", "all")
#: Retention periods and the ages (in days before today) each one covers; None = all time.
PERIODS: dict[str, tuple[int, int] | None] = {
    "today": (0, 0),
    "yesterday": (1, 1),
    "week": (0, 6),
    "month": (0, 29),
    "year": (0, 364),
    "ever": None,
}
#: Accuracy is over the answers of the last this many days (today included).
ACCURACY_DAYS = 30


def is_right(review: Review) -> bool:
    """An answer counts as right when it was marked correct or the student overrode it."""
    return review.verdict == "correct" or review.override


@dataclass
class Tally:
    """What one question's answers add up to."""

    reviews: int = 0
    right: int = 0
    answers_30d: int = 0
    right_30d: int = 0
    #: The student's own wrong answers (as first typed; case and spacing aside, the same
    #: answer) and how often each was given.
    wrong: Counter[str] = field(default_factory=Counter)
    spelling: dict[str, str] = field(default_factory=dict)


@dataclass
class History:
    """Everything :func:`read_history` counts."""

    reviews: int = 0
    time_ms: int = 0
    per_day: Counter[date] = field(default_factory=Counter)
    tallies: dict[str, Tally] = field(default_factory=dict)
    #: maturity -> period -> [passes, fails] (true retention, see :func:`read_history`).
    retention: dict[str, dict[str, list[int]]] = field(
        default_factory=lambda: {m: {p: [0, 0] for p in PERIODS} for m in MATURITIES}
    )


def read_history(
    reviews: Iterable[Review],
    today: date,
    tz: tzinfo,
    keep: Callable[[str], bool] | None = None,
) -> History:
    """Count ``reviews`` (of one bank) in one pass, in the student's time zone ``tz``.

    Only questions for which ``keep(question id)`` is true are counted (all when None).

    True retention follows Anki's definition: a drill answer counts when the card was
    already in the review state before it (so never a question's first answer), and only
    the first such answer to each question on each local day; Again is a fail, any other
    rating a pass.  It is young when the interval the card had been scheduled with (its
    due minus its last review) is under :data:`MATURE_DAYS` days, else mature.  Practice
    and exam answers count everywhere else but never here.
    """
    history = History()
    before: dict[str, CardState] = {}
    counted: set[tuple[str, date]] = set()
    kept: dict[str, bool] = {}
    tallies = history.tallies
    per_day = history.per_day
    for review in sorted(reviews, key=attrgetter("at")):
        question = review.question
        wanted = kept.get(question)
        if wanted is None:
            wanted = kept[question] = keep is None or keep(question)
        if not wanted:
            continue
        day = review.at.astimezone(tz).date()
        age = (today - day).days
        history.reviews += 1
        history.time_ms += review.duration_ms
        per_day[day] += 1
        tally = tallies.get(question)
        if tally is None:
            tally = tallies[question] = Tally()
        _tally(tally, review, age)
        if review.kind != "drill" or review.card is None:
            continue
        prior = before.get(question)
        before[question] = review.card
        if prior is None or prior.state != REVIEW or review.rating is None:
            continue
        if (question, day) in counted:
            continue
        counted.add((question, day))
        _retention(history, prior, review.rating != 1, age)
    return history


def _tally(tally: Tally, review: Review, age: int) -> None:
    right = is_right(review)
    tally.reviews += 1
    tally.right += right
    if 0 <= age < ACCURACY_DAYS:
        tally.answers_30d += 1
        tally.right_30d += right
    answer = review.answer.strip()
    if not right and review.verdict == "wrong" and answer:
        key = " ".join(answer.casefold().split())
        shown = tally.spelling.setdefault(key, answer)  # as first typed
        tally.wrong[shown] += 1


def _retention(history: History, prior: CardState, passed: bool, age: int) -> None:
    interval_days = 0.0
    if prior.last_review is not None:
        interval_days = (prior.due - prior.last_review).total_seconds() / 86400
    maturity = "mature" if interval_days >= MATURE_DAYS else "young"
    slot = 0 if passed else 1
    for period, ages in PERIODS.items():
        if ages is None or ages[0] <= age <= ages[1]:
            history.retention[maturity][period][slot] += 1
            history.retention["all"][period][slot] += 1
