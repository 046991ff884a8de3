"""Times are stored as naive UTC and shown, and typed by staff, in Dutch local time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Amsterdam")


def local_to_utc(value: datetime | None) -> datetime | None:
    """A naive local time from a form, as naive UTC for the database."""
    if value is None:
        return None
    return value.replace(tzinfo=LOCAL).astimezone(UTC).replace(tzinfo=None)


def utc_to_local(value: datetime | None) -> datetime | None:
    """A naive UTC time from the database, as naive local time for a form or page."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC).astimezone(LOCAL).replace(tzinfo=None)
