"""Builders shared by the explain marker's rule tests: a question from scheme entries."""

from __future__ import annotations

from powerquiz.bank.model import Question, SchemeEntry
from powerquiz.marking.schememark import assess


def explain(prompt: str, *scheme: SchemeEntry, answer: str, explanation: str = "") -> Question:
    """An explain question worth every entry's marks and details, with ``answer`` as its
    model answer."""
    marks = sum(e.marks + (e.detail.marks if e.detail else 0) for e in scheme)
    return Question("q", "t", "explain", prompt=prompt, marks=marks, scheme=scheme,
                    model_answer=answer, explain=explanation)


def credited(q: Question, answer: str) -> list[str]:
    """The credits ``answer`` earns for ``q``."""
    return assess(q, answer).credited
