"""The JSON of the progress files: reading it strictly, writing it the one way.

Every reader here raises ValueError with a plain description of what is wrong (the
store adds the file name): invalid UTF-8, invalid JSON with its line and column, nesting
too deep, a number of more than 4300 digits, or a value of the wrong shape.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from powerquiz.bank.wording import json_kind
from powerquiz.progress.records import Review, fast_review
from powerquiz.scheduling import CardState

__all__ = [
    "STALE",
    "Cards",
    "cards_to_json",
    "dumps",
    "parse_cards",
    "parse_document",
    "parse_line",
    "parse_reviews",
    "review_line",
]

#: Marks a log line whose card must not become the card state (see the store's docstring).
STALE = "stale"

Cards = dict[str, dict[str, CardState]]


def _loads(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        if where:
            raise ValueError(f"{where} is not valid JSON (column {e.colno}: {e.msg})") from None
        raise ValueError(
            f"it is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})"
        ) from None
    except RecursionError:
        raise ValueError(f"{where or 'it'} is nested too deeply") from None
    except ValueError:  # Python's limit on the digits of a whole number
        raise ValueError(f"{where or 'it'} holds a number too long to be real") from None


def parse_document(raw: bytes, what: str) -> Any:
    """A whole JSON file (a card file or an export), BOM allowed."""
    if not raw.strip():
        raise ValueError(f"the {what} is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"it is not UTF-8 text (bad byte at offset {e.start})") from None
    try:
        return _loads(text, "")
    except ValueError as e:
        if "nested too deeply" in str(e):
            raise ValueError(f"it is nested too deeply to be a {what}") from None
        raise


def parse_written_line(line: bytes) -> tuple[Review, bool] | None:
    """A log line exactly as powerquiz writes one, parsed with orjson; None for anything
    else (a damaged line, an unusual value, an old shape), which :func:`parse_line` then
    reads and explains with the standard library.

    Only a line that passes the review's strict fast check is taken from orjson, so a
    value orjson would read differently (it turns a huge whole number into a float)
    never slips through: such lines take the checked path.
    """
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if type(obj) is not dict:
        return None
    stale = obj.pop(STALE, False) is True
    review = fast_review(obj)
    return None if review is None else (review, stale)


def parse_line(line: bytes, where: str) -> tuple[Review, bool]:
    """One line of the review log: the review, and whether it is marked stale."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{where} is not UTF-8 text") from None
    obj = _loads(text, where)
    if not isinstance(obj, dict):
        raise ValueError(f"{where} is {json_kind(obj)}, not a review")
    stale = obj.pop(STALE, False) is True
    try:
        return Review.from_dict(obj), stale
    except ValueError as e:
        raise ValueError(f"{where}: {e}") from None


def parse_cards(value: object) -> Cards:
    """The ``cards`` section: bank id -> question id -> card, every card range-checked."""
    if not isinstance(value, dict):
        raise ValueError(f'"cards" must be a JSON object, not {json_kind(value)}')
    cards: Cards = {}
    for bank_id, bank_cards in value.items():
        if not isinstance(bank_cards, dict):
            raise ValueError(f"the cards of bank {bank_id!r} must be a JSON object")
        parsed: dict[str, CardState] = {}
        for question_id, card in bank_cards.items():
            try:
                parsed[question_id] = CardState.from_dict(card)
            except ValueError as e:
                raise ValueError(f"the card of {bank_id!r} / {question_id!r}: {e}") from None
        cards[bank_id] = parsed
    return cards


def parse_reviews(value: object) -> list[Review]:
    """The ``reviews`` list of an export or an old card file."""
    if not isinstance(value, list):
        raise ValueError(f'"reviews" must be a JSON list, not {json_kind(value)}')
    reviews = []
    for index, item in enumerate(value, start=1):
        try:
            reviews.append(Review.from_dict(item))
        except ValueError as e:
            raise ValueError(f"review {index}: {e}") from None
    return reviews


def cards_to_json(cards: Cards) -> dict[str, dict[str, Any]]:
    """The ``cards`` section, ready for :func:`dumps`."""
    return {
        bank_id: {question_id: card.to_dict() for question_id, card in bank_cards.items()}
        for bank_id, bank_cards in cards.items()
    }


def review_line(review: Review, *, stale: bool = False) -> bytes:
    """One log line for ``review``, newline included."""
    obj: dict[str, Any] = dict(review.to_dict())
    if stale:
        obj[STALE] = True
    return dumps(obj) + b"\n"


def dumps(obj: object, indent: int | None = None) -> bytes:
    """JSON as UTF-8; falls back to ASCII escapes for text that is not valid Unicode."""
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(obj, ensure_ascii=False, indent=indent, separators=separators)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates, e.g. from undecodable terminal input
        return json.dumps(obj, ensure_ascii=True, indent=indent, separators=separators).encode()
