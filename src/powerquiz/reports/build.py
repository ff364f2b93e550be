"""``class_report(exports, bank)``: every figure of ``powerquiz class report``, plain data.

The views (terminal, JSON, HTML, CSV) only render a :class:`ClassReport`; ``doc`` is the
JSON object with exactly the keys docs/class-report.md lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from powerquiz.bank.model import Bank, Question
from powerquiz.progress import Review
from powerquiz.reports.fingerprint import fingerprint
from powerquiz.reports.items import cronbach_alpha, facility, mean, pearson, sample_sd
from powerquiz.reports.misconceptions import WrongGroup, group_wrong_answers, right_forms
from powerquiz.reports.students import ClassExport, Student, merge_students, student_figures
from powerquiz.scheduling import utc
from powerquiz.stats.history import is_right
from powerquiz.stats.memory import Memory

__all__ = ["FLAGS", "MIN_DISCRIMINATION_STUDENTS", "ClassReport", "class_report"]

#: Discrimination is given only where at least this many students answered (with others).
MIN_DISCRIMINATION_STUDENTS = 5
#: Facility under this is flagged too hard, over EASY too easy.
HARD, EASY = 0.2, 0.95
#: The flag codes of a question, and what each one tells the teacher.
FLAGS = {
    "too-hard": "too hard, or is the key right?",
    "too-easy": "no one misses it",
    "negative-discrimination": "the strongest students miss it: check the key",
}
#: How many wrong answers a question lists.
TOP_WRONG = 5
#: How many students the at-risk list names.
AT_RISK = 5


@dataclass
class ClassReport:
    """The figures: ``doc`` for --json, and what the other views also show."""

    doc: dict[str, Any]
    #: The students most at risk: {name, mastery, overdue}, weakest first.
    at_risk: list[dict[str, Any]] = field(default_factory=list)
    #: question id -> its wrong-answer groups (all of them, most given first).
    wrong: dict[str, list[WrongGroup]] = field(default_factory=dict)
    #: One row per student x question, for --csv.
    rows: list[dict[str, Any]] = field(default_factory=list)


def _score(review: Review) -> float:
    return 1.0 if review.override else min(1.0, max(0.0, review.score))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _first_scores(students: Sequence[Student]) -> list[dict[str, float]]:
    """Per student: question -> the score of their first answer to it."""
    out = []
    for student in students:
        first: dict[str, float] = {}
        for review in student.reviews:  # oldest first
            first.setdefault(review.question, _score(review))
        out.append(first)
    return out


def _discrimination(qid: str, firsts: Sequence[dict[str, float]]) -> float | None:
    item, rest = [], []
    for scores in firsts:
        if qid in scores and len(scores) > 1:
            item.append(scores[qid])
            rest.append((sum(scores.values()) - scores[qid]) / (len(scores) - 1))
    if len(item) < MIN_DISCRIMINATION_STUDENTS:
        return None
    return _round(pearson(item, rest))


def _flags(fac: float | None, disc: float | None) -> list[str]:
    flags = []
    if fac is not None and fac < HARD:
        flags.append("too-hard")
    if fac is not None and fac > EASY:
        flags.append("too-easy")
    if disc is not None and disc < 0:
        flags.append("negative-discrimination")
    return flags


def _question(
    q: Question, answers: Sequence[tuple[str, Review]], firsts: Sequence[dict[str, float]]
) -> tuple[dict[str, Any], list[WrongGroup]]:
    scores = [f[q.id] for f in firsts if q.id in f]
    fac = _round(facility(scores))
    disc = _discrimination(q.id, firsts)
    right = right_forms(q, [r.answer for _, r in answers if is_right(r)])
    wrong = [(name, r.answer) for name, r in answers
             if r.verdict == "wrong" and not r.override]
    groups = group_wrong_answers(q, wrong, right)
    return {
        "id": q.id,
        "topic": q.topic,
        "attempts": len(answers),
        "students": len({name for name, _ in answers}),
        "facility": fac,
        "discrimination": disc,
        "flags": _flags(fac, disc),
        "wrong_answers": [
            {"answer": g.answer, "count": g.count, "students": len(g.students),
             "known": g.known}
            for g in groups[:TOP_WRONG]
        ],
    }, groups


def _exam(students: Sequence[Student]) -> dict[str, Any] | None:
    """Each exam-sitting student's score (mean of their first exam mark per question), the
    mean, the sample SD, and alpha over the questions every one of them answered."""
    sheets: list[tuple[str, dict[str, float]]] = []
    for student in students:
        marks: dict[str, float] = {}
        for review in student.reviews:
            if review.kind == "exam":
                marks.setdefault(review.question, _score(review))
        if marks:
            sheets.append((student.name, marks))
    if not sheets:
        return None
    results = [sum(m.values()) / len(m) for _, m in sheets]
    common = set.intersection(*(set(m) for _, m in sheets))
    return {
        "students": [{"name": n, "score": round(s, 4)}
                     for (n, _), s in zip(sheets, results, strict=True)],
        "mean": _round(mean(results)),
        "sd": _round(sample_sd(results)),
        "alpha": _round(cronbach_alpha([m for _, m in sheets], sorted(common))),
    }


def _changed(bank: Bank, students: Sequence[Student]) -> list[str]:
    now = {q.id: fingerprint(q) for q in bank.questions}
    return sorted({qid for s in students for qid, fp in s.fingerprints.items()
                   if qid in now and fp != now[qid]})


def _rows(bank: Bank, students: Sequence[Student], memory: Memory,
          when: datetime) -> list[dict[str, Any]]:
    rows = []
    for student in students:
        mine: dict[str, list[Review]] = {}
        for review in student.reviews:
            mine.setdefault(review.question, []).append(review)
        for q in bank.questions:
            answers = mine.get(q.id, [])
            rows.append({
                "student": student.name, "question": q.id, "topic": q.topic,
                "attempts": len(answers),
                "first_score": _score(answers[0]) if answers else None,
                "last_score": _score(answers[-1]) if answers else None,
                "right": sum(map(is_right, answers)),
                "recall": round(memory.recall(student.cards.get(q.id), when), 4),
            })
    return rows


def _anonymise(students: list[Student]) -> None:
    for number, student in enumerate(sorted(students, key=lambda s: s.order), start=1):
        student.name = f"S{number}"


def class_report(
    exports: Sequence[ClassExport], bank: Bank, now: datetime | None = None,
    *, anonymise: bool = False,
) -> ClassReport:
    """Merge ``exports`` into the figures of ``bank`` (answers to other banks, or to
    questions no longer in it, are left out)."""
    when = utc(now, "now") if now is not None else datetime.now(timezone.utc)
    students = merge_students(exports, bank.id)
    in_bank = {q.id for q in bank.questions}
    for student in students:  # answers to questions gone from the bank count nowhere
        student.reviews = [r for r in student.reviews if r.question in in_bank]
    if anonymise:
        _anonymise(students)
    else:
        students.sort(key=lambda s: (s.name.casefold(), s.order))
    memory = Memory()
    figures = [student_figures(s, bank, when, memory) for s in students]
    firsts = _first_scores(students)
    by_question: dict[str, list[tuple[str, Review]]] = {}
    for student in students:
        for r in student.reviews:
            by_question.setdefault(r.question, []).append((student.name, r))
    questions, wrong = [], {}
    for q in bank.questions:
        row, groups = _question(q, by_question.get(q.id, []), firsts)
        questions.append(row)
        wrong[q.id] = groups
    doc = {
        "bank": {"id": bank.id, "title": bank.title},
        "students": [{k: f[k] for k in ("name", "reviews", "seen", "mastery", "accuracy",
                                        "topics")} for f in figures],
        "questions": questions,
        "topics": _topics(bank, by_question, figures),
        "points": _points(bank, firsts, figures),
        "exam": _exam(students),
        "changed_questions": _changed(bank, students),
    }
    risky = sorted(figures, key=lambda f: (f["mastery"] or 0.0, -int(f["overdue"]),
                                           str(f["name"]).casefold()))
    at_risk = [{"name": f["name"], "mastery": f["mastery"], "overdue": f["overdue"]}
               for f in risky[:AT_RISK]]
    return ClassReport(doc, at_risk, wrong, _rows(bank, students, memory, when))


def _topics(bank: Bank, by_question: dict[str, list[tuple[str, Review]]],
            figures: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for topic in bank.topics:
        answers = [r for q in bank.questions if q.topic == topic.id
                   for _, r in by_question.get(q.id, [])]
        masteries = [f["topics"][topic.id]["mastery"] for f in figures
                     if f["topics"].get(topic.id, {}).get("mastery") is not None]
        rows.append({
            "id": topic.id,
            "mastery": _round(mean(masteries)),
            "accuracy": _round(mean([float(is_right(r)) for r in answers])),
        })
    return rows


def _points(bank: Bank, firsts: Sequence[dict[str, float]],
            figures: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for point in bank.points:
        ids = {q.id for q in bank.questions if point.id in q.points}
        practised = sum(1 for answered in firsts if not ids.isdisjoint(answered))
        masteries = [f["points"][point.id] for f in figures
                     if f["points"].get(point.id) is not None]
        rows.append({"id": point.id, "mastery": _round(mean(masteries)),
                     "students_practised": practised})
    return rows
