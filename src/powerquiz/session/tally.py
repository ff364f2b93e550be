"""Counting a session's answers for its summary: first tries, topics, what was recovered."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from powerquiz.bank.model import Bank, Question
from powerquiz.session.banks import topic_labels
from powerquiz.session.prompter import Outcome, TopicScore

__all__ = ["Tally", "tally", "tally_banks"]


@dataclass(frozen=True)
class Tally:
    #: Each question's first answer in the session (what the score counts).
    first: tuple[Outcome, ...]
    topics: tuple[TopicScore, ...]
    #: First answers not marked fully correct.
    missed: tuple[Outcome, ...]
    #: Of ``missed``, how many were answered right when asked again.
    recovered: int
    #: Each bank's score (its title as ``topic``), when there are several.
    banks: tuple[TopicScore, ...] = ()


def tally(bank: Bank, outcomes: Sequence[Outcome]) -> Tally:
    """The summary's counts for a session over one bank."""
    return tally_banks([bank], outcomes, lambda q: (0, q.topic))


def tally_banks(banks: Sequence[Bank], outcomes: Sequence[Outcome],
                origin: Callable[[Question], tuple[int, str]]) -> Tally:
    """The summary's counts for a session over ``banks`` (``origin`` says which one a
    question came from, and its topic id there): a line per topic of each bank, in the
    banks' order, naming the bank when two of them have a topic of the same id."""
    first = tuple(o for o in outcomes if o.asked.attempt == 1)
    by_topic: dict[tuple[int, str], list[Outcome]] = defaultdict(list)
    for o in first:
        by_topic[origin(o.asked.question)].append(o)
    labels = topic_labels(banks)
    topics = tuple(
        TopicScore(
            topic=labels[n][t.id],
            answered=len(by_topic[n, t.id]),
            correct=sum(o.mark.correct for o in by_topic[n, t.id]),
            score=sum(o.mark.score for o in by_topic[n, t.id]),
        )
        for n, bank in enumerate(banks)
        for t in bank.topics
        if by_topic.get((n, t.id))
    )
    final = {o.asked.question.id: o for o in outcomes}
    missed = tuple(o for o in first if not o.mark.correct)
    recovered = sum(final[o.asked.question.id].mark.correct for o in missed)
    return Tally(first, topics, missed, recovered, _per_bank(banks, first, origin))


def _per_bank(banks: Sequence[Bank], first: Sequence[Outcome],
              origin: Callable[[Question], tuple[int, str]]) -> tuple[TopicScore, ...]:
    if len(banks) < 2:
        return ()
    answered: list[list[Outcome]] = [[] for _ in banks]
    for o in first:
        answered[origin(o.asked.question)[0]].append(o)
    return tuple(TopicScore(topic=b.title, answered=len(got),
                            correct=sum(o.mark.correct for o in got),
                            score=sum(o.mark.score for o in got))
                 for b, got in zip(banks, answered, strict=True))
