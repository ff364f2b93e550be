"""The one environment object of a command run: streams, terminals, colour and paths.

Built once in the root callback (httpie's ``context.py`` is the model) and passed down to
commands as ``ctx.obj``.  It is the only place that reads powerquiz's environment
variables: the core takes every path and setting as a parameter.  Tests build their own,
``Environment.from_os({"POWERQUIZ_HOME": ...}, stdout=io.StringIO())``, or pass a fake one
with ``CliRunner().invoke(app, args, obj=env)``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["ENV_BANK", "HOME_ENV", "Environment", "current_environment", "using"]

# The names of the variables, here rather than imported: importing powerquiz.bank or
# powerquiz.progress (the YAML loader, the store) would slow every start-up.  A test
# checks they are the library's own (powerquiz.bank.bundled, powerquiz.progress.paths).
#: The variable naming the default bank.
ENV_BANK = "POWERQUIZ_BANK"
#: The variable moving the data folder.
HOME_ENV = "POWERQUIZ_HOME"


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream is not a terminal
        return False


@dataclass(frozen=True)
class Environment:
    """What a command may know about the world it runs in, read once."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    stdin_isatty: bool
    stdout_isatty: bool
    stderr_isatty: bool
    #: False under ``NO_COLOR`` (https://no-color.org): symbols and words carry meaning.
    colour: bool
    #: ``$POWERQUIZ_HOME``: the data folder (None: the platform's user data folder).
    home: str | None
    #: ``$POWERQUIZ_BANK``: the bank used when ``--bank`` is not given.
    bank: str | None
    #: The variables rich may read (COLUMNS, TERM...), so tests can fix them.
    environ: Mapping[str, str] = field(default_factory=dict, repr=False)
    #: The time now, for sessions (a test passes a fixed clock).
    clock: Callable[[], datetime] = field(default=_utcnow, repr=False)

    @classmethod
    def from_os(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
    ) -> Environment:
        """The environment of this process (or of ``environ`` and the given streams)."""
        env = dict(os.environ if environ is None else environ)
        ins, outs, errs = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
        return cls(
            stdin=ins, stdout=outs, stderr=errs,
            stdin_isatty=_isatty(ins), stdout_isatty=_isatty(outs), stderr_isatty=_isatty(errs),
            colour=not env.get("NO_COLOR"),
            home=env.get(HOME_ENV) or None,
            bank=env.get(ENV_BANK, "").strip() or None,
            environ=env,
        )

    @property
    def interactive(self) -> bool:
        """A person at a terminal on both ends: the full-screen prompts can be used."""
        return self.stdin_isatty and self.stdout_isatty

    def bank_path(self, option: Path | None) -> Path:
        """``--bank`` when given, else ``$POWERQUIZ_BANK`` (the first, when it names
        several: drill, practice and exam use them all), else the bundled bank."""
        from powerquiz.bank.bundled import default_bank_path

        named = self.bank
        if named and os.pathsep in named and not Path(named).exists():
            named = next((p for p in named.split(os.pathsep) if p.strip()), named)
        return option if option is not None else default_bank_path(named)

    def progress_path(self, option: Path | None) -> Path:
        """``--progress`` when given, else progress.json in the data folder."""
        return option if option is not None else self.default_progress_path

    @property
    def default_progress_path(self) -> Path:
        from powerquiz.progress.paths import default_progress_path

        return default_progress_path(self.home)

    @cached_property
    def out(self) -> Console:
        """The console for results (one per run); piped text is not cut mid-sentence."""
        return self._console(self.stdout, self.stdout_isatty)

    @cached_property
    def err(self) -> Console:
        """The console for errors and warnings."""
        return self._console(self.stderr, self.stderr_isatty)

    def _console(self, file: TextIO, tty: bool) -> Console:
        console = _console_class()(file=file, highlight=False, no_color=not self.colour,
                                   _environ=dict(self.environ))
        console.soft_wrap = not tty
        return console


@cache
def _console_class() -> type[Console]:
    from rich.console import Console
    from rich.segment import Segment

    from powerquiz.bank.wording import CONTROL, visible

    def escaped(buffer: Iterable[Segment]) -> Iterator[Segment]:
        for segment in buffer:
            if segment.control or not CONTROL.search(segment.text):
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style, segment.control)

    class PowerquizConsole(Console):
        """A console that never writes a raw control character from the text it is given.

        Every command already shows untrusted text through :mod:`powerquiz.ui.literal`;
        this is the net under it, for any text that still reaches a console raw (a path
        typed by the student, a message from a library).  Rich's own style codes are
        added after this, so colour still works.  A closed pipe is reported through
        :mod:`powerquiz.cli.errors` (141) instead of rich's own exit 1.
        """

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(escaped(buffer))

        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return PowerquizConsole


_CURRENT: ContextVar[Environment | None] = ContextVar("powerquiz_environment", default=None)


def current_environment() -> Environment:
    """The environment of the command running now (one read from the OS outside a run)."""
    env = _CURRENT.get()
    return env if env is not None else Environment.from_os()


@contextmanager
def using(env: Environment) -> Iterator[Environment]:
    """Make ``env`` the current environment for the duration of a command run."""
    token = _CURRENT.set(env)
    try:
        yield env
    finally:
        _CURRENT.reset(token)
