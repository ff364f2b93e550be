"""Taking back answers (``powerquiz progress undo``) without rewriting the log.

An undo is one more line appended to the review log: a :class:`Review` whose
``undoes`` names the review taken back.  Readers leave out both
(:func:`without_undone`), so the history, ``progress show`` and every later session
read as if the answer had never been given.  A drill's undo record carries the card
as it was before the answer, and saving it makes that the question's card again;
when the question had no card before, it gets a fresh, never-reviewed one, due at
once (a new question again, as far as the schedule goes).

Another session's answer is never taken back by the way: if the question has been
reviewed since the answer being undone (its card on disk is no longer the one that
answer left), the card is left as it is and only that answer leaves the history.
Undoing a corrected answer ("I was right") takes back the answer and its correction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from powerquiz.progress.records import Review, new_review_id
from powerquiz.scheduling import CardState, new_card

__all__ = ["Undone", "undo_last", "undo_review", "without_undone"]


@dataclass(frozen=True)
class Undone:
    """One answer taken back."""

    review: Review
    #: The question's card was put back as it was before the answer (False: it had been
    #: reviewed since, or the answer never changed the schedule).
    restored: bool


def without_undone(reviews: Sequence[Review]) -> list[Review]:
    """``reviews`` less the undo records and the reviews they take back."""
    undone = {r.undoes for r in reviews if r.undoes is not None}
    return [r for r in reviews if r.undoes is None and r.id not in undone]


def _card_before(history: Sequence[Review], target: Review) -> CardState:
    """The card ``target``'s question had just before it, from the visible history."""
    earlier = [r for r in history
               if (r.bank, r.question) == (target.bank, target.question)
               and r.card is not None and r.id != target.id and r.at <= target.at]
    if earlier:
        card = earlier[-1].card
        assert card is not None
        return card
    return new_card(target.bank, target.question, target.at)


def undo_review(store: _Store, target: Review, now: datetime) -> Undone:
    """Append the undo record for ``target`` (a review as :meth:`reviews` shows it)."""
    history = store.reviews(target.bank)
    restored: list[bool] = [False]

    def decide(card: CardState | None) -> Review:
        back: CardState | None = None
        if target.kind == "drill" and target.card is not None and card == target.card:
            back = _card_before(history, target)
        restored[0] = back is not None
        return Review(
            id=new_review_id(), bank=target.bank, question=target.question,
            kind=target.kind, at=max(now, target.at), answer=target.answer,
            verdict=target.verdict, score=target.score, rating=None, card=back,
            undoes=target.id,
        )

    store.record_decided(target.bank, target.question, decide)
    return Undone(target, restored[0])


def undo_last(store: _Store, count: int, now: datetime,
              bank_id: str | None = None) -> list[Undone]:
    """Take back the last ``count`` answers (newest first); fewer when there are fewer."""
    done: list[Undone] = []
    for _ in range(count):
        reviews = store.reviews(bank_id)
        if not reviews:
            break
        done.append(undo_review(store, reviews[-1], now))
    return done


class _Store(Protocol):  # the part of ProgressStore this module uses
    def reviews(self, bank_id: str | None = None) -> list[Review]: ...

    def record_decided(self, bank_id: str, question_id: str,
                       decide: Callable[[CardState | None], Review]) -> Review: ...
