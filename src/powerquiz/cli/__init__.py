"""The command line: a thin layer over the library core.

Each module adds its commands to the root app, in the order ``--help`` lists them;
heavy libraries are imported inside the commands that use them so start-up stays fast.
"""

from __future__ import annotations

import importlib

from powerquiz.cli.app import app

#: Student commands first, then the teacher's.
COMMAND_MODULES = ("drill", "bank_cmds", "check", "coverage_cmd", "export_cmd", "import_cmd")

for _module in COMMAND_MODULES:
    importlib.import_module(f"powerquiz.cli.{_module}")

from powerquiz.cli.progress_cmds import app as _progress_app  # noqa: E402 - after the commands

app.add_typer(_progress_app, name="progress")

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``powerquiz`` script."""
    app()
