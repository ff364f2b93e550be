"""Shell completion of option values: topics, question types, question ids, formats.

``powerquiz --install-completion`` installs typer's completion script for the shell;
commands and options complete from it already.  These functions complete the *values*
a student or teacher would otherwise look up: ``--topic <TAB>`` offers the bank's topic
ids (of every bank named by ``--bank`` earlier on the line, else the default bank), ``--type``
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


def _banks(ctx: typer.Context) -> list[Bank]:
    """The banks the command line names so far (or the default one); those that cannot
    be read are left out."""
    from powerquiz.bankcache import cache_dir, load_cached
    from powerquiz.cli.common import bank_path
    from powerquiz.cli.env import current_environment

    named = ctx.params.get("bank")
    # drill, practice and exam take --bank more than once
    paths: list[Path | None] = ([Path(p) for p in named] if isinstance(named, list) else
                                [Path(named)] if named else [])
    found = []
    for path in paths or [None]:
        try:
            bank, _problems = load_cached(bank_path(path), cache_dir(current_environment().home))
        except Exception:  # completion must never print a traceback into the shell
            bank = None
        if bank is not None:
            found.append(bank)
    return found


def _bank(ctx: typer.Context) -> Bank | None:
    """The first of :func:`_banks`, or None."""
    banks = _banks(ctx)
    return banks[0] if banks else None


def _last(incomplete: str) -> tuple[str, str]:
    """(what comes before the last comma, the part being typed): ``a,b`` lists complete."""
    head, comma, tail = incomplete.rpartition(",")
    return (head + comma, tail)


def complete_topic(ctx: typer.Context, incomplete: str) -> Offer:
    """The bank's topic ids starting with what is typed (capitals ignored), with titles."""
    head, tail = _last(incomplete)
    offered: dict[str, str] = {}
    for bank in _banks(ctx):
        for t in bank.topics:
            if t.id.casefold().startswith(tail.casefold()):
                offered.setdefault(t.id, t.title)
    return [(head + tid, title) for tid, title in offered.items()]


def complete_type(ctx: typer.Context, incomplete: str) -> Offer:
    """The question types the bank uses (every type when it cannot be read)."""
    from powerquiz.bank.registry import TYPES

    banks = _banks(ctx)
    used = sorted({q.type for b in banks for q in b.questions}) if banks else sorted(TYPES)
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
