"""What every export format shares: the result type, skipping, and safe text.

Each format lives in a module of its own under ``powerquiz.exports`` and exposes

    FORMAT: ExportFormat
    def export(bank: Bank, questions: Sequence[Question]) -> ExportResult

Text formats return ``str`` data; binary formats return ``bytes``.  A format never
writes files itself and never prints: the command line does both.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from powerquiz.bank.model import Bank, Question

#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Skipped:
    """Questions a format could not hold, and why."""

    reason: str
    ids: tuple[str, ...]

    def message(self, fmt: str) -> str:
        n = len(self.ids)
        noun = "question" if n == 1 else "questions"
        return f"{fmt}: skipped {n} {noun} ({self.reason}): {', '.join(self.ids)}"


@dataclass(frozen=True)
class ExportResult:
    data: str | bytes
    #: How many questions made it into the output.
    count: int
    skipped: tuple[Skipped, ...] = ()
    #: Other things the teacher should know (e.g. text over a platform's length limit).
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class ExportFormat:
    name: str
    #: The usual file suffix, with its dot.
    suffix: str
    #: One line for ``--help``: what it is for.
    summary: str
    binary: bool = False
    #: The optional dependency it needs, if any (a pip extra of powerquiz).
    needs: str = ""


FORMAT_MODULES: dict[str, str] = {
    "gift": "gift",
    "moodle": "moodle",
    "anki": "anki",
    "quizlet": "quizlet",
    "kahoot": "kahoot",
    "blooket": "blooket",
    "gimkit": "gimkit",
    "csv": "csv_bank",
    "markdown": "markdown",
    "html": "html",
    "json": "json_bank",
}


def format_names() -> list[str]:
    return list(FORMAT_MODULES)


Exporter = Callable[[Bank, Sequence[Question]], ExportResult]


def load_format(name: str) -> tuple[ExportFormat, Exporter]:
    """The format's description and its export function; imported only when asked for."""
    module = importlib.import_module(f"powerquiz.exports.{FORMAT_MODULES[name]}")
    return module.FORMAT, module.export


def skip(questions: Sequence[Question], keep: Callable[[Question], bool], reason: str
         ) -> tuple[list[Question], list[Skipped]]:
    """Split ``questions`` into those ``keep`` accepts and a Skipped record for the rest."""
    kept = [q for q in questions if keep(q)]
    dropped = tuple(q.id for q in questions if not keep(q))
    return kept, ([Skipped(reason, dropped)] if dropped else [])


def neutralise_formula(cell: str) -> str:
    """Make a spreadsheet cell safe: text that would start a formula gets a leading quote."""
    if cell.startswith(FORMULA_START):
        return "'" + cell
    return cell
