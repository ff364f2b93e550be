"""The student's self-rating of a recall question: the one type every layer uses.

The front ends ask for it, the scripted prompter replays it, the recall marker turns
it into a score.  (The FSRS rating it leads to is the scheduler's own affair.)
"""

from __future__ import annotations

from typing import Literal

from powerquiz.marking.normalize import tokenize
from powerquiz.marking.result import answer_text

SelfRating = Literal["again", "hard", "good", "easy"]
#: The ratings in order, worst first: number n (1-4) is ``SELF_RATINGS[n - 1]``.
SELF_RATINGS: tuple[SelfRating, ...] = ("again", "hard", "good", "easy")
#: The score each rating stands for: again is wrong, hard half, good and easy right.
RATING_SCORES: dict[SelfRating, float] = {"again": 0.0, "hard": 0.5, "good": 1.0, "easy": 1.0}
#: Every word read as a rating: the names, and their numbers 1-4.
RATINGS: dict[str, SelfRating] = {
    **{r: r for r in SELF_RATINGS},
    **{str(n): r for n, r in enumerate(SELF_RATINGS, 1)},
}


def read_rating(answer: object) -> SelfRating | None:
    """again/hard/good/easy (or 1-4) as its rating, or None."""
    return RATINGS.get(tokenize(answer_text(answer)).folded)
