"""Marking a bank's own answers: an answer the marker refuses is a bank error.

A teacher finds out at ``powerquiz validate`` time, not in class, that an
alternative would be refused or that a ``wrong:`` entry would be accepted.  The
check is registered with the loader (:data:`powerquiz.bank.registry.BANK_CHECKS`),
so drill and export refuse such a bank as validate does.

Which answers each type gives as right, and how a ``wrong:`` entry could be
accepted, is said by each type's kind (:mod:`powerquiz.qtypes`); the rules shared
by several kinds are here.
"""

from __future__ import annotations

from powerquiz.bank.model import Bank, Question
from powerquiz.bank.problems import Problem
from powerquiz.bank.registry import TYPES, ModelAnswer, register_check
from powerquiz.marking.compiled import Compiled, compiled
from powerquiz.marking.markers import outcome
from powerquiz.marking.result import clamped, make_mark, verdict_of


def answers_none(q: Question) -> list[ModelAnswer]:
    """A self-rated question has no answer for the marker to accept."""
    return []


def accepted_whole(q: Question) -> list[tuple[str, str]]:
    """Each ``wrong:`` entry marked correct as the whole answer."""
    if not q.wrong:
        return []  # (not even a look-up of the compiled answers, which hashes ``q``)
    c = compiled(q)
    return [(w.text, "it is marked correct") for w in q.wrong if full_marks(q, c, w.text)]


def full_marks(q: Question, c: Compiled, answer: str) -> bool:
    """Whether ``mark(q, answer).correct``, without writing out the mark's feedback."""
    return verdict_of(clamped(outcome(q, c, answer).score)) == "correct"


def model_answers(q: Question) -> list[ModelAnswer]:
    """Every answer the bank gives as right: (field, description, answer)."""
    return TYPES[q.type].model_answers(q)


def check_question(q: Question, source: str) -> list[Problem]:
    """The selfcheck errors of one question (``source`` names its file)."""
    problems: list[Problem] = []
    answers = model_answers(q)
    c = compiled(q) if answers else None
    for key, what, answer in answers:
        assert c is not None
        out = outcome(q, c, answer)
        if verdict_of(clamped(out.score)) == "correct":  # mark(q, answer).correct
            continue
        m = make_mark(out.score, out.feedback, "", out.typos)  # its verdict and feedback
        loc = q.where(key)
        why = "; ".join(m.feedback)
        problems.append(Problem(source, loc.line, loc.col,
                                f"question '{q.id}': the marker does not accept {what} "
                                f"({m.verdict}: {why})"))
    for key, what in TYPES[q.type].unaccepted_parts(q):
        loc = q.where(key)
        problems.append(Problem(source, loc.line, loc.col,
                                f"question '{q.id}': the marker does not accept {what}"))
    for text, how in TYPES[q.type].wrong_accepted(q):
        loc = q.where("wrong")
        problems.append(Problem(source, loc.line, loc.col,
                                f"question '{q.id}': the wrong answer '{text}' would not be "
                                f"refused: {how}"))
    return problems


def selfcheck(bank: Bank) -> list[Problem]:
    """Errors for model answers not marked correct, and wrong: entries marked correct."""
    source = bank.source or bank.id
    return [p for q in bank.questions for p in check_question(q, source)]


register_check(selfcheck)
