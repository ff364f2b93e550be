"""Counting a session's answers for its summary: first tries, topics, what was recovered."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from powerquiz.bank.model import Bank
from powerquiz.session.prompter import Outcome, TopicScore

__all__ = ["Tally", "tally"]


@dataclass(frozen=True)
class Tally:
    #: Each question's first answer in the session (what the score counts).
    first: tuple[Outcome, ...]
    topics: tuple[TopicScore, ...]
    #: First answers not marked fully correct.
    missed: tuple[Outcome, ...]
    #: Of ``missed``, how many were answered right when asked again.
    recovered: int


def tally(bank: Bank, outcomes: Sequence[Outcome]) -> Tally:
    first = tuple(o for o in outcomes if o.asked.attempt == 1)
    by_topic: dict[str, list[Outcome]] = defaultdict(list)
    for o in first:
        by_topic[o.asked.question.topic].append(o)
    topics = tuple(
        TopicScore(
            topic=t.id,
            answered=len(by_topic[t.id]),
            correct=sum(o.mark.correct for o in by_topic[t.id]),
            score=sum(o.mark.score for o in by_topic[t.id]),
        )
        for t in bank.topics
        if by_topic.get(t.id)
    )
    final = {o.asked.question.id: o for o in outcomes}
    missed = tuple(o for o in first if not o.mark.correct)
    recovered = sum(final[o.asked.question.id].mark.correct for o in missed)
    return Tally(first, topics, missed, recovered)
