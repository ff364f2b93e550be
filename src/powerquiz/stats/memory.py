"""What FSRS predicts about a student's memory: retrievability now or on a given day.

Asks the ``fsrs`` package itself (never a copy of its formulas), with the student's
fitted parameters when there are some.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from powerquiz.scheduling import CardState, utc
from powerquiz.scheduling.fsrs_adapter import to_fsrs

__all__ = ["Memory"]

#: A simulated revision plan gives up after this many reviews of one question.
_MAX_SIMULATED = 200


class Memory:
    """FSRS's predictions with one set of parameters (the defaults when None)."""

    def __init__(
        self, parameters: Sequence[float] | None = None, desired_retention: float = 0.9
    ) -> None:
        import fsrs

        if parameters is None:
            self._scheduler = fsrs.Scheduler(
                desired_retention=desired_retention, enable_fuzzing=False
            )
        else:
            self._scheduler = fsrs.Scheduler(
                parameters=tuple(parameters),
                desired_retention=desired_retention,
                enable_fuzzing=False,
            )

    def recall(self, card: CardState | None, when: datetime) -> float:
        """The probability (0..1) of recalling the question at ``when``; 0 when never drilled."""
        if card is None or card.last_review is None:
            return 0.0
        value = self._scheduler.get_card_retrievability(to_fsrs(card), utc(when, "when"))
        return min(1.0, max(0.0, float(value)))

    def reviews_until(self, card: CardState | None, now: datetime, end: datetime) -> int:
        """How many reviews FSRS would schedule from ``now`` to ``end`` if each went well.

        A question never drilled starts as a new card at ``now``; a drilled one is first
        reviewed when due (or now if overdue).  After the last of them the question's next
        due date is past ``end``, so its recall at ``end`` is at least the desired retention.
        """
        import fsrs

        now, end = utc(now, "now"), utc(end, "end")
        current = fsrs.Card(due=now) if card is None else to_fsrs(card)
        when = max(now, current.due)
        count = 0
        while when <= end and count < _MAX_SIMULATED:
            current, _log = self._scheduler.review_card(current, fsrs.Rating.Good, when)
            count += 1
            when = max(current.due, when + timedelta(seconds=1))
        return count
