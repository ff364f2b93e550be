"""Reading command-line words as an answer, refusing what cannot be read for the type.

``powerquiz check QID ANSWER...`` passes its words here.  Where :func:`mark` would
call an unreadable answer wrong, this raises :class:`UnreadableAnswer` saying what
is wrong with it, so that a mistyped command is not mistaken for a wrong answer.
Each type's reader is in its kind (:mod:`powerquiz.qtypes`); the shared pieces are here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from powerquiz.bank.model import Question
from powerquiz.bank.registry import TYPES
from powerquiz.marking.result import Answer, UnreadableAnswer


def parse_words(question: Question, words: Sequence[str]) -> str:
    """The words joined by single spaces (short answers, and the start of others)."""
    return " ".join(w.strip() for w in words if w.strip())


def ascii_numbers(words: Sequence[str]) -> None:
    """Refuse numbers in other digits ("²", "①", "٣"): an option is picked with 0-9."""
    odd = [ch for w in words for ch in w if ch.isnumeric() and not ch.isascii()]
    if odd:
        raise UnreadableAnswer(f"'{odd[0]}' is not a digit 0-9: give option numbers "
                               "in plain digits, e.g. 2")


def parse_answer(question: Question, words: Sequence[str]) -> Answer:
    """Read command-line words as an answer to ``question`` (see ``powerquiz check``).

    - short, choice, multi, truefalse, recall: the words joined with spaces;
    - order: the items (text or number as listed in the bank), separated by commas
      or ``>``, or as separate words;
    - match: ``left=right`` pairs separated by semicolons (or one pair per word);
    - cloze: one word per gap, in order (or one word split at ``|`` or ``;``).

    Raises :class:`UnreadableAnswer` with a plain-English reason.
    """
    parser: Callable[[Question, Sequence[str]], Answer] = TYPES[question.type].parse
    return parser(question, words)
