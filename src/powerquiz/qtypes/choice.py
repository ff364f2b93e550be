"""The single choice: options and one answer (also the reading ``multi`` shares)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from random import Random
from typing import Any

from yaml.nodes import Node, SequenceNode

from powerquiz.bank.model import Bank, Question, join_list
from powerquiz.bank.problems import Problem, did_you_mean, quote
from powerquiz.bank.registry import ModelAnswer, QuestionKind, register, register_check
from powerquiz.bank.schema import Reader
from powerquiz.marking.compiled import compiled, resolve
from powerquiz.marking.markers import mark_choice
from powerquiz.marking.parse import ascii_numbers, parse_words
from powerquiz.marking.result import Answer, UnreadableAnswer
from powerquiz.marking.selfcheck import accepted_whole


def read_options(
    r: Reader, qtype: str, fields: Mapping[str, Node], label: str, get: dict[str, Any]
) -> None:
    """Options, answer(s) and shuffle of a choice or multi question."""
    if "options" not in fields:
        return
    options = r.texts(fields["options"], f"{label} options")
    names = r.unique(options, f"{label} options", "option")
    get["options"] = tuple(names)
    if r.is_a(fields["options"], SequenceNode) and len(fields["options"].value) < 2:
        r.report(fields["options"], f"{label}: a {qtype} question needs at least 2 options")
    if "answer" in fields:
        answer = fields["answer"]
        answers = r.texts(answer, f"{label} answer", single_ok=True)
        if qtype == "choice" and r.is_a(answer, SequenceNode):
            r.report(answer, f"{label}: a choice question has one answer; "
                             "use type: multi for several")
            answers = []
        elif not answers and r.is_a(answer, SequenceNode) and not answer.value:
            r.report(answer, f"{label}: a {qtype} question needs at least one answer")
        # Only when every option could be read: else the answer's "not an option"
        # would just repeat the options' own problem.
        options_read = r.is_a(fields["options"], SequenceNode) and len(options) == len(
            fields["options"].value)
        for value, vnode in answers:
            if options_read and value not in names:
                r.report(vnode, f"{label}: answer {quote(value)} is not one of "
                                f"the options{did_you_mean(value, names)}")
        get["correct"] = tuple(r.unique(answers, f"{label} answer", "answer"))
    if "shuffle" in fields:
        get["shuffle"] = bool(r.flag(fields["shuffle"], f"{label} shuffle"))


def read(r: Reader, fields: Mapping[str, Node], label: str, get: dict[str, Any]) -> None:
    read_options(r, "choice", fields, label, get)


def options_dict(q: Question, answer: Any) -> dict[str, Any]:
    """The options, ``answer`` as written, and ``shuffle: false`` when set."""
    out: dict[str, Any] = {"options": list(q.options), "answer": answer}
    if not q.shuffle:
        out["shuffle"] = False
    return out


def to_dict(q: Question) -> dict[str, Any]:
    return options_dict(q, q.correct[0])


def expected(q: Question) -> str:
    return join_list(list(q.correct))


def shown_options(q: Question, rng: Random) -> tuple[str, ...]:
    """The options, shuffled unless the bank says ``shuffle: false``."""
    options = list(q.options)
    if q.shuffle:
        rng.shuffle(options)
    return tuple(options)


def _number(text: str) -> int | None:
    """``text`` as a small number written in ASCII digits (at most 4), else None."""
    said = text.strip()
    return int(said) if _DIGITS.fullmatch(said) else None


_DIGITS = re.compile(r"[0-9]{1,4}")


def number_like(options: Sequence[str]) -> list[str]:
    """The options whose text is also an option's number (1 to how many there are)."""
    return [o for o in options if 1 <= (_number(o) or 0) <= len(options)]


def ambiguous(reply: str, options: Sequence[str]) -> str | None:
    """The option whose text ``reply`` is, when ``reply`` is also the number of another."""
    said, n = reply.strip(), _number(reply)
    if n is None or not 1 <= n <= len(options):
        return None
    same = [o for o in options if o.strip() == said]
    return same[0] if same and options[n - 1] != same[0] else None


def explicit(reply: str, options: Sequence[str]) -> str | None:
    """``#2`` (option number 2) or ``=2`` (the option whose text is 2), else None."""
    said = reply.strip()
    n = _number(said[1:]) if said.startswith("#") else None
    if n is not None and 1 <= n <= len(options):
        return options[n - 1]
    if said.startswith("=") and said[1:].strip() in [o.strip() for o in options]:
        return said[1:].strip()
    return None


def ambiguity_text(reply: str, options: Sequence[str], text_option: str) -> str:
    n = int(reply.strip())
    return (f"{reply.strip()!r} could mean option {n} ({options[n - 1]!r}) or the option "
            f"{text_option!r}: type #{n} for option {n}, or ={text_option} for that option")


def numeric_options_check(bank: Bank) -> list[Problem]:
    """A warning for each choice or multi question whose options look like option numbers."""
    out = []
    for q in bank.questions:
        if q.type in ("choice", "multi") and (looks := number_like(q.options)):
            loc = q.where("options")
            out.append(Problem(
                bank.source or bank.id, loc.line, loc.col,
                f"question '{q.id}': options {', '.join(looks)} are numbers that can be "
                "taken for option numbers; plain mode and 'check' ask which is meant "
                "(consider words, e.g. 'six')", "warning"))
    return out


def parse_choice(q: Question, words: Sequence[str]) -> Answer:
    ascii_numbers(words)
    joined = " ".join(words)
    chosen = explicit(joined, q.options)
    if chosen is not None:
        return chosen
    text_option = ambiguous(joined, q.options)
    if text_option is not None:
        raise UnreadableAnswer(ambiguity_text(joined, q.options, text_option))
    text = parse_words(q, words)
    c = compiled(q)
    ref = resolve(text, c.options, c)
    # With options that are numbers (years), a number as long as they are is an answer
    # (a wrong one), and a shorter one was meant as an option's position.
    lengths = {len(o.words[0]) for o in c.options if len(o.words) == 1 and o.words[0].isdecimal()}
    if ref.problem == "number" and len(str(ref.number)) not in lengths:
        raise UnreadableAnswer(
            f"there is no option {ref.number}: question '{q.id}' has options 1 to "
            f"{len(q.options)}"
        )
    return text


def answers_choice(q: Question) -> list[ModelAnswer]:
    if not q.correct:
        return []
    out: list[ModelAnswer] = [("answer", f"its answer '{q.correct[0]}'", q.correct[0])]
    if q.correct[0] in q.options:
        number = str(q.options.index(q.correct[0]) + 1)
        out.append(("answer", f"its answer given as option {number}", number))
    return out


KIND = register(QuestionKind(
    name="choice", keys=("options", "answer", "shuffle"), required=("options", "answer"),
    read=read, to_dict=to_dict, expected=expected, parse=parse_choice, mark=mark_choice,
    model_answers=answers_choice, wrong_accepted=accepted_whole, display_choices=shown_options,
))
register_check(numeric_options_check)
