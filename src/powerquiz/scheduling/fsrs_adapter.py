"""The one place that talks to the ``fsrs`` package (FSRS-6); we never re-implement FSRS.

``fsrs`` is imported inside the functions that need it, so that importing the scheduling
package (and therefore ``powerquiz --help``) stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from powerquiz.scheduling.card import MAX_STABILITY, REVIEW, CardState
from powerquiz.scheduling.dates import utc
from powerquiz.scheduling.rating import Rating

if TYPE_CHECKING:
    import fsrs

__all__ = ["PARAMETER_COUNT", "Scheduler", "to_fsrs"]

#: FSRS-6 has this many parameters.
PARAMETER_COUNT = 21


@dataclass
class Scheduler:
    """Schedules cards with FSRS-6.  ``review`` is pure: it returns a new :class:`CardState`.

    ``parameters`` are the 21 FSRS-6 weights (the student's fitted ones); None means the
    library's defaults.
    """

    desired_retention: float = 0.9
    enable_fuzzing: bool = True
    parameters: Sequence[float] | None = None
    _impl: fsrs.Scheduler | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not 0 < self.desired_retention < 1:
            raise ValueError(
                f"desired_retention must be between 0 and 1, not {self.desired_retention}"
            )
        if self.parameters is not None:
            self.parameters = tuple(float(p) for p in self.parameters)
            if len(self.parameters) != PARAMETER_COUNT:
                raise ValueError(f"FSRS-6 takes {PARAMETER_COUNT} parameters, "
                                 f"not {len(self.parameters)}")

    def _fsrs(self) -> fsrs.Scheduler:
        if self._impl is None:
            import fsrs

            if self.parameters is None:
                self._impl = fsrs.Scheduler(
                    desired_retention=self.desired_retention, enable_fuzzing=self.enable_fuzzing
                )
            else:
                self._impl = fsrs.Scheduler(
                    parameters=tuple(self.parameters),
                    desired_retention=self.desired_retention,
                    enable_fuzzing=self.enable_fuzzing,
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
            to_fsrs(card), fsrs.Rating(int(rating)), when, duration_ms
        )
        lapsed = card.state == REVIEW and rating == Rating.AGAIN
        stability = None if after.stability is None else min(after.stability, MAX_STABILITY)
        return CardState(
            card_id=card.card_id,
            state=int(after.state),
            step=after.step,
            stability=stability,
            difficulty=after.difficulty,
            due=after.due,
            last_review=after.last_review,
            reps=card.reps + 1,
            lapses=card.lapses + (1 if lapsed else 0),
            first_review=card.first_review or when,
        )

    def retrievability(self, card: CardState, now: datetime) -> float:
        """The predicted probability (0..1) that the student recalls the card at ``now``."""
        return float(self._fsrs().get_card_retrievability(to_fsrs(card), utc(now, "now")))


def to_fsrs(card: CardState) -> fsrs.Card:
    """``card`` as py-fsrs's own Card (fsrs is imported on first use)."""
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
