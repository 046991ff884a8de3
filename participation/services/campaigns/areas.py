"""Village details staff maintain: population for the weighted total, postcodes for surveys."""

from __future__ import annotations

from dataclasses import dataclass

from participation.domain.areas import shared_postcodes
from participation.domain.refusals import Refused
from participation.extensions import db
from participation.models import Area, StaffUser
from participation.services import audit


@dataclass(frozen=True)
class VillageDetails:
    population: int | None
    postcodes: list[str]


class PostcodesShared(Refused):
    """A postcode would map to two villages (problems: postcode -> villages); nothing saved."""


def save_details(changes: dict[Area, VillageDetails], actor: StaffUser) -> None:
    """Save every village's details at once, or none if a postcode would map to two villages."""
    shared = shared_postcodes({area.name: details.postcodes for area, details in changes.items()})
    if shared:
        raise PostcodesShared(shared)
    for area, details in changes.items():
        before = (area.population, area.postcodes)
        area.population, area.postcodes = details.population, " ".join(details.postcodes)
        if before != (area.population, area.postcodes):
            audit.record(
                actor,
                "area.update",
                area.slug,
                f"population {before[0]} → {area.population}; "
                f"postcodes {before[1]!r} → {area.postcodes!r}",
            )
    db.session.commit()
