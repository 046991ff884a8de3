"""Meppel and Westerveld in one region with a coordinator, and a regional campaign to adopt."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation import tenancy
from participation.extensions import db
from participation.models import Campaign, RegionalCampaign, RegionScope, StaffUser
from participation.services.accounts import create_user
from participation.services.campaigns import campaign_edits
from participation.services.regions import adoption, campaigns, setup
from participation.timeutil import utcnow
from tests.conftest import csrf_token
from tests.factories import (
    client_on,
    make_municipality,
    make_region,
    make_tenant,
    make_villages,
    set_password_as_configured,
)

REGION_HOST = "zuidwest-drenthe.localhost"
PASSWORD = "een-lang-wachtwoord"
CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')


@dataclass(frozen=True)
class World:
    region: int
    meppel: int
    westerveld: int
    coordinator_id: int

    @property
    def members(self) -> frozenset[int]:
        return frozenset({self.meppel, self.westerveld})

    def host(self, municipality: int) -> str:
        return "meppel.localhost" if municipality == self.meppel else "westerveld.localhost"


def make_world() -> World:
    """Meppel and Westerveld (two villages each) in the region Zuidwest-Drenthe, and its
    coordinator's login."""
    meppel = make_tenant("Meppel", "meppel.localhost")
    westerveld = make_tenant("Westerveld", "westerveld.localhost")
    for municipality, name in ((meppel, "Meppel"), (westerveld, "Westerveld")):
        with tenancy.acting_for(municipality):
            make_villages(make_municipality(name), 2)
            db.session.commit()
    region = make_region(members=(meppel, westerveld))
    coordinator = StaffUser(email="coordinator@example.org")
    set_password_as_configured(coordinator, PASSWORD)
    db.session.add(coordinator)
    db.session.commit()
    with tenancy.acting_for(None):
        setup.grant(coordinator, "zuidwest-drenthe", RegionScope.COORDINATOR, None)
    return World(region, meppel, westerveld, coordinator.id)


@contextmanager
def as_coordinator(world: World) -> Iterator[None]:
    """Work as the region's host does: no municipality, reading across the region."""
    with tenancy.acting_for(None), tenancy.in_region(world.region, world.members):
        yield


@contextmanager
def as_municipality(world: World, municipality: int) -> Iterator[None]:
    """Work as a municipality's own host does: that municipality, in its region."""
    with tenancy.acting_for(municipality), tenancy.in_region(world.region):
        yield


def coordinator(world: World) -> StaffUser:
    found = db.session.scalar(select(StaffUser).where(StaffUser.id == world.coordinator_id))
    assert found is not None
    return found


def open_regional(
    world: World,
    slug: str = "ivp-2027",
    picks: tuple[int, int] = (3, 3),
    period: tuple[datetime, datetime] | None = None,
) -> int:
    """A regional campaign with the twelve standard themes, open for adoption; its id."""
    starts, ends = period or (utcnow() - timedelta(days=2), utcnow() + timedelta(days=30))
    data = campaigns.RegionalCampaignData(
        slug, "Veiligheid in Zuidwest-Drenthe", "Kies wat u belangrijk vindt.", *picks, starts, ends
    )
    with as_coordinator(world):
        made = campaigns.create(data, coordinator(world))
        campaigns.open_for_adoption(made, coordinator(world))
        return made.id


def adopt(world: World, municipality: int, slug: str, open_now: bool = True) -> int:
    """The municipality adopts the open regional campaign (its dates: from an hour ago for a
    week, all its villages) and, with open_now, opens its campaign; the campaign's id."""
    with as_municipality(world, municipality):
        regional = db.session.scalar(select(RegionalCampaign))
        assert regional is not None
        data = adoption.AdoptionData(
            slug,
            utcnow() - timedelta(hours=1),
            utcnow() + timedelta(days=7),
            [area.id for area in campaign_edits.villages()],
        )
        campaign = adoption.adopt(regional, data, coordinator(world))
        if open_now:
            campaign.status = "open"
            db.session.commit()
        return campaign.id


def campaign_of(world: World, municipality: int, slug: str) -> Campaign:
    with as_municipality(world, municipality):
        found = db.session.scalar(select(Campaign).where(Campaign.slug == slug))
        assert found is not None
        return found


def log_in_region(app: Flask, email: str = "coordinator@example.org") -> FlaskClient:
    client = client_on(app, REGION_HOST)
    data = {"csrf_token": csrf_token(client, "/regio/login"), "email": email}
    answer = client.post("/regio/login", data={**data, "password": PASSWORD})
    assert answer.status_code == 302, answer.status_code
    return client


def log_in_municipality(app: Flask, world: World, municipality: int, role: str) -> FlaskClient:
    """A new login with this role in the municipality, logged in on its own host."""
    email = f"{role}-{municipality}@example.org"
    with tenancy.acting_for(municipality):
        create_user(email, PASSWORD, role)
    client = client_on(app, world.host(municipality))
    data = {"csrf_token": csrf_token(client, "/staff/login"), "email": email}
    answer = client.post("/staff/login", data={**data, "password": PASSWORD})
    assert answer.status_code == 302, answer.status_code
    return client


def ballot(page: str, village: str, theme_ids: list[int]) -> dict[str, object]:
    """The ballot form's fields as a phone sends them, with the page's CSRF token."""
    found = CSRF_INPUT.search(page)
    assert found, page[-500:]
    return {
        "csrf_token": found.group(1),
        "ballot_key": str(uuid.uuid4()),
        "village": village,
        "theme": theme_ids,
    }
