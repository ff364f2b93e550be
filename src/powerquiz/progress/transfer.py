"""Export files: written by ``progress export``, read by ``progress import``.

An export is the logical document of the current schema (see
:mod:`powerquiz.progress.migrations`) plus a ``format`` marker; an export of an older
schema is migrated when read.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from powerquiz.progress.errors import NotAnExport, ProgressError
from powerquiz.progress.files import LOG_CAP, Refused, read_capped
from powerquiz.progress.jsonio import Cards, cards_to_json, dumps, parse_document, parse_reviews
from powerquiz.progress.migrations import CURRENT_SCHEMA, migrate, schema_of
from powerquiz.progress.records import Review
from powerquiz.progress.settings import Settings, parse_settings, settings_to_json

__all__ = ["EXPORT_FORMAT", "export_bytes", "read_export", "read_export_document"]

#: The ``format`` marker of an export file.
EXPORT_FORMAT = "powerquiz-progress-export"


def export_bytes(cards: Cards, reviews: list[Review], settings: Settings | None = None) -> bytes:
    """The export file for these cards, reviews and per-bank settings."""
    doc = {
        "format": EXPORT_FORMAT,
        "schema": CURRENT_SCHEMA,
        "exported_at": datetime.now(timezone.utc).isoformat(),
        "cards": cards_to_json(cards),
        "settings": settings_to_json(settings or {}),
        "reviews": [r.to_dict() for r in reviews],
    }
    return dumps(doc, indent=1)


def read_export(src: Path) -> list[Review]:
    """The reviews of the export ``src``; ProgressError (never a traceback) if it is not one."""
    return read_export_document(src)[0]


def read_export_document(src: Path) -> tuple[list[Review], Settings]:
    """The reviews and the per-bank settings of the export ``src`` (see :func:`read_export`)."""

    def damaged(problem: str) -> ProgressError:
        return NotAnExport(f"Cannot import {src}: {problem}.", path=src, problem=problem)

    try:
        raw = read_capped(src, LOG_CAP)
    except Refused as e:
        raise damaged(str(e)) from None
    except OSError as e:
        problem = e.strerror or str(e)
        raise ProgressError(f"Cannot read {src}: {problem}.", path=src, problem=problem) from None
    if raw is None:
        problem = "No such file or directory"
        raise ProgressError(f"Cannot read {src}: {problem}.", path=src, problem=problem)
    try:
        doc = parse_document(raw, "export")
        schema = schema_of(doc)
    except ValueError as e:
        raise damaged(str(e)) from None
    if schema > CURRENT_SCHEMA:
        raise ProgressError(
            f"{src} was written by a newer powerquiz (schema {schema}); this version "
            f"understands up to {CURRENT_SCHEMA}. Upgrade powerquiz to import it.",
            path=src, problem=f"it is of a newer schema ({schema})",
        )
    if schema >= 2 and doc.get("format") != EXPORT_FORMAT:
        raise damaged("it is a progress file, not an export")
    try:
        logical = migrate(doc)
        return parse_reviews(logical.get("reviews")), parse_settings(logical.get("settings", {}))
    except (ValueError, TypeError, KeyError) as e:
        raise damaged(str(e)) from None
