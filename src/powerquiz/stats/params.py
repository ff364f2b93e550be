"""The student's fitted FSRS parameters and desired retention, per bank, in the progress file.

They live in the progress store (``settings`` of the card file, schema 3; see
:mod:`powerquiz.progress.settings`), so ``progress export``/``import`` carry them and
``progress reset`` sets them aside with the rest.  These two functions stay the way in
and out for the commands; the interim ``progress.parameters.json`` of earlier versions
is adopted by the store when it migrates a schema-2 progress file.
"""

from __future__ import annotations

from pathlib import Path

from powerquiz.progress import ProgressStore
from powerquiz.progress.settings import (
    DEFAULT_RETENTION,
    INTERIM_FORMAT,
    PARAMETER_COUNT,
    BankSettings,
    interim_path,
)

__all__ = [
    "DEFAULT_RETENTION",
    "PARAMETERS_FORMAT",
    "PARAMETER_COUNT",
    "Fitted",
    "load_parameters",
    "parameters_path",
    "save_parameters",
]

#: One bank's saved scheduling settings.
Fitted = BankSettings
#: The ``format`` marker of the interim parameters file (read only when migrating).
PARAMETERS_FORMAT = INTERIM_FORMAT
#: Where earlier versions kept the parameters, beside the progress file.
parameters_path = interim_path


def load_parameters(progress_path: Path, bank_id: str) -> Fitted | None:
    """The saved settings of ``bank_id``, or None (defaults); ProgressError if damaged."""
    return ProgressStore(progress_path).settings(bank_id)


def save_parameters(progress_path: Path, bank_id: str, fitted: Fitted | None) -> None:
    """Keep ``fitted`` for ``bank_id`` (None forgets it: the defaults again), atomically."""
    ProgressStore(progress_path).set_settings(bank_id, fitted)
