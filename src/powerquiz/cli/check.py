"""The ``check`` command: mark an answer exactly as a drill would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from powerquiz.bank.model import Bank, Question
from powerquiz.bank.wording import visible
from powerquiz.cli.app import app
from powerquiz.cli.bank_cmds import find_question
from powerquiz.cli.common import BankOption, fail, open_bank, stdout
from powerquiz.cli.completion import complete_qid
from powerquiz.marking import Answer, Mark, Verdict
from powerquiz.ui.literal import literal

#: How each verdict is shown: a symbol (for when colour is off) and a colour.
SYMBOLS: dict[Verdict, tuple[str, str]] = {
    "correct": ("✓", "green"),
    "partial": ("~", "yellow"),
    "wrong": ("✗", "red"),
}


@app.command()
def check(
    qid: Annotated[str | None, typer.Argument(help="The question id (see 'powerquiz list').",
                                              metavar="QID", show_default=False,
                                              autocompletion=complete_qid)] = None,
    answer: Annotated[
        list[str] | None,
        typer.Argument(
            help="The answer. cloze: one per gap; order: items (text or number) separated "
            "by commas or ' > '; match: left=right pairs separated by semicolons.",
            metavar="ANSWER",
            show_default=False,
        ),
    ] = None,
    bank: BankOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of text.")
    ] = False,
    replay_file: Annotated[Path | None, typer.Option(
        "--replay", metavar="FILE.csv", show_default=False,
        help="Mark a teacher's marked explain answers again (columns question, answer, "
             "marks) and report the agreement.")] = None,
    min_agreement: Annotated[float | None, typer.Option(
        "--min-agreement", min=0.0, max=1.0, show_default=False, metavar="SHARE",
        help="With --replay: exit 1 when the exact agreement is below this (e.g. 0.9).")] = None,
) -> None:
    """Mark ANSWER to question QID as a drill would: verdict, score, feedback, answer.

    Exit 0 whatever the verdict; exit 2 for an unknown id or an answer that cannot be
    read for the question's type (such as option 9 of 4).

    With --replay FILE.csv, mark every answer in the file again instead.

    Example: powerquiz check right-opposition-members "Bukharin, Tomsky and Rykov"
    """
    from powerquiz.marking import UnreadableAnswer, mark, parse_answer

    b = open_bank(bank)
    if replay_file is not None:
        _replay(b, qid, replay_file, min_agreement)
        return
    if min_agreement is not None:
        fail("--min-agreement goes with --replay FILE.csv")
    if qid is None or not answer:
        fail(f"Missing argument '{'QID' if qid is None else 'ANSWER'}': give a question id "
             "and an answer, e.g. powerquiz check nep-split-short NEP (or --replay FILE.csv)")
    q = find_question(b, qid)
    try:
        given = parse_answer(q, answer)
    except UnreadableAnswer as exc:
        fail(f"cannot read that answer to '{q.id}' ({q.type}): {visible(str(exc))}")
    result = mark(q, given)
    if as_json:
        typer.echo(json.dumps(_as_json(q, given, result), ensure_ascii=False))
        return
    _show(result)


def _as_json(q: Question, given: Answer, result: Mark) -> dict[str, Any]:
    """The JSON of a mark; an explain answer's adds its marks and the points credited."""
    out: dict[str, Any] = {"id": q.id, "type": q.type, **result.to_dict()}
    if q.type == "explain":
        from powerquiz.marking.schememark import assess

        scored = assess(q, given)
        out["marks"] = {"awarded": scored.awarded, "out_of": scored.out_of}
        out["credited"] = scored.credited
    return out


def _replay(b: Bank, qid: str | None, path: Path, min_agreement: float | None) -> None:
    if qid is not None:
        fail("give either QID ANSWER or --replay FILE.csv, not both")
    from powerquiz.cli.replay import run_replay

    run_replay(b, path, min_agreement)


def _show(result: Mark) -> None:
    out = stdout()
    symbol, colour = SYMBOLS[result.verdict]
    out.print(Text.assemble((f"{symbol} {result.verdict}", f"bold {colour}"),
                            f"  score {result.score:.2f}"))
    for line in result.feedback:
        if line != result.verdict:  # "correct" says nothing the first line did not
            out.print(literal(f"  {line}"), soft_wrap=True)
    out.print(Text.assemble(("Answer: ", "bold"), literal(result.expected)), soft_wrap=True)
