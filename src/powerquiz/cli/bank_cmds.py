"""Commands that read a bank: topics, list, show, validate."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from powerquiz.bank import Bank, Problem, Question, load
from powerquiz.bank.bundled import display_name
from powerquiz.bank.collector import collector_paused
from powerquiz.bank.model import QUESTION_TYPES
from powerquiz.bank.wording import counted, visible
from powerquiz.cli.app import app
from powerquiz.cli.common import (
    BankOption,
    TopicOption,
    TypeOption,
    bank_path,
    check_filters,
    fail,
    open_bank,
    stderr,
    stdout,
)
from powerquiz.cli.completion import complete_qid
from powerquiz.exitcodes import ExitCode
from powerquiz.ui.literal import cell, literal

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout (for scripts).")]


@app.command()
def topics(bank: BankOption = None, as_json: JsonOption = False) -> None:
    """List the bank's topics with their question counts.

    Example: powerquiz topics

    Example: powerquiz topics --json
    """
    b = open_bank(bank)
    counts = Counter(q.topic for q in b.questions)
    if as_json:
        _print_json({"bank": b.id, "title": b.title, "questions": len(b.questions),
                     "topics": [{"id": t.id, "title": t.title, "questions": counts[t.id]}
                                for t in b.topics]})
        return
    table = Table(title=cell(b.title), title_justify="left")
    table.add_column("topic", style="bold")
    table.add_column("questions", justify="right")
    table.add_column("covers")
    for t in b.topics:
        table.add_row(cell(t.id), str(counts[t.id]), cell(t.title))
    table.add_section()
    table.add_row("all", str(len(b.questions)), "")
    stdout().print(table)


@app.command("list")
def list_questions(
    topic: TopicOption = None,
    qtype: TypeOption = None,
    search: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--search", "-s", metavar="WORDS", show_default=False,
        help="Only questions with all these words (or the start of them) in their id, "
             "prompt, answer, options, explanation, hint or tags; capitals and accents "
             "ignored.")] = None,
    bank: BankOption = None,
    as_json: JsonOption = False,
) -> None:
    """List questions: id, topic, type and prompt.

    Example: powerquiz list --topic factions --type choice

    Example: powerquiz list --search "chief mourner"

    Example: powerquiz list --json
    """
    from powerquiz.bank.search import search as find

    b = open_bank(bank)
    topic, qtype = check_filters(b, topic, qtype)
    chosen = b.select(topic or (), qtype or ())
    if search is not None:
        chosen = find(chosen, search)
    if as_json:
        _print_json({"bank": b.id, "total": len(b.questions), "shown": len(chosen),
                     "questions": [{"id": q.id, "topic": q.topic, "type": q.type,
                                    "prompt": q.display_prompt} for q in chosen]})
        return
    out = stdout()
    if not chosen:
        out.print(f"No question matches, of {counted(len(b.questions), 'question')}.",
                  markup=False, highlight=False)
        return
    table = Table(show_lines=False)
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("topic")
    table.add_column("type")
    table.add_column("prompt")
    for q in chosen:
        table.add_row(cell(q.id), cell(q.topic), q.type, cell(q.display_prompt))
    out.print(table)
    out.print(f"{len(chosen)} of {counted(len(b.questions), 'question')}")


def _print_json(data: object) -> None:
    """``data`` as JSON on stdout; ASCII, so no control character reaches the terminal raw."""
    import json

    out = stdout()
    out.file.write(json.dumps(data, ensure_ascii=True, indent=1) + "\n")
    out.file.flush()


def find_question(b: Bank, qid: str) -> Question:
    """The question ``qid``, or exit 2 naming the closest ids."""
    from powerquiz.bank.problems import did_you_mean

    q = b.question(qid)
    if q is None:
        fail(f"no question '{qid}' in {display_name(b.source) if b.source else b.id}"
             f"{did_you_mean(qid, [x.id for x in b.questions])}; "
             "'powerquiz list' shows the ids")
    return q


def student_view(q: Question) -> list[str]:
    """The question as a student sees it, as lines of plain text."""
    lines = [q.display_prompt]
    if q.type in ("choice", "multi"):
        lines += [f"  {n}. {opt}" for n, opt in enumerate(q.options, 1)]
        if q.type == "multi":
            lines.append("  (choose all that apply)")
    elif q.type == "truefalse":
        lines.append("  True or false?")
    elif q.type == "order":
        # Numbered as the drill lists them and as 'check' reads numbers (never the
        # bank's order, which is the answer).
        from powerquiz.qtypes.order import listing

        lines += [f"  {n}. {item}" for n, item in enumerate(listing(q), 1)]
    elif q.type == "match":
        rights = sorted(set(r for _, r in q.pairs))
        lines += [f"  {left}  ->  ?" for left, _ in q.pairs]
        lines.append(f"  choose from: {', '.join(rights)}")
    elif q.type == "recall":
        lines.append("  (say or write your answer, then compare with the model answer)")
    if q.hint:
        lines.append(f"  hint: {q.hint}")
    return lines


@app.command()
def show(
    qid: Annotated[str, typer.Argument(metavar="QID", autocompletion=complete_qid,
                                       help="The question id (see 'powerquiz list').")],
    bank: BankOption = None,
) -> None:
    """Preview a question as a student sees it, then its answer and explanation.

    Example: powerquiz show right-opposition-members
    """
    b = open_bank(bank)
    q = find_question(b, qid)
    out = stdout()
    out.print(literal(f"{q.id}  ·  {q.topic}  ·  {q.type}", style="dim"))
    out.print()
    for line in student_view(q):
        out.print(literal(line))
    out.print()
    out.print(Text.assemble(("Answer: ", "bold green"), literal(q.expected)))
    if q.accept:
        out.print(Text.assemble(("Also accepted: ", "bold"), literal("; ".join(q.accept))))
    alts = [" / ".join(p) for p in (q.parts if q.type == "short" else q.gaps) if len(p) > 1]
    if alts:
        out.print(Text.assemble(("Alternatives: ", "bold"), literal("; ".join(alts))))
    if q.wrong:
        out.print(Text("Known wrong answers:", style="bold"))
        for w in q.wrong:
            out.print(literal(f"  ✗ {w.text}" + (f": {w.feedback}" if w.feedback else "")))
    if q.explain:
        out.print(Text.assemble(("Why: ", "bold"), literal(q.explain)))
    for pid in q.points:
        point = b.point(pid)
        if point is not None:
            out.print(Text.assemble(("• ", "cyan"), literal(f"{pid}: ", "dim"),
                                    literal(point.text)))
    if q.tags:
        out.print(literal(f"tags: {', '.join(q.tags)}", style="dim"))


@app.command()
def validate(
    file: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
        typer.Argument(metavar="FILE", help="The bank to check. Default: the bundled bank.",
                       readable=False,
                       show_default=False),
    ] = None,
    bank: BankOption = None,
    every: Annotated[bool, typer.Option(
        "--all", help="List each warning located, instead of one line per repeated warning.")
    ] = False,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print every problem as JSON on stdout (for scripts).")] = False,
) -> None:
    """Check a bank: every problem with FILE:LINE:COL, or a summary. Exit 1 on errors.

    Besides the format, every model answer is marked as a student's answer would be,
    so an answer the marker would refuse is caught here and not in class.  A warning
    repeated on many questions is one line with a count (--all lists each); errors
    are always listed one by one.

    Example: powerquiz validate my-bank.yaml
    """
    # Reading builds millions of objects that hold no cycles: the loader pauses the
    # cycle collector; it stays off until the bank is gone, or its first pass after
    # the load would walk the whole bank once more.
    from powerquiz.marking import clear_cache

    with collector_paused():
        try:
            _validate(file or bank_path(bank), every=every, as_json=as_json)
        finally:
            # What the self-check compiled is of no more use; freed now, it costs a
            # tenth of what the interpreter's shutdown takes to tear it down.
            clear_cache()


def _validate(path: Path, *, every: bool, as_json: bool) -> None:
    b, problems = load(path)
    errors = sum(p.is_error for p in problems)
    if as_json:
        _json_report(display_name(path), b, problems)
    else:
        _print_problems(problems, every=every)
    if errors or b is None:
        if not as_json:
            warnings = len(problems) - errors
            stderr().print(literal(f"{display_name(path)}: {errors} error{'s' * (errors != 1)}, "
                                   f"{warnings} warning{'s' * (warnings != 1)}"))
        raise typer.Exit(int(ExitCode.INVALID))
    if not as_json:
        _summary(b, len(problems))


def _print_problems(problems: list[Problem], *, every: bool) -> None:
    """The report on stderr, in one write (not one console call per line)."""
    from powerquiz.bank.report import report_lines

    lines = report_lines(problems, every=every)
    if not lines:
        return
    text = Text()
    for n, line in enumerate(lines):
        if n:
            text.append("\n")
        text.append(visible(line.text), style="red" if line.severity == "error" else "yellow")
    stderr().print(text, soft_wrap=True)


def _json_report(source: str, b: Bank | None, problems: list[Problem]) -> None:
    from powerquiz.bank.report import report_data

    _print_json(report_data(source, problems, valid=b is not None,
                            questions=len(b.questions) if b is not None else None))


def _summary(b: Bank, warnings: int) -> None:
    out = stdout()
    verdict = (
        f"{display_name(b.source)}: valid bank '{b.id}': "
        f"{counted(len(b.questions), 'question')}, "
        f"{counted(len(b.points), 'learning point')}, {counted(len(b.topics), 'topic')}"
    )
    if warnings:
        verdict += f", {counted(warnings, 'warning')}"
    out.print(Text("✓ ", style="green") + literal(verdict))
    table = Table(title="Questions per topic and type", title_justify="left")
    table.add_column("topic", style="bold", no_wrap=True)
    table.add_column("questions", justify="right")
    table.add_column("by type")
    grid = Counter((q.topic, q.type) for q in b.questions)
    for topic in b.topics:
        row = [f"{t} {grid[topic.id, t]}" for t in QUESTION_TYPES if grid[topic.id, t]]
        table.add_row(cell(topic.id), str(sum(grid[topic.id, t] for t in QUESTION_TYPES)),
                      ", ".join(row) or "(none)")
    table.add_section()
    by_type = Counter(q.type for q in b.questions)
    table.add_row("all", str(len(b.questions)),
                  ", ".join(f"{t} {by_type[t]}" for t in QUESTION_TYPES if by_type[t]))
    out.print(table)
