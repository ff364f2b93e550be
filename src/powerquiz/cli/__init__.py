"""The command line: a thin layer over the library core.

Each module adds its commands to the root app; heavy libraries are imported
inside the commands that use them so ``--help`` stays fast.
"""

from __future__ import annotations

from powerquiz.cli import bank_cmds as _bank_cmds  # noqa: F401 - registers commands
from powerquiz.cli import drill as _drill  # noqa: F401
from powerquiz.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``powerquiz`` script."""
    app()
