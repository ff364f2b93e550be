"""Dates said the way a person would say them: "in 3 hours", "tomorrow at 09:30"."""

from __future__ import annotations

from datetime import datetime, timedelta


def when(due: datetime, now: datetime) -> str:
    """When ``due`` falls, relative to ``now``, in the student's local time."""
    delta = due - now
    if delta <= timedelta(0):
        return "now"
    local_due, local_now = due.astimezone(), now.astimezone()
    if delta < timedelta(hours=1):
        minutes = max(1, round(delta.total_seconds() / 60))
        return f"in {minutes} minute{'s' * (minutes != 1)}"
    days = (local_due.date() - local_now.date()).days
    clock = local_due.strftime("%H:%M")
    if days == 0:
        hours = round(delta.total_seconds() / 3600)
        return f"in {hours} hour{'s' * (hours != 1)} (today at {clock})"
    if days == 1:
        return f"tomorrow at {clock}"
    if days < 7:
        return f"in {days} days ({local_due.strftime('%A')})"
    return f"in {days} days ({local_due.strftime('%d %B %Y')})"
