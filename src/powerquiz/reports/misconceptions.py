"""The class's wrong answers to one question, grouped as the marker reads them.

Answers are folded by :func:`powerquiz.marking.normalize.fold` (case, accents,
punctuation, number words and date orders aside), and folded answers that differ only by
typos the marker would forgive (:mod:`powerquiz.marking.typos`, word by word) are one
group.  A group that matches a right answer (the bank's, or one the class had marked
right) is never listed: it is not a misconception.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from powerquiz.bank.model import Question
from powerquiz.marking.normalize import fold, is_no_answer, tokenize
from powerquiz.marking.typos import allowed_edits, distance, is_slip, spelling_key

__all__ = ["WrongGroup", "group_wrong_answers", "right_forms", "same_answer"]


@dataclass
class WrongGroup:
    """One wrong answer and its typo variants."""

    #: The folded form the group is known by (its most common one).
    folded: str
    count: int = 0
    students: set[str] = field(default_factory=set)
    spellings: Counter[str] = field(default_factory=Counter)
    #: The bank already has a ``wrong:`` entry for it.
    known: bool = False

    @property
    def answer(self) -> str:
        """The answer as most often typed (ties: the first in sort order)."""
        return min(self.spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0]


@lru_cache(maxsize=65536)
def fold_cached(text: str) -> str:
    """``fold(text)``, remembered: a class repeats the same answers many times."""
    return fold(text)


@lru_cache(maxsize=65536)
def _no_answer(text: str) -> bool:
    return is_no_answer(tokenize(text))


def _same_word(a: str, b: str) -> bool:
    if a == b or spelling_key(a) == spelling_key(b):
        return True
    longer = a if len(a) >= len(b) else b
    edits = distance(a, b)
    return 0 < edits <= allowed_edits(longer) and is_slip(a, b, edits)


@lru_cache(maxsize=65536)
def same_answer(a: str, b: str) -> bool:
    """Whether two folded answers are one answer up to the typos the marker forgives."""
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(_same_word(x, y) for x, y in zip(wa, wb, strict=True))


def right_forms(question: Question, marked_right: Iterable[str]) -> set[str]:
    """The folded right answers: the bank's, and what the class had marked right."""
    texts = [question.expected, *question.accept, *question.correct, *marked_right]
    texts += [alt for part in question.parts for alt in part]
    texts += [alt for gap in question.gaps for alt in gap]
    return {f for f in (fold_cached(t) for t in texts if t.strip()) if f}


def group_wrong_answers(
    question: Question, wrong: Iterable[tuple[str, str]], right: set[str]
) -> list[WrongGroup]:
    """Group ``(student, answer)`` pairs of wrong answers; most given first.

    Empty answers, "I don't know" and anything matching a folded form in ``right`` are left
    out.  ``known`` says whether a ``wrong:`` entry of the question matches the group.
    """
    by_form: dict[str, WrongGroup] = {}
    for student, answer in wrong:
        text = answer.strip()
        if not text or _no_answer(text):
            continue
        form = fold_cached(text)
        if not form:
            continue
        group = by_form.setdefault(form, WrongGroup(form))
        group.count += 1
        group.students.add(student)
        group.spellings[text] += 1
    merged: list[WrongGroup] = []
    for group in sorted(by_form.values(), key=lambda g: (-g.count, g.folded)):
        home = next((m for m in merged if same_answer(m.folded, group.folded)), None)
        if home is None:
            merged.append(group)
            continue
        home.count += group.count
        home.students |= group.students
        home.spellings.update(group.spellings)
    known = [fold_cached(w.text) for w in question.wrong]
    kept = []
    for group in merged:
        if any(same_answer(group.folded, r) for r in right):
            continue
        group.known = any(same_answer(group.folded, k) for k in known)
        kept.append(group)
    kept.sort(key=lambda g: (-g.count, -len(g.students), g.answer))
    return kept
