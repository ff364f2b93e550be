"""Local calendar days: what "today", a streak and a 52-week calendar mean for one student.

Every review is stored in UTC; the student counts days in their own time zone, so each
figure turns instants into local dates here, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo

__all__ = [
    "CALENDAR_WEEKS",
    "calendar_start",
    "local_date",
    "local_instant",
    "streak",
]

#: The calendar heatmap covers this many weeks (columns), the last one being this week.
CALENDAR_WEEKS = 52


def local_date(when: datetime, tz: tzinfo) -> date:
    """The student's calendar date at the instant ``when``."""
    return when.astimezone(tz).date()


def local_instant(day: date, tz: tzinfo, at: time = time(0, 0)) -> datetime:
    """The instant (aware, in ``tz``) of the wall-clock time ``at`` on ``day``."""
    return datetime.combine(day, at, tzinfo=tz)


def streak(days_with_reviews: Iterable[date] | Mapping[date, int], today: date) -> int:
    """Days in a row with at least one review, ending today.

    A streak that ended yesterday still counts (the student has the rest of today to keep
    it), so it is 0 only when neither today nor yesterday has a review.
    """
    days = set(days_with_reviews)
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def calendar_start(today: date) -> date:
    """The Monday that starts the first of the calendar's :data:`CALENDAR_WEEKS` weeks."""
    this_monday = today - timedelta(days=today.weekday())
    return this_monday - timedelta(weeks=CALENDAR_WEEKS - 1)
