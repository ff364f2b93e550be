"""Marking a bank's own answers: an answer the marker refuses is a bank error.

A teacher finds out at ``powerquiz validate`` time, not in class, that an
alternative would be refused or that a ``wrong:`` entry would be accepted.
"""

from __future__ import annotations

from powerquiz.bank.model import Bank, Question, join_list
from powerquiz.bank.problems import Problem
from powerquiz.marking.result import Answer
from powerquiz.marking.types import mark

#: Where each type keeps its answer in the bank file (for located messages).
ANSWER_KEY = {"order": "items", "match": "pairs", "cloze": "text"}


def model_answers(q: Question) -> list[tuple[str, str, Answer]]:
    """Every answer the bank gives as right: (field, description, answer)."""
    key = ANSWER_KEY.get(q.type, "answer")
    out: list[tuple[str, str, Answer]] = []
    if q.type == "short" and len(q.parts) == 1:
        out += [(key, f"its answer '{alt}'", alt) for alt in q.parts[0]]
        out += [("accept", f"its accepted answer '{a}'", a) for a in q.accept]
    elif q.type == "short" and q.parts:
        base = [p[0] for p in q.parts]
        out.append((key, f"its answer '{join_list(base)}'", join_list(base)))
        for i, part in enumerate(q.parts):
            for alt in part[1:]:
                answer = join_list([*base[:i], alt, *base[i + 1 :]])
                out.append((key, f"the alternative '{alt}' (as '{answer}')", answer))
    elif q.type == "choice" and q.correct:
        out.append((key, f"its answer '{q.correct[0]}'", q.correct[0]))
        if q.correct[0] in q.options:
            number = str(q.options.index(q.correct[0]) + 1)
            out.append((key, f"its answer given as option {number}", number))
    elif q.type == "multi" and q.correct:
        out.append((key, f"its answer '{join_list(list(q.correct))}'", list(q.correct)))
        out.append((key, f"its answer typed as '{', '.join(q.correct)}'", ", ".join(q.correct)))
    elif q.type == "truefalse":
        out.append((key, f"its answer {q.truth}", q.truth))
        out.append((key, f"its answer typed as '{str(q.truth).lower()}'", str(q.truth).lower()))
    elif q.type == "order" and q.items:
        out.append((key, "its items in their order", list(q.items)))
        out.append((key, "its items typed with ' > '", " > ".join(q.items)))
    elif q.type == "match" and q.pairs:
        out.append((key, "its pairs", dict(q.pairs)))
        typed = "; ".join(f"{left}={right}" for left, right in q.pairs)
        out.append((key, f"its pairs typed as '{typed}'", typed))
    elif q.type == "cloze" and q.gaps:
        base = [g[0] for g in q.gaps]
        out.append((key, f"its gaps '{' | '.join(base)}'", base))
        for i, gap in enumerate(q.gaps):
            for alt in gap[1:]:
                cloze: list[str] = [*base[:i], alt, *base[i + 1 :]]
                out.append((key, f"the alternative '{alt}' for gap {i + 1}", cloze))
    return out


def _wrong_accepted(q: Question) -> list[tuple[str, str]]:
    """(wrong entry, how it is accepted) for each ``wrong:`` entry the marker accepts."""
    out: list[tuple[str, str]] = []
    for w in q.wrong:
        if q.type == "short" and len(q.parts) > 1:
            m = mark(q, w.text)
            if m.score > 0:
                out.append((w.text, "it is read as one of the needed parts"))
        elif q.type == "cloze":
            base = [g[0] for g in q.gaps]
            for i in range(len(base)):
                if mark(q, [*base[:i], w.text, *base[i + 1 :]]).correct:
                    out.append((w.text, f"it is accepted in gap {i + 1}"))
        elif q.type != "recall" and mark(q, w.text).correct:
            out.append((w.text, "it is marked correct"))
    return out


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
    for text, how in _wrong_accepted(q):
        loc = q.where("wrong")
        problems.append(Problem(source, loc.line, loc.col,
                                f"question '{q.id}': the wrong answer '{text}' would not be "
                                f"refused: {how}"))
    return problems


def selfcheck(bank: Bank) -> list[Problem]:
    """Errors for model answers not marked correct, and wrong: entries marked correct."""
    source = bank.source or bank.id
    return [p for q in bank.questions for p in check_question(q, source)]
