"""When a campaign takes ballots."""

from __future__ import annotations

from datetime import datetime


def campaign_phase(
    status: str, opens_at: datetime | None, closes_at: datetime | None, now: datetime
) -> str:
    """'not_started', 'open' or 'closed'.

    A closed status, or a close moment that has passed, closes the campaign. A draft status, or
    an open moment still to come, means it has not started. Otherwise it is open.
    """
    if status == "closed" or (closes_at is not None and now >= closes_at):
        return "closed"
    if status == "draft" or (opens_at is not None and now < opens_at):
        return "not_started"
    return "open"
