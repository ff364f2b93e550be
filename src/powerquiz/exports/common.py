"""What every export format shares: its description, its result, skipping, and safe text.

Each format lives in a module of its own under ``powerquiz.exports`` and exposes

    FORMAT: ExportFormat
    TYPES: TypeTable            # every question type: how it is written, or why not
    def export(bank: Bank, questions: Sequence[Question]) -> ExportResult

Text formats return ``str`` data; binary formats return ``bytes``.  A format never
writes files itself and never prints: the command line does both.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from powerquiz.bank.model import QUESTION_TYPES, Bank, Question

T = TypeVar("T")
W = TypeVar("W")

#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: A format's per-type table: for each question type the writer that handles it, or the
#: reason (plain English, shown to the teacher) why the format cannot hold that type.
#: tests/test_export_tables.py checks every format has an entry for every type.
TypeTable = Mapping[str, W | str]

#: A quiz game's answers to one question: the options shown, and the right ones' numbers.
GameAnswers = tuple[list[str], list[int]]


def truefalse_answers(q: Question) -> GameAnswers:
    """A true/false question as a quiz game's two options."""
    return ["True", "False"], [1 if q.truth else 2]


def quiz_game_table(
    reason: str, options: Callable[[Question], GameAnswers]
) -> dict[str, Callable[[Question], GameAnswers] | str]:
    """The type table of a quiz game that holds only choice and true/false questions:
    ``options`` writes choice and multi questions, and every other type gets ``reason``."""
    table: dict[str, Callable[[Question], GameAnswers] | str] = {
        t: reason for t in QUESTION_TYPES}
    table.update(choice=options, multi=options, truefalse=truefalse_answers)
    return table


class MissingDependency(RuntimeError):
    """A package a format needs is missing; the message says how to install it."""

    def __init__(self, package: str, extra: str, fmt: str) -> None:
        self.package = package
        self.extra = extra
        self.fmt = fmt
        super().__init__(
            f"the {fmt} export needs the '{package}' package, which is not installed "
            f"(it comes with powerquiz): reinstall powerquiz from its folder with "
            f"pip install ., or pip install 'powerquiz[{extra}]'"
        )


@dataclass(frozen=True)
class Skipped:
    """Questions a format could not hold, and why."""

    reason: str
    ids: tuple[str, ...]

    def message(self, fmt: str) -> str:
        n = len(self.ids)
        noun = "question" if n == 1 else "questions"
        return f"{fmt}: skipped {n} {noun} ({self.reason}): {', '.join(self.ids)}"


@dataclass(frozen=True)
class ExportResult:
    """A format's output: the data, how many questions it holds, and what was left out."""

    data: str | bytes
    #: How many questions made it into the output.
    count: int
    skipped: tuple[Skipped, ...] = ()
    #: Other things the teacher should know (e.g. text over a platform's length limit).
    warnings: tuple[str, ...] = field(default=())

    @property
    def payload(self) -> bytes:
        """The data as bytes (text formats are UTF-8)."""
        return self.data.encode("utf-8") if isinstance(self.data, str) else self.data


@dataclass(frozen=True)
class ExportFormat:
    """What the command line needs to know about a format."""

    name: str
    #: The usual file suffix, with its dot.
    suffix: str
    #: One line for ``--help``: what it is for.
    summary: str
    #: A binary format (a zip, a spreadsheet): it needs ``-o FILE``.
    binary: bool = False
    #: The pip extra naming the package it needs, if any (an alias kept for old commands:
    #: the package is an ordinary dependency of powerquiz).
    needs: str = ""
    #: A printed worksheet: it takes the teacher's sheet options (``SheetOptions``).
    worksheet: bool = False

    @property
    def needs_file(self) -> bool:
        """True when the output cannot go to standard output."""
        return self.binary


def writer_for(table: TypeTable[W], q: Question) -> W:
    """The writer ``table`` holds for ``q``'s type (only call it for a type it can hold)."""
    entry = table[q.type]
    if isinstance(entry, str):
        raise ValueError(f"{q.type} questions cannot be written here: {entry}")
    return entry


def type_reason(table: TypeTable[W], q: Question) -> str | None:
    """Why ``table``'s format cannot hold ``q``'s type at all, or None when it can."""
    entry = table.get(q.type, f"no writer for {q.type} questions")
    return entry if isinstance(entry, str) else None


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


def neutralise_formula(cell: str) -> str:
    """Make a CSV cell safe: text that would start a formula gets a leading quote.

    Only for formats a spreadsheet reads as typed text (CSV).  An xlsx cell written as a
    string is text already and never evaluated, so it needs no quote.
    """
    if cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def topic_order(bank: Bank, topic_ids: Iterable[str]) -> list[str]:
    """``topic_ids`` (each once) in the bank's topic order; topics the bank lacks last."""
    order = {t.id: n for n, t in enumerate(bank.topics)}
    return sorted(dict.fromkeys(topic_ids), key=lambda t: order.get(t, len(order)))


def topic_title(bank: Bank, topic_id: str) -> str:
    """The topic's title, or its id when the bank does not describe it."""
    topic = bank.topic(topic_id)
    return topic.title if topic is not None else topic_id


def topic_groups(bank: Bank, questions: Sequence[Question]) -> list[tuple[str, list[Question]]]:
    """The questions grouped by topic, in the bank's topic order (unknown topics last)."""
    groups: dict[str, list[Question]] = {}
    for q in questions:
        groups.setdefault(q.topic, []).append(q)
    return [(t, groups[t]) for t in topic_order(bank, groups)]


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
