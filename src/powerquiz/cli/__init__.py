"""The command line: a thin layer over the library core.

The root app (:mod:`powerquiz.cli.app`) lists every command from a static table and
imports a command's module only when that command runs or shows its own help
(:mod:`powerquiz.cli.lazy`), so ``--version`` and ``--help`` load little beyond typer.
Each command module adds its commands to the root app as it is imported; heavy
libraries are imported inside the commands that use them.  A Ctrl-C while the command
line is still loading exits 130 without a traceback.
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

from powerquiz.cli.app import app  # noqa: E402 - after the guard above

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``powerquiz`` script: every failure leaves through one door."""
    try:
        app()
    except SystemExit:
        raise
    except BaseException as exc:  # mapped here; re-raised when it is a real bug
        from powerquiz.cli.errors import handle

        code = handle(exc)
        if code is None:
            raise
        _sys.exit(code)


if _guarded:
    _signal.signal(_signal.SIGINT, _previous)
