"""The multiple choice with one or more right options, marked right minus wrong."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from yaml.nodes import Node

from powerquiz.bank.model import Question, join_list
from powerquiz.bank.registry import ModelAnswer, QuestionKind, register
from powerquiz.bank.schema import Reader
from powerquiz.marking.compiled import compiled
from powerquiz.marking.markers import mark_multi, multi_picks
from powerquiz.marking.parse import ascii_numbers, parse_words
from powerquiz.marking.result import Answer, UnreadableAnswer
from powerquiz.marking.selfcheck import accepted_whole
from powerquiz.qtypes.choice import expected, options_dict, read_options, shown_options


def read(r: Reader, fields: Mapping[str, Node], label: str, get: dict[str, Any]) -> None:
    read_options(r, "multi", fields, label, get)


def to_dict(q: Question) -> dict[str, Any]:
    return options_dict(q, list(q.correct))


def parse_multi(q: Question, words: Sequence[str]) -> Answer:
    ascii_numbers(words)
    text = parse_words(q, words)
    read = multi_picks(compiled(q), text)
    if read.bad_numbers:
        bad = join_list(read.bad_numbers)
        raise UnreadableAnswer(
            f"there is no option {bad}: question '{q.id}' has options 1 to {len(q.options)}"
        )
    return text


def answers_multi(q: Question) -> list[ModelAnswer]:
    if not q.correct:
        return []
    return [("answer", f"its answer '{join_list(list(q.correct))}'", list(q.correct)),
            ("answer", f"its answer typed as '{', '.join(q.correct)}'", ", ".join(q.correct))]


KIND = register(QuestionKind(
    name="multi", keys=("options", "answer", "shuffle"), required=("options", "answer"),
    read=read, to_dict=to_dict, expected=expected, parse=parse_multi, mark=mark_multi,
    model_answers=answers_multi, wrong_accepted=accepted_whole, display_choices=shown_options,
))
