"""The multiple choice with one or more right options, marked right minus wrong."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from yaml.nodes import Node

from powerquiz.bank.model import Question
from powerquiz.bank.registry import QuestionKind, register
from powerquiz.bank.schema import Reader
from powerquiz.marking.markers import mark_multi
from powerquiz.marking.parse import parse_multi
from powerquiz.marking.selfcheck import accepted_whole, answers_multi
from powerquiz.qtypes.choice import expected, options_dict, read_options, shown_options


def read(r: Reader, fields: Mapping[str, Node], label: str, get: dict[str, Any]) -> None:
    read_options(r, "multi", fields, label, get)


def to_dict(q: Question) -> dict[str, Any]:
    return options_dict(q, list(q.correct))


KIND = register(QuestionKind(
    name="multi", keys=("options", "answer", "shuffle"), required=("options", "answer"),
    read=read, to_dict=to_dict, expected=expected, parse=parse_multi, mark=mark_multi,
    model_answers=answers_multi, wrong_accepted=accepted_whole, display_choices=shown_options,
))
