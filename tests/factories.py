"""Test factories: the campaign, villages, themes, stands and ballots a test needs, in a line."""

# Build what the test is about instead of starting from `seed_demo()`:
#
#     campaign = make_campaign()                              # 3 villages, 12 themes, open
#     make_ballots(campaign, 5, village="leek", trust=TrustLevel.CODE)
#     other = make_campaign(municipality="Midden-Groningen")  # a second municipality
#
# Villages of the default municipality are the demo's (zuidhorn, leek, marum, …), so the
# helpers of tests/conftest.py (send_ballot to "leek", add_stand in "marum") work unchanged.
# A municipality is today an Area of kind "municipality" above its villages; when issue 29
# gives each tenant its own row, `make_municipality` makes that row and the calls stay the same.

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from flask import Flask, current_app
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from participation import tenancy
from participation.demo import MUNICIPALITY, VILLAGES
from participation.domain.known_texts import known_translations
from participation.domain.theme_import import DEFAULT_THEMES
from participation.extensions import db
from participation.models import Area, Campaign, CampaignStatus, StaffUser, Stand, Theme
from participation.models.ballots import Channel, TrustLevel
from participation.services.ballots import voting
from participation.timeutil import utcnow

DEFAULT_MUNICIPALITY = MUNICIPALITY[1]  # "Westerkwartier", as the demo


def slug_of(name: str) -> str:
    """A URL-safe short name: 'Midden-Groningen' → 'midden-groningen'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def make_municipality(name: str = DEFAULT_MUNICIPALITY) -> Area:
    """The municipality (its area above the villages); the same one when it exists."""
    slug = slug_of(name)
    area = db.session.scalar(select(Area).where(Area.slug == slug))
    if area is None:
        area = Area(slug=slug, name=name, kind="municipality")
        db.session.add(area)
        db.session.flush()
    return area


def make_villages(municipality: Area, villages: int | Sequence[str] = 3) -> list[Area]:
    """Village cores of the municipality: a count, or their names. The default municipality's
    are the demo's villages in order; another's are '<municipality> dorp 1', '… dorp 2', …
    Existing villages of the same short name are reused."""
    if isinstance(villages, int):
        if municipality.name == DEFAULT_MUNICIPALITY and villages <= len(VILLAGES):
            names = [name for _, name in VILLAGES[:villages]]
        else:
            names = [f"{municipality.name} dorp {n}" for n in range(1, villages + 1)]
    else:
        names = list(villages)
    made = []
    for name in names:
        slug = slug_of(name)
        area = db.session.scalar(select(Area).where(Area.slug == slug))
        if area is None:
            area = Area(slug=slug, name=name, kind="village", parent=municipality)
            db.session.add(area)
        made.append(area)
    db.session.flush()
    return made


def make_themes(count: int = 12) -> list[Theme]:
    """The stand's standard themes in order (with their known translations); past the twelve
    standard ones, 'Thema 13', 'Thema 14', …"""
    themes = []
    for index in range(1, count + 1):
        if index <= len(DEFAULT_THEMES):
            title, text, field = DEFAULT_THEMES[index - 1]
        else:
            title, text, field = f"Thema {index}", "", 1 + index % 5
        themes.append(
            Theme(
                title=title,
                explanation=text,
                safety_field=field,
                position=index,
                bit=index - 1,
                translations=known_translations(title=title, explanation=text),
            )
        )
    return themes


def make_campaign(
    municipality: str | Area | None = None,
    villages: int | Sequence[str] = 3,
    themes: int = 12,
    slug: str | None = None,
    status: CampaignStatus = CampaignStatus.OPEN,
    picks: tuple[int, int] = (6, 6),
    **fields: object,
) -> Campaign:
    """An open campaign of a municipality (the demo's when None) with its villages and
    themes, committed. Any other Campaign column can be given (`ballots_per_device=3`)."""
    if not isinstance(municipality, Area):
        municipality = make_municipality(municipality or DEFAULT_MUNICIPALITY)
    if slug is None:
        taken = db.session.scalar(select(func.count()).select_from(Campaign))
        slug = f"{municipality.slug}-{taken + 1}"
    title = f"Veiligheid in {municipality.name}"
    campaign = Campaign(
        slug=slug,
        title=title,
        intro="Kies de thema's die u het belangrijkst vindt.",
        status=status.value,
        min_picks=picks[0],
        max_picks=picks[1],
        areas=make_villages(municipality, villages),
        themes=make_themes(themes),
        **fields,
    )
    db.session.add(campaign)
    db.session.commit()
    return campaign


def make_stand(
    campaign: Campaign,
    village: str | None = None,
    starts_in_hours: float = -1,
    ends_in_hours: float = 3,
    place: str = "Dorpshuis",
) -> Stand:
    """A stand of the campaign in a village (its first when None), its window around now."""
    area = next(a for a in campaign.areas if village in (None, a.slug))
    now = utcnow()
    stand = Stand(
        campaign=campaign,
        area=area,
        place=place,
        starts_at=now + timedelta(hours=starts_in_hours),
        ends_at=now + timedelta(hours=ends_in_hours),
    )
    db.session.add(stand)
    db.session.commit()
    return stand


def make_ballots(
    campaign: Campaign,
    count: int = 1,
    village: str | None = None,
    themes: Sequence[int] | None = None,
    channel: Channel = Channel.WEB,
    trust: TrustLevel = TrustLevel.DEVICE,
) -> int:
    """Store `count` ballots through the ballot service, as the vote page would (each checked
    against the campaign's rules); by default for the first village and the first themes the
    campaign asks for. Returns how many were stored."""
    rules = voting.load_rules(campaign.slug)
    assert rules is not None, f"no campaign {campaign.slug}"
    village = village or campaign.areas[0].slug
    picks = list(themes) if themes is not None else [t.id for t in campaign.themes]
    if themes is None:
        picks = picks[: campaign.min_picks]
    stored = 0
    for _ in range(count):
        submission = voting.Submission(
            uuid.uuid4(), village, picks, channel=channel, trust_level=trust
        )
        stored += voting.cast_ballot(rules, submission) is voting.CastOutcome.STORED
    return stored


def make_tenant(name: str = "Westerveld", host: str = "westerveld.localhost") -> int:
    """A second municipality of the install, served on `host`; returns its id. The first
    (the tests' own) is then served on `localhost`, the test client's host, as an install
    with several municipalities gives each its host names."""
    from participation.models import Municipality
    from participation.tenancy import ACROSS_MUNICIPALITIES
    from participation.web import tenant

    first = db.session.scalars(
        select(Municipality).execution_options(**{ACROSS_MUNICIPALITIES: True})
    ).all()
    for row in first:
        if not row.hosts and not row.public_url:
            row.hosts = "localhost"
    row = Municipality(name=f"Gemeente {name}", slug=slug_of(name), hosts=host, version=0)
    db.session.add(row)
    db.session.commit()
    tenant.forget()
    return row.id


class RequestClient(FlaskClient):
    """The tests' client. A test works for the first municipality (tests.conftest.app); a
    request must choose its own from its host, as on a server, so it starts from none, and
    its body is read (and closed) inside that, streamed or not: a streamed export or work
    after the response that lost the request's municipality fails here as it would live."""

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        kwargs.setdefault("buffered", True)
        with tenancy.acting_for(None), tenancy.in_region(None):
            return super().open(*args, **kwargs)


def client_on(app: Flask, host: str) -> FlaskClient:
    """A test client whose every request names `host` (a municipality's own address)."""

    class HostClient(RequestClient):
        def open(self, *args: Any, **kwargs: Any) -> TestResponse:
            kwargs.setdefault("base_url", f"http://{host}/")
            return super().open(*args, **kwargs)

    return HostClient(app, app.response_class, use_cookies=True)


def make_region(
    name: str = "Zuidwest-Drenthe",
    host: str = "zuidwest-drenthe.localhost",
    members: Sequence[int] = (),
) -> int:
    """A region served on `host` with these municipalities (ids) in it; returns its id."""
    from participation.models import Municipality, Region
    from participation.tenancy import ACROSS_MUNICIPALITIES
    from participation.web import tenant

    region = Region(name=name, slug=slug_of(name), hosts=host, police_team=f"Basisteam {name}")
    db.session.add(region)
    db.session.flush()
    rows = db.session.scalars(
        select(Municipality)
        .where(Municipality.id.in_(list(members)))
        .execution_options(**{ACROSS_MUNICIPALITIES: True})
    )
    for row in rows:
        row.region_id = region.id
    db.session.commit()
    tenant.forget()
    return region.id


def set_password_as_configured(user: StaffUser, password: str) -> None:
    """With the install's hash method, as accounts.create_user does (TestingConfig: a cheap
    one). The model's default, scrypt, took 0.25 s to make and again at each login."""
    user.set_password(password, current_app.config["PASSWORD_HASH_METHOD"])
