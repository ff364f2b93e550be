"""Spaced-repetition scheduling: a thin, pure wrapper over the ``fsrs`` package (FSRS-6).

Split the way py-fsrs is, one concept per module:

- :mod:`~powerquiz.scheduling.card`: :class:`CardState`, our own plain, range-checked
  record of a card, so the rest of powerquiz and the progress file never depend on the
  library's classes;
- :mod:`~powerquiz.scheduling.rating`: :class:`Rating` and the verdict-to-rating rule
  (:func:`rating_for`);
- :mod:`~powerquiz.scheduling.fsrs_adapter`: :class:`Scheduler`, which asks ``fsrs`` for
  the next state and returns a *new* card;
- :mod:`~powerquiz.scheduling.dates`: :func:`utc` and :func:`parse_utc`.

Every datetime is timezone-aware UTC.  ``fsrs`` itself is imported only when a card is
reviewed, so importing this package stays fast.
"""

from powerquiz.scheduling.card import (
    LEARNING,
    RELEARNING,
    REVIEW,
    CardDict,
    CardState,
    card_id_for,
    new_card,
)
from powerquiz.scheduling.dates import parse_utc, utc
from powerquiz.scheduling.fsrs_adapter import Scheduler
from powerquiz.scheduling.rating import QUICK_MS, Rating, rating_for

__all__ = [
    "LEARNING",
    "QUICK_MS",
    "RELEARNING",
    "REVIEW",
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
