"""Who works across a region: a login's scope there (coordinator or partner), and the region
this request serves."""

from __future__ import annotations

from sqlalchemy import select

from participation import tenancy
from participation.extensions import db
from participation.models import Region, RegionMembership, RegionScope


def current_region() -> Region | None:
    """The region this request or chore works for (a region host's, or its municipality's)."""
    chosen = tenancy.chosen_region_id()
    return db.session.get(Region, chosen) if chosen is not None else None


def scope_of(user_id: int | None, region_id: int | None = None) -> RegionScope | None:
    """A login's scope in the region (the current one when not named); None without one."""
    region_id = region_id if region_id is not None else tenancy.chosen_region_id()
    if user_id is None or region_id is None:
        return None
    with tenancy.in_region(region_id, tenancy.readable_ids()):
        found = db.session.scalar(
            select(RegionMembership.scope).where(
                RegionMembership.user_id == user_id, RegionMembership.region_id == region_id
            )
        )
    return RegionScope(found) if found is not None else None
