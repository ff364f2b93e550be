"""Exports of question sets to other tools: one module per format, one entry point.

:func:`export` runs a format by name; :func:`formats` describes every format (for
``--help``), each module declaring its own :class:`ExportFormat`.  A format module is
imported only when it is asked for, and a heavy package (genanki, xlsxwriter) only when
its format runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, cast

from powerquiz.bank.model import Bank, Question
from powerquiz.exports.common import (
    ExportFormat,
    ExportResult,
    MissingDependency,
    Skipped,
    TypeTable,
    neutralise_formula,
)
from powerquiz.exports.worksheet import SheetOptions

__all__ = [
    "ExportFormat",
    "ExportResult",
    "MissingDependency",
    "SheetOptions",
    "Skipped",
    "UnknownFormat",
    "export",
    "format_names",
    "format_table",
    "formats",
    "load_format",
    "neutralise_formula",
]

#: Every format, in the order ``--help`` lists them, and the module that holds it.
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

Exporter = Callable[[Bank, Sequence[Question]], ExportResult]


class UnknownFormat(KeyError):
    """No format has this name; ``names`` are the ones there are."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name
        self.names = format_names()


def format_names() -> list[str]:
    """Every format's name, in the order ``--help`` lists them."""
    return list(FORMAT_MODULES)


def _module(name: str) -> ModuleType:
    if name not in FORMAT_MODULES:
        raise UnknownFormat(name)
    return importlib.import_module(f"powerquiz.exports.{FORMAT_MODULES[name]}")


def load_format(name: str) -> tuple[ExportFormat, Exporter]:
    """The format's description and its export function; imported only when asked for."""
    module = _module(name)
    return cast(ExportFormat, module.FORMAT), cast(Exporter, module.export)


def formats() -> list[ExportFormat]:
    """The description of every format, in the order of :func:`format_names`."""
    return [load_format(name)[0] for name in FORMAT_MODULES]


def format_table(name: str) -> TypeTable[Any]:
    """The format's per-type table: each question type's writer, or why it cannot be held."""
    return cast("TypeTable[Any]", _module(name).TYPES)


def export(bank: Bank, fmt: str, questions: Sequence[Question],
           sheet: SheetOptions | None = None) -> ExportResult:
    """``questions`` of ``bank`` in the format named ``fmt``.

    ``sheet`` is the teacher's choices for a printed worksheet (markdown, html); other
    formats refuse it with a ValueError.  Raises :class:`UnknownFormat` for a name no
    format has, and :class:`MissingDependency` when the package the format needs is
    not installed.
    """
    form, run = load_format(fmt)
    if sheet is None:
        return run(bank, questions)
    if not form.worksheet:
        raise ValueError(f"the {fmt} format is not a worksheet: it takes no sheet options")
    module = _module(fmt)
    return cast(ExportResult, module.export(bank, questions, sheet))
