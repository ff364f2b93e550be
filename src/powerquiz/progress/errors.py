"""The one error the progress store raises for anything wrong with the files it manages.

It carries facts, not command-line wording: the command line decides how to tell the
student the way out (see ``powerquiz.cli.progress_cmds.progress_error_text``).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["NotAnExport", "ProgressError"]


class ProgressError(Exception):
    """A progress file cannot be read or written.

    ``str(error)`` names the file and says what is wrong in plain English; the file
    itself is left exactly as it was.  The facts behind it:

    - ``path``: the file at fault (the card file, the review log, an import...), or None;
    - ``problem``: what is wrong with it, in plain words, without the file name;
    - ``resettable``: True when the file is a damaged powerquiz progress file that
      ``reset`` can set aside (never for a folder, a link, a device or a foreign file);
    - ``store``: the progress file of the store that raised it (what reset would act on);
    - ``saved``: True when the answer being recorded reached the review log, and only
      the card file update failed (the next session brings the card file up to date).
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | None = None,
        problem: str = "",
        resettable: bool = False,
        store: Path | None = None,
        saved: bool = False,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.problem = problem or message
        self.resettable = resettable
        self.store = store
        self.saved = saved


class NotAnExport(ProgressError):
    """A file given to import is not a powerquiz progress export (its message says why)."""
