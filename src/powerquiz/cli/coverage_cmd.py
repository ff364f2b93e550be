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
from powerquiz.coverage import MIN_QUESTIONS, CoverageReport, PointCoverage, coverage
from powerquiz.exitcodes import ExitCode
from powerquiz.ui.literal import cell

TESTED_MARK = "✓"
THIN_MARK = "!"
UNTESTED_MARK = "✗"


def _types(p: PointCoverage) -> str:
    return ", ".join(f"{t} ×{n}" if n > 1 else t for t, n in p.types.items())


def points_table(report: CoverageReport) -> Table:
    """Learning points and how many questions test them; thin ones in yellow, untested in red."""
    table = Table(title=cell(f"Learning points: {report.title}"), title_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("", no_wrap=True)
    # Ids stay whole on one line (the widest sets the column); the types column wraps.
    table.add_column("point", style="bold", no_wrap=True,
                     min_width=max((len(p.point.id) for p in report.points), default=5))
    table.add_column("topic", no_wrap=True)
    table.add_column("questions", justify="right", no_wrap=True)
    table.add_column("types")
    thin = {p.point.id for p in report.thin}
    for p in report.points:
        if not p.tested:
            table.add_row(
                Text(UNTESTED_MARK, style="bold red"),
                cell(p.point.id, style="bold red"),
                cell(p.point.topic, style="red"),
                Text("0", style="red"),
                cell(f"untested: {p.point.text}", style="red"),
            )
            continue
        style = "yellow" if p.point.id in thin else ""
        table.add_row(
            Text(THIN_MARK, style="bold yellow") if style else Text(TESTED_MARK, style="green"),
            cell(p.point.id, style=style),
            cell(p.point.topic),
            Text(str(len(p.questions)), style=style),
            _types(p),
        )
    return table


def _mark(report: CoverageReport, p: PointCoverage) -> Text:
    if not p.tested:
        return Text(UNTESTED_MARK, style="bold red")
    if len(p.questions) < report.min_questions:
        return Text(THIN_MARK, style="bold yellow")
    return Text(TESTED_MARK, style="green")


def points_lines(report: CoverageReport) -> Text:
    """The points table as lines, for a terminal too narrow for its columns."""
    text = Text(f"Learning points: {report.title}\n", style="bold")
    for p in report.points:
        text.append(_mark(report, p))
        text.append(" ")
        text.append(cell(p.point.id, style="bold"))
        text.append(" (")
        text.append(cell(p.point.topic))
        text.append(f"): {len(p.questions)} question{'s' if len(p.questions) != 1 else ''}, ")
        text.append(_types(p) if p.tested else cell(f"untested: {p.point.text}", style="red"))
        text.append("\n")
    return text


def topics_lines(report: CoverageReport) -> Text:
    """The topics table as lines, for a narrow terminal."""
    text = Text("Questions by topic and type\n", style="bold")
    for t in report.topics:
        counts = ", ".join(f"{k} {v}" for k, v in t.counts.items() if v)
        text.append(cell(t.id, style="bold"))
        text.append(f": {t.total}" + (f" ({counts})" if counts else "") + "\n")
    text.rstrip()
    return text


#: Below this width the tables do not fit and are printed as lines.
TABLE_WIDTH = 78


def tested_by(report: CoverageReport) -> Text:
    """Each point followed by the ids of the questions that test it, whole (``--ids``)."""
    text = Text()
    for p in report.points:
        text.append(cell(p.point.id, style="bold"))
        text.append(": ")
        text.append(cell(", ".join(q.id for q in p.questions) or "(none)"))
        text.append("\n")
    text.rstrip()
    return text


def topics_table(report: CoverageReport) -> Table:
    """Each topic's questions counted by type (compact: it fits an 80-column terminal)."""
    table = Table(title="Questions by topic and type", title_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 0))
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
    """One line: how many points are tested well, thinly and not at all."""
    n = len(report.points)
    if n == 0:
        return Text("This bank has no learning points: add 'points' to see what its "
                    "questions cover.")
    untested, thin = len(report.untested), len(report.thin)
    line = Text(f"{n} learning point{'s' if n != 1 else ''}: {n - untested - thin} tested "
                f"by {report.min_questions} or more questions, ")
    line.append(f"{thin} by fewer", style="bold yellow" if thin else "green")
    line.append(", ")
    line.append(f"{untested} untested", style="bold red" if untested else "green")
    return line


def _problems(report: CoverageReport) -> list[str]:
    """What ``--strict`` fails on, one plain sentence each (empty: the bank is sound)."""
    out = []
    if report.untested:
        n = len(report.untested)
        out.append(f"{n} learning point{'s are' if n != 1 else ' is'} not tested by any "
                   "question: " + ", ".join(p.point.id for p in report.untested))
    if report.thin:
        n = len(report.thin)
        out.append(f"{n} learning point{'s have' if n != 1 else ' has'} fewer than "
                   f"{report.min_questions} questions: "
                   + ", ".join(f"{p.point.id} ({len(p.questions)})" for p in report.thin))
    if report.empty_topics:
        n = len(report.empty_topics)
        out.append(f"{n} topic{'s have' if n != 1 else ' has'} no questions: "
                   + ", ".join(t.id for t in report.empty_topics))
    return out


def as_json(report: CoverageReport) -> dict[str, object]:
    """The report as data, for scripts (``--json``)."""
    return {
        "bank": report.bank_id,
        "min_questions": report.min_questions,
        "points": [{"id": p.point.id, "topic": p.point.topic,
                    "questions": [q.id for q in p.questions],
                    "status": ("untested" if not p.tested else
                               "thin" if len(p.questions) < report.min_questions
                               else "tested")}
                   for p in report.points],
        "topics": [{"id": t.id, "total": t.total,
                    "counts": {k: v for k, v in t.counts.items() if v}}
                   for t in report.topics],
        "unlinked": [q.id for q in report.unlinked],
        "unknown_points": [{"question": q, "point": pid} for q, pid in report.unknown_points],
        "problems": _problems(report),
    }


@app.command("coverage")
def coverage_command(
    bank: BankOption = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit 1 if any learning point is untested or tested by "
                     "fewer than --min questions, or a topic has none (for CI)."),
    ] = False,
    minimum: Annotated[
        int,
        typer.Option("--min", metavar="N", min=1,
                     help="The fewest questions each learning point should have."),
    ] = MIN_QUESTIONS,
    ids: Annotated[
        bool, typer.Option("--ids", help="List the questions that test each point.")
    ] = False,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON, for scripts.")
    ] = False,
) -> None:
    """Show which learning points the questions test, and each topic's question types.

    Untested points are marked ✗ (red); points tested by fewer than --min questions
    (default 2: one question is soon learnt by heart) are marked ! (yellow).  With
    --strict the command fails on either, or on a topic with no questions, so a bank
    can be checked before it is shared.

    Examples:

    \b
      powerquiz coverage --bank my-bank.yaml --strict
      powerquiz coverage --ids               which questions test each point
      powerquiz coverage --min 3 --json      as data, for a script
    """
    b = open_bank(bank)
    report = coverage(b, min_questions=minimum)
    problems = _problems(report)
    out = stdout()
    if json_out:
        import json

        out.print_json(json.dumps(as_json(report), ensure_ascii=False))
    else:
        narrow = out.width < TABLE_WIDTH
        if report.points:
            out.print(points_lines(report) if narrow else points_table(report))
            if ids:
                out.print(tested_by(report))
        out.print(topics_lines(report) if narrow else topics_table(report))
        out.print(summary(report))
        if report.unlinked:
            out.print(cell(f"{len(report.unlinked)} question"
                           f"{'s' if len(report.unlinked) != 1 else ''} name no learning "
                           "point: " + ", ".join(q.id for q in report.unlinked), style="dim"))
        if report.empty_topics:
            out.print(cell(problems[-1], style="yellow"))
    if strict and problems:
        fail("; ".join(problems), ExitCode.INVALID)
