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


#: How messages name the bundled bank: never by its site-packages path.
BUNDLED_NAME = "questions.yaml (the bundled bank)"


def display_name(path: str | Path) -> str:
    """How a message names the bank at ``path``: as the teacher wrote it, or, for the
    bundled bank (reached by its resolved path, never typed so), :data:`BUNDLED_NAME`."""
    if str(path) == str(bundled_bank_path()):
        return BUNDLED_NAME
    return str(path)


def default_bank_path(chosen: str | None = None) -> Path:
    """``chosen`` (the command line passes ``$POWERQUIZ_BANK``) when set, else the bundled bank.

    The environment is read by the command line (:mod:`powerquiz.cli.env`), never here.
    """
    chosen = (chosen or "").strip()
    return Path(chosen) if chosen else bundled_bank_path()
