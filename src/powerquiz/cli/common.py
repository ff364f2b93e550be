"""What every command shares: the --bank option, consoles, and clean failures."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console
from rich.text import Text

from powerquiz.bank import Bank, load
from powerquiz.bank.bundled import ENV_BANK, default_bank_path
from powerquiz.exitcodes import ExitCode

BankOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at run time on Python 3.10
    typer.Option(
        "--bank",
        "-b",
        envvar=ENV_BANK,
        help="Question bank (YAML). Default: the bank that ships with powerquiz.",
        show_default=False,
        dir_okay=True,
        # unreadable files get the loader's located message, not a usage error
        readable=False,
    ),
]

ProgressOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--progress",
        metavar="FILE",
        help="Progress file to use. Default: progress.json in your powerquiz data folder "
        "($POWERQUIZ_HOME moves it).",
        show_default=False,
    ),
]

TopicOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--topic", "-t", help="Only this topic (repeat for several).", show_default=False),
]
TypeOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--type", help="Only this question type (repeat for several).",
                 show_default=False),
]


def stdout() -> Console:
    """The console for results; rich drops colour under NO_COLOR or when piped."""
    console = Console(highlight=False)
    console.soft_wrap = not console.is_terminal  # piped text is not cut mid-sentence
    return console


def stderr() -> Console:
    console = Console(stderr=True, highlight=False)
    console.soft_wrap = not console.is_terminal
    return console


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    """Print ``message`` on stderr and exit with ``code``: no traceback, ever."""
    stderr().print(Text.assemble(("error: ", "bold red"), message), soft_wrap=True)
    raise typer.Exit(int(code))


def bank_label(path: Path | None) -> str:
    return str(path) if path is not None else str(default_bank_path())


def open_bank(path: Path | None) -> Bank:
    """Load the bank at ``path`` (or the default), or print every error and exit 1."""
    source = path if path is not None else default_bank_path()
    bank, problems = load(source)
    if bank is None:
        err = stderr()
        for problem in problems:
            if problem.is_error:
                err.print(str(problem), markup=False, soft_wrap=True)
        n = sum(p.is_error for p in problems)
        err.print(f"{source}: {n} error{'s' if n != 1 else ''}; run "
                  f"'powerquiz validate {source}' for the full report", markup=False)
        raise typer.Exit(int(ExitCode.INVALID))
    return bank


def check_filters(bank: Bank, topics: list[str] | None, types: list[str] | None) -> None:
    """Exit 2 with a helpful message for a --topic or --type the bank does not have."""
    from powerquiz.bank.model import QUESTION_TYPES
    from powerquiz.bank.problems import did_you_mean

    known = [t.id for t in bank.topics]
    for topic in topics or []:
        if topic not in known:
            fail(f"unknown topic '{topic}'{did_you_mean(topic, known)}; "
                 f"the topics are: {', '.join(known)}")
    for qtype in types or []:
        if qtype not in QUESTION_TYPES:
            fail(f"unknown question type '{qtype}'{did_you_mean(qtype, QUESTION_TYPES)}; "
                 f"the types are: {', '.join(QUESTION_TYPES)}")


def is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
