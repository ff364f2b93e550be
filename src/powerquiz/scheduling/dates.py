"""Dates as the scheduler and the progress files keep them: timezone-aware UTC.

A naive datetime is a bug in the caller and is rejected with :class:`ValueError`; an
aware datetime in another zone is converted to UTC.  Dates read from files must also be
*sane* (years :data:`EARLIEST_YEAR` to :data:`LATEST_YEAR`), so adding an interval to one
can never overflow.
"""

from __future__ import annotations

from datetime import datetime, timezone

__all__ = ["EARLIEST_YEAR", "LATEST_YEAR", "describe", "parse_utc", "sane", "utc"]

#: The range of years a stored date may fall in.
EARLIEST_YEAR, LATEST_YEAR = 1970, 9000


def utc(value: datetime, name: str = "datetime") -> datetime:
    """Return ``value`` in UTC; raise ValueError if it has no timezone."""
    if not isinstance(value, datetime):
        raise ValueError(f"{name} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is timezone.utc:
        return value
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (UTC), got naive {value.isoformat()}")
    return value.astimezone(timezone.utc)


def sane(value: datetime, name: str = "datetime") -> datetime:
    """``value`` in UTC, if its year is in the stored range; else ValueError."""
    value = utc(value, name)
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(
            f"{name} must fall in the years {EARLIEST_YEAR} to {LATEST_YEAR}, "
            f"not {value.isoformat()}"
        )
    return value


def parse_utc(text: object, name: str = "datetime") -> datetime:
    """Parse an ISO 8601 text with a timezone into a UTC datetime; ValueError if it is not one."""
    if not isinstance(text, str):
        raise ValueError(f"{name} must be an ISO 8601 text, not {describe(text)}")
    raw = text.strip()
    if raw.endswith(("Z", "z")):  # Python 3.10's fromisoformat does not know the Z suffix.
        raw = raw[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{name} is not an ISO 8601 date and time: {describe(text)}") from None
    if value.tzinfo is None:
        raise ValueError(f"{name} has no timezone: {describe(text)}")
    try:
        return utc(value, name)
    except OverflowError:
        raise ValueError(f"{name} is out of range: {describe(text)}") from None


def describe(value: object) -> str:
    """A value for a message: its type and a short repr (long values are cut)."""
    shown = repr(value) if not isinstance(value, int) or abs(value) < 10**40 else "a huge number"
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{type(value).__name__} {shown}"
