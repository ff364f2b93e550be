"""The ``check`` command: mark an answer exactly as a drill would."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.text import Text

from powerquiz.bank.wording import visible
from powerquiz.cli.app import app
from powerquiz.cli.bank_cmds import find_question
from powerquiz.cli.common import BankOption, fail, open_bank, stdout
from powerquiz.marking import Mark, Verdict
from powerquiz.ui.literal import literal

#: How each verdict is shown: a symbol (for when colour is off) and a colour.
SYMBOLS: dict[Verdict, tuple[str, str]] = {
    "correct": ("✓", "green"),
    "partial": ("~", "yellow"),
    "wrong": ("✗", "red"),
}


@app.command()
def check(
    qid: Annotated[str, typer.Argument(help="The question id (see 'powerquiz list').",
                                       metavar="QID", show_default=False)],
    answer: Annotated[
        list[str],
        typer.Argument(
            help="The answer. cloze: one per gap; order: items (text or number) separated "
            "by commas or ' > '; match: left=right pairs separated by semicolons.",
            metavar="ANSWER",
            show_default=False,
        ),
    ],
    bank: BankOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of text.")
    ] = False,
) -> None:
    """Mark ANSWER to question QID as a drill would: verdict, score, feedback, answer.

    Exit 0 whatever the verdict; exit 2 for an unknown id or an answer that cannot be
    read for the question's type (such as option 9 of 4).

    Example: powerquiz check right-opposition-members "Bukharin, Tomsky and Rykov"
    """
    from powerquiz.marking import UnreadableAnswer, mark, parse_answer

    b = open_bank(bank)
    q = find_question(b, qid)
    try:
        given = parse_answer(q, answer)
    except UnreadableAnswer as exc:
        fail(f"cannot read that answer to '{q.id}' ({q.type}): {visible(str(exc))}")
    result = mark(q, given)
    if as_json:
        typer.echo(json.dumps({"id": q.id, "type": q.type, **result.to_dict()},
                              ensure_ascii=False))
        return
    _show(result)


def _show(result: Mark) -> None:
    out = stdout()
    symbol, colour = SYMBOLS[result.verdict]
    out.print(Text.assemble((f"{symbol} {result.verdict}", f"bold {colour}"),
                            f"  score {result.score:.2f}"))
    for line in result.feedback:
        if line != result.verdict:  # "correct" says nothing the first line did not
            out.print(literal(f"  {line}"), soft_wrap=True)
    out.print(Text.assemble(("Answer: ", "bold"), literal(result.expected)), soft_wrap=True)
