"""Putting items in order, marked by the pairs in the right relative order."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from random import Random
from typing import Any

from yaml.nodes import Node, SequenceNode

from powerquiz.bank.model import Question
from powerquiz.bank.registry import ModelAnswer, QuestionKind, register
from powerquiz.bank.schema import Reader
from powerquiz.marking.compiled import compiled
from powerquiz.marking.entry_markers import mark_order, order_entries, read_order
from powerquiz.marking.parse import ascii_numbers
from powerquiz.marking.result import Answer, UnreadableAnswer
from powerquiz.marking.selfcheck import accepted_whole


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


_DIGITS = re.compile(r"[0-9]{1,4}")


def listing(q: Question) -> tuple[str, ...]:
    """The one order the items are listed and numbered in, by the drill, ``show`` and
    ``check`` alike: alphabetical, so it gives nothing of the bank's order away, and
    rotated when that happens to be the answer itself (when the items can differ)."""
    items = sorted(q.items, key=lambda item: (item.casefold(), item))
    if len(items) > 1 and items == list(q.items):  # rotate: never the answer itself
        items = items[1:] + items[:1]
    return tuple(items)


def shown_items(q: Question, rng: Random) -> tuple[str, ...]:
    """The items as the drill lists them (see :func:`listing`; not shuffled, so the
    numbers are the ones ``show`` prints and ``check`` reads)."""
    return listing(q)


def parse_order(q: Question, words: Sequence[str]) -> Answer:
    ascii_numbers(words)
    if any(sep in w for w in words for sep in (">", ",", ";", "\n")):
        entries = order_entries(" ".join(words))
    else:
        entries = [w.strip() for w in words if w.strip()]
    if not entries:
        raise UnreadableAnswer("give the items in order, separated by commas or ' > '")
    listed_items = listing(q)
    # Numbers are the ones `show` and the drill list the items by (one out of range is
    # left for read_order to refuse).
    entries = [listed_items[int(e) - 1]
               if _DIGITS.fullmatch(e) and 1 <= int(e) <= len(listed_items) else e
               for e in entries]
    given, problems = read_order(compiled(q), entries)
    if problems:
        listed = "; ".join(f"{n}. {item}" for n, item in enumerate(listed_items, 1))
        raise UnreadableAnswer(f"{'; '.join(problems)} (the items are {listed})")
    return [q.items[i] for i in given]


def answers_order(q: Question) -> list[ModelAnswer]:
    if not q.items:
        return []
    return [("items", "its items in their order", list(q.items)),
            ("items", "its items typed with ' > '", " > ".join(q.items))]


KIND = register(QuestionKind(
    name="order", keys=("items",), required=("items",),
    read=read, to_dict=to_dict, expected=expected, parse=parse_order, mark=mark_order,
    model_answers=answers_order, wrong_accepted=accepted_whole, display_choices=shown_items,
))
