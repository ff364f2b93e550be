"""When the card file is written again: the snapshot policy, in one place.

Recording an answer appends one line to the review log and nothing else: the log is the
record of truth.  The card file is a *snapshot* of every card as of its ``log_bytes``;
every read replays the log lines past that offset (the *tail*), so the snapshot may lag
behind by a bounded number of answers and the cards read are always current.

The tail is folded into a new snapshot (atomically, as every write) when, after an append:

- it holds :data:`TAIL_LINES` answers, so a read (the start of a session, ``check``)
  never replays more than that, however long the history;
- or its bytes reach :data:`TAIL_SHARE` of the snapshot's size, so a small store (a few
  cards, a cheap file) is rewritten often and replaying it never costs more than a
  fraction of reading the snapshot itself;
- or there is no card file yet (the first write makes it).

It is also written at the end of every session (:meth:`ProgressStore.flush`) and by every
other write (settings, import, a migration, re-anchoring a card file whose log was cut).

An answer therefore costs one append (a few hundred bytes and an fsync) whatever the
number of cards; the snapshot's rewrite is paid once per :data:`TAIL_LINES` answers at
most, or at the end of the session.

That rewrite stays on the answer path (rather than waiting for the end of the session
or the next start) because it is cheap enough there: the card file is written by orjson
(:mod:`powerquiz.progress.snapshot`), about 40 ms of CPU and some 70 ms with its fsync
at 45,000 cards, so even the one answer in :data:`TAIL_LINES` that pays for it stays
within the 100 ms from one answer to the next; and a bounded tail keeps every reader's
replay bounded too, including a second session running at the same time.
"""

from __future__ import annotations

from powerquiz.progress.reading import Loaded

__all__ = ["TAIL_LINES", "TAIL_SHARE", "due"]

#: The most answers the log may hold past the snapshot before it is written again.
TAIL_LINES = 500
#: ... or the share of the snapshot's size the tail may reach.
TAIL_SHARE = 0.5


def due(state: Loaded) -> bool:
    """Whether ``state``'s snapshot should be written again now (see the module docstring)."""
    if state.tail_lines == 0:
        return False
    if state.snapshot_size == 0 or state.tail_lines >= TAIL_LINES:
        return True
    return state.log_bytes - state.snapshot_at >= state.snapshot_size * TAIL_SHARE
