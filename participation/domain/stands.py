"""When a stand's kiosk link accepts ballots."""

from __future__ import annotations

from datetime import datetime


def kiosk_state(
    starts_at: datetime,
    ends_at: datetime,
    revoked_at: datetime | None,
    closed_at: datetime | None,
    now: datetime,
) -> str:
    """'revoked', 'closed', 'not_started', 'ended' or 'open'.

    Revoking or closing wins over the time window. The window is [starts_at, ends_at).
    """
    if revoked_at is not None:
        return "revoked"
    if closed_at is not None:
        return "closed"
    if now < starts_at:
        return "not_started"
    if now >= ends_at:
        return "ended"
    return "open"
