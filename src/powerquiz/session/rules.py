"""Small rules of a session: where "I was right" is offered, when input may end."""

from __future__ import annotations

from powerquiz.bank.model import Question
from powerquiz.session.prompter import Outcome

__all__ = ["OVERRIDABLE", "all_first_asked", "typed_something"]

#: The types whose answers are typed in the student's own words, so a marker could
#: wrongly refuse them: only these offer "I was right after all".  A pick from a list
#: (choice, multi, truefalse, order, match) is either the right one or not.
OVERRIDABLE = frozenset({"short", "cloze", "explain"})


def all_first_asked(outcomes: list[Outcome], queue: list[Question]) -> bool:
    """Whether every question in ``queue`` has been answered at least once."""
    answered = {o.asked.question.id for o in outcomes}
    return all(q.id in answered for q in queue)


def typed_something(answer: object) -> bool:
    """Whether a typed answer (a str, or one str per gap) has any text in it."""
    if isinstance(answer, str):
        return bool(answer.strip())
    if isinstance(answer, (list, tuple)):
        return any(isinstance(a, str) and a.strip() for a in answer)
    return False
