"""The command line: a thin layer over the library core.

Each module adds its commands to the root app, in the order ``--help`` lists them;
heavy libraries are imported inside the commands that use them so start-up stays fast.
A Ctrl-C while the command line is still loading exits 130 without a traceback.
"""

from __future__ import annotations

import signal as _signal
import sys as _sys
from types import FrameType as _FrameType


def _interrupted_while_loading(signum: int, frame: _FrameType | None) -> None:
    _sys.stderr.write("\n")
    raise SystemExit(130)  # ExitCode.INTERRUPTED; the enum is not loaded yet


_guarded = True
try:
    _previous = _signal.signal(_signal.SIGINT, _interrupted_while_loading)
except ValueError:  # imported outside the main thread: nothing to guard
    _guarded = False

import importlib  # noqa: E402 - after the guard above

from powerquiz.cli.app import app  # noqa: E402

#: Student commands first, then the teacher's.
COMMAND_MODULES = ("drill", "stats_cmd", "optimize_cmd", "bank_cmds", "check", "coverage_cmd",
                   "export_cmd", "import_cmd", "class_cmd", "help_cmd")

for _module in COMMAND_MODULES:
    importlib.import_module(f"powerquiz.cli.{_module}")

from powerquiz.cli.progress_cmds import app as _progress_app  # noqa: E402 - after the commands

app.add_typer(_progress_app, name="progress")

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``powerquiz`` script: every failure leaves through one door."""
    from powerquiz.cli.errors import handle

    try:
        app()
    except SystemExit:
        raise
    except BaseException as exc:  # mapped here; re-raised when it is a real bug
        code = handle(exc)
        if code is None:
            raise
        _sys.exit(code)


if _guarded:
    _signal.signal(_signal.SIGINT, _previous)
