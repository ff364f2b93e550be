"""The one place where what went wrong becomes a message and an exit code.

Commands let library errors and interruptions propagate; :func:`exit_code_for` maps them
(a bank error or a progress error: 1; Ctrl-C or end of input: 130; SIGHUP: 129; SIGTERM:
143; a closed pipe: 141) and :func:`report` says them in plain English on stderr.  The
root group (through :func:`invoke_mapped`) and the script's ``main`` both go through
here, so a test's ``CliRunner`` sees exactly what a student's shell sees.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import typer
from typer._click.exceptions import NoArgsIsHelpError  # typer bundles its own click
from typer.core import TyperGroup

from powerquiz.exitcodes import ExitCode

__all__ = [
    "Interrupted",
    "PowerquizGroup",
    "SignalStop",
    "exit_code_for",
    "handle",
    "invoke_mapped",
    "stop_on_signals",
]

class SignalStop(KeyboardInterrupt):
    """SIGHUP or SIGTERM: the session stops as it does for Ctrl-C, keeping every answer."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Interrupted(Exception):
    """A session stopped early (its answers are saved); ``signum`` says why, if a signal."""

    def __init__(self, signum: int | None = None) -> None:
        super().__init__(signum)
        self.signum = signum


#: The signal that stopped the run in progress, if any (set by the handler).
_received: list[int] = []

_SIGNAL_CODES = {
    int(getattr(signal, "SIGHUP", 1)): ExitCode.HANGUP,
    int(signal.SIGTERM): ExitCode.TERMINATED,
}


def _on_signal(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    raise SignalStop(signum)


def received_signal() -> int | None:
    """The signal that stopped this run, or None."""
    return _received[-1] if _received else None


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGHUP and SIGTERM end the run as Ctrl-C does (only in the main thread)."""
    signums = [s for s in _SIGNAL_CODES if s in {int(x) for x in signal.valid_signals()}]
    try:
        saved = {s: signal.signal(s, _on_signal) for s in signums}
    except ValueError:  # not the main thread: leave the handlers alone
        yield
        return
    _received.clear()
    try:
        yield
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)


def exit_code_for(exc: BaseException) -> ExitCode | None:
    """The exit code for ``exc``, or None when it is not ours to map (a real bug)."""
    from powerquiz.bank.problems import BankError
    from powerquiz.progress.errors import ProgressError

    if isinstance(exc, (Interrupted, SignalStop)) and exc.signum is not None:
        return _SIGNAL_CODES.get(exc.signum, ExitCode.INTERRUPTED)
    if isinstance(exc, (Interrupted, KeyboardInterrupt, EOFError)):
        signum = received_signal()
        return _SIGNAL_CODES.get(signum, ExitCode.INTERRUPTED) if signum else \
            ExitCode.INTERRUPTED
    if isinstance(exc, BrokenPipeError):
        return ExitCode.BROKEN_PIPE
    if isinstance(exc, (BankError, ProgressError)):
        return ExitCode.INVALID
    return None


def report(exc: BaseException, code: ExitCode) -> None:
    """Say what went wrong on stderr (nothing for an interruption: the session said it)."""
    from rich.text import Text

    from powerquiz.bank.wording import visible
    from powerquiz.cli.env import current_environment
    from powerquiz.cli.progress_cmds import progress_error_text
    from powerquiz.progress.errors import ProgressError

    env = current_environment()
    if code is ExitCode.BROKEN_PIPE:
        _silence_stdout()
        return
    if code is ExitCode.INVALID:
        message = progress_error_text(exc) if isinstance(exc, ProgressError) else str(exc)
        env.err.print(Text.assemble(("error: ", "bold red"), visible(message)), soft_wrap=True)
    elif not isinstance(exc, Interrupted):
        env.err.print("")  # end the half-written prompt line, then stop quietly


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def handle(exc: BaseException) -> int | None:
    """Report ``exc`` and return its exit code, or None to let it propagate."""
    code = exit_code_for(exc)
    if code is None:
        return None
    report(exc, code)
    return int(code)


def invoke_mapped(invoke: Callable[[], Any]) -> Any:
    """Run a group's ``invoke`` so that every command's errors go through :func:`handle`.

    A group called with no command (``powerquiz progress``) shows its help on stdout
    and exits 0, as ``powerquiz`` alone does: asking what there is is not a mistake.
    """
    try:
        with stop_on_signals():
            return invoke()
    except NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help(), color=exc.ctx.color)
        raise typer.Exit(0) from None
    except (typer.Exit, typer.Abort):
        raise
    except (Exception, KeyboardInterrupt) as exc:
        if getattr(exc, "exit_code", None) is not None:  # click's own usage errors
            raise
        code = handle(exc)
        if code is None:
            raise
        raise typer.Exit(code) from None


class PowerquizGroup(TyperGroup):
    """A command group whose commands' errors go through :func:`handle` (see
    :func:`invoke_mapped`; the root group calls it itself, importing this module only
    when a command runs)."""

    def invoke(self, ctx: Any) -> Any:
        return invoke_mapped(lambda: super(PowerquizGroup, self).invoke(ctx))
