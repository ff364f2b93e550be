"""Matching left-hand sides to right-hand sides."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from random import Random
from typing import Any

from yaml.nodes import MappingNode, Node

from powerquiz.bank.model import Question, join_list
from powerquiz.bank.problems import quote
from powerquiz.bank.registry import ModelAnswer, QuestionKind, register
from powerquiz.bank.schema import Reader
from powerquiz.marking.compiled import compiled, resolve
from powerquiz.marking.entry_markers import mark_match, match_entries, split_pair
from powerquiz.marking.result import Answer, UnreadableAnswer
from powerquiz.marking.selfcheck import accepted_whole


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


def parse_match(q: Question, words: Sequence[str]) -> Answer:
    if not any(";" in w or "\n" in w for w in words) and all("=" in w for w in words):
        entries = [w.strip() for w in words if w.strip()]
    else:
        entries = match_entries(" ".join(words))
    if not entries:
        raise UnreadableAnswer("give the pairs as left=right, separated by semicolons")
    c = compiled(q)
    lefts = join_list([left for left, _ in q.pairs])
    out: dict[str, str] = {}
    for entry in entries:
        pair = split_pair(entry)
        if pair is None:
            raise UnreadableAnswer(f"'{entry}' is not a pair: write left=right, pairs "
                                   "separated by semicolons")
        left, right = pair
        ref = resolve(left, c.lefts, c, overlap=True)
        if ref.index is None:
            raise UnreadableAnswer(f"unknown left side '{left}': the left sides are {lefts}")
        name = q.pairs[ref.index][0]
        if name in out:
            raise UnreadableAnswer(f"'{name}' is matched twice")
        out[name] = right
    return out


def answers_match(q: Question) -> list[ModelAnswer]:
    if not q.pairs:
        return []
    typed = "; ".join(f"{left}={right}" for left, right in q.pairs)
    return [("pairs", "its pairs", dict(q.pairs)),
            ("pairs", f"its pairs typed as '{typed}'", typed)]


KIND = register(QuestionKind(
    name="match", keys=("pairs",), required=("pairs",),
    read=read, to_dict=to_dict, expected=expected, parse=parse_match, mark=mark_match,
    model_answers=answers_match, wrong_accepted=accepted_whole, display_choices=shown_rights,
))
