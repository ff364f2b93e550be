"""Which questions the student last got wrong: for ``practice --missed`` and for
putting recent mistakes first in ``practice``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from powerquiz.progress import Review

__all__ = ["RECENT", "last_missed", "last_missed_at", "parse_since"]

#: How far back "recently missed" reaches when no ``--since`` is given.
RECENT = timedelta(days=7)

_SINCE = re.compile(r"\s*([0-9]{1,6})\s*([mhdw])\s*", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(text: str) -> timedelta:
    """``30m``, ``12h``, ``7d``, ``2w`` -> a timedelta; ValueError in plain words."""
    found = _SINCE.fullmatch(text)
    if not found or int(found.group(1)) == 0:
        raise ValueError(f"{text!r} is not a time span: use a number and m, h, d or w, "
                         "e.g. 7d for a week or 12h")
    return timedelta(**{_UNITS[found.group(2).lower()]: int(found.group(1))})


def last_missed(reviews: Iterable[Review], now: datetime,
                since: timedelta | None = None) -> list[str]:
    """Question ids whose latest answer was wrong or partly right (and not claimed
    right), most recent first; only answers within ``since`` of ``now`` when given."""
    return [qid for qid, _ in last_missed_at(reviews, now, since)]


def last_missed_at(reviews: Iterable[Review], now: datetime,
                   since: timedelta | None = None) -> list[tuple[str, datetime]]:
    """:func:`last_missed`, each id with when it was missed (to merge several banks)."""
    latest: dict[str, Review] = {}
    for r in sorted(reviews, key=lambda r: r.at):
        latest[r.question] = r
    missed = [r for r in latest.values()
              if r.verdict != "correct" and not r.override
              and (since is None or r.at >= now - since)]
    return [(r.question, r.at) for r in sorted(missed, key=lambda r: r.at, reverse=True)]
