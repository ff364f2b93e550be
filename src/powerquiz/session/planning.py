"""The session's plan from the progress store: the drill and practice plans of one
bank or several (:mod:`powerquiz.session.banks`), read from each bank's own cards and
reviews.  The ordering rules themselves are :mod:`powerquiz.session.plan`'s."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from powerquiz.bank.model import Question
from powerquiz.progress import ProgressStore
from powerquiz.scheduling import CardState, Scheduler
from powerquiz.session.banks import MergedPlan, Part, Where, merge_drill
from powerquiz.session.missed import RECENT, last_missed_at
from powerquiz.session.plan import new_today, plan_drill, plan_practice

if TYPE_CHECKING:
    from powerquiz.session.config import SessionConfig

__all__ = ["drill_parts", "practice_parts"]


def drill_parts(parts: Sequence[Part], store: ProgressStore, config: SessionConfig,
                now: datetime) -> tuple[MergedPlan, list[dict[str, CardState]]]:
    """Each bank planned with its own new allowance and exam goal, then merged; and
    each bank's cards."""
    plans = []
    for part in parts:
        own = part.config or config
        cards = store.cards(part.bank.id)
        first_seen = [c.first_review for c in cards.values() if c.first_review is not None]
        allowance = own.new_per_day - new_today(first_seen, now)
        plans.append((plan_drill(part.questions, cards, now, limit=config.limit,
                                 new_allowance=allowance, exam=own.exam), cards))
    return merge_drill(plans, now, limit=config.limit), [c for _, c in plans]


def practice_parts(
    questions: Sequence[Question],
    where: dict[str, Where],
    parts: Sequence[Part],
    store: ProgressStore,
    schedulers: Sequence[Scheduler],
    config: SessionConfig,
    now: datetime,
    rng: random.Random,
) -> list[Question]:
    """Weakest first, questions missed lately before all others; with ``missed_only``
    just the questions last missed, most recent first (across the banks)."""
    since = config.since or (None if config.missed_only else RECENT)
    missed = [[(qid, at) for qid, at in last_missed_at(store.reviews(p.bank.id), now, since)]
              for p in parts]

    def origin(q: Question) -> Where:
        return where.get(q.id) or Where(0, q.id)

    if config.missed_only:
        by_origin = {(w.part, w.qid): q for q in questions for w in (origin(q),)}
        recent = sorted(((at, n, qid) for n, found in enumerate(missed) for qid, at in found),
                        key=lambda m: m[0], reverse=True)
        return [by_origin[(n, qid)] for _, n, qid in recent
                if (n, qid) in by_origin][:config.limit]
    recently = [{qid for qid, _ in found} for found in missed]
    cards = [store.cards(p.bank.id) for p in parts]

    def recall(q: Question) -> float | None:
        w = origin(q)
        card = cards[w.part].get(w.qid)
        seen = card is not None and card.last_review is not None
        if w.qid in recently[w.part]:  # before every other question, weakest of them first
            return -1.0 + (schedulers[w.part].retrievability(card, now)
                           if card is not None and seen else 0.0)
        if card is None or not seen:
            return None
        return schedulers[w.part].retrievability(card, now)

    return plan_practice(questions, recall, limit=config.limit, rng=rng)
