"""The true/false statement."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from yaml.nodes import Node

from powerquiz.bank.model import Question
from powerquiz.bank.registry import ModelAnswer, QuestionKind, register
from powerquiz.bank.schema import Reader
from powerquiz.marking.markers import mark_truefalse, read_truth
from powerquiz.marking.parse import parse_words
from powerquiz.marking.result import Answer, UnreadableAnswer
from powerquiz.marking.selfcheck import accepted_whole


def read(r: Reader, fields: Mapping[str, Node], label: str, get: dict[str, Any]) -> None:
    if "answer" in fields:
        get["truth"] = bool(r.flag(fields["answer"], f"{label} answer"))


def to_dict(q: Question) -> dict[str, Any]:
    return {"answer": q.truth}


def expected(q: Question) -> str:
    return "True" if q.truth else "False"


def parse_truefalse(q: Question, words: Sequence[str]) -> Answer:
    text = parse_words(q, words)
    if read_truth(text) is None:
        raise UnreadableAnswer(f"'{text}' is not true or false: answer true, false, t, f, "
                               "yes or no")
    return text


def answers_truefalse(q: Question) -> list[ModelAnswer]:
    return [("answer", f"its answer {q.truth}", q.truth),
            ("answer", f"its answer typed as '{str(q.truth).lower()}'", str(q.truth).lower())]


KIND = register(QuestionKind(
    name="truefalse", keys=("answer",), required=("answer",),
    read=read, to_dict=to_dict, expected=expected, parse=parse_truefalse, mark=mark_truefalse,
    model_answers=answers_truefalse, wrong_accepted=accepted_whole,
))
