"""Writing the audit log: one event per staff change, in the same transaction as the change."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from participation import tenancy
from participation.extensions import db
from participation.models import AuditEvent, RegionAuditEvent, StaffUser

log = logging.getLogger(__name__)


def describe_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """'field: old → new' for every field that changed, in a stable order."""
    return "; ".join(
        f"{key}: {before.get(key)!r} → {after[key]!r}"
        for key in sorted(after)
        if before.get(key) != after[key]
    )


def record(actor: StaffUser | None, action: str, target: str, details: str = "") -> None:
    """Add an audit event to the session; the caller commits it with the change itself.
    Work of a region with no municipality chosen (its coordinators) goes to the region's log."""
    actor_id = actor.id if actor else None
    if tenancy.chosen_id() is None and tenancy.chosen_region_id() is not None:
        db.session.add(
            RegionAuditEvent(actor_id=actor_id, action=action, target=target, details=details)
        )
    else:
        db.session.add(AuditEvent(actor_id=actor_id, action=action, target=target, details=details))
    log.info("audit: %s %s by %s", action, target, actor.id if actor else "system")


def recent_events(limit: int = 500) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)))
