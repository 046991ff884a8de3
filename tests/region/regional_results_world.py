"""A region whose municipalities adopted one regional campaign, for the regional results tests.

Built straight from the models in the shape an adoption makes: the regional campaign and its
common themes on the region; per municipality a campaign linked to it, its themes naming their
common theme (a local theme none), with villages and their inhabitants, ballots and paper.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation import tenancy
from participation.extensions import db
from participation.models import (
    Area,
    Campaign,
    Municipality,
    RegionalCampaign,
    RegionalTheme,
    RegionScope,
    StaffUser,
    Theme,
)
from participation.services.accounts import create_user
from participation.services.regions import setup
from participation.services.results import releases
from participation.services.stands import paper
from participation.tenancy import ACROSS_MUNICIPALITIES
from participation.timeutil import utcnow
from participation.web import tenant
from tests.conftest import FIRST_MUNICIPALITY, csrf_token
from tests.factories import (
    client_on,
    make_ballots,
    make_region,
    make_stand,
    make_tenant,
    set_password_as_configured,
)

REGION_HOST = "zuidwest-drenthe.localhost"
PASSWORD = "een-lang-wachtwoord"


@dataclass(frozen=True)
class Design:
    """One municipality: its name, inhabitants, villages (name, inhabitants), local themes."""

    name: str
    population: int | None
    villages: Sequence[tuple[str, int | None]]
    local: Sequence[str] = ()


@dataclass
class World:
    region_id: int
    regional_id: int
    slug: str
    common: dict[str, int]  # title -> regional theme id
    municipalities: dict[str, int] = field(default_factory=dict)  # name -> id
    campaigns: dict[str, Campaign] = field(default_factory=dict)  # name -> its campaign
    themes: dict[str, dict[str, int]] = field(default_factory=dict)  # name -> title -> id

    def vote(self, name: str, village: str | None, titles: Iterable[str], count: int = 1) -> None:
        """Ballots through the ballot service; village None: from elsewhere."""
        campaign = self.campaigns[name]
        with tenancy.acting_for(self.municipalities[name]):
            ids = [self.themes[name][title] for title in titles]
            where = slug_of(village) if village else "elders"
            assert make_ballots(campaign, count, village=where, themes=ids) == count

    def paper(self, name: str, village: str, participants: int, votes: dict[str, int]) -> None:
        """Two staff members enter the same count of a stand's paper forms (agreed)."""
        campaign = self.campaigns[name]
        with tenancy.acting_for(self.municipalities[name]):
            stand = make_stand(campaign, slug_of(village))
            counts = {self.themes[name][title]: n for title, n in votes.items()}
            for number in (1, 2):
                counter = create_user(f"teller{number}-{stand.id}@example.org", PASSWORD, "staff")
                paper.save_entry(stand, counter, participants, counts)

    def release(self, name: str) -> int:
        """The municipality publishes its results and releases today's figures; the number."""
        campaign = self.campaigns[name]
        with tenancy.acting_for(self.municipalities[name]):
            if campaign.results_published_at is None:
                campaign.results_published_at = utcnow()
                db.session.commit()
            return releases.release(campaign, None).number


def slug_of(name: str) -> str:
    return name.lower().replace(" ", "-")


def build(
    designs: Sequence[Design],
    common: Sequence[str],
    picks: int = 2,
    languages: Sequence[str] = (),
) -> World:
    """The region (the first design is the tests' own municipality), its regional campaign
    with the common themes, and each municipality's adopting campaign, open. Every title is
    also given in `languages` ('Woninginbraak (en)')."""
    ids = [FIRST_MUNICIPALITY] + [
        make_tenant(d.name, f"{slug_of(d.name)}.localhost") for d in designs[1:]
    ]
    rows = db.session.scalars(
        select(Municipality)
        .where(Municipality.id.in_(ids))
        .execution_options(**{ACROSS_MUNICIPALITIES: True})
    )
    by_id = {row.id: row for row in rows}
    for municipality_id, design in zip(ids, designs, strict=True):
        by_id[municipality_id].name = f"Gemeente {design.name}"
        by_id[municipality_id].slug = slug_of(design.name)
        by_id[municipality_id].population = design.population
    db.session.commit()
    tenant.forget()
    region_id = make_region(members=ids)

    def translated(title: str) -> dict[str, dict[str, str]]:
        return {language: {"title": f"{title} ({language})"} for language in languages}

    with tenancy.in_region(region_id):
        regional = RegionalCampaign(
            slug="ivp-2027",
            title="Veilig in Zuidwest-Drenthe",
            min_picks=picks,
            max_picks=picks,
            status="open",
            period_starts=utcnow() - timedelta(days=1),
            period_ends=utcnow() + timedelta(days=30),
            translations=translated("Veilig in Zuidwest-Drenthe"),
            themes=[
                RegionalTheme(
                    title=title, safety_field=1, position=n, translations=translated(title)
                )
                for n, title in enumerate(common, start=1)
            ],
        )
        db.session.add(regional)
        db.session.commit()
        world = World(
            region_id, regional.id, regional.slug, {t.title: t.id for t in regional.themes}
        )
    for municipality_id, design in zip(ids, designs, strict=True):
        with tenancy.acting_for(municipality_id), tenancy.in_region(region_id):
            campaign = Campaign(
                slug=f"ivp-{slug_of(design.name)}",
                title=f"Veilig in {design.name}",
                status="open",
                min_picks=picks,
                max_picks=picks,
                regional_campaign_id=world.regional_id,
                translations=translated(f"Veilig in {design.name}"),
                areas=[
                    Area(slug=slug_of(village), name=village, kind="village", population=people)
                    for village, people in design.villages
                ],
                themes=[
                    Theme(
                        title=title,
                        safety_field=1,
                        position=n,
                        bit=n - 1,
                        regional_theme_id=world.common.get(title),
                        translations=translated(title),
                    )
                    for n, title in enumerate([*common, *design.local], start=1)
                ],
            )
            db.session.add(campaign)
            db.session.commit()
            world.municipalities[design.name] = municipality_id
            world.campaigns[design.name] = campaign
            world.themes[design.name] = {t.title: t.id for t in campaign.themes}
    return world


def region_login(app: Flask, scope: RegionScope) -> FlaskClient:
    """A coordinator or partner of the region, logged in on the region's host."""
    email = f"{scope.value}@example.org"
    user = StaffUser(email=email)
    set_password_as_configured(user, PASSWORD)
    db.session.add(user)
    db.session.commit()
    setup.grant(user, "zuidwest-drenthe", scope, None)
    client = client_on(app, REGION_HOST)
    data = {"csrf_token": csrf_token(client, "/regio/login"), "email": email, "password": PASSWORD}
    assert client.post("/regio/login", data=data).status_code == 302
    return client


def public_client(app: Flask) -> FlaskClient:
    """A resident's browser on the region's host."""
    return client_on(app, REGION_HOST)


def workbook_sheets(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    """Each sheet's rows (values only, header first), read with openpyxl."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}
