"""The recall card: the student answers, sees the model answer and rates themself."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from yaml.nodes import Node

from powerquiz.bank.model import Question
from powerquiz.bank.registry import QuestionKind, register
from powerquiz.bank.schema import Reader
from powerquiz.marking.markers import mark_recall
from powerquiz.marking.parse import parse_words
from powerquiz.marking.rating import read_rating
from powerquiz.marking.result import Answer, UnreadableAnswer
from powerquiz.marking.selfcheck import answers_none


def read(r: Reader, fields: Mapping[str, Node], label: str, get: dict[str, Any]) -> None:
    if "answer" in fields:
        get["model_answer"] = r.text(fields["answer"], f"{label} answer") or ""


def to_dict(q: Question) -> dict[str, Any]:
    return {"answer": q.model_answer}


def expected(q: Question) -> str:
    return q.model_answer


def parse_recall(q: Question, words: Sequence[str]) -> Answer:
    text = parse_words(q, words)
    if read_rating(text) is None:
        raise UnreadableAnswer("recall is self-rated: answer again, hard, good or easy")
    return text


KIND = register(QuestionKind(
    name="recall", keys=("answer",), required=("answer",), self_rated=True,
    read=read, to_dict=to_dict, expected=expected, parse=parse_recall, mark=mark_recall,
    model_answers=answers_none,
))
