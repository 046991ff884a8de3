"""The regional session: the region's ranking beside each municipality's, decisions common or
local, written to the region's rows only, and closed to anyone without a scope in the region."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from participation import tenancy
from participation.domain.known_texts import known_translations
from participation.extensions import db
from participation.models import (
    Campaign,
    CampaignStatus,
    Municipality,
    RegionalCampaign,
    RegionalDecision,
    RegionalSession,
    RegionalTheme,
    RegionAuditEvent,
    RegionScope,
    StaffUser,
    Theme,
)
from participation.services.accounts import create_user
from participation.services.regions import setup
from participation.services.results import releases
from participation.timeutil import utcnow
from tests.conftest import FIRST_MUNICIPALITY, csrf_token
from tests.factories import (
    client_on,
    make_ballots,
    make_campaign,
    make_region,
    make_tenant,
    set_password_as_configured,
)

REGION_HOST = "zuidwest-drenthe.localhost"
PASSWORD = "een-lang-wachtwoord"
ACROSS = {tenancy.ACROSS_MUNICIPALITIES: True}


@dataclass
class World:
    """Meppel (the tests' first municipality) and Westerveld in Zuidwest-Drenthe, both with
    the regional campaign adopted; Westerveld added a local theme; Hoogeveen is outside."""

    region: int
    meppel: int
    westerveld: int
    hoogeveen: int
    regional: int  # the regional campaign's id
    common: dict[str, int]  # title -> regional theme id
    campaigns: dict[int, int]  # municipality -> adopted campaign id
    local_theme: int  # Westerveld's own theme


def common_titles() -> list[str]:
    from participation.domain.theme_import import DEFAULT_THEMES

    return [title for title, _, _ in DEFAULT_THEMES[:3]]


def regional_campaign(region: int, slug: str, year: int, previous: int | None = None) -> int:
    """A regional campaign of the region with the three common themes; its id."""
    with tenancy.acting_for(None), tenancy.in_region(region):
        regional = RegionalCampaign(
            slug=slug,
            title="Veilig in Zuidwest-Drenthe",
            status="open",
            min_picks=2,
            max_picks=2,
            period_starts=datetime(year, 1, 1),
            period_ends=datetime(year, 3, 1),
            previous_id=previous,
            translations={
                "en": {"title": "Safe in Zuidwest-Drenthe"},
                "pl": {"title": "Bezpiecznie w Zuidwest-Drenthe"},
            },
            themes=[
                RegionalTheme(
                    title=title,
                    safety_field=1 + n,
                    position=n + 1,
                    translations=known_translations(title=title),
                )
                for n, title in enumerate(common_titles())
            ],
        )
        db.session.add(regional)
        db.session.commit()
        return regional.id


def adopt(
    municipality: int,
    name: str,
    regional_id: int,
    slug: str,
    themes: int,
    votes: tuple[tuple[tuple[int, ...], int], ...],
) -> Campaign:
    """The municipality's campaign of the regional one (its first three themes the common
    ones, a fourth its own), with these ballots (picks by position, count), closed, released
    and published."""
    with tenancy.acting_for(None), tenancy.in_region(region_of(municipality)):
        common = {
            t.title: t.id
            for t in db.session.scalars(
                select(RegionalTheme).where(RegionalTheme.regional_campaign_id == regional_id)
            )
        }
    with tenancy.acting_for(municipality):
        campaign = make_campaign(
            municipality=name,
            slug=f"{slug}-{name.lower()}",
            themes=themes,
            picks=(2, 2),
            regional_campaign_id=regional_id,
            translations={
                "en": {"title": f"Safe in {name}"},
                "pl": {"title": f"Bezpiecznie w {name}"},
            },
        )
        for theme in campaign.themes:
            theme.regional_theme_id = common.get(theme.title)
        db.session.commit()
        ids = [t.id for t in campaign.themes]
        for picks, count in votes:
            make_ballots(campaign, count, themes=[ids[i] for i in picks])
        campaign.status = CampaignStatus.CLOSED.value
        db.session.commit()
        releases.release(campaign, None)
        campaign.results_published_at = utcnow()
        db.session.commit()
        return campaign


def region_of(municipality: int) -> int:
    row = db.session.scalars(
        select(Municipality).where(Municipality.id == municipality).execution_options(**ACROSS)
    ).one()
    return int(row.region_id)


def build_world(app: Flask, previous: int | None = None, slug: str = "ivp-2027") -> World:
    """The region, its regional campaign and two adopted campaigns with ballots (Meppel 20,
    Westerveld 12), closed, each with a public release."""
    meppel = db.session.get(Municipality, FIRST_MUNICIPALITY)
    meppel.name, meppel.slug = "Gemeente Meppel", "meppel"
    db.session.commit()
    westerveld = make_tenant()
    hoogeveen = make_tenant("Hoogeveen", "hoogeveen.localhost")
    region = make_region(members=(FIRST_MUNICIPALITY, westerveld))
    regional_id = regional_campaign(region, slug, 2027, previous)
    ours = adopt(FIRST_MUNICIPALITY, "Meppel", regional_id, slug, 3, (((0, 1), 12), ((0, 2), 8)))
    theirs = adopt(westerveld, "Westerveld", regional_id, slug, 4, (((2, 3), 7), ((1, 2), 5)))
    with tenancy.acting_for(None), tenancy.in_region(region):
        common = {
            t.title: t.id
            for t in db.session.scalars(
                select(RegionalTheme).where(RegionalTheme.regional_campaign_id == regional_id)
            )
        }
    with tenancy.acting_for(westerveld):
        local_theme = db.session.scalars(
            select(Theme.id).where(Theme.campaign_id == theirs.id, Theme.position == 4)
        ).one()
    return World(
        region,
        FIRST_MUNICIPALITY,
        westerveld,
        hoogeveen,
        regional_id,
        common,
        {FIRST_MUNICIPALITY: ours.id, westerveld: theirs.id},
        local_theme,
    )


def region_login(app: Flask, email: str, scope: RegionScope) -> FlaskClient:
    """A client on the region's host, logged in as a new login with this scope there."""
    user = StaffUser(email=email)
    set_password_as_configured(user, PASSWORD)
    db.session.add(user)
    db.session.commit()
    setup.grant(user, "zuidwest-drenthe", scope, None)
    client = client_on(app, REGION_HOST)
    data = {"csrf_token": csrf_token(client, "/regio/login"), "email": email, "password": PASSWORD}
    assert client.post("/regio/login", data=data).status_code == 302
    return client


def post(client: FlaskClient, url: str, form_page: str, **data: object):  # type: ignore[no-untyped-def]
    return client.post(url, data={"csrf_token": csrf_token(client, form_page), **data})


def in_region(world: World):  # type: ignore[no-untyped-def]
    """Read the region's rows as its host does (tests hold the first municipality's context)."""
    return tenancy.in_region(world.region, frozenset({world.meppel, world.westerveld}))


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


@pytest.fixture
def coordinator(app: Flask, world: World) -> FlaskClient:
    return region_login(app, "coordinator@example.org", RegionScope.COORDINATOR)


def new_session(client: FlaskClient, world: World) -> int:
    answer = post(
        client,
        "/regio/staff/campaigns/ivp-2027/sessions",
        "/regio/staff/campaigns/ivp-2027/sessions",
        title="Regionale sessie",
        held_on="2027-04-01",
        place="Meppel",
        notes="Raden, dorpsbelangen en het basisteam",
    )
    assert answer.status_code == 303, answer.get_data(as_text=True)
    return int(answer.headers["Location"].rsplit("/", 1)[1])


def decide(client: FlaskClient, session_id: int, **data: object):  # type: ignore[no-untyped-def]
    page = f"/regio/staff/sessions/{session_id}"
    fields = {"chosen": "yes", "rationale": "Veel stemmen in de hele regio.", "safety_field": "2"}
    return post(client, f"{page}/decisions", page, **{**fields, **data})


# Distinct reasons, to tell on a page whose decision it shows.
COMMON_REASON = "Ondermijning raakt de hele regio."
NOT_CHOSEN_REASON = "Loopt al in het gewone politiewerk."
WESTERVELD_REASON = "Overlast in de kernen van Westerveld."
MEPPEL_REASON = "Inbraken in de wijken van Meppel."


def record_the_plan(client: FlaskClient, world: World) -> int:
    """Vandalism as the common priority, traffic not chosen; Westerveld's own theme as its
    local priority, and the common theme burglary as Meppel's."""
    session_id = new_session(client, world)
    traffic, burglary, vandalism = (world.common[t] for t in common_titles())
    for data in (
        {"kind": "common", "theme": f"common-{vandalism}", "rationale": COMMON_REASON},
        {
            "kind": "common",
            "theme": f"common-{traffic}",
            "chosen": "no",
            "rationale": NOT_CHOSEN_REASON,
            "safety_field": "0",
        },
        {
            "kind": "local",
            "municipality": str(world.westerveld),
            "theme": f"local-{world.local_theme}",
            "rationale": WESTERVELD_REASON,
        },
        {
            "kind": "local",
            "municipality": str(world.meppel),
            "theme": f"common-{burglary}",
            "rationale": MEPPEL_REASON,
        },
    ):
        assert decide(client, session_id, **{"municipality": "", **data}).status_code == 303
    return session_id


def test_the_shortlist_shows_the_region_beside_each_municipality(coordinator, world) -> None:
    session_id = new_session(coordinator, world)
    page = coordinator.get(f"/regio/staff/sessions/{session_id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Gemeente Meppel" in text and "Gemeente Westerveld" in text
    # 32 residents of the region; Westerveld's own theme is listed apart, on its own ballot.
    assert "32 inwoners" in text
    assert "eigen thema" in text.lower()
    assert "Gemeente Hoogeveen" not in text


def test_decisions_common_and_local_are_recorded_and_audited(coordinator, world) -> None:
    session_id = record_the_plan(coordinator, world)
    with tenancy.acting_for(None), in_region(world):
        rows = db.session.scalars(
            select(RegionalDecision).order_by(RegionalDecision.position)
        ).all()
        audited = db.session.scalars(select(RegionAuditEvent.action)).all()
    assert [(d.kind, d.for_municipality_id, d.chosen) for d in rows] == [
        ("common", None, True),
        ("common", None, False),
        ("local", world.westerveld, True),
        ("local", world.meppel, True),
    ]
    assert rows[2].local_theme_id == world.local_theme and rows[2].regional_theme_id is None
    assert rows[0].safety_field == 2 and rows[1].safety_field is None
    assert audited.count("regional_session.decision") == 4
    text = coordinator.get(f"/regio/staff/sessions/{session_id}").get_data(as_text=True)
    assert "Lokale prioriteiten van Gemeente Westerveld" in text
    # Deciding the same theme again replaces the decision.
    vandalism = world.common[common_titles()[2]]
    decide(
        coordinator,
        session_id,
        kind="common",
        municipality="",
        theme=f"common-{vandalism}",
        rationale="Na overleg toch gekozen, met de politie.",
    )
    with tenancy.acting_for(None), in_region(world):
        assert db.session.scalar(select(func.count(RegionalDecision.id))) == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "local", "municipality": "", "theme": "common-{vandalism}"}, "Kies de gemeente"),
        (
            {"kind": "common", "municipality": "{westerveld}", "theme": "common-{vandalism}"},
            "geen gemeente",
        ),
        (
            {"kind": "local", "municipality": "{meppel}", "theme": "local-{local}"},
            "Kies een gemeenschappelijk thema",
        ),
        (
            {
                "kind": "common",
                "municipality": "",
                "theme": "common-{vandalism}",
                "safety_field": "0",
            },
            "Kies het VNG-veiligheidsveld",
        ),
        # Made-up values: a municipality that is no number, a theme of no campaign.
        (
            {"kind": "local", "municipality": "abc", "theme": "common-{vandalism}"},
            "Kies de gemeente",
        ),
        (
            {"kind": "common", "municipality": "", "theme": "local-99999"},
            "Kies een gemeenschappelijk",
        ),
        (
            {"kind": "common", "municipality": "", "theme": "common-x1"},
            "Kies een gemeenschappelijk",
        ),
    ],
)
def test_a_wrong_decision_is_refused_in_dutch_and_stores_nothing(
    coordinator, world, data, message
) -> None:
    session_id = new_session(coordinator, world)
    names = {
        "vandalism": world.common[common_titles()[2]],
        "westerveld": world.westerveld,
        "meppel": world.meppel,
        "local": world.local_theme,
    }
    answer = decide(coordinator, session_id, **{k: v.format(**names) for k, v in data.items()})
    assert answer.status_code == 422
    assert message in answer.get_data(as_text=True)
    with tenancy.acting_for(None), in_region(world):
        assert db.session.scalar(select(func.count(RegionalDecision.id))) == 0


def tenant_rows() -> dict[str, int]:
    """Every municipality-owned table's row count, across municipalities (as install work);
    not settled_count, the counts cache a page showing today's figures may keep up to date."""
    counts = {}
    for table in db.metadata.sorted_tables:
        if "municipality_id" in table.c and table.name != "settled_count":
            statement = select(func.count()).select_from(table).execution_options(**ACROSS)
            counts[table.name] = db.session.scalar(statement)
    return counts


def test_the_coordinators_posts_write_only_the_regions_rows(app, coordinator, world) -> None:
    with tenancy.acting_for(None), tenancy.in_region(None):
        before = tenant_rows()
    session_id = record_the_plan(coordinator, world)
    outcome = "/regio/staff/campaigns/ivp-2027/outcome"
    assert (
        post(
            coordinator,
            outcome,
            outcome,
            session=str(session_id),
            decided_on="2027-05-01",
            summary="Samen",
            plan_first_year="2027",
            plan_last_year="2030",
        ).status_code
        == 303
    )
    assert post(coordinator, f"{outcome}/publish", outcome).status_code == 303
    programme = "/regio/staff/campaigns/ivp-2027/programme"
    vandalism = world.common[common_titles()[2]]
    assert (
        post(
            coordinator,
            f"{programme}/goals",
            programme,
            **{
                "goal-theme": str(vandalism),
                "goal-description": "Minder vernielingen",
                "goal-kind": "written",
                "goal-direction": "down",
            },
        ).status_code
        == 303
    )
    assert (
        post(
            coordinator,
            f"{programme}/actions",
            programme,
            **{
                "action-theme": str(vandalism),
                "action-what": "Integrale controles",
                "action-partner": "Basisteam Zuidwest-Drenthe",
            },
        ).status_code
        == 303
    )
    with tenancy.acting_for(None), tenancy.in_region(None):
        assert tenant_rows() == before
    with tenancy.acting_for(None), in_region(world):
        assert db.session.scalar(select(func.count(RegionalSession.id))) == 1
        assert db.session.scalar(select(func.count(RegionAuditEvent.id))) >= 8


def test_municipal_staff_and_strangers_find_no_regional_session(app, coordinator, world) -> None:
    session_id = record_the_plan(coordinator, world)
    with tenancy.acting_for(world.westerveld):
        create_user("medewerker@westerveld.nl", PASSWORD, "admin")
    data = {"email": "medewerker@westerveld.nl", "password": PASSWORD}
    # Not a login on the region's host: it holds no scope in the region.
    region = client_on(app, REGION_HOST)
    assert post(region, "/regio/login", "/regio/login", **data).status_code == 401
    # Logged in on its own host, the regional pages do not exist there.
    staff = client_on(app, "westerveld.localhost")
    assert post(staff, "/staff/login", "/staff/login", **data).status_code == 302
    pages = [
        f"/regio/staff/sessions/{session_id}",
        "/regio/staff/campaigns/ivp-2027/sessions",
        "/regio/staff/campaigns/ivp-2027/outcome",
        "/regio/staff/campaigns/ivp-2027/programme",
        "/regio/staff/campaigns/ivp-2027/progress",
        "/regio/staff/campaigns/ivp-2027/cycles",
    ]
    token = csrf_token(staff, "/staff/")
    for url in pages:
        assert staff.get(url).status_code == 404, url
        assert staff.post(url, data={"csrf_token": token}).status_code in (404, 405), url
    answer = staff.post(f"{pages[0]}/decisions", data={"csrf_token": token, "kind": "common"})
    assert answer.status_code == 404
    # A partner (the police base team) reads every page and changes nothing.
    partner = region_login(app, "politie@example.org", RegionScope.PARTNER)
    for url in pages:
        assert partner.get(url).status_code == 200, url
    token = csrf_token(partner, "/regio/login")
    answer = partner.post(f"{pages[0]}/decisions", data={"csrf_token": token, "kind": "common"})
    assert answer.status_code == 404
    # Without a login: the region's login page.
    assert client_on(app, REGION_HOST).get(pages[0]).status_code == 302
    with tenancy.acting_for(None), in_region(world):
        assert db.session.scalar(select(func.count(RegionalDecision.id))) == 4
