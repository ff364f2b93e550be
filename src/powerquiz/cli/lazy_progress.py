"""``powerquiz progress``: a group that lists its commands without importing them.

The progress commands live in :mod:`powerquiz.cli.progress_cmds` (``progress undo`` in
:mod:`powerquiz.cli.undo_cmd`, ``progress restore`` in :mod:`powerquiz.cli.restore_cmd`),
which import the progress store.  Importing this module
adds to the root app a stand-in sub-app with the group's own help and a lazy table, so
``powerquiz progress --help`` imports neither; a command's module is imported when that
command runs or shows its help.  ``tests/test_cli_lazy.py`` checks the stand-in and the
table against the real group.
"""

from __future__ import annotations

import typer

from powerquiz.cli.app import app
from powerquiz.cli.lazy import LazyCommand, LazyGroup

__all__ = ["COMMANDS", "HELP", "ProgressGroup"]

#: The group's help, as progress_cmds' own ``typer.Typer(help=...)`` says it.
HELP = "Show, move between computers, or reset your saved progress.\n\n" \
       "Example: powerquiz progress show"

_CMDS, _UNDO = "powerquiz.cli.progress_cmds", "powerquiz.cli.undo_cmd"
_RESTORE = "powerquiz.cli.restore_cmd"

#: The progress commands in the order ``progress --help`` lists them.
COMMANDS = {
    "show": LazyCommand(
        _CMDS, "Show, per bank, the cards, the saved answers and the cards due now."),
    "export": LazyCommand(
        _CMDS, "Write all your progress (every bank) to one file, to take to another computer "
        "or to hand in to your teacher."),
    "import": LazyCommand(
        _CMDS, "Merge an export into your progress; answers already here are not added twice."),
    "reset": LazyCommand(
        _CMDS, "Start afresh: move your progress aside to a timestamped backup beside it."),
    "restore": LazyCommand(
        _RESTORE, "Bring back a backup that reset (or an upgrade) set aside; alone, list them."),
    "undo": LazyCommand(
        _UNDO, "Take back your last answer (or the last N): its question's schedule goes back "
        "to what it was before, and the answer leaves your history."),
}


class ProgressGroup(LazyGroup):
    """``powerquiz progress``, its commands loaded lazily."""

    lazy_commands = COMMANDS

    def typer_app(self) -> typer.Typer:
        """The progress commands as the root app would build them (its markup settings)."""
        from powerquiz.cli.progress_cmds import app as progress_app

        mirror = typer.Typer(rich_markup_mode=app.rich_markup_mode,
                             pretty_exceptions_short=app.pretty_exceptions_short)
        mirror.registered_commands = list(progress_app.registered_commands)
        return mirror


#: What the root app adds: the group's help and options, no commands until asked.
stand_in = typer.Typer(help=HELP, no_args_is_help=True, cls=ProgressGroup)

if not any(group.typer_instance is stand_in for group in app.registered_groups):
    app.add_typer(stand_in, name="progress")
