"""Export files: written by ``progress export``, read by ``progress import``.

An export is the logical document of the current schema (see
:mod:`powerquiz.progress.migrations`) plus a ``format`` marker; an export of an older
schema is migrated when read.

An export may also say who made it and for which bank (an :class:`ExportHeader`, for a
teacher's class report): ``"name"`` (the student's display name), ``"bank"``
(``{"id", "title"}``) and ``"fingerprints"`` (question id -> a short hash of the
question's content, for the questions answered).  They are optional: an export without
them (an older one) reads as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from powerquiz.bank.wording import json_kind
from powerquiz.progress.errors import NotAnExport, ProgressError
from powerquiz.progress.files import LOG_CAP, Refused, read_capped
from powerquiz.progress.jsonio import Cards, cards_to_json, dumps, parse_document, parse_reviews
from powerquiz.progress.migrations import CURRENT_SCHEMA, migrate, schema_of
from powerquiz.progress.records import Review

__all__ = ["EXPORT_FORMAT", "Export", "ExportHeader", "export_bytes", "read_export",
           "read_export_file"]

#: The ``format`` marker of an export file.
EXPORT_FORMAT = "powerquiz-progress-export"


#: The longest display name kept (longer names are refused when read).
NAME_LIMIT = 200


@dataclass(frozen=True)
class ExportHeader:
    """Who made an export and for which bank: all optional."""

    name: str | None = None
    bank_id: str | None = None
    bank_title: str | None = None
    #: question id -> short fingerprint of its content (questions answered only).
    fingerprints: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Export:
    """An export as read: its header (empty for an old export) and its reviews."""

    header: ExportHeader
    reviews: list[Review]
    exported_at: str | None = None
    #: SHA-256 (hex) of the file's bytes: the same file under two names has the same.
    digest: str = ""


def export_bytes(
    cards: Cards, reviews: list[Review], header: ExportHeader | None = None
) -> bytes:
    """The export file for these cards and reviews (and who made it, when known)."""
    doc: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "schema": CURRENT_SCHEMA,
        "exported_at": datetime.now(timezone.utc).isoformat(),
    }
    if header is not None:
        doc["name"] = header.name
        if header.bank_id is not None:
            doc["bank"] = {"id": header.bank_id, "title": header.bank_title or header.bank_id}
        doc["fingerprints"] = dict(sorted(header.fingerprints.items()))
    doc["cards"] = cards_to_json(cards)
    doc["reviews"] = [r.to_dict() for r in reviews]
    return dumps(doc, indent=1)


def read_export(src: Path) -> list[Review]:
    """The reviews of the export ``src``; ProgressError (never a traceback) if it is not one."""
    return read_export_file(src).reviews


def _text(value: object, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f'"{key}" must be text, not {json_kind(value)}')
    if len(value) > NAME_LIMIT:
        raise ValueError(f'"{key}" is longer than {NAME_LIMIT} characters')
    return value


def _header(doc: Mapping[str, Any]) -> ExportHeader:
    """The header fields of an export document; ValueError naming the key if one is wrong."""
    bank = doc.get("bank")
    bank_id = bank_title = None
    if bank is not None:
        if not isinstance(bank, dict):
            raise ValueError(f'"bank" must be a JSON object, not {json_kind(bank)}')
        bank_id = _text(bank.get("id"), "bank.id")
        bank_title = _text(bank.get("title"), "bank.title")
    prints = doc.get("fingerprints", {})
    if not isinstance(prints, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in prints.items()
    ):
        raise ValueError('"fingerprints" must map question ids to text')
    return ExportHeader(name=_text(doc.get("name"), "name"), bank_id=bank_id,
                        bank_title=bank_title, fingerprints=prints)


def _latest_cards_only(reviews: object) -> object:
    """``reviews`` with the card kept only on the last review (in file order) of each
    question that has one: all a reader of memory now needs, for a fraction of the work."""
    if not isinstance(reviews, list):
        return reviews
    last: dict[tuple[object, object], int] = {}
    for index, item in enumerate(reviews):
        if isinstance(item, dict) and item.get("card") is not None:
            last[item.get("bank"), item.get("question")] = index
    keep = set(last.values())
    return [
        {**item, "card": None}
        if isinstance(item, dict) and item.get("card") is not None and index not in keep
        else item
        for index, item in enumerate(reviews)
    ]


def read_export_file(src: Path, *, latest_cards_only: bool = False) -> Export:
    """The export ``src`` with its header; ProgressError (never a traceback) if it is not one.

    With ``latest_cards_only``, only the last review of each question keeps its card
    (the others read as having none): for a report of memory now, not for an import.
    """

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
    if schema == CURRENT_SCHEMA and doc.get("format") != EXPORT_FORMAT:
        raise damaged("it is a progress file, not an export")
    try:
        raw_reviews = migrate(doc).get("reviews")
        if latest_cards_only:
            raw_reviews = _latest_cards_only(raw_reviews)
        reviews = parse_reviews(raw_reviews)
        header = _header(doc) if doc.get("format") == EXPORT_FORMAT else ExportHeader()
    except (ValueError, TypeError, KeyError) as e:
        raise damaged(str(e)) from None
    stamp = doc.get("exported_at")
    return Export(header, reviews, stamp if isinstance(stamp, str) else None,
                  hashlib.sha256(raw).hexdigest())
