"""Pausing Python's cycle collector while many small objects are built: one home.

Reading a bank, a long review log, a card file or a cached bank builds hundreds of
thousands to millions of small objects that hold no reference cycles.  With the
collector running, each of its passes walks everything built so far, so the time grows
faster than the input (a bank of 45,000 questions took twice as long).  Reference
counting still frees everything as usual.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused(*, file_as_old: bool = False) -> Iterator[None]:
    """The cycle collector paused for the block, then turned back on if it was on.

    Nested pauses leave it to the outermost one.  With ``file_as_old``, what the block
    built is then filed with the oldest objects (``gc.freeze`` then ``gc.unfreeze``), so
    the young collections that follow do not walk all of it twice more: for objects
    that live on (a bank kept for a whole session).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if file_as_old:
            gc.freeze()
            gc.unfreeze()
        if was_on:
            gc.enable()
