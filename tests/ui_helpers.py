"""Small builders shared by the front-end tests: a question by id, an asked question,
and a plain prompter over given input lines."""

from __future__ import annotations

import io

from powerquiz.bank import Bank
from powerquiz.bank.model import Question
from powerquiz.session import Asked
from powerquiz.ui.plain import PlainPrompter

__all__ = ["asked", "plain", "q"]


def q(bank: Bank, qid: str) -> Question:
    """The question ``qid`` of ``bank`` (it must exist)."""
    question = bank.question(qid)
    assert question is not None
    return question


def asked(question: Question, choices: tuple[str, ...] = ()) -> Asked:
    """``question`` as the first and only one of a session, shown with ``choices``."""
    return Asked(question, 1, 1, choices)


def plain(lines: str, *, interactive: bool = False) -> tuple[PlainPrompter, io.StringIO]:
    """A plain prompter reading ``lines``, and what it writes."""
    out = io.StringIO()
    return PlainPrompter(io.StringIO(lines), out, interactive=interactive), out
