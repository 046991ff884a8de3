"""The time helpers: times are stored as naive UTC and shown, and typed, in Dutch local time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import overload
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Amsterdam")


@overload
def local_to_utc(value: datetime) -> datetime: ...
@overload
def local_to_utc(value: None) -> None: ...
@overload
def local_to_utc(value: datetime | None) -> datetime | None: ...
def local_to_utc(value: datetime | None) -> datetime | None:
    """A naive local time from a form, as naive UTC for the database."""
    if value is None:
        return None
    return value.replace(tzinfo=LOCAL).astimezone(UTC).replace(tzinfo=None)


@overload
def utc_to_local(value: datetime) -> datetime: ...
@overload
def utc_to_local(value: None) -> None: ...
@overload
def utc_to_local(value: datetime | None) -> datetime | None: ...
def utc_to_local(value: datetime | None) -> datetime | None:
    """A naive UTC time from the database, as naive local time for a form or page."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC).astimezone(LOCAL).replace(tzinfo=None)


def local_text(value: datetime) -> str:
    """A stored (UTC) moment as staff pages write it: 01-03-2027 09:00, local time."""
    return utc_to_local(value).strftime("%d-%m-%Y %H:%M")


def utcnow() -> datetime:
    """Naive UTC, stored the same way on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


def arrival_minute() -> datetime:
    """When a ballot or survey response arrives, to the minute: the burst signal needs no
    more, and a finer time could be matched with who stood at a stand at that moment."""
    return utcnow().replace(second=0, microsecond=0)


def local_today() -> date:
    """Today's date in the municipality (Amsterdam), not in UTC."""
    return utc_to_local(utcnow()).date()
