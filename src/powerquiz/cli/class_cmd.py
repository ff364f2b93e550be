"""``powerquiz class report``: one report on a class from the students' progress exports.

The figures come from :func:`powerquiz.reports.class_report`; this module reads the bank
and the export files (never writing to them), checks the options and renders.  A file
that cannot be used is named on stderr, skipped, and makes the exit status 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from powerquiz.cli.app import app
from powerquiz.cli.common import BankOption, fail, open_bank, stderr, stdout
from powerquiz.exitcodes import ExitCode

if TYPE_CHECKING:
    from powerquiz.bank.model import Bank
    from powerquiz.reports import ClassReport

__all__ = ["class_app", "report"]

class_app = typer.Typer(
    help="Reports for a teacher on a whole class, from the students' progress exports.\n\n"
    "Example: powerquiz class report exports/*.json",
    no_args_is_help=True,
)
app.add_typer(class_app, name="class")

def _write(path: Path, data: str, option: str, inputs: list[Path]) -> None:
    """Write ``data`` to ``path`` atomically; never over one of the students' files."""
    from powerquiz.progress.atomic import atomic_write
    from powerquiz.progress.files import same_file

    if path.is_dir():
        fail(f"{option} {path} is a folder; give a file name")
    if any(same_file(path, source) for source in inputs):
        fail(f"{option} {path} is one of the students' exports; it is never written to")
    try:
        atomic_write(path, data.encode("utf-8"))
    except OSError as e:
        fail(f"cannot write {path}: {e.strerror or e}", ExitCode.INVALID)


@class_app.command()
def report(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE", help="The students' exports (from `powerquiz progress export`).")],
    bank_path: BankOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    html_file: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--html", metavar="FILE", show_default=False,
        help="Write a printable page with charts to FILE.")] = None,
    csv_file: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--csv", metavar="FILE", show_default=False,
        help="Write one row per student and question to FILE.")] = None,
    anonymise: Annotated[bool, typer.Option(
        "--anonymise", help="Show the students as S1, S2, ...")] = False,
    suggest_wrong: Annotated[bool, typer.Option(
        "--suggest-wrong", help="Print YAML wrong: entries for frequent wrong answers the "
        "bank lacks.")] = False,
) -> None:
    """Item analysis, misconceptions, mastery by student and topic, and mock exam results.

    Example: powerquiz class report alex.json sam.json --html class.html
    """
    from powerquiz.reports import class_report
    from powerquiz.reports.loading import read_class_exports

    bank = open_bank(bank_path)
    exports, skipped = read_class_exports(files, bank)
    err = stderr()
    for problem in skipped:
        err.print(str(problem), markup=False, soft_wrap=True, highlight=False)
    if not exports:
        fail(f"no readable progress export of the bank {bank.id!r} among the "
             f"{len(files)} file{'s' if len(files) != 1 else ''} given; nothing to report",
             ExitCode.INVALID)
    figures = class_report(exports, bank, anonymise=anonymise)
    _render(figures, bank, files, as_json=as_json, html_file=html_file, csv_file=csv_file,
            suggest=suggest_wrong)
    if skipped:
        raise typer.Exit(int(ExitCode.INVALID))


def _render(figures: ClassReport, bank: Bank, files: list[Path], *, as_json: bool,
            html_file: Path | None, csv_file: Path | None, suggest: bool) -> None:
    from powerquiz.cli.class_view import csv_text, suggest_wrong

    quiet = as_json or suggest  # stdout is then the JSON or the YAML alone
    if html_file is not None:
        from powerquiz.cli.class_html import render_html

        _write(html_file, render_html(figures, bank), "--html", files)
        if not quiet:
            stdout().print(f"Wrote {html_file}.", markup=False, soft_wrap=True)
    if csv_file is not None:
        _write(csv_file, csv_text(figures), "--csv", files)
        if not quiet:
            stdout().print(f"Wrote {csv_file}.", markup=False, soft_wrap=True)
    if as_json:
        typer.echo(json.dumps(figures.doc, indent=2, ensure_ascii=False))
    elif suggest:
        typer.echo(suggest_wrong(figures, bank), nl=False)
    elif html_file is None and csv_file is None:
        _print_text(figures, bank)


def _print_text(figures: ClassReport, bank: Bank) -> None:
    from rich.text import Text

    from powerquiz.cli.class_view import sections

    out = stdout()
    styled = out.is_terminal and not out.no_color
    for index, (heading, lines) in enumerate(sections(figures, bank)):
        if index:
            out.print()
        out.print(Text(heading, style="bold" if styled else ""), soft_wrap=True)
        for line in lines:
            out.print(Text(("  " + line).rstrip()), soft_wrap=True)
