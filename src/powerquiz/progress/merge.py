"""The import merge, as a pure function over plain data (the store does the files).

Reviews merge by id: an incoming review whose id is already here adds nothing.  The card
state of each question is the card of its latest review (by time) that has one, here or
in the import; an added review whose card loses to a newer one is marked *stale*, so
replaying the log in order gives the same cards as the card file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from powerquiz.progress.jsonio import Cards
from powerquiz.progress.records import Review

__all__ = ["Merged", "merge"]


@dataclass(frozen=True)
class Merged:
    """What an import adds: the new reviews in time order, each with its stale mark."""

    added: tuple[tuple[Review, bool], ...]
    #: The card state after the merge (a new dict; the input is not changed).
    cards: Cards


def merge(cards: Cards, existing: Iterable[Review], incoming: Iterable[Review]) -> Merged:
    """Merge ``incoming`` into a store holding ``cards`` and the reviews ``existing``."""
    existing = list(existing)
    seen = {r.id for r in existing}
    newest: dict[tuple[str, str], datetime] = {}
    for bank_id, bank_cards in cards.items():
        for question_id, card in bank_cards.items():
            if card.last_review is not None:
                newest[bank_id, question_id] = card.last_review
    for r in existing:
        key = (r.bank, r.question)
        if r.card is not None and (key not in newest or r.at > newest[key]):
            newest[key] = r.at
    added: list[Review] = []
    for r in incoming:
        if r.id not in seen:
            seen.add(r.id)
            added.append(r)
    added.sort(key=lambda r: r.at)
    winners = {(r.bank, r.question): r for r in added if r.card is not None}
    result = {bank_id: dict(bank_cards) for bank_id, bank_cards in cards.items()}
    marked: list[tuple[Review, bool]] = []
    for r in added:
        key = (r.bank, r.question)
        wins = winners.get(key) is r and (key not in newest or r.at > newest[key])
        if wins and r.card is not None:
            result.setdefault(r.bank, {})[r.question] = r.card
        marked.append((r, r.card is not None and not wins))
    return Merged(added=tuple(marked), cards=result)
