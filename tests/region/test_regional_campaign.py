"""The regional campaign: the coordinator writes and opens it, each municipality adopts it once."""

from __future__ import annotations

import html
import re
from datetime import datetime

from sqlalchemy import func, select

from participation.domain.theme_import import DEFAULT_THEMES
from participation.extensions import db
from participation.models import (
    AuditEvent,
    Campaign,
    RegionalCampaign,
    RegionalTheme,
    RegionAuditEvent,
)
from participation.timeutil import local_to_utc
from tests.conftest import csrf_token
from tests.region.adoption_world import (
    World,
    as_coordinator,
    as_municipality,
    log_in_municipality,
    log_in_region,
    make_world,
    open_regional,
)

NEW = "/regio/staff/campaigns/new"
CAMPAIGN = "/regio/staff/campaigns/ivp-2027"
FORM = {
    "slug": "ivp-2027",
    "title": "Veiligheid in Zuidwest-Drenthe",
    "intro": "Kies de thema's die u het belangrijkst vindt.",
    "min_picks": "3",
    "max_picks": "5",
    "period_starts": "2027-03-01T09:00",
    "period_ends": "2027-04-30T17:00",
}


def regional(world: World) -> RegionalCampaign | None:
    with as_coordinator(world):
        db.session.expire_all()
        return db.session.scalar(select(RegionalCampaign))


def titles(world: World) -> list[str]:
    with as_coordinator(world):
        db.session.expire_all()
        return list(db.session.scalars(select(RegionalTheme.title).order_by("position")))


def test_the_coordinator_writes_the_campaign_and_opens_it_for_adoption(app) -> None:
    world = make_world()
    coordinator = log_in_region(app)
    token = csrf_token(coordinator, NEW)
    backwards = coordinator.post(
        NEW, data={**FORM, "csrf_token": token, "period_ends": "2027-02-01T09:00"}
    )
    assert backwards.status_code == 422
    assert "De periode moet eindigen na het begin." in backwards.get_data(as_text=True)
    assert regional(world) is None
    made = coordinator.post(NEW, data={**FORM, "csrf_token": token})
    assert made.status_code == 303 and made.headers["Location"].endswith(CAMPAIGN)
    stored = regional(world)
    assert stored is not None and stored.status == "draft"
    assert (stored.min_picks, stored.max_picks) == (3, 5)
    assert stored.period_starts == local_to_utc(datetime(2027, 3, 1, 9, 0))
    assert titles(world) == [title for title, _, _ in DEFAULT_THEMES]
    # A municipality does not see a draft.
    meppel = log_in_municipality(app, world, world.meppel, "admin")
    assert "/staff/regional-campaigns" in meppel.get("/staff/").get_data(as_text=True)
    assert "Veiligheid in Zuidwest-Drenthe" not in meppel.get("/staff/regional-campaigns").get_data(
        as_text=True
    )
    assert meppel.get("/staff/regional-campaigns/ivp-2027/adopt").status_code == 404
    # While a draft: retitle, remove and add common themes.
    with as_coordinator(world):
        themes = {t.title: t.id for t in db.session.scalars(select(RegionalTheme))}
    edit = f"{CAMPAIGN}/themes/{themes['Ondermijnende criminaliteit']}/edit"
    changed = {
        "csrf_token": token,
        "title": "Ondermijning",
        "explanation": "Criminelen die misbruik maken van bedrijven.",
        "safety_field": "5",
    }
    assert coordinator.post(edit, data=changed).status_code == 303
    assert (
        coordinator.post(
            f"{CAMPAIGN}/themes/{themes['Brandveiligheid']}/delete", data={"csrf_token": token}
        ).status_code
        == 303
    )
    added = {
        "csrf_token": token,
        "title": "Drugslabs in het buitengebied",
        "explanation": "Afval en labs in schuren.",
        "safety_field": "5",
    }
    assert coordinator.post(f"{CAMPAIGN}/themes", data=added).status_code == 303
    twice = coordinator.post(f"{CAMPAIGN}/themes", data={**added, "title": " ondermijning "})
    assert twice.status_code == 409
    assert "De raadpleging heeft al een thema met deze titel." in twice.get_data(as_text=True)
    now = titles(world)
    assert len(now) == 12 and "Ondermijning" in now and "Brandveiligheid" not in now
    assert now[-1] == "Drugslabs in het buitengebied"
    # Open for adoption: the themes and the method are fixed from then on. The page asks
    # twice (a disclosure, no script): what opening fixes, then "yes".
    draft = coordinator.get(CAMPAIGN).get_data(as_text=True)
    asked = draft[draft.index('<details class="confirm-zone">') : draft.index("</details>")]
    assert "Openstellen voor de gemeenten…</summary>" in asked
    assert "liggen dan vast" in asked and "Ja, openstellen voor de gemeenten</button>" in asked
    assert coordinator.post(f"{CAMPAIGN}/open", data={"csrf_token": token}).status_code == 303
    assert '<details class="confirm-zone">' not in coordinator.get(CAMPAIGN).get_data(as_text=True)
    assert regional(world).status == "open"
    locked = coordinator.post(edit, data={**changed, "title": "Iets anders"})
    assert locked.status_code == 409 and "kunnen niet meer veranderen" in locked.get_data(
        as_text=True
    )
    gone = coordinator.post(
        f"{CAMPAIGN}/themes/{themes['Jeugdoverlast']}/delete", data={"csrf_token": token}
    )
    assert gone.status_code == 409
    more_picks = coordinator.post(
        f"{CAMPAIGN}/edit", data={**FORM, "csrf_token": token, "max_picks": "6"}
    )
    assert more_picks.status_code == 422
    assert "kan niet meer veranderen: de gemeenten hebben het overgenomen" in more_picks.get_data(
        as_text=True
    )
    assert titles(world) == now and regional(world).max_picks == 5
    # Every step in the region's own log, none in a municipality's.
    with as_coordinator(world):
        actions = set(db.session.scalars(select(RegionAuditEvent.action)))
    assert {
        "regional_campaign.create",
        "regional_theme.update",
        "regional_theme.delete",
        "regional_theme.create",
        "regional_campaign.open",
    } <= actions
    with as_municipality(world, world.meppel):
        assert not any(
            a.startswith("regional") for a in db.session.scalars(select(AuditEvent.action))
        )
    # Now the municipality sees it and may adopt it.
    listed = meppel.get("/staff/regional-campaigns").get_data(as_text=True)
    assert "Veiligheid in Zuidwest-Drenthe" in listed and "Deze raadpleging overnemen" in listed


def test_only_the_region_coordinator_reaches_its_pages(app) -> None:
    world = make_world()
    open_regional(world)
    log_in_municipality(app, world, world.meppel, "admin")
    # A municipality's admin has no scope in the region: the login there is refused.
    from tests.factories import client_on
    from tests.region.adoption_world import PASSWORD, REGION_HOST

    stranger = client_on(app, REGION_HOST)
    data = {
        "csrf_token": csrf_token(stranger, "/regio/login"),
        "email": f"admin-{world.meppel}@example.org",
    }
    assert stranger.post("/regio/login", data={**data, "password": PASSWORD}).status_code == 401
    assert stranger.get(CAMPAIGN).status_code == 302  # to the login
    # The municipality's own host has no coordinator pages at all.
    own = client_on(app, "meppel.localhost")
    assert own.get(CAMPAIGN).status_code == 404


def adopt_form(token: str, world: World, **changes: object) -> dict[str, object]:
    with as_municipality(world, world.meppel):
        from participation.services.campaigns import campaign_edits

        first = campaign_edits.villages()[0].id
    return {
        "csrf_token": token,
        "slug": "veiligheid-meppel",
        "opens_at": "2027-03-10T09:00",
        "closes_at": "2027-04-10T17:00",
        "villages": [first],
        **changes,
    }


def test_a_municipality_adopts_it_once_with_its_own_dates_and_villages(app) -> None:
    world = make_world()
    regional_id = open_regional(
        world,
        picks=(3, 5),
        period=(local_to_utc(datetime(2027, 3, 1)), local_to_utc(datetime(2027, 4, 30, 23, 59))),
    )
    admin = log_in_municipality(app, world, world.meppel, "admin")
    url = "/staff/regional-campaigns/ivp-2027/adopt"
    token = csrf_token(admin, url)
    late = admin.post(url, data=adopt_form(token, world, closes_at="2027-05-15T17:00"))
    assert late.status_code == 422
    assert (
        "Uw data moeten binnen de periode van de regio liggen, "
        "van 01-03-2027 00:00 tot 30-04-2027 23:59." in late.get_data(as_text=True)
    )
    with as_municipality(world, world.meppel):
        assert db.session.scalar(select(func.count(Campaign.id))) == 0
    done = admin.post(url, data=adopt_form(token, world))
    assert done.status_code == 303 and done.headers["Location"].endswith(
        "/staff/campaigns/veiligheid-meppel"
    )
    # Its form shows the region's picks as set, not to be typed over, and the period beside
    # the dates, before anyone saves.
    form = html.unescape(
        admin.get("/staff/campaigns/veiligheid-meppel/edit").get_data(as_text=True)
    )
    assert re.search(r'<input[^>]*id="min_picks"[^>]*readonly[^>]*value="3"', form), form
    assert re.search(r'<input[^>]*id="max_picks"[^>]*readonly[^>]*value="5"', form)
    assert "Vastgesteld door de regio: inwoners van elke gemeente kiezen 3 tot 5 thema's." in form
    assert form.count("Binnen de periode van de regio: 01-03-2027 00:00 tot 30-04-2027 23:59.") == 2
    with as_municipality(world, world.meppel):
        db.session.expire_all()
        campaign = db.session.scalar(select(Campaign))
        common = {t.id: t for t in db.session.scalars(select(RegionalTheme))}
        assert campaign.regional_campaign_id == regional_id and campaign.status == "draft"
        assert (campaign.title, campaign.min_picks, campaign.max_picks) == (
            "Veiligheid in Zuidwest-Drenthe",
            3,
            5,
        )
        assert campaign.opens_at == local_to_utc(datetime(2027, 3, 10, 9, 0))
        assert [a.name for a in campaign.areas] == ["Meppel dorp 1"]
        assert len(campaign.themes) == 12 and len({t.bit for t in campaign.themes}) == 12
        assert {t.regional_theme_id for t in campaign.themes} == set(common)
        assert all(t.title == common[t.regional_theme_id].title for t in campaign.themes)
        assert "regional_campaign.adopt" in set(db.session.scalars(select(AuditEvent.action)))
    again = admin.post(url, data=adopt_form(token, world, slug="nog-een-keer"))
    assert again.status_code == 409
    assert "Uw gemeente heeft deze regionale raadpleging al overgenomen." in again.get_data(
        as_text=True
    )
    with as_municipality(world, world.meppel):
        assert db.session.scalar(select(func.count(Campaign.id))) == 1
    # Westerveld's staff see nothing of Meppel's campaign; a viewer may not adopt.
    viewer = log_in_municipality(app, world, world.westerveld, "viewer")
    listed = viewer.get("/staff/regional-campaigns").get_data(as_text=True)
    assert "nog niet overgenomen" in listed and "veiligheid-meppel" not in listed
    assert viewer.get("/staff/campaigns/veiligheid-meppel").status_code == 404
    assert viewer.get(url).status_code == 403
    # The coordinator reads who adopted it, with their dates, and can change nothing of it.
    coordinator = log_in_region(app)
    page = coordinator.get(CAMPAIGN).get_data(as_text=True)
    assert (
        "Gemeente Meppel" in page
        and "10-03-2027 09:00" in page
        and "Gemeente Westerveld" not in page
    )
    token = csrf_token(coordinator, CAMPAIGN)
    edit = coordinator.post(
        "/meppel/staff/campaigns/veiligheid-meppel/edit", data={"csrf_token": token, "title": "X"}
    )
    assert edit.status_code == 404
    narrower = coordinator.post(
        f"{CAMPAIGN}/edit", data={**FORM, "csrf_token": token, "period_starts": "2027-03-15T00:00"}
    )
    assert narrower.status_code == 422 and "heeft data buiten deze periode" in narrower.get_data(
        as_text=True
    )


def test_a_municipality_outside_any_region_has_no_regional_pages(app) -> None:
    from tests.conftest import login_as
    from tests.factories import client_on

    make_world()
    client = login_as(client_on(app, "localhost"), "admin")
    assert client.get("/staff/regional-campaigns").status_code == 404
    assert "Regionale raadplegingen" not in client.get("/staff/").get_data(as_text=True)
