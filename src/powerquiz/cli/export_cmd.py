"""The export command: questions for Moodle, Anki, Kahoot, Quizlet, a printed worksheet…

A few lines over :func:`powerquiz.exports.export`: pick the questions, run the format,
and put its data where it belongs: standard output for text, or ``-o FILE``.  The
format list in ``--help`` comes from the formats themselves.  Everything else (skipped
questions, warnings, the summary) goes to standard error, so ``> file`` captures only
the data.

Where ``-o`` may write (:func:`refuse_protected`, :func:`deliver`):

- never over the bank being exported, nor over the progress files (the card file, its
  review log and lock), compared as resolved paths and as the same file (inode), so a
  link or another spelling of the path is caught too; nothing is written then;
- everything else is :func:`powerquiz.progress.atomic.atomic_write`'s rule, the
  project's one atomic writer: a regular file (or a new one) is replaced atomically,
  keeping its permission bits, and through a symbolic link the file it points to is
  replaced and the link kept; anything else that exists (a device such as
  ``/dev/null``, a FIFO, ``/dev/stdout``) is written in place, since renaming a file
  over it would replace the device.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.text import Text
from typer.core import TyperCommand

from powerquiz.cli.app import app
from powerquiz.cli.common import (
    BankOption,
    TopicOption,
    TypeOption,
    check_filters,
    fail,
    open_bank,
    stderr,
)
from powerquiz.cli.completion import complete_format
from powerquiz.exitcodes import ExitCode

if TYPE_CHECKING:
    from powerquiz.bank.model import Bank

#: Formats that hold every question type, suggested when a format skips some.
HOLDS_EVERY_TYPE = "anki, quizlet, csv, html or markdown"
#: Where ``--help`` puts the list of formats, built from each format's summary.
FORMATS_HERE = "{formats}"
SHEET = "Worksheet (markdown, html)"

ShuffleOption = Annotated[bool, typer.Option(
    "--shuffle", help="Shuffle the options (except where a question says shuffle: false).",
    rich_help_panel=SHEET)]
HintsOption = Annotated[bool, typer.Option(
    "--hints", help="Print the hints on the student's sheet.", rich_help_panel=SHEET)]
IdsOption = Annotated[bool, typer.Option(
    "--ids", help="Print question ids in the answer key.", rich_help_panel=SHEET)]
KeyOption = Annotated[bool, typer.Option(
    "--key/--no-key", help="Print the answer key.", rich_help_panel=SHEET)]
VersionsOption = Annotated[int, typer.Option(
    "--versions", min=1, max=26, metavar="N", rich_help_panel=SHEET,
    help="Papers A, B… with questions and options in other orders, a key for each.")]


def format_list() -> str:
    """The formats as ``--help`` lists them: name and summary, one a line."""
    from powerquiz.exports import formats

    return "\n".join(f"  {f.name:<9} {f.summary}" for f in formats())


#: The command's help; ``{formats}`` becomes the list of formats when it is shown.
EXPORT_HELP = """Export questions for another tool, or as a printable worksheet.

Text formats go to standard output unless -o is given; anki and kahoot make
binary files and need -o. Questions a format cannot hold are skipped, and
named with the reason on standard error.

\b
Formats:
{formats}

\b
Example: powerquiz export gift -o quiz.txt
Example: powerquiz export anki -o stalin-rise.apkg
Example: powerquiz export html --topic factions -o factions.html
Example: powerquiz export quizlet --type short --type choice > cards.txt
Example: powerquiz export html --versions 2 --no-key -o papers.html
"""


class _ExportCommand(TyperCommand):
    """The export command, whose help lists the formats only when it is shown."""

    @property
    def help(self) -> str | None:
        raw = self.__dict__.get("_raw_help")
        return raw.replace(FORMATS_HERE, format_list()) if raw else raw

    @help.setter
    def help(self, value: str | None) -> None:
        self.__dict__["_raw_help"] = value


@app.command(cls=_ExportCommand, help=EXPORT_HELP)
def export(
    fmt: Annotated[
        str,
        typer.Argument(metavar="FORMAT", help="The format: one of those listed above.",
                       show_default=False, autocompletion=complete_format),
    ],
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option("--output", "-o", help="Write to this file (replaced atomically; a "
                     "device or FIFO is written in place). Default: standard output; "
                     "anki and kahoot need a file.", show_default=False, dir_okay=False,
                     metavar="FILE"),
    ] = None,
    topic: TopicOption = None,
    qtype: TypeOption = None,
    bank: BankOption = None,
    shuffle: ShuffleOption = False,
    hints: HintsOption = False,
    ids: IdsOption = False,
    key: KeyOption = True,
    versions: VersionsOption = 1,
) -> None:
    """The export command (its help is :data:`EXPORT_HELP`)."""
    from powerquiz import exports

    name = _format_name(fmt)
    to_stdout = output is None or str(output) == "-"
    b = open_bank(bank)
    topic, qtype = check_filters(b, topic, qtype)
    form = exports.load_format(name)[0]
    sheet = _sheet_options(form, shuffle=shuffle, hints=hints, ids=ids, key=key,
                           versions=versions)
    if form.needs_file and to_stdout:
        fail(f"{name} makes a binary file: give one with -o, e.g. "
             f"powerquiz export {name} -o {b.id}{form.suffix}")
    if output is not None and not to_stdout:
        refuse_protected(output, b)
    chosen = b.select(topic or (), qtype or ())
    if not chosen:
        fail("no questions match the --topic/--type filters; 'powerquiz topics' shows "
             "what the bank has", ExitCode.INVALID)
    try:
        result = exports.export(b, name, chosen, sheet)
    except exports.MissingDependency as exc:
        fail(str(exc), ExitCode.INVALID)
    _report(name, len(chosen), result)
    where = deliver(None if to_stdout else output, result.payload)
    _summary(result, where)


def _sheet_options(form: Any, **chosen: Any) -> Any:
    """The worksheet options, or None for the defaults; exit 2 if the format takes none."""
    from powerquiz.exports import SheetOptions

    options = SheetOptions(**chosen)
    if options == SheetOptions():
        return None
    if not form.worksheet:
        given = [f"--{k}" if k != "key" else "--no-key" for k, v in chosen.items()
                 if v != getattr(SheetOptions(), k)]
        verb = "applies" if len(given) == 1 else "apply"
        fail(f"{', '.join(given)} only {verb} to a worksheet (markdown or html), "
             f"not to {form.name}")
    return options


def _format_name(fmt: str) -> str:
    from powerquiz.bank.problems import did_you_mean
    from powerquiz.exports import format_names

    names = format_names()
    name = fmt.strip().lower()
    if name not in names:
        fail(f"unknown format '{fmt}'{did_you_mean(name, names)}; "
             f"the formats are: {', '.join(names)}")
    return name


def _report(name: str, chosen: int, result: Any) -> None:
    """The format's warnings and skipped questions on stderr; exit 1 if nothing fits."""
    err = stderr()
    for warning in result.warnings:
        err.print(Text(f"warning: {warning}", style="yellow"), soft_wrap=True)
    for skipped in result.skipped:
        err.print(Text(skipped.message(name), style="yellow"), soft_wrap=True)
    if result.count == 0:
        fail(f"none of the {chosen} selected questions fits the {name} format; "
             f"{HOLDS_EVERY_TYPE} hold every type", ExitCode.INVALID)


def _summary(result: Any, where: str) -> None:
    n_skipped = sum(len(s.ids) for s in result.skipped)
    noun = "question" if result.count == 1 else "questions"
    summary = f"exported {result.count} {noun} to {where}"
    if n_skipped:
        summary += f" ({n_skipped} skipped; {HOLDS_EVERY_TYPE} hold every type)"
    stderr().print(Text(summary), soft_wrap=True)


def protected_paths(bank: Bank) -> list[tuple[Path, str]]:
    """The files ``-o`` must never replace, each with what it is."""
    from powerquiz.cli.env import current_environment
    from powerquiz.progress.paths import lock_path_for, log_path_for

    out: list[tuple[Path, str]] = []
    if bank.source:
        out.append((Path(bank.source), "the bank being exported"))
    progress = current_environment().default_progress_path
    out += [(progress, "your progress file"), (log_path_for(progress), "your review log"),
            (lock_path_for(progress), "your progress lock file")]
    return out


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.samefile(b)
    except (OSError, RuntimeError):
        return False


def refuse_protected(output: Path, bank: Bank) -> None:
    """Exit 2, writing nothing, when ``output`` is the bank or a progress file."""
    for path, what in protected_paths(bank):
        if _same_file(output, path):
            fail(f"{output} is {what}; exporting over it would destroy it. "
                 "Give another file with -o")


def deliver(output: Path | None, data: bytes) -> str:
    """Put ``data`` on standard output or in ``output``; where it went, for the summary."""
    if output is None:
        _write_stdout(data)
        return "standard output"
    try:
        _write_file(output, data)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    return str(output)


def _write_stdout(data: bytes) -> None:
    """The data on standard output, byte for byte (no newline translation, no re-encoding)."""
    from powerquiz.cli.env import current_environment

    stdout = current_environment().stdout
    stdout.flush()
    buffer = getattr(stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:  # a text-only stream (some test harnesses): the data is UTF-8 text
        stdout.write(data.decode("utf-8"))
        stdout.flush()


def _write_file(path: Path, data: bytes) -> None:
    """``data`` in ``path`` by the project's one atomic writer, which carries the rule:
    a regular file is replaced atomically keeping its permission bits (through a link,
    the file it points to), anything else (a device, a FIFO, /dev/stdout) in place."""
    from powerquiz.progress.atomic import atomic_write

    atomic_write(path, data)
