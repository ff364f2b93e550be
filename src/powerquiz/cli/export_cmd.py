"""The export command: questions for Moodle, Anki, Kahoot, Quizlet, a printed worksheet…

The formats themselves live in :mod:`powerquiz.exports`; this module picks the
questions, runs the format, and puts its data where it belongs: standard output for
text, or a file written atomically with ``-o``.  Everything else — skipped questions,
warnings, the summary — goes to standard error, so ``> file`` captures only the data.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

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
from powerquiz.exitcodes import ExitCode

#: Formats that hold every question type, suggested when a format skips some.
HOLDS_EVERY_TYPE = "anki, quizlet, csv, html or markdown"


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Argument(metavar="FORMAT", help="The format: one of those listed above.",
                       show_default=False),
    ],
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option("--output", "-o", help="Write to this file (replaced atomically). "
                     "Default: standard output; anki and kahoot need a file.",
                     show_default=False, dir_okay=False),
    ] = None,
    topic: TopicOption = None,
    qtype: TypeOption = None,
    bank: BankOption = None,
) -> None:
    """Export questions for another tool, or as a printable worksheet.

    Text formats go to standard output unless -o is given; anki and kahoot make
    binary files and need -o. Questions a format cannot hold are skipped, and
    named with the reason on standard error.

    \b
    Formats:
      gift      Moodle GIFT text, for Moodle's question import
      moodle    Moodle XML, for Moodle's question import
      anki      an Anki deck (.apkg), a subdeck per topic; re-importing updates the cards
      quizlet   flashcards to paste into Quizlet's import box (term TAB definition)
      kahoot    Kahoot's spreadsheet template (.xlsx): multiple choice and true/false
      blooket   Blooket's CSV import template: multiple choice and true/false
      gimkit    Gimkit's CSV import template: one correct answer, up to 3 wrong ones
      csv       the whole bank as a spreadsheet, every field kept
      markdown  a printable worksheet in Markdown, with an answer key
      html      a printable worksheet as one self-contained web page, with an answer key
      json      the questions as a JSON bank, for scripts

    \b
    Example: powerquiz export gift -o quiz.txt
    Example: powerquiz export anki -o stalin-rise.apkg
    Example: powerquiz export html --topic factions -o factions.html
    Example: powerquiz export quizlet --type short --type choice > cards.txt
    """
    from powerquiz.bank.problems import did_you_mean
    from powerquiz.exports.base import format_names, load_format
    from powerquiz.exports.deps import MissingDependency

    names = format_names()
    name = fmt.strip().lower()
    if name not in names:
        fail(f"unknown format '{fmt}'{did_you_mean(name, names)}; "
             f"the formats are: {', '.join(names)}")
    to_stdout = output is None or str(output) == "-"
    b = open_bank(bank)
    check_filters(b, topic, qtype)
    try:
        form, run = load_format(name)
    except ImportError as exc:
        fail(f"the {name} format is not available in this installation ({exc})",
             ExitCode.INVALID)
    if form.binary and to_stdout:
        fail(f"{name} makes a binary file: give one with -o, e.g. "
             f"powerquiz export {name} -o {b.id}{form.suffix}")
    chosen = b.select(topic or (), qtype or ())
    if not chosen:
        fail("no questions match the --topic/--type filters; 'powerquiz topics' shows "
             "what the bank has", ExitCode.INVALID)
    try:
        result = run(b, chosen)
    except MissingDependency as exc:
        fail(str(exc), ExitCode.INVALID)

    err = stderr()
    for warning in result.warnings:
        err.print(Text(f"warning: {warning}", style="yellow"), soft_wrap=True)
    for skipped in result.skipped:
        err.print(Text(skipped.message(name), style="yellow"), soft_wrap=True)
    n_skipped = sum(len(s.ids) for s in result.skipped)
    if result.count == 0:
        fail(f"none of the {len(chosen)} selected questions fits the {name} format; "
             f"{HOLDS_EVERY_TYPE} hold every type", ExitCode.INVALID)

    data = result.data.encode("utf-8") if isinstance(result.data, str) else result.data
    if to_stdout:
        _write_stdout(data)
        where = "standard output"
    else:
        assert output is not None
        try:
            write_atomic(output, data)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
        where = str(output)
    noun = "question" if result.count == 1 else "questions"
    summary = f"exported {result.count} {noun} to {where}"
    if n_skipped:
        summary += f" ({n_skipped} skipped; {HOLDS_EVERY_TYPE} hold every type)"
    err.print(Text(summary), soft_wrap=True)


def _write_stdout(data: bytes) -> None:
    """The data on standard output, byte for byte (no newline translation, no re-encoding)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:  # a text-only stream (some test harnesses): the data is UTF-8 text
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new, never half.

    The data goes to a temporary file in the same folder, is flushed to disk, and
    replaces ``path`` in one step.  A new file gets the usual permissions (the umask);
    a replaced one keeps its own.
    """
    folder = path.parent
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(_mode_for(path))
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable, where the OS allows
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
