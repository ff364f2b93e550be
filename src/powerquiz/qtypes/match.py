"""Matching left-hand sides to right-hand sides."""

from __future__ import annotations

from collections.abc import Mapping
from random import Random
from typing import Any

from yaml.nodes import MappingNode, Node

from powerquiz.bank.model import Question
from powerquiz.bank.problems import quote
from powerquiz.bank.registry import QuestionKind, register
from powerquiz.bank.schema import Reader
from powerquiz.marking.entry_markers import mark_match
from powerquiz.marking.parse import parse_match
from powerquiz.marking.selfcheck import accepted_whole, answers_match


def read(r: Reader, fields: Mapping[str, Node], label: str, get: dict[str, Any]) -> None:
    if "pairs" not in fields:
        return
    pairs: list[tuple[str, str]] = []
    for lnode, rnode in r.mapping(fields["pairs"], f"{label} pairs") or []:
        left = r.text(lnode, f"a left side in {label} pairs")
        right = r.text(rnode, f"the match for {quote(lnode.value)} in {label} pairs")
        if left is not None and right is not None:
            pairs.append((left, right))
    if r.is_a(fields["pairs"], MappingNode) and len(fields["pairs"].value) < 2:
        r.report(fields["pairs"], f"{label}: a match question needs at least 2 pairs")
    get["pairs"] = tuple(pairs)


def to_dict(q: Question) -> dict[str, Any]:
    return {"pairs": dict(q.pairs)}


def expected(q: Question) -> str:
    return "; ".join(f"{left} = {right}" for left, right in q.pairs)


def shown_rights(q: Question, rng: Random) -> tuple[str, ...]:
    """The right-hand sides, once each, shuffled."""
    rights = list(dict.fromkeys(right for _, right in q.pairs))
    rng.shuffle(rights)
    return tuple(rights)


KIND = register(QuestionKind(
    name="match", keys=("pairs",), required=("pairs",),
    read=read, to_dict=to_dict, expected=expected, parse=parse_match, mark=mark_match,
    model_answers=answers_match, wrong_accepted=accepted_whole, display_choices=shown_rights,
))
