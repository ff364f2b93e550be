"""``powerquiz coverage``: which learning points the bank's questions test."""

from __future__ import annotations

from typing import Annotated

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from powerquiz.bank.model import QUESTION_TYPES
from powerquiz.cli.app import app
from powerquiz.cli.common import BankOption, fail, open_bank, stdout
from powerquiz.coverage import CoverageReport, PointCoverage, coverage
from powerquiz.exitcodes import ExitCode
from powerquiz.ui.literal import cell

TESTED_MARK = "✓"
UNTESTED_MARK = "✗"


def _types(p: PointCoverage) -> str:
    return ", ".join(f"{t} ×{n}" if n > 1 else t for t, n in p.types.items())


def points_table(report: CoverageReport) -> Table:
    """Learning points against the questions that test them; untested ones in red."""
    table = Table(title=cell(f"Learning points: {report.title}"), title_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("", no_wrap=True)
    table.add_column("point", style="bold", no_wrap=True)
    table.add_column("topic")
    table.add_column("questions", justify="right")
    table.add_column("types")
    table.add_column("tested by")
    for p in report.points:
        if p.tested:
            table.add_row(
                Text(TESTED_MARK, style="green"),
                cell(p.point.id),
                cell(p.point.topic),
                str(len(p.questions)),
                _types(p),
                cell(", ".join(q.id for q in p.questions)),
            )
        else:
            table.add_row(
                Text(UNTESTED_MARK, style="bold red"),
                cell(p.point.id, style="bold red"),
                cell(p.point.topic, style="red"),
                Text("0", style="red"),
                Text("—", style="red"),
                cell(f"untested: {p.point.text}", style="red"),
            )
    return table


def topics_table(report: CoverageReport) -> Table:
    """Each topic's questions counted by type (compact: it fits an 80-column terminal)."""
    table = Table(title="Questions by topic and type", title_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, collapse_padding=True, pad_edge=False)
    table.add_column("topic", style="bold", no_wrap=True)
    for t in QUESTION_TYPES:
        table.add_column(t, justify="right", no_wrap=True)
    table.add_column("total", justify="right", style="bold", no_wrap=True)
    for topic in report.topics:
        table.add_row(cell(topic.id), *(_count(topic.counts[t]) for t in QUESTION_TYPES),
                      str(topic.total))
    totals = report.type_totals()
    table.add_section()
    table.add_row("all", *(_count(totals[t]) for t in QUESTION_TYPES),
                  str(sum(totals.values())))
    return table


def _count(n: int) -> Text:
    return Text(str(n), style="dim" if n == 0 else "")


def summary(report: CoverageReport) -> Text:
    n = len(report.points)
    if n == 0:
        return Text("This bank has no learning points: add 'points' to see what its "
                    "questions cover.")
    untested = len(report.untested)
    line = Text(f"{n} learning point{'s' if n != 1 else ''}: {n - untested} tested, ")
    line.append(f"{untested} untested", style="bold red" if untested else "green")
    return line


@app.command("coverage")
def coverage_command(
    bank: BankOption = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit 1 if any learning point is untested (for CI)."),
    ] = False,
) -> None:
    """Show which learning points the questions test, and each topic's question types.

    Untested points are marked ✗ (and red).  With --strict the command fails when
    any point is untested, so a bank can be checked before it is shared.

    Example: powerquiz coverage --bank my-bank.yaml --strict
    """
    b = open_bank(bank)
    report = coverage(b)
    out = stdout()
    if report.points:
        out.print(points_table(report))
    out.print(topics_table(report))
    out.print(summary(report))
    if report.unlinked:
        out.print(cell(f"{len(report.unlinked)} question"
                       f"{'s' if len(report.unlinked) != 1 else ''} name no learning point: "
                       + ", ".join(q.id for q in report.unlinked), style="dim"))
    if strict and report.untested:
        ids = ", ".join(p.point.id for p in report.untested)
        n = len(report.untested)
        fail(f"{n} learning point{'s are' if n != 1 else ' is'} not tested by any question: "
             f"{ids}", ExitCode.INVALID)
