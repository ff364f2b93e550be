"""Per-bank scheduling settings kept in the progress file: fitted FSRS parameters and
the desired retention.

In the card file (schema 3 on)::

    "settings": {BANK: {"parameters": [21 numbers] | null, "desired_retention": 0.9,
                        "fitted": "ISO 8601" | "", "reviews": N}}

``parameters`` null means the FSRS defaults.  Before schema 3 they lived in an interim
file beside the progress file, ``progress.parameters.json``
(``{"format": "powerquiz-fsrs-parameters", "banks": {BANK: entry}}``); the store adopts
it when it migrates a schema-2 file, then sets it aside with the schema-2 backup.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from powerquiz.bank.wording import json_kind
from powerquiz.scheduling.fsrs_adapter import PARAMETER_COUNT

__all__ = [
    "DEFAULT_RETENTION",
    "INTERIM_FORMAT",
    "PARAMETER_COUNT",
    "BankSettings",
    "Settings",
    "interim_path",
    "parse_settings",
    "read_interim",
    "settings_to_json",
]

DEFAULT_RETENTION = 0.9
INTERIM_FORMAT = "powerquiz-fsrs-parameters"


@dataclass(frozen=True)
class BankSettings:
    """One bank's saved scheduling settings (``parameters`` None: the FSRS defaults)."""

    parameters: tuple[float, ...] | None
    desired_retention: float = DEFAULT_RETENTION
    fitted: str = ""
    reviews: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameters": list(self.parameters) if self.parameters is not None else None,
            "desired_retention": self.desired_retention,
            "fitted": self.fitted,
            "reviews": self.reviews,
        }

    @classmethod
    def from_dict(cls, entry: object) -> BankSettings:
        """ValueError, in plain words, when ``entry`` is not one bank's settings."""
        if not isinstance(entry, dict):
            raise ValueError(f"it must be a JSON object, not {json_kind(entry)}")
        params = entry.get("parameters")
        retention = entry.get("desired_retention", DEFAULT_RETENTION)
        if params is not None and not (
            isinstance(params, list) and len(params) == PARAMETER_COUNT
            and all(_finite(p) for p in params)
        ):
            raise ValueError(f"parameters must be {PARAMETER_COUNT} numbers")
        if not _finite(retention) or not 0 < retention < 1:
            raise ValueError("desired_retention must be a number between 0 and 1")
        reviews = entry.get("reviews", 0)
        return cls(
            parameters=tuple(float(p) for p in params) if params is not None else None,
            desired_retention=float(retention),
            fitted=str(entry.get("fitted", "")),
            reviews=reviews if isinstance(reviews, int) and not isinstance(reviews, bool) else 0,
        )


Settings = dict[str, BankSettings]


def _finite(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


def parse_settings(value: object) -> Settings:
    """The ``settings`` section: bank id -> :class:`BankSettings`; ValueError if damaged."""
    if not isinstance(value, dict):
        raise ValueError(f'"settings" must be a JSON object, not {json_kind(value)}')
    settings: Settings = {}
    for bank_id, entry in value.items():
        try:
            settings[bank_id] = BankSettings.from_dict(entry)
        except ValueError as e:
            raise ValueError(f"the settings of bank {bank_id!r}: {e}") from None
    return settings


def settings_to_json(settings: Settings) -> dict[str, Any]:
    """The ``settings`` section, ready to be written."""
    return {bank_id: entry.to_dict() for bank_id, entry in sorted(settings.items())}


def interim_path(progress_path: Path) -> Path:
    """Where the interim parameters file of ``progress_path`` was kept (before schema 3)."""
    stem = progress_path.name.removesuffix(".json")
    return progress_path.with_name(f"{stem}.parameters.json")


def read_interim(progress_path: Path) -> Settings | None:
    """The interim parameters file's settings; None when absent, unreadable or damaged.

    A damaged interim file is never adopted (nor touched): the store keeps the defaults.
    """
    path = interim_path(progress_path)
    try:
        if path.is_symlink() or not path.is_file():
            return None
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not (isinstance(doc, dict) and doc.get("format") == INTERIM_FORMAT):
        return None
    try:
        return parse_settings(doc.get("banks"))
    except ValueError:
        return None
