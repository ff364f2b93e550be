"""Putting items in order, marked by the pairs in the right relative order."""

from __future__ import annotations

from collections.abc import Mapping
from random import Random
from typing import Any

from yaml.nodes import Node, SequenceNode

from powerquiz.bank.model import Question
from powerquiz.bank.registry import QuestionKind, register
from powerquiz.bank.schema import Reader
from powerquiz.marking.entry_markers import mark_order
from powerquiz.marking.parse import parse_order
from powerquiz.marking.selfcheck import accepted_whole, answers_order


def read(r: Reader, fields: Mapping[str, Node], label: str, get: dict[str, Any]) -> None:
    if "items" not in fields:
        return
    items = r.unique(r.texts(fields["items"], f"{label} items"), f"{label} items", "item")
    if r.is_a(fields["items"], SequenceNode) and len(fields["items"].value) < 2:
        r.report(fields["items"], f"{label}: an order question needs at least 2 items")
    get["items"] = tuple(items)


def to_dict(q: Question) -> dict[str, Any]:
    return {"items": list(q.items)}


def expected(q: Question) -> str:
    return " > ".join(q.items)


def shown_items(q: Question, rng: Random) -> tuple[str, ...]:
    """The items shuffled, never handed over already in order (when they can differ)."""
    items = list(q.items)
    for _ in range(10):
        rng.shuffle(items)
        if items != list(q.items):
            break
    return tuple(items)


KIND = register(QuestionKind(
    name="order", keys=("items",), required=("items",),
    read=read, to_dict=to_dict, expected=expected, parse=parse_order, mark=mark_order,
    model_answers=answers_order, wrong_accepted=accepted_whole, display_choices=shown_items,
))
