"""The student's fitted FSRS parameters, kept per bank in a small file beside the progress file.

``progress.json`` -> ``progress.parameters.json``::

    {"format": "powerquiz-fsrs-parameters", "banks": {BANK: {"parameters": [21 numbers],
     "desired_retention": 0.9, "fitted": "ISO 8601", "reviews": N}}}

Written only through :func:`powerquiz.progress.atomic.atomic_write`.  These two functions
are the only way in or out, so the data can move into the progress store later.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from powerquiz.progress import ProgressError
from powerquiz.progress.atomic import atomic_write

__all__ = ["PARAMETERS_FORMAT", "Fitted", "load_parameters", "parameters_path", "save_parameters"]

PARAMETERS_FORMAT = "powerquiz-fsrs-parameters"
#: FSRS-6 has this many parameters.
PARAMETER_COUNT = 21


@dataclass(frozen=True)
class Fitted:
    """One bank's saved scheduling settings."""

    parameters: tuple[float, ...] | None
    desired_retention: float = 0.9
    fitted: str = ""
    reviews: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameters": list(self.parameters) if self.parameters is not None else None,
            "desired_retention": self.desired_retention,
            "fitted": self.fitted,
            "reviews": self.reviews,
        }


def parameters_path(progress_path: Path) -> Path:
    """Where the parameters of the progress file ``progress_path`` are kept."""
    stem = progress_path.name.removesuffix(".json")
    return progress_path.with_name(f"{stem}.parameters.json")


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {"format": PARAMETERS_FORMAT, "banks": {}}
    except OSError as e:
        raise ProgressError(f"cannot read {path}: {e.strerror or e}") from None
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        doc = None
    if not (isinstance(doc, dict) and doc.get("format") == PARAMETERS_FORMAT
            and isinstance(doc.get("banks"), dict)):
        raise ProgressError(
            f"{path} is damaged (not a powerquiz parameters file); it was left untouched. "
            "Move it aside to go back to the default parameters."
        )
    return doc


def _check(bank: str, entry: object, path: Path) -> Fitted:
    def damaged(problem: str) -> ProgressError:
        return ProgressError(
            f"{path} is damaged: bank {bank!r}: {problem}; the file was left untouched "
            "(`powerquiz optimize --reset` forgets that bank's entry)"
        )

    if not isinstance(entry, dict):
        raise damaged("not a JSON object")
    params = entry.get("parameters")
    retention = entry.get("desired_retention", 0.9)
    if params is not None and not (
        isinstance(params, list) and len(params) == PARAMETER_COUNT
        and all(isinstance(p, (int, float)) and not isinstance(p, bool) and math.isfinite(p)
                for p in params)
    ):
        raise damaged(f"parameters must be {PARAMETER_COUNT} numbers")
    if isinstance(retention, bool) or not isinstance(retention, (int, float)) \
            or not 0 < retention < 1:
        raise damaged("desired_retention must be a number between 0 and 1")
    reviews = entry.get("reviews", 0)
    return Fitted(
        parameters=tuple(float(p) for p in params) if params is not None else None,
        desired_retention=float(retention),
        fitted=str(entry.get("fitted", "")),
        reviews=reviews if isinstance(reviews, int) and not isinstance(reviews, bool) else 0,
    )


def load_parameters(progress_path: Path, bank_id: str) -> Fitted | None:
    """The saved settings of ``bank_id``, or None (defaults); ProgressError if damaged."""
    path = parameters_path(progress_path)
    entry = _read(path)["banks"].get(bank_id)
    return None if entry is None else _check(bank_id, entry, path)


def save_parameters(progress_path: Path, bank_id: str, fitted: Fitted | None) -> None:
    """Keep ``fitted`` for ``bank_id`` (None forgets it: the defaults again), atomically."""
    path = parameters_path(progress_path)
    doc = _read(path)
    if fitted is None:
        if bank_id not in doc["banks"]:
            return
        del doc["banks"][bank_id]
    else:
        doc["banks"][bank_id] = fitted.to_dict()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        atomic_write(path, (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode())
    except OSError as e:
        raise ProgressError(f"cannot save {path}: {e.strerror or e}") from None
