"""The progress store: what each student answered, and where each question stands.

See :mod:`powerquiz.progress.store` for the on-disk design.
"""

from powerquiz.progress.errors import ProgressError
from powerquiz.progress.migrations import CURRENT_SCHEMA
from powerquiz.progress.paths import default_progress_path
from powerquiz.progress.records import MODES, Mode, Review, ReviewDict, new_review_id
from powerquiz.progress.store import EXPORT_FORMAT, ProgressStore

__all__ = [
    "CURRENT_SCHEMA",
    "EXPORT_FORMAT",
    "MODES",
    "Mode",
    "ProgressError",
    "ProgressStore",
    "Review",
    "ReviewDict",
    "default_progress_path",
    "new_review_id",
]
