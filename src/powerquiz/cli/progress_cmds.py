"""``powerquiz progress``: look after the progress file (show, export, import, reset).

Each command parses its options, makes one call into :mod:`powerquiz.progress` and renders
the result; a :class:`ProgressError` leaves through :mod:`powerquiz.cli.errors`, which
words it with :func:`progress_error_text` (stderr, exit 1).

The progress core raises and returns facts; the command-line wording of them (which
command to run, which option to pass) is written here, once: :func:`progress_error_text`
for a :class:`ProgressError`, :func:`idle_lines` for a drill with nothing to ask.
"""

from __future__ import annotations

import shlex
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from powerquiz.bank.wording import CONTROL_ANY, counted
from powerquiz.cli.common import BankOption, ProgressOption, fail, open_bank, stdout
from powerquiz.exitcodes import ExitCode
from powerquiz.progress import ProgressError, ProgressStore
from powerquiz.progress.errors import NotAnExport

if TYPE_CHECKING:
    from powerquiz.bank import Bank
    from powerquiz.session import Idle

#: Said after a damaged progress file, so the student knows the way out.
RESET_HINT = (
    "Fix it by hand, or run `powerquiz progress reset` to set it aside (it is kept as a "
    "backup) and start afresh."
)
#: Said after an import file that is not an export.
IMPORT_HINT = "Make the file with `powerquiz progress export FILE` on the other computer."


def progress_error_text(error: ProgressError) -> str:
    """The message for ``error``, with the way out: the reset command (with ``--progress``
    when the store is not the default file) only for a damaged progress file, how to make
    an export for a file that is not one."""
    text = str(error)
    if isinstance(error, NotAnExport):
        return f"{text}\n{IMPORT_HINT}"
    if not error.resettable:
        return text
    store = error.store
    try:
        default = store is None or store == _default_path()
    except Exception:  # an unusable platform data dir must not hide the real problem
        default = False
    if default:
        return f"{text}\n{RESET_HINT}"
    command = f"powerquiz progress reset --progress {shlex.quote(str(store))}"
    return f"{text}\n{RESET_HINT.replace('powerquiz progress reset', command)}"


def _default_path() -> Path:
    from powerquiz.cli.env import current_environment

    return current_environment().default_progress_path


def idle_lines(idle: Idle) -> list[str]:
    """What to tell a student whose drill has nothing to ask, from the plan's facts."""
    from powerquiz.session.timefmt import when

    lines = ["Nothing is due right now."]
    if idle.next_due is not None:
        lines.append(f"Your next review is due {when(idle.next_due, idle.now)}.")
    if idle.new_waiting and idle.new_per_day <= 0:
        lines.append(f"New questions are turned off (--new 0); {idle.new_waiting} "
                     f"{'is' if idle.new_waiting == 1 else 'are'} waiting.")
    elif idle.new_cap_reached:
        lines.append(f"You have met {counted(idle.new_per_day, 'new question')} today; "
                     f"{idle.new_waiting} more {'is' if idle.new_waiting == 1 else 'are'} "
                     "waiting for tomorrow "
                     "(or raise the limit with --new).")
    lines.append("To revise anyway without changing your schedule, run: powerquiz practice")
    return lines

app = typer.Typer(
    help="Show, move between computers, or reset your saved progress.\n\n"
    "Example: powerquiz progress show",
    no_args_is_help=True,
)

def _store(path: Path | None) -> ProgressStore:
    from powerquiz.cli.env import current_environment

    return ProgressStore(current_environment().progress_path(path))


@app.command()
def show(
    progress: ProgressOption = None,
    bank_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--bank-id", metavar="ID", help="Only this bank.", show_default=False),
    ] = None,
) -> None:
    """Show, per bank, the cards, the saved answers and the cards due now.

    Example: powerquiz progress show --bank-id tudors
    """
    from rich.table import Table

    from powerquiz.ui.literal import cell

    store = _store(progress)
    now = datetime.now(timezone.utc)
    reviews = Counter(r.bank for r in store.reviews(bank_id))
    cards = store.all_cards()
    banks = [bank_id] if bank_id is not None else sorted(set(reviews) | set(cards))
    rows = []
    for bank in banks:
        bank_cards = cards.get(bank, {}).values()
        due = sum(1 for card in bank_cards if card.due <= now)
        rows.append((bank, len(bank_cards), reviews[bank], due))
    out = stdout()
    if not rows:
        out.print(f"No progress saved yet in {store.path}.", markup=False, soft_wrap=True)
        return
    table = Table()
    table.add_column("bank", style="bold")
    table.add_column("cards", justify="right")
    table.add_column("reviews", justify="right")
    table.add_column("due now", justify="right")
    for bank, n_cards, n_reviews, n_due in rows:
        table.add_row(cell(bank), str(n_cards), str(n_reviews), str(n_due))
    out.print(table)
    out.print(f"Saved in {store.path}", markup=False, soft_wrap=True, highlight=False)


@app.command()
def export(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the export.")],
    progress: ProgressOption = None,
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--name", metavar="NAME", show_default=False,
                     help="Your name as your teacher's class report shows it."),
    ] = None,
    bank_path: BankOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Write all your progress (every bank) to one file, to take to another computer or to
    hand in to your teacher.

    Example: powerquiz progress export alex.json --name "Alex Smith"
    """
    from powerquiz.progress.transfer import NAME_LIMIT, ExportHeader
    from powerquiz.reports.fingerprint import answered_fingerprints

    shown = name.strip() if name is not None else None
    if shown is not None and (not shown or CONTROL_ANY.search(shown) or len(shown) > NAME_LIMIT):
        fail(f"--name must be a name of 1 to {NAME_LIMIT} printable characters, such as "
             '"Alex Smith"')
    if not force and (file.is_file() or file.is_symlink()):  # a device is not replaced
        fail(f"{file} already exists; pass --force to replace it, or choose another name",
             ExitCode.INVALID)
    bank = open_bank(bank_path) if bank_path is not None else _default_bank()
    store = _store(progress)
    if bank is None:  # the default bank cannot be read: the export is still worth having
        header = ExportHeader(name=shown)
    else:
        answered = {r.question for r in store.reviews(bank.id)}
        header = ExportHeader(name=shown, bank_id=bank.id, bank_title=bank.title,
                              fingerprints=answered_fingerprints(bank, answered))
    count = store.export(file, header)
    stdout().print(f"Exported {_answers(count)} to {file}.", markup=False, soft_wrap=True)


def _default_bank() -> Bank | None:
    """The default bank, or None when it cannot be loaded (export never needs it)."""
    from powerquiz.bank import load
    from powerquiz.cli.common import bank_path

    try:
        bank, _problems = load(bank_path(None))
    except Exception:  # an unreadable default must not stop a student's export
        return None
    return bank


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="An export to merge in.")],
    progress: ProgressOption = None,
) -> None:
    """Merge an export into your progress; answers already here are not added twice.

    Example: powerquiz progress import ~/usb/powerquiz-progress.json
    """
    store = _store(progress)
    added = store.import_(file)
    if added:
        message = f"Imported {_answers(added)} into {store.path}."
    else:
        message = f"Nothing new: every answer in {file} was already in {store.path}."
    stdout().print(message, markup=False, soft_wrap=True)


@app.command()
def reset(
    progress: ProgressOption = None,
    bank_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--bank-id", metavar="ID", show_default=False,
                     help="Only this bank (see 'powerquiz progress show'); the others are kept."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
) -> None:
    """Start afresh: move your progress aside to a timestamped backup beside it.

    With --bank-id, only that bank starts afresh: its cards and answers are kept in a
    backup and taken out of your progress; every other bank's stay. 'powerquiz progress
    restore' brings a backup back.

    Example: powerquiz progress reset --yes

    Example: powerquiz progress reset --bank-id stalin-rise
    """
    store = _store(progress)
    out = stdout()
    if not (store.path.exists() or store.log_path.exists()):
        out.print(f"There is no progress to reset in {store.path}.", markup=False, soft_wrap=True)
        return
    what = f"the progress of bank {bank_id!r} in {store.path}" if bank_id else str(store.path)
    if not yes:
        _confirm(f"Move {what} aside (kept as a backup) and start afresh?")
    if bank_id is not None:
        done = store.reset_bank(bank_id)
        if done is None:
            out.print(f"There is no progress for bank {bank_id!r} in {store.path}; nothing "
                      "changed (see 'powerquiz progress show').", markup=False, soft_wrap=True)
            return
        out.print(f"Bank {bank_id!r} reset: {counted(done.cards, 'card')} and "
                  f"{_answers(done.answers)} taken out. They are kept in {done.backup}.",
                  markup=False, soft_wrap=True)
        return
    backup = store.reset()
    if backup is None:
        out.print(f"There is no progress to reset in {store.path}.", markup=False, soft_wrap=True)
    else:
        out.print(
            f"Progress reset. The old progress is kept in {backup}.", markup=False, soft_wrap=True
        )


def _confirm(question: str) -> None:
    """Ask ``question``; exit (nothing changed) unless the answer is yes."""
    try:
        sure = typer.confirm(question)
    except typer.Abort:  # end of input or Ctrl-C at the question
        typer.echo("")
        fail("no answer, so nothing changed; pass --yes to reset without being asked",
             ExitCode.INVALID)
    if not sure:
        stdout().print("Nothing changed.")
        raise typer.Exit(0)


def _answers(n: int) -> str:
    return f"{n} answer{'s' if n != 1 else ''}"
