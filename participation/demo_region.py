"""The demo region Zuidwest-Drenthe: Meppel, Midden-Drenthe and Westerveld on their own local
host names, one regional campaign each adopts (Midden-Drenthe with a local theme), and votes
that are made up (issue 30)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from participation import tenancy
from participation.chores import load
from participation.domain.vocabulary import CampaignStatus
from participation.extensions import db
from participation.models import (
    Area,
    Municipality,
    Region,
    RegionalCampaign,
    RegionMembership,
    RegionScope,
    StaffMembership,
    StaffUser,
    Theme,
)
from participation.services.ballots import voting
from participation.services.municipalities import ACROSS
from participation.services.regions import adoption, campaigns
from participation.services.regions.setup import working_for
from participation.timeutil import utcnow

REGION_SLUG = "zuidwest-drenthe"
REGION_HOST = "zuidwest-drenthe.localhost"  # browsers send *.localhost to this machine
CAMPAIGN_SLUG = "ivp-2027"
COORDINATOR_EMAIL = "coordinator@example.org"
PARTNER_EMAIL = "politie@example.org"
LOCAL_THEME = ("Drugsafval in het buitengebied", "Dumpingen van drugsafval in bos en weiland.", 4)


@dataclass(frozen=True)
class DemoMunicipality:
    slug: str
    name: str
    host: str
    population: int
    cbs_code: str
    colour: str
    villages: tuple[tuple[str, str, int], ...]
    ballots: int


# Populations rounded from CBS (2023); the villages' are estimates for the demo.
MEMBERS = (
    DemoMunicipality(
        "meppel", "Gemeente Meppel", "meppel.localhost", 34_600, "GM0119", "#0b5e8a",
        (("meppel-stad", "Meppel", 30_400), ("nijeveen", "Nijeveen", 3_900),
         ("broekhuizen", "Broekhuizen", 300)),
        420,
    ),
    DemoMunicipality(
        "midden-drenthe", "Gemeente Midden-Drenthe", "midden-drenthe.localhost", 33_700,
        "GM1731", "#7a2e2e",
        (("beilen", "Beilen", 10_100), ("westerbork", "Westerbork", 2_400),
         ("smilde", "Smilde", 4_700), ("hooghalen", "Hooghalen", 1_500)),
        380,
    ),
)  # fmt: skip
WESTERVELD = ("westerveld", "GM1701", 310)


def seed_region(admin: StaffUser, password: str) -> int:
    """Make the region with its three municipalities (Westerveld must exist), its coordinator
    and partner logins, and the regional campaign adopted by each with made-up votes; running
    it again changes nothing. Returns the region's id."""
    region = db.session.scalar(select(Region).where(Region.slug == REGION_SLUG))
    if region is not None:
        return region.id
    region = Region(
        name="Zuidwest-Drenthe",
        slug=REGION_SLUG,
        hosts=REGION_HOST,
        police_team="Basisteam Zuidwest-Drenthe",
        cbs_code="",
    )
    db.session.add(region)
    db.session.flush()
    members = [_municipality(each, admin) for each in MEMBERS]
    ballots = {each.slug: each.ballots for each in MEMBERS} | {WESTERVELD[0]: WESTERVELD[2]}
    westerveld = db.session.scalar(
        select(Municipality).where(Municipality.slug == WESTERVELD[0]).execution_options(**ACROSS)
    )
    assert westerveld is not None, "seed Westerveld first"
    westerveld.cbs_code = WESTERVELD[1]
    members.append(westerveld)
    for row in members:
        row.region_id = region.id
    coordinator = _login(COORDINATOR_EMAIL, password)
    partner = _login(PARTNER_EMAIL, password)
    db.session.commit()
    with working_for(region.id):
        db.session.add_all(
            [
                RegionMembership(
                    user_id=coordinator.id, region_id=region.id, scope=RegionScope.COORDINATOR.value
                ),
                RegionMembership(
                    user_id=partner.id, region_id=region.id, scope=RegionScope.PARTNER
                ),
            ]
        )
        regional = _regional_campaign(coordinator)
    ballots = {
        row.slug: count for row, count in zip(members, (420, 380, WESTERVELD[2]), strict=True)
    }
    for row in members:
        with tenancy.acting_for(row.id), tenancy.in_region(region.id):
            _adopt(regional, admin, ballots[row.slug], local=row.slug == "midden-drenthe")
    return region.id


def _municipality(given: DemoMunicipality, admin: StaffUser) -> Municipality:
    row = Municipality(
        name=given.name,
        slug=given.slug,
        hosts=given.host,
        population=given.population,
        cbs_code=given.cbs_code,
        house_colour=given.colour,
        version=1,
    )
    db.session.add(row)
    db.session.flush()
    with tenancy.acting_for(row.id):
        db.session.add(StaffMembership(user_id=admin.id, role="admin"))
        top = Area(slug=given.slug, name=given.name.removeprefix("Gemeente "), kind="municipality")
        db.session.add(top)
        db.session.add_all(
            Area(slug=slug, name=name, kind="village", parent=top, population=people)
            for slug, name, people in given.villages
        )
        db.session.flush()
    return row


def _login(email: str, password: str) -> StaffUser:
    found = db.session.scalar(select(StaffUser).where(StaffUser.email == email))
    if found is not None:
        return found
    user = StaffUser(email=email, display_name=email.split("@")[0].title())
    user.set_password(password, current_app.config["PASSWORD_HASH_METHOD"])
    db.session.add(user)
    db.session.flush()
    return user


def _regional_campaign(coordinator: StaffUser) -> RegionalCampaign:
    now = utcnow()
    data = campaigns.RegionalCampaignData(
        slug=CAMPAIGN_SLUG,
        title="Veiligheid in Zuidwest-Drenthe 2027 (verzonnen voorbeeld voor de demo)",
        intro="Deze regionale raadpleging en haar stemmen zijn verzonnen, om de regio te tonen.",
        min_picks=6,
        max_picks=6,
        period_starts=now - timedelta(days=21),
        period_ends=now + timedelta(days=60),
    )
    regional = campaigns.create(data, coordinator)
    campaigns.open_for_adoption(regional, coordinator)
    return regional


def _adopt(regional: RegionalCampaign, admin: StaffUser, ballots: int, local: bool) -> None:
    villages = db.session.scalars(select(Area.id).where(Area.kind == "village")).all()
    now = utcnow()
    data = adoption.AdoptionData(
        slug=CAMPAIGN_SLUG,
        opens_at=now - timedelta(days=14),
        closes_at=now + timedelta(days=30),
        village_ids=list(villages),
    )
    campaign = adoption.adopt(db.session.merge(regional), data, admin)
    if local:
        title, explanation, field = LOCAL_THEME
        taken = [theme.bit for theme in campaign.themes]
        campaign.themes.append(
            Theme(
                title=title,
                explanation=explanation,
                safety_field=field,
                position=len(campaign.themes) + 1,
                bit=max(taken) + 1,
            )
        )
    campaign.status = CampaignStatus.OPEN.value
    db.session.commit()
    voting.forget_rules()
    rules = voting.load_rules(campaign.slug)
    assert rules is not None  # just opened
    load.add_synthetic_ballots(rules, ballots, random.Random(30 + ballots), days=14)
