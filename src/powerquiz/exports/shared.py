"""Small helpers the export formats share: skipping by reason, flat text, stable order."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from typing import TypeVar

from powerquiz.bank.model import Question
from powerquiz.exports.base import Skipped

T = TypeVar("T")


def partition(
    questions: Sequence[Question], why_not: Callable[[Question], str | None]
) -> tuple[list[Question], list[Skipped]]:
    """The questions ``why_not`` has nothing against, and one Skipped per reason given.

    Reasons keep the order in which they were first met; ids keep the question order.
    """
    kept: list[Question] = []
    dropped: dict[str, list[str]] = {}
    for q in questions:
        reason = why_not(q)
        if reason is None:
            kept.append(q)
        else:
            dropped.setdefault(reason, []).append(q.id)
    return kept, [Skipped(reason, tuple(ids)) for reason, ids in dropped.items()]


def one_line(text: str) -> str:
    """``text`` on one line: tabs, newlines and runs of spaces become single spaces."""
    return " ".join(text.split())


def stable_seed(*parts: str) -> int:
    """A seed that depends only on ``parts``: the same on every run and machine."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def stable_shuffle(items: Sequence[T], *key: str, avoid_same: bool = False) -> list[T]:
    """``items`` shuffled the same way every time for the same ``key``.

    With ``avoid_same`` a shuffle that happens to keep the written order is rotated
    by one, so an ordering question never shows its own answer.
    """
    out = list(items)
    random.Random(stable_seed(*key)).shuffle(out)
    if avoid_same and len(out) > 1 and out == list(items):
        out = out[1:] + out[:1]
    return out


def letter(index: int) -> str:
    """The label of the ``index``-th choice (0-based): A, B, … Z, AA, AB, …"""
    label = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        label = chr(ord("A") + rest) + label
    return label
