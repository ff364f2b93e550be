"""Where the bank shipped with powerquiz lives, and which bank a command uses."""

from __future__ import annotations

import os
from pathlib import Path

ENV_BANK = "POWERQUIZ_BANK"


def bundled_bank_path() -> Path:
    """The bundled bank: inside the installed package, or in a source checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "data" / "questions.yaml"
    if installed.is_file():
        return installed
    return here.parent.parent / "data" / "questions.yaml"


def default_bank_path() -> Path:
    """``$POWERQUIZ_BANK`` when set, else the bundled bank."""
    env = os.environ.get(ENV_BANK, "").strip()
    return Path(env) if env else bundled_bank_path()
