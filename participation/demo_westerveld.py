"""A second demo municipality, Westerveld, on its own local host name: one install, two
municipalities, each seeing only its own (issue 29). Its votes are made up."""

from __future__ import annotations

import random

from sqlalchemy import select

from participation import tenancy
from participation.chores import load
from participation.domain.theme_import import DEFAULT_THEMES
from participation.extensions import db
from participation.models import (
    Area,
    Campaign,
    CampaignStatus,
    Municipality,
    StaffMembership,
    StaffUser,
    Theme,
)
from participation.services.ballots import voting
from participation.services.municipalities import ACROSS

SLUG = "westerveld"
HOST = "westerveld.localhost"  # browsers send *.localhost to this machine
# The first demo municipality's own host names, so each install host serves one of the two.
FIRST_HOSTS = ("127.0.0.1", "localhost")
VILLAGES = [
    ("diever", "Diever", 3_900),
    ("dwingeloo", "Dwingeloo", 2_700),
    ("havelte", "Havelte", 3_100),
    ("vledder", "Vledder", 2_600),
]
CAMPAIGN_TITLE = "Veiligheid in uw dorp (verzonnen voorbeeld voor de demo)"


def seed_westerveld(first: int, admin: StaffUser, extra_hosts: tuple[str, ...] = ()) -> int:
    """Give the first municipality its host names, then make Westerveld with four villages, an
    open campaign with made-up votes, and `admin` as its admin too; running it again changes
    nothing. Returns Westerveld's id."""
    rows = db.session.scalars(select(Municipality).execution_options(**ACROSS)).all()
    first_row = next(row for row in rows if row.id == first)
    wanted = " ".join(dict.fromkeys([*first_row.hosts.split(), *FIRST_HOSTS, *extra_hosts]))
    first_row.hosts = wanted
    found = next((row for row in rows if row.slug == SLUG), None)
    if found is None:
        found = Municipality(
            name="Gemeente Westerveld",
            slug=SLUG,
            hosts=HOST,
            population=19_900,
            house_colour="#2f6b3a",
            version=1,
        )
        db.session.add(found)
    db.session.commit()
    with tenancy.acting_for(found.id):
        # Asked of the table: admin.memberships holds what was loaded for the first one.
        member = select(StaffMembership.id).where(StaffMembership.user_id == admin.id)
        if db.session.scalar(member) is None:
            db.session.add(StaffMembership(user_id=admin.id, role="admin"))
        if db.session.scalar(select(Campaign).where(Campaign.slug == "demo")) is None:
            _campaign()
        db.session.commit()
    return found.id


def _campaign() -> None:
    municipality = Area(slug=SLUG, name="Westerveld", kind="municipality")
    villages = [
        Area(slug=slug, name=name, kind="village", parent=municipality, population=people)
        for slug, name, people in VILLAGES
    ]
    db.session.add(
        Campaign(
            # The same short name as Westerkwartier's demo: short names are per municipality.
            slug="demo",
            title=CAMPAIGN_TITLE,
            intro="Deze raadpleging en haar stemmen zijn verzonnen, om twee gemeenten te tonen.",
            status=CampaignStatus.OPEN.value,
            min_picks=6,
            max_picks=6,
            areas=villages,
            themes=[
                Theme(title=title, explanation=text, safety_field=field, position=n, bit=n - 1)
                for n, (title, text, field) in enumerate(DEFAULT_THEMES, start=1)
            ],
        )
    )
    db.session.commit()
    rules = voting.load_rules("demo")
    assert rules is not None  # just stored
    load.add_synthetic_ballots(rules, 240, random.Random(29), days=14)
