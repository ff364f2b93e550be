"""Where the bank shipped with powerquiz lives, and which bank a command uses."""

from __future__ import annotations

from pathlib import Path

#: The variable the command line reads for the default bank.
ENV_BANK = "POWERQUIZ_BANK"


def bundled_bank_path() -> Path:
    """The bundled bank: inside the installed package, or in a source checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "data" / "questions.yaml"
    if installed.is_file():
        return installed
    return here.parent.parent / "data" / "questions.yaml"


def default_bank_path(chosen: str | None = None) -> Path:
    """``chosen`` (the command line passes ``$POWERQUIZ_BANK``) when set, else the bundled bank.

    The environment is read by the command line (:mod:`powerquiz.cli.env`), never here.
    """
    chosen = (chosen or "").strip()
    return Path(chosen) if chosen else bundled_bank_path()
