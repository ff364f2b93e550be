"""The true/false statement."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from yaml.nodes import Node

from powerquiz.bank.model import Question
from powerquiz.bank.registry import QuestionKind, register
from powerquiz.bank.schema import Reader
from powerquiz.marking.markers import mark_truefalse
from powerquiz.marking.parse import parse_truefalse
from powerquiz.marking.selfcheck import accepted_whole, answers_truefalse


def read(r: Reader, fields: Mapping[str, Node], label: str, get: dict[str, Any]) -> None:
    if "answer" in fields:
        get["truth"] = bool(r.flag(fields["answer"], f"{label} answer"))


def to_dict(q: Question) -> dict[str, Any]:
    return {"answer": q.truth}


def expected(q: Question) -> str:
    return "True" if q.truth else "False"


KIND = register(QuestionKind(
    name="truefalse", keys=("answer",), required=("answer",),
    read=read, to_dict=to_dict, expected=expected, parse=parse_truefalse, mark=mark_truefalse,
    model_answers=answers_truefalse, wrong_accepted=accepted_whole,
))
