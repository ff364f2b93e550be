"""The import command: a question set from Anki, Quizlet, Moodle (GIFT or XML), a CSV…

The formats live in :mod:`powerquiz.imports`; this module reads the file, writes the
checked YAML bank (standard output, or a file written atomically with ``-o``, never
over an existing file without ``--force``) and puts the summary on standard error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

from powerquiz.cli.app import app
from powerquiz.cli.common import fail, stderr
from powerquiz.exitcodes import ExitCode

_Opt = Optional[str]  # noqa: UP045 - typer reads the annotation at run time


FromOption = Annotated[_Opt, typer.Option(
    "--from", help="Its format, when the guess from its content is wrong: anki, quizlet, "
    "gift, moodle, csv, json, kahoot, blooket or gimkit.", metavar="FORMAT", show_default=False)]
OutputOption = Annotated[Optional[Path], typer.Option(  # noqa: UP045
    "--output", "-o", help="Write the bank to this file (atomically). Default: standard "
    "output.", metavar="FILE", show_default=False, dir_okay=False)]
BankIdOption = Annotated[_Opt, typer.Option("--bank-id", help="The new bank's id.",
                                            metavar="ID", show_default=False)]
TitleOption = Annotated[_Opt, typer.Option("--title", help="The new bank's title.",
                                           metavar="TEXT", show_default=False)]
TopicOption = Annotated[_Opt, typer.Option("--topic", help="Put every question in this topic.",
                                           metavar="TOPIC", show_default=False)]
SepOption = Annotated[_Opt, typer.Option("--sep", help="Quizlet: between term and definition "
                                         "(tab, comma or the text).", metavar="TEXT",
                                         show_default=False)]
CardSepOption = Annotated[_Opt, typer.Option("--card-sep", help="Quizlet: between cards "
                                             "(newline, semicolon or the text).",
                                             metavar="TEXT", show_default=False)]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the output file if it "
                                           "exists.")]


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The file to import.",
                                         show_default=False)],
    source_format: FromOption = None,
    output: OutputOption = None,
    bank_id: BankIdOption = None,
    title: TitleOption = None,
    topic: TopicOption = None,
    sep: SepOption = None,
    card_sep: CardSepOption = None,
    force: ForceOption = False,
) -> None:
    """Import questions from another tool as a powerquiz bank (YAML).

    The format is guessed from the file's content; --from overrides. The bank
    is checked as 'powerquiz validate' would; a summary of what was imported
    and skipped goes to standard error.

    \b
    Example: powerquiz import deck.apkg -o deck.yaml
    Example: powerquiz import cards.txt --from quizlet --sep comma -o cards.yaml
    Example: powerquiz import questions.xml --title "Stalin's rise" -o rise.yaml
    """
    from powerquiz.imports import ImportFailure, Options, format_names, read_path
    from powerquiz.imports.yamlout import to_yaml

    fmt = (source_format or "").strip().lower()
    if fmt and fmt not in format_names():
        fail(f"unknown format '{source_format}'; the formats are: {', '.join(format_names())}")
    to_stdout = output is None or str(output) == "-"
    if not to_stdout and output is not None and output.exists() and not force:
        fail(f"{output} exists already: give --force to replace it, or another -o")
    options = Options(bank_id=bank_id or "", title=title or "", topic=topic or "",
                      sep=sep or "", card_sep=card_sep or "")
    try:
        result = read_path(file, fmt, options)
        if not result.bank.questions:
            raise ImportFailure(str(file), "no question could be imported: "
                                + ("; ".join(result.summary()[1:]) or "the file holds none"))
        text, result = to_yaml(result, str(file))
    except ImportFailure as exc:
        stderr().print(Text.assemble(("error: ", "bold red"), str(exc)), soft_wrap=True)
        raise typer.Exit(int(ExitCode.INVALID)) from None
    _put(text, output if not to_stdout else None, force)
    err = stderr()
    for line in result.summary():
        style = "yellow" if line.startswith(("skipped", "warning")) else ""
        err.print(Text(line, style=style), soft_wrap=True)


def _put(text: str, output: Path | None, force: bool) -> None:
    from powerquiz.progress.atomic import atomic_write

    if output is None:
        typer.echo(text, nl=False)
        return
    if output.exists() and not force:  # made while we read: still never overwritten
        fail(f"{output} exists already: give --force to replace it, or another -o")
    try:
        atomic_write(output, text.encode("utf-8"))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
