"""``powerquiz progress undo``: take back the last answer (or the last N)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from powerquiz.bank.wording import one_line
from powerquiz.cli.common import ProgressOption, stdout
from powerquiz.cli.progress_cmds import _store
from powerquiz.cli.progress_cmds import app as progress_app


@progress_app.command()
def undo(
    last: Annotated[int, typer.Option("--last", "-n", min=1, metavar="N",
                                      help="How many answers to take back.")] = 1,
    progress: ProgressOption = None,
    bank_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--bank-id", metavar="ID", help="Only this bank's answers.",
                     show_default=False),
    ] = None,
) -> None:
    """Take back your last answer (or the last N): its question's schedule goes back to
    what it was before, and the answer leaves your history. The saved log keeps a note
    of the undo; nothing is deleted.

    Example: powerquiz progress undo --last 2
    """
    from powerquiz.cli.env import current_environment
    from powerquiz.progress.undo import undo_last

    store = _store(progress)
    out = stdout()
    done = undo_last(store, last, current_environment().clock(), bank_id)
    if not done:
        out.print(f"Nothing to undo: no answers saved in {store.path}.", markup=False,
                  soft_wrap=True, highlight=False)
        return
    for item in done:
        r = item.review
        answer = one_line(r.answer) or "(no answer)"
        what = ("its schedule is back as it was before" if item.restored else
                "its schedule is unchanged" if r.kind != "drill" or r.card is None else
                "its schedule is kept, as it was reviewed again since")
        out.print(f"Undid your {r.kind} answer {answer!r} to {r.bank}/{r.question}; {what}.",
                  markup=False, soft_wrap=True, highlight=False)
