"""Marking a bank's own answers: an answer the marker refuses is a bank error.

A teacher finds out at ``powerquiz validate`` time, not in class, that an
alternative would be refused or that a ``wrong:`` entry would be accepted.  The
check is registered with the loader (:data:`powerquiz.bank.registry.BANK_CHECKS`),
so drill and export refuse such a bank as validate does.

Which answers each type gives as right, and how a ``wrong:`` entry could be
accepted, is said by each type's kind; the per-type lists are here.
"""

from __future__ import annotations

from powerquiz.bank.model import Bank, Question, join_list
from powerquiz.bank.problems import Problem
from powerquiz.bank.registry import TYPES, ModelAnswer, register_check
from powerquiz.marking.entry_markers import mark_gap
from powerquiz.marking.markers import mark


def answers_short(q: Question) -> list[ModelAnswer]:
    out: list[ModelAnswer] = []
    if len(q.parts) == 1:
        out += [("answer", f"its answer '{alt}'", alt) for alt in q.parts[0]]
        out += [("accept", f"its accepted answer '{a}'", a) for a in q.accept]
    elif q.parts:
        base = [p[0] for p in q.parts]
        out.append(("answer", f"its answer '{join_list(base)}'", join_list(base)))
        for i, part in enumerate(q.parts):
            for alt in part[1:]:
                answer = join_list([*base[:i], alt, *base[i + 1 :]])
                out.append(("answer", f"the alternative '{alt}' (as '{answer}')", answer))
    return out


def answers_choice(q: Question) -> list[ModelAnswer]:
    if not q.correct:
        return []
    out: list[ModelAnswer] = [("answer", f"its answer '{q.correct[0]}'", q.correct[0])]
    if q.correct[0] in q.options:
        number = str(q.options.index(q.correct[0]) + 1)
        out.append(("answer", f"its answer given as option {number}", number))
    return out


def answers_multi(q: Question) -> list[ModelAnswer]:
    if not q.correct:
        return []
    return [("answer", f"its answer '{join_list(list(q.correct))}'", list(q.correct)),
            ("answer", f"its answer typed as '{', '.join(q.correct)}'", ", ".join(q.correct))]


def answers_truefalse(q: Question) -> list[ModelAnswer]:
    return [("answer", f"its answer {q.truth}", q.truth),
            ("answer", f"its answer typed as '{str(q.truth).lower()}'", str(q.truth).lower())]


def answers_order(q: Question) -> list[ModelAnswer]:
    if not q.items:
        return []
    return [("items", "its items in their order", list(q.items)),
            ("items", "its items typed with ' > '", " > ".join(q.items))]


def answers_match(q: Question) -> list[ModelAnswer]:
    if not q.pairs:
        return []
    typed = "; ".join(f"{left}={right}" for left, right in q.pairs)
    return [("pairs", "its pairs", dict(q.pairs)),
            ("pairs", f"its pairs typed as '{typed}'", typed)]


def answers_cloze(q: Question) -> list[ModelAnswer]:
    """The first answer of every gap together (alternatives: see :func:`_gap_problems`)."""
    if not q.gaps:
        return []
    base = [g[0] for g in q.gaps]
    return [("text", f"its gaps '{' | '.join(base)}'", base)]


def answers_none(q: Question) -> list[ModelAnswer]:
    """A self-rated question has no answer for the marker to accept."""
    return []


def accepted_whole(q: Question) -> list[tuple[str, str]]:
    """Each ``wrong:`` entry marked correct as the whole answer."""
    return [(w.text, "it is marked correct") for w in q.wrong if mark(q, w.text).correct]


def accepted_short(q: Question) -> list[tuple[str, str]]:
    if len(q.parts) <= 1:
        return accepted_whole(q)
    return [(w.text, "it is read as one of the needed parts")
            for w in q.wrong if mark(q, w.text).score > 0]


def accepted_cloze(q: Question) -> list[tuple[str, str]]:
    """Each ``wrong:`` entry accepted in some gap (each gap marked on its own)."""
    out: list[tuple[str, str]] = []
    for w in q.wrong:
        for i in range(len(q.gaps)):
            if mark_gap(q, i, w.text) >= 1.0:
                out.append((w.text, f"it is accepted in gap {i + 1}"))
    return out


def model_answers(q: Question) -> list[ModelAnswer]:
    """Every answer the bank gives as right: (field, description, answer)."""
    return TYPES[q.type].model_answers(q)


def _gap_problems(q: Question) -> list[tuple[str, str]]:
    """(field, what) for each cloze alternative its own gap does not accept.

    Each alternative is marked in its gap alone (the other gaps as written), so a
    cloze of 100 gaps of 8 alternatives costs 800 gap marks, not 800 whole marks.
    """
    if q.type != "cloze":
        return []
    return [("text", f"the alternative '{alt}' for gap {i + 1}")
            for i, gap in enumerate(q.gaps) for alt in gap[1:]
            if mark_gap(q, i, alt) < 1.0]


def check_question(q: Question, source: str) -> list[Problem]:
    """The selfcheck errors of one question (``source`` names its file)."""
    problems: list[Problem] = []
    for key, what, answer in model_answers(q):
        m = mark(q, answer)
        if not m.correct:
            loc = q.where(key)
            why = "; ".join(m.feedback)
            problems.append(Problem(source, loc.line, loc.col,
                                    f"question '{q.id}': the marker does not accept {what} "
                                    f"({m.verdict}: {why})"))
    for key, what in _gap_problems(q):
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
