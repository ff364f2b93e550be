"""How well a bank's questions cover its learning points, as plain data.

For each learning point: the questions that test it (a question tests the points it
lists in ``points``).  A point tested by fewer than ``min_questions`` questions (two by
default, as the bank-format guide recommends: one question is soon learnt by heart) is
*thinly tested*.  For each topic: how many questions of each type it has; a topic with
no question at all is reported too.  The command line (``powerquiz coverage``) prints
this; nothing here prints or reads files.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from powerquiz.bank.model import QUESTION_TYPES, Bank, Point, QuestionType


@dataclass(frozen=True)
class QuestionRef:
    """A question, as far as coverage cares: its id and type."""

    id: str
    type: QuestionType


@dataclass(frozen=True)
class PointCoverage:
    """A learning point and the questions that test it, in bank order."""

    point: Point
    questions: tuple[QuestionRef, ...]

    @property
    def tested(self) -> bool:
        return bool(self.questions)

    @property
    def types(self) -> dict[QuestionType, int]:
        """How many of its questions are of each type, in the order of QUESTION_TYPES."""
        counts = Counter(q.type for q in self.questions)
        return {t: counts[t] for t in QUESTION_TYPES if counts[t]}


@dataclass(frozen=True)
class TopicCoverage:
    """A topic's questions counted by type, and its learning points."""

    id: str
    title: str
    #: Every question type, in the order of QUESTION_TYPES, with its count (0 included).
    counts: dict[QuestionType, int]
    points: int
    untested_points: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


#: How many questions a learning point should have, unless told otherwise.
MIN_QUESTIONS = 2


@dataclass(frozen=True)
class CoverageReport:
    """A bank's coverage: its points, its topics and what is missing."""

    bank_id: str
    title: str
    points: tuple[PointCoverage, ...]
    topics: tuple[TopicCoverage, ...]
    #: Questions that name no learning point.
    unlinked: tuple[QuestionRef, ...]
    #: (question id, point id) for each point a question names that the bank lacks.
    unknown_points: tuple[tuple[str, str], ...]
    #: A point tested by fewer questions than this (but at least one) is thinly tested.
    min_questions: int = MIN_QUESTIONS

    @property
    def untested(self) -> tuple[PointCoverage, ...]:
        return tuple(p for p in self.points if not p.tested)

    @property
    def tested(self) -> tuple[PointCoverage, ...]:
        return tuple(p for p in self.points if p.tested)

    @property
    def thin(self) -> tuple[PointCoverage, ...]:
        """Points tested, but by fewer than ``min_questions`` questions."""
        return tuple(p for p in self.points
                     if p.tested and len(p.questions) < self.min_questions)

    @property
    def empty_topics(self) -> tuple[TopicCoverage, ...]:
        """Topics the bank declares that no question belongs to."""
        return tuple(t for t in self.topics if t.total == 0)

    @property
    def complete(self) -> bool:
        """True when every learning point is tested (a bank without points is complete)."""
        return not self.untested

    @property
    def sound(self) -> bool:
        """True when every point has ``min_questions`` questions and every topic one:
        what ``coverage --strict`` asks of a bank before it is shared."""
        return not (self.untested or self.thin or self.empty_topics)

    def type_totals(self) -> dict[QuestionType, int]:
        """Questions of each type across all topics, in the order of QUESTION_TYPES."""
        return {t: sum(topic.counts[t] for topic in self.topics) for t in QUESTION_TYPES}


def coverage(bank: Bank, *, min_questions: int = MIN_QUESTIONS) -> CoverageReport:
    """The coverage report of ``bank``: works on any bank, even one that does not validate.

    ``min_questions`` (at least 1) is the fewest questions a point should have.
    """
    if min_questions < 1:
        raise ValueError("min_questions must be at least 1")
    known = {p.id for p in bank.points}
    testers: dict[str, list[QuestionRef]] = {p.id: [] for p in bank.points}
    unlinked: list[QuestionRef] = []
    unknown: list[tuple[str, str]] = []
    for q in bank.questions:
        ref = QuestionRef(q.id, q.type)
        if not q.points:
            unlinked.append(ref)
        for pid in dict.fromkeys(q.points):
            if pid in known:
                testers[pid].append(ref)
            else:
                unknown.append((q.id, pid))

    points = tuple(PointCoverage(p, tuple(testers[p.id])) for p in bank.points)

    topic_ids = [t.id for t in bank.topics]
    titles = {t.id: t.title for t in bank.topics}
    for q in bank.questions:
        if q.topic not in titles:
            titles[q.topic] = q.topic
            topic_ids.append(q.topic)
    for p in bank.points:
        if p.topic not in titles:
            titles[p.topic] = p.topic
            topic_ids.append(p.topic)

    by_topic = Counter((q.topic, q.type) for q in bank.questions)
    topics = tuple(
        TopicCoverage(
            id=tid,
            title=titles[tid],
            counts={t: by_topic[(tid, t)] for t in QUESTION_TYPES},
            points=sum(1 for p in points if p.point.topic == tid),
            untested_points=sum(1 for p in points if p.point.topic == tid and not p.tested),
        )
        for tid in topic_ids
    )
    return CoverageReport(
        bank_id=bank.id,
        title=bank.title,
        points=points,
        topics=topics,
        unlinked=tuple(unlinked),
        unknown_points=tuple(unknown),
        min_questions=min_questions,
    )
