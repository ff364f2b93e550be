"""The one error the progress store raises for anything wrong with the files it manages."""

from __future__ import annotations

__all__ = ["RESET_HINT", "ProgressError"]

#: Appended to messages about a broken file, so the student knows the way out.
RESET_HINT = (
    "Fix it by hand, or run `powerquiz progress reset` to set it aside (it is kept as a "
    "backup) and start afresh."
)


class ProgressError(Exception):
    """A progress file cannot be read or written.

    The message names the file and says what is wrong in plain English; the file itself
    is left exactly as it was.
    """
