"""drill, practice and exam over several banks: the repeatable ``--bank`` option, the
banks it names (or ``$POWERQUIZ_BANK`` does), and the filters checked across them.

Imports nothing heavy: the bank loader and the session are imported when a command runs.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from powerquiz.cli.common import check_filters, fail, open_bank
from powerquiz.exitcodes import ExitCode

if TYPE_CHECKING:
    from powerquiz.bank import Bank
    from powerquiz.bank.model import Topic
    from powerquiz.cli.env import Environment
    from powerquiz.session import SessionConfig
    from powerquiz.session.banks import Part

__all__ = ["BanksOption", "bank_paths", "open_banks", "parts"]

BanksOption = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option(
        "--bank",
        "-b",
        metavar="FILE",
        help="Question bank (YAML); repeat for one session over several banks. Default: "
        "$POWERQUIZ_BANK (several files separated by ':', or ';' on Windows), else the "
        "bank that ships with powerquiz.",
        show_default=False,
        dir_okay=True,
        # unreadable files get the loader's located message, not a usage error
        readable=False,
    ),
]


def bank_paths(env: Environment, options: list[Path] | None) -> list[Path | None]:
    """The banks to use: every ``--bank``; else each file ``$POWERQUIZ_BANK`` names
    (several separated by os.pathsep, unless the whole value is one existing file);
    else ``[None]``, the one default bank as before."""
    if options:
        return list(options)
    value = env.bank
    if value and os.pathsep in value and not Path(value).exists():
        named: list[Path | None] = [Path(v.strip()) for v in value.split(os.pathsep)
                                    if v.strip()]
        if named:
            return named
    return [None]


def open_banks(paths: Sequence[Path | None]) -> list[Bank]:
    """Every bank loaded (each one that fails reports its errors as one bank does; then
    exit 1), or exit 2 when a file is given twice or two files have the same bank id."""
    banks: list[Bank] = []
    failed = False
    for path in paths:
        try:
            banks.append(open_bank(path))
        except typer.Exit:
            failed = True
    if failed:
        raise typer.Exit(int(ExitCode.INVALID))
    seen: dict[str, int] = {}
    for n, bank in enumerate(banks):
        first = seen.setdefault(bank.id, n)
        if first != n:
            a, b = str(paths[first]), str(paths[n])
            if _same_file(paths[first], paths[n]):
                fail(f"{a} is given twice as --bank: give each bank once")
            fail(f"{a} and {b} have the same bank id '{bank.id}': progress is kept by "
                 "bank id, so two banks in one session need different ids (the 'bank:' "
                 "line at the top of each file)")
    return banks


def _same_file(a: Path | None, b: Path | None) -> bool:
    try:
        return a is not None and b is not None and a.samefile(b)
    except OSError:
        return False


def parts(
    banks: Sequence[Bank],
    filters: tuple[list[str] | None, list[str] | None],
    configs: Sequence[SessionConfig | None] | None = None,
) -> list[Part]:
    """Each bank with its questions matching --topic and --type (a topic is valid when
    any of the banks has it; an unknown one lists every bank's topics) and its own
    settings; banks with no matching question are left out."""
    from powerquiz.bank.model import Bank as BankModel
    from powerquiz.session.banks import Part

    topics: dict[str, Topic] = {}
    for bank in banks:
        for t in bank.topics:
            topics.setdefault(t.id, t)
    every = banks[0] if len(banks) == 1 else BankModel(
        id="", title="", topics=tuple(topics.values()))
    topic, qtype = check_filters(every, *filters)
    chosen = [Part(bank, tuple(bank.select(topic or (), qtype or ())),
                   configs[n] if configs else None) for n, bank in enumerate(banks)]
    return [p for p in chosen if p.questions] or chosen[:1]
