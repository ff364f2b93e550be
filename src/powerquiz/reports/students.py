"""The class, student by student: merging the exports, and each student's memory figures.

A student is every export with the same display name (case and spacing aside), and
every export sharing a review with one of theirs (the same progress, exported twice, or
copied between computers).  The same review (by id) counts once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from operator import attrgetter
from typing import Any

from powerquiz.bank.model import Bank
from powerquiz.progress import Review
from powerquiz.scheduling import CardState
from powerquiz.stats import GONE, StatsInput, build_report
from powerquiz.stats.history import is_right
from powerquiz.stats.memory import Memory

__all__ = ["ClassExport", "Student", "merge_students", "student_figures"]


@dataclass(frozen=True)
class ClassExport:
    """One student's export as the report reads it (plain data, no file)."""

    #: Where it came from (a file name), used as the name when the export has none.
    source: str
    reviews: Sequence[Review]
    name: str | None = None
    #: question id -> fingerprint of the question as it was when answered.
    fingerprints: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Student:
    """One student of the class, however many exports they handed in."""

    name: str
    #: Their reviews of the bank, each once, corrections folded, oldest first.
    reviews: list[Review]
    fingerprints: dict[str, str]
    #: The card of each question: that of its latest review that has one.
    cards: dict[str, CardState] = field(default_factory=dict)
    order: int = 0


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _groups(exports: Sequence[ClassExport]) -> list[list[int]]:
    """Indices of the exports, grouped by student (union by name and by shared reviews)."""
    parent = list(range(len(exports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    owner: dict[str, int] = {}
    for i, export in enumerate(exports):
        if export.name:
            j = owner.setdefault("name:" + _key(export.name), i)
            join(i, j)
        for review in export.reviews:
            join(i, owner.setdefault(review.id, i))
    groups: dict[int, list[int]] = {}
    for i in range(len(exports)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values())


def merge_students(exports: Sequence[ClassExport], bank_id: str) -> list[Student]:
    """The class: one :class:`Student` per person, in the order they first appear."""
    students = []
    for order, members in enumerate(_groups(exports)):
        unique: dict[str, Review] = {}
        prints: dict[str, str] = {}
        name = None
        for i in members:
            export = exports[i]
            name = name or export.name
            prints.update(export.fingerprints)
            for review in export.reviews:
                if review.bank == bank_id:
                    unique.setdefault(review.id, review)
        corrected = {r.corrects for r in unique.values() if r.corrects}
        reviews = sorted((r for r in unique.values() if r.id not in corrected),
                         key=attrgetter("at"))
        cards: dict[str, CardState] = {}
        for review in reviews:
            if review.card is not None:
                cards[review.question] = review.card
        shown = name or exports[members[0]].source
        students.append(Student(shown, reviews, prints, cards, order))
    return students


def _accuracy(reviews: Sequence[Review]) -> float | None:
    return round(sum(map(is_right, reviews)) / len(reviews), 4) if reviews else None


def student_figures(
    student: Student, bank: Bank, now: datetime, memory: Memory
) -> dict[str, Any]:
    """Reviews, questions seen, mastery (mean FSRS recall now over the bank, as ``powerquiz
    stats`` computes it), accuracy (right answers over all answers), and both per topic;
    with ``points`` (point -> mastery) and ``overdue`` (cards due by now) for the views."""
    in_bank = {q.id: q for q in bank.questions}
    reviews = [r for r in student.reviews if r.question in in_bank]
    report = build_report(StatsInput(bank=bank, reviews=reviews, cards=student.cards,
                                     now=now, tz=timezone.utc))
    recall = [memory.recall(student.cards.get(q.id), now) for q in bank.questions]
    topics: dict[str, dict[str, float | None]] = {}
    for row in report["topics"]:
        if row["id"] == GONE:
            continue
        answers = [r for r in reviews if in_bank[r.question].topic == row["id"]]
        topics[row["id"]] = {"mastery": row["mastery"], "accuracy": _accuracy(answers)}
    return {
        "name": student.name,
        "reviews": len(reviews),
        "seen": len({r.question for r in reviews}),
        "mastery": round(sum(recall) / len(recall), 4) if recall else None,
        "accuracy": _accuracy(reviews),
        "topics": topics,
        "points": {row["id"]: row["mastery"] for row in report["points"]},
        "overdue": sum(1 for q, c in student.cards.items() if q in in_bank and c.due <= now),
    }
