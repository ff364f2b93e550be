"""Shell completion of option values: topics, question types, question ids, formats.

``powerquiz --install-completion`` installs typer's completion script for the shell;
commands and options complete from it already.  These functions complete the *values*
a student or teacher would otherwise look up: ``--topic <TAB>`` offers the bank's topic
ids (the one named by ``--bank`` earlier on the line, else the default bank), ``--type``
the bank's question types, ``show``/``check`` the question ids, ``export`` its formats.

A completion runs on every TAB, so it must be quick and silent: the bank comes from the
parsed-bank cache, and a bank that cannot be read completes nothing (never an error).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from powerquiz.bank import Bank

__all__ = ["complete_format", "complete_qid", "complete_topic", "complete_type"]

Offer = list[tuple[str, str]]


def _bank(ctx: typer.Context) -> Bank | None:
    """The bank the command line names so far (or the default one), or None."""
    from powerquiz.bankcache import cache_dir, load_cached
    from powerquiz.cli.common import bank_path
    from powerquiz.cli.env import current_environment

    named = ctx.params.get("bank")
    if isinstance(named, list):  # drill, practice and exam take --bank more than once
        named = named[0] if named else None
    try:
        source = bank_path(Path(named) if named else None)
        bank, _problems = load_cached(source, cache_dir(current_environment().home))
    except Exception:  # completion must never print a traceback into the shell
        return None
    return bank


def _last(incomplete: str) -> tuple[str, str]:
    """(what comes before the last comma, the part being typed): ``a,b`` lists complete."""
    head, comma, tail = incomplete.rpartition(",")
    return (head + comma, tail)


def complete_topic(ctx: typer.Context, incomplete: str) -> Offer:
    """The bank's topic ids starting with what is typed (capitals ignored), with titles."""
    bank = _bank(ctx)
    if bank is None:
        return []
    head, tail = _last(incomplete)
    return [(head + t.id, t.title) for t in bank.topics
            if t.id.casefold().startswith(tail.casefold())]


def complete_type(ctx: typer.Context, incomplete: str) -> Offer:
    """The question types the bank uses (every type when it cannot be read)."""
    from powerquiz.bank.registry import TYPES

    bank = _bank(ctx)
    used = sorted({q.type for q in bank.questions}) if bank is not None else sorted(TYPES)
    head, tail = _last(incomplete)
    return [(head + name, "question type") for name in used
            if name.startswith(tail.casefold())]


def complete_qid(ctx: typer.Context, incomplete: str) -> Offer:
    """The bank's question ids starting with what is typed, each with its prompt."""
    from powerquiz.bank.wording import one_line

    bank = _bank(ctx)
    if bank is None:
        return []
    return [(q.id, one_line(q.prompt)[:60]) for q in bank.questions
            if q.id.startswith(incomplete)]


def complete_format(incomplete: str) -> Offer:
    """The export formats starting with what is typed, with their summaries."""
    from powerquiz.exports import formats

    return [(f.name, f.summary) for f in formats() if f.name.startswith(incomplete.casefold())]
