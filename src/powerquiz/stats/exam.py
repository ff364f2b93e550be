"""The exam day: predicted recall per topic and point, and the revision that would lift it."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, tzinfo
from typing import Any

from powerquiz.bank.model import Bank, Question
from powerquiz.scheduling import CardState
from powerquiz.stats.days import local_date, local_instant
from powerquiz.stats.memory import Memory

__all__ = ["EXAM_TIME", "exam_figures", "exam_instant", "exam_priorities"]

#: Recall is predicted for this local time on the exam day (a morning exam).
EXAM_TIME = time(9, 0)


def exam_instant(day: date, tz: tzinfo) -> datetime:
    """When on ``day`` the exam's recall is predicted for."""
    return local_instant(day, tz, EXAM_TIME)


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def exam_figures(
    bank: Bank,
    chosen: Sequence[Question],
    cards: Mapping[str, CardState],
    memory: Memory,
    now: datetime,
    tz: tzinfo,
    exam: date,
    desired: float,
) -> dict[str, Any]:
    """Predicted recall on ``exam`` with no more revision, and the reviews a day it needs.

    Recall is FSRS's retrievability at :data:`EXAM_TIME` on the exam day (a question
    never drilled counts 0).  ``reviews_per_day`` is the reviews FSRS would schedule,
    from now to the exam, for every question predicted below ``desired`` (each review
    going well), spread over the days left, rounded up: after them every question, and
    so every topic, is at the desired retention or above on the day.
    """
    when = max(exam_instant(exam, tz), now)  # an exam today may already be under way
    recall = {q.id: memory.recall(cards.get(q.id), when) for q in chosen}
    chosen_ids = {q.id for q in chosen}
    topics = [
        {"id": t.id, "recall": _mean([recall[q.id] for q in chosen if q.topic == t.id])}
        for t in bank.topics
        if any(q.topic == t.id for q in chosen)
    ]
    points = [
        {"id": p.id, "recall": _mean([recall[q.id] for q in chosen if p.id in q.points])}
        for p in bank.points
        if any(p.id in q.points for q in chosen)
    ]
    needed = sum(  # at least one review for a question below the goal, whatever FSRS says
        max(1, memory.reviews_until(cards.get(qid), now, when))
        for qid in sorted(chosen_ids)
        if recall[qid] < desired
    )
    days = max(1, (exam - local_date(now, tz)).days)
    return {
        "date": exam.isoformat(),
        "topics": topics,
        "points": points,
        "reviews_per_day": math.ceil(needed / days),
    }


def exam_priorities(
    cards: Mapping[str, CardState],
    exam: date,
    tz: tzinfo,
    desired: float = 0.9,
    parameters: Sequence[float] | None = None,
) -> list[str]:
    """The seen questions predicted below ``desired`` on the exam day, weakest first.

    For ``drill --exam``: what to bring forward besides what FSRS has due (ties by id).
    """
    memory = Memory(parameters, desired)
    when = exam_instant(exam, tz)
    recall = {
        qid: memory.recall(card, when)
        for qid, card in cards.items()
        if card.last_review is not None
    }
    return sorted((q for q, r in recall.items() if r < desired), key=lambda q: (recall[q], q))
