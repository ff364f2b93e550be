"""The rule that turns a marking verdict into the FSRS rating to apply."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["QUICK_MS", "Rating", "rating_for"]

#: An answer given faster than this many milliseconds counts as quick (see :func:`rating_for`).
QUICK_MS: int = 8000


class Rating(IntEnum):
    """How well the student recalled a card; the values are fsrs's."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


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
