"""What every command shares: the --bank option, consoles, and clean failures.

Every command module imports this, so it imports nothing heavy itself: rich, the bank
(and its YAML loader) are imported by the functions that use them, and a command's
``--help`` never loads them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from powerquiz.cli.completion import complete_topic, complete_type
from powerquiz.cli.env import Environment, current_environment
from powerquiz.exitcodes import ExitCode

if TYPE_CHECKING:
    from rich.console import Console

    from powerquiz.bank import Bank

BankOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at run time on Python 3.10
    typer.Option(
        "--bank",
        "-b",
        metavar="FILE",
        help="Question bank (YAML). Default: $POWERQUIZ_BANK, else the bank that ships "
        "with powerquiz.",
        show_default=False,
        dir_okay=True,
        # unreadable files get the loader's located message, not a usage error
        readable=False,
    ),
]

def _progress_file(value: Path | None) -> Path | None:
    """A --progress that cannot name a file ('/', '', '..') is a usage error, not a crash."""
    if value is not None and value.name in ("", ".."):
        from powerquiz.bank.wording import visible

        raise typer.BadParameter(f"'{visible(str(value))}' is not a file name; give the "
                                 "progress file's name, e.g. --progress my-progress.json")
    return value


ProgressOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--progress",
        metavar="FILE",
        callback=_progress_file,
        help="Progress file to use. Default: progress.json in your powerquiz data folder "
        "($POWERQUIZ_HOME moves it).",
        show_default=False,
    ),
]

TopicOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--topic", "-t", metavar="TOPIC",
                 help="Only this topic (repeat for several, or a,b; capitals ignored).",
                 show_default=False, autocompletion=complete_topic),
]
TypeOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--type", metavar="TYPE",
                 help="Only this question type (repeat for several, or short,choice).",
                 show_default=False, autocompletion=complete_type),
]


def environment(ctx: typer.Context) -> Environment:
    """The environment the root callback built (or a fake one a test passed)."""
    env = ctx.find_object(Environment)
    return env if env is not None else current_environment()


def stdout() -> Console:
    """The run's one console for results; rich drops colour under NO_COLOR or when piped."""
    return current_environment().out


def stderr() -> Console:
    """The run's one console for errors and warnings."""
    return current_environment().err


def fail(message: str, code: ExitCode = ExitCode.USAGE) -> NoReturn:
    """Print ``message`` on stderr and exit with ``code``: no traceback, ever.

    The message is shown literally (never as markup) with control characters escaped.
    """
    from rich.text import Text

    from powerquiz.bank.wording import visible

    stderr().print(Text.assemble(("error: ", "bold red"), visible(message)), soft_wrap=True)
    raise typer.Exit(int(code))


def bank_path(path: Path | None) -> Path:
    """The bank a command reads: ``--bank``, else ``$POWERQUIZ_BANK``, else the bundled one."""
    return current_environment().bank_path(path)


def open_bank(path: Path | None) -> Bank:
    """Load the bank at ``path`` (or the default), or print every error and exit 1."""
    from powerquiz.bank.bundled import display_name
    from powerquiz.bank.wording import visible
    from powerquiz.bankcache import cache_dir, load_cached  # parsed banks kept (not validate)

    source = bank_path(path)
    bank, problems = load_cached(source, cache_dir(current_environment().home))
    if bank is None:
        err = stderr()
        for problem in problems:
            if problem.is_error:
                err.print(visible(str(problem)), markup=False, soft_wrap=True)
        n = sum(p.is_error for p in problems)
        shown = display_name(source)
        again = "" if shown != str(source) else f" {source}"
        err.print(visible(f"{shown}: {n} error{'s' if n != 1 else ''}; run "
                          f"'powerquiz validate{again}' for the full report"), markup=False)
        raise typer.Exit(int(ExitCode.INVALID))
    return bank


def check_filters(
    bank: Bank, topics: list[str] | None, types: list[str] | None
) -> tuple[list[str] | None, list[str] | None]:
    """The --topic and --type values as the bank spells them; exit 2 with a helpful
    message for one the bank does not have.

    Each option may be repeated or given as a list (``--type short,choice``); topics
    and types are matched whatever their capitals (``--topic Factions``).
    """
    from powerquiz.bank.model import QUESTION_TYPES
    from powerquiz.bank.problems import did_you_mean

    known = [t.id for t in bank.topics]
    by_fold = {t.casefold(): t for t in known}
    chosen_topics: list[str] = []
    for topic in _listed(topics):
        found = topic if topic in known else by_fold.get(topic.casefold())
        if found is None:
            fail(f"unknown topic '{topic}'{did_you_mean(topic, known)}; "
                 f"the topics are: {', '.join(known)}")
        chosen_topics.append(found)
    chosen_types: list[str] = []
    for qtype in _listed(types):
        if qtype.casefold() not in QUESTION_TYPES:
            fail(f"unknown question type '{qtype}'{did_you_mean(qtype, QUESTION_TYPES)}; "
                 f"the types are: {', '.join(QUESTION_TYPES)}")
        chosen_types.append(qtype.casefold())
    return (None if topics is None else chosen_topics,
            None if types is None else chosen_types)


def _listed(values: list[str] | None) -> list[str]:
    """Repeated values and comma-separated ones, as one list (empty items dropped)."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]
