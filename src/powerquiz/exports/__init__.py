"""Exports of question sets to other tools: one module per format."""

from powerquiz.exports.base import (
    ExportFormat,
    ExportResult,
    Skipped,
    format_names,
    load_format,
    neutralise_formula,
    skip,
)

__all__ = [
    "ExportFormat",
    "ExportResult",
    "Skipped",
    "format_names",
    "load_format",
    "neutralise_formula",
    "skip",
]
