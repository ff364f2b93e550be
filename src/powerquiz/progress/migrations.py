"""Schema versions of the progress data, and the migrations between them.

Each migration is a small named function taking the whole *logical* document of one
schema and returning the document of the next, registered with ``@migration(n)`` (it
turns schema ``n`` into ``n + 1``, after the manner of simonw/llm's ``migrations.py``);
:data:`MIGRATIONS` lists them in order, so ``MIGRATIONS[n - 1]`` turns schema ``n`` into
schema ``n + 1``, and :data:`CURRENT_SCHEMA` follows from the last one registered.

The logical document of the current schema (3) is::

    {"schema": 3,
     "cards": {bank_id: {question_id: CardDict}},
     "settings": {bank_id: {"parameters", "desired_retention", "fitted", "reviews"}},
     "reviews": [ReviewDict, ...]}

It is also exactly what ``powerquiz progress export`` writes (plus a ``format`` marker).
On disk, schema 2 on splits it in two files (see :mod:`powerquiz.progress.store`): the
card file holds everything but the reviews.  Schema 2 had no ``settings`` (see
:mod:`powerquiz.progress.settings`).

Schema 1 was a single file holding everything, nested by bank::

    {"version": 1,
     "banks": {bank_id: {"cards": {question_id: card without reps/lapses},
                         "reviews": [{"question", "mode", "at", "answer", "verdict",
                                      "score", "rating", "override"?, "duration_ms"?}]}}}

Migrations raise ValueError, in plain words, when the document is not the shape its
schema says; the store turns that into a ProgressError naming the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from powerquiz.bank.wording import json_kind
from powerquiz.scheduling.dates import parse_utc

__all__ = [
    "CURRENT_SCHEMA", "MIGRATIONS", "migrate", "migration", "schema_of", "v1_to_v2", "v2_to_v3",
]

Document = dict[str, Any]
Migration = Callable[[Document], Document]

#: ``MIGRATIONS[n - 1]`` turns schema ``n`` into schema ``n + 1``.
MIGRATIONS: list[Migration] = []


def migration(from_schema: int) -> Callable[[Migration], Migration]:
    """Register the decorated function as the migration from ``from_schema`` to the next."""

    def register(function: Migration) -> Migration:
        if from_schema != len(MIGRATIONS) + 1:
            raise RuntimeError(f"migrations must be registered in order: {function.__name__}")
        MIGRATIONS.append(function)
        return function

    return register


def _object(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{what} must be a JSON object, not {json_kind(value)}")
    return value


def _list(value: object, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"{what} must be a JSON list, not {json_kind(value)}")
    return value


@migration(1)
def v1_to_v2(doc: Document) -> Document:
    """Schema 1 -> 2: flatten the per-bank nesting and give every review an id and a kind.

    - Review ids are derived from the review's content and position, so migrating the
      same old file on two machines gives the same ids (and importing one into the other
      adds nothing).
    - ``mode`` is renamed ``kind``; the bank id moves into each review.
    - Cards gain ``reps`` (the number of rated drill reviews in the history) and
      ``lapses`` (not tracked by schema 1: 0).
    - The card is attached to the latest drill review of its question, so that "the card
      of the latest review" is the card state, as schema 2 expects.
    """
    banks = _object(doc.get("banks", {}), "banks")
    cards: dict[str, dict[str, Any]] = {}
    reviews: list[dict[str, Any]] = []
    for bank_id, bank in banks.items():
        bank = _object(bank, f"bank {bank_id!r}")
        old_cards = _object(bank.get("cards", {}), f"bank {bank_id!r} cards")
        old_reviews = _list(bank.get("reviews", []), f"bank {bank_id!r} reviews")
        bank_reviews: list[dict[str, Any]] = []
        for index, raw in enumerate(old_reviews):
            old = _object(raw, f"bank {bank_id!r} review {index + 1}")
            new = {k: v for k, v in old.items() if k != "mode"}
            new["kind"] = old.get("mode", "drill")
            new["bank"] = bank_id
            new.setdefault("card", None)
            key = f"{bank_id}\x00{old.get('question')}\x00{old.get('at')}\x00{index}"
            new["id"] = "v1-" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:29]
            bank_reviews.append(new)
        bank_cards: dict[str, Any] = {}
        for question_id, raw_card in old_cards.items():
            card = dict(_object(raw_card, f"bank {bank_id!r} card {question_id!r}"))
            drills = [
                r for r in bank_reviews if r.get("question") == question_id and r["kind"] == "drill"
            ]
            card.setdefault("reps", sum(1 for r in drills if r.get("rating") is not None))
            card.setdefault("lapses", 0)
            bank_cards[question_id] = card
            if drills:
                latest = max(drills, key=_timestamp)
                latest["card"] = card
        cards[bank_id] = bank_cards
        reviews.extend(bank_reviews)
    return {"schema": 2, "cards": cards, "reviews": reviews}


def _timestamp(review: dict[str, Any]) -> float:
    try:
        return parse_utc(review.get("at")).timestamp()
    except ValueError:
        return float("-inf")


@migration(2)
def v2_to_v3(doc: Document) -> Document:
    """Schema 2 -> 3: each bank's scheduling settings move into the progress file.

    Schema 2 kept no settings in the document (an interim ``progress.parameters.json``
    beside it held the fitted parameters; the store adopts that file itself), so every
    bank starts with none: the FSRS defaults.  Cards and reviews are unchanged, so this
    step applies to a schema-2 card file alone as well as to a whole document.
    """
    return {**doc, "schema": 3, "settings": {}}


CURRENT_SCHEMA = len(MIGRATIONS) + 1


def schema_of(doc: object) -> int:
    """The schema number a document says it has (``schema``; schema 1 called it ``version``)."""
    if not isinstance(doc, dict):
        raise ValueError(f"the top level must be a JSON object, not {json_kind(doc)}")
    key = "schema" if "schema" in doc else "version" if "version" in doc else None
    if key is None:
        raise ValueError('it has no "schema" number, so it is not a powerquiz progress file')
    value = doc[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f'"{key}" must be a whole number from 1 up, not {value!r}')
    return value


def migrate(doc: Document) -> Document:
    """Bring an older logical document up to :data:`CURRENT_SCHEMA`, one migration at a time."""
    schema = schema_of(doc)
    if schema > CURRENT_SCHEMA:
        raise ValueError(f"schema {schema} is newer than this powerquiz understands")
    for step in MIGRATIONS[schema - 1 :]:
        doc = step(doc)
    return doc

