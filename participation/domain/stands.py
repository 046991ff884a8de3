"""When a stand's kiosk link accepts ballots."""

from __future__ import annotations

from datetime import datetime, timedelta

# A tablet that lost its connection may sync the ballots it queued this long after the end.
SYNC_GRACE = timedelta(hours=12)
# Residents at the tablet see the stand's top themes only from this many ballots on: with
# the first few, the top themes are one voter's choices, shown to the next in line.
LIVE_TOP_FROM = 10


def residents_may_see_top(ballots: int) -> bool:
    return ballots >= LIVE_TOP_FROM


def released_at_stand(ballots: int, step: int = 5) -> int:
    """How many of the stand's ballots the residents' top themes are counted from: whole
    steps of 5 (23 -> 20), so the line changes only with 5 new voters, like a release, and the
    next in line cannot see what the one before chose."""
    return ballots - ballots % step


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


def accepts_sync(
    starts_at: datetime,
    ends_at: datetime,
    revoked_at: datetime | None,
    closed_at: datetime | None,
    now: datetime,
) -> bool:
    """Whether queued kiosk ballots may still be stored.

    Ballots queued offline arrive late; they are taken until SYNC_GRACE after the end, unless
    the link was revoked or the stand was closed (its count is then final).
    """
    state = kiosk_state(starts_at, ends_at, revoked_at, closed_at, now)
    return state == "open" or (state == "ended" and now < ends_at + SYNC_GRACE)


# A tablet silent this long before the stand is closed (or its window ended) may still hold
# votes it could not send: staff are warned before closing.
SILENT_AFTER = timedelta(minutes=10)


def close_warnings(
    last_contact_at: datetime | None,
    queued: int,
    ends_at: datetime,
    now: datetime,
) -> list[tuple[str, object]]:
    """Why closing now may lose votes: ('never', None), ('silent', last contact) and
    ('queued', how many the tablet still reported waiting)."""
    warnings: list[tuple[str, object]] = []
    if last_contact_at is None:
        warnings.append(("never", None))
    elif last_contact_at < min(now, ends_at) - SILENT_AFTER:
        warnings.append(("silent", last_contact_at))
    if queued > 0:
        warnings.append(("queued", queued))
    return warnings
