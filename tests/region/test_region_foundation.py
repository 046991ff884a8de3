"""Regions: a region host's own pages, municipalities' pages under /<slug>/ there, the
coordinator's login, and the ORM rule reading across a region only when told to."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from participation import tenancy
from participation.extensions import db
from participation.models import Campaign, RegionalCampaign, RegionScope, StaffUser
from participation.services.regions import access, setup
from tests.conftest import FIRST_MUNICIPALITY, csrf_token
from tests.factories import (
    client_on,
    make_campaign,
    make_region,
    make_tenant,
    set_password_as_configured,
)

REGION_HOST = "zuidwest-drenthe.localhost"


@pytest.fixture
def region(app):  # type: ignore[no-untyped-def]
    other = make_tenant()
    return make_region(members=(FIRST_MUNICIPALITY, other)), other


def test_the_region_host_shows_the_region_and_nothing_of_a_municipality(app, region) -> None:
    client = client_on(app, REGION_HOST)
    assert client.get("/").headers["Location"].endswith("/regio/")
    page = client.get("/regio/")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Zuidwest-Drenthe" in text
    assert "Gemeente Westerveld" in text
    # A municipality's own pages do not exist on the region's host without its prefix.
    assert client.get("/staff/").status_code == 404
    assert client.get("/v/anything").status_code == 404


def test_a_municipality_is_served_under_its_slug_on_the_region_host(app, region) -> None:
    _, other = region
    with tenancy.acting_for(other):
        theirs = make_campaign(municipality="Westerveld", slug="ivp-2027")
        title = theirs.title
    client = client_on(app, REGION_HOST)
    page = client.get("/westerveld/v/ivp-2027")
    assert page.status_code == 200 and title in page.get_data(as_text=True)
    # Its links keep the prefix, so the phone stays on the region's host.
    assert 'action="/westerveld/v/ivp-2027' in page.get_data(as_text=True)
    assert client.get("/onbekend/v/ivp-2027").status_code == 404


def test_a_coordinator_logs_in_on_the_region_host_and_others_do_not(app, region) -> None:
    region_id, _ = region
    for email in ("coordinator@example.org", "stranger@example.org"):
        user = StaffUser(email=email)
        set_password_as_configured(user, "een-lang-wachtwoord")
        db.session.add(user)
    db.session.commit()
    coordinator = db.session.scalar(
        select(StaffUser).where(StaffUser.email == "coordinator@example.org")
    )
    setup.grant(coordinator, "zuidwest-drenthe", RegionScope.COORDINATOR, None)
    with tenancy.in_region(region_id):
        assert access.scope_of(coordinator.id) is RegionScope.COORDINATOR
    for email, status in (("stranger@example.org", 401), ("coordinator@example.org", 302)):
        client = client_on(app, REGION_HOST)
        data = {"csrf_token": csrf_token(client, "/regio/login"), "email": email}
        answer = client.post("/regio/login", data={**data, "password": "een-lang-wachtwoord"})
        assert answer.status_code == status, email


def test_reading_across_a_region_is_explicit_and_never_writes(app, region) -> None:
    region_id, other = region
    ours = make_campaign(slug="ivp-ours")
    with tenancy.acting_for(other):
        make_campaign(municipality="Westerveld", slug="ivp-theirs")
    slugs = lambda: set(db.session.scalars(select(Campaign.slug)))  # noqa: E731
    assert slugs() == {ours.slug}
    with tenancy.acting_for(None), tenancy.in_region(region_id, frozenset({1, other})):
        assert slugs() == {"ivp-ours", "ivp-theirs"}
        # Region-owned rows: only the region's.
        assert db.session.scalars(select(RegionalCampaign)).all() == []


def test_staff_pages_are_not_served_under_a_municipality_prefix(app, region) -> None:
    client = client_on(app, REGION_HOST)
    for path in (
        "/westerveld/staff/login",
        "/westerveld/staff/",
        "/westerveld/api/v1/campaigns/x/results",
    ):
        assert client.get(path).status_code == 404, path
    # Its resident information pages are there, in its own name.
    page = client.get("/westerveld/privacy")
    assert page.status_code == 200 and "Westerveld" in page.get_data(as_text=True)
