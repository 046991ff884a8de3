"""An adopted campaign: local themes before it opens; the region's themes, method, period stay."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from participation.extensions import db
from participation.models import Campaign, Theme
from participation.timeutil import utc_to_local, utcnow
from tests.conftest import csrf_token
from tests.factories import client_on
from tests.region.adoption_world import (
    REGION_HOST,
    World,
    adopt,
    as_municipality,
    ballot,
    log_in_municipality,
    make_world,
    open_regional,
)

LOCAL = {
    "title": "Parkeeroverlast bij de Markt",
    "explanation": "Auto's op de stoep.",
    "safety_field": "1",
}


def themes(world: World) -> list[Theme]:
    with as_municipality(world, world.meppel):
        db.session.expire_all()
        return list(db.session.scalars(select(Theme).order_by(Theme.position)))


def campaign(world: World) -> Campaign:
    with as_municipality(world, world.meppel):
        db.session.expire_all()
        found = db.session.scalar(select(Campaign))
        assert found is not None
        return found


def edit_form(world: World, token: str, **changes: object) -> dict[str, object]:
    """The campaign's edit form as stored, with these changes."""
    found = campaign(world)
    shown = "%Y-%m-%dT%H:%M"
    with as_municipality(world, world.meppel):
        villages = [area.id for area in found.areas]
    return {
        "csrf_token": token,
        "slug": found.slug,
        "title": found.title,
        "intro": found.intro,
        "status": found.status,
        "opens_at": utc_to_local(found.opens_at).strftime(shown),
        "closes_at": utc_to_local(found.closes_at).strftime(shown),
        "min_picks": str(found.min_picks),
        "max_picks": str(found.max_picks),
        "ballots_per_device": "1",
        "ballot_order": "random",
        "villages": villages,
        **changes,
    }


def test_local_themes_before_it_opens_and_the_common_part_stays(app) -> None:
    world = make_world()
    open_regional(world, picks=(3, 3))
    adopt(world, world.meppel, "veiligheid-meppel", open_now=False)
    staff = log_in_municipality(app, world, world.meppel, "staff")
    base = "/staff/campaigns/veiligheid-meppel"
    token = csrf_token(staff, base)
    # A local theme, before the campaign opens.
    assert staff.post(f"{base}/themes", data={**LOCAL, "csrf_token": token}).status_code == 302
    local = next(t for t in themes(world) if t.title == LOCAL["title"])
    assert local.regional_theme_id is None and len(themes(world)) == 13
    local_id = local.id
    # A common theme cannot be removed or retitled; its explanation may be its own.
    common = themes(world)[0]
    removed = staff.post(
        f"{base}/themes/{common.id}/delete", data={"csrf_token": token}, follow_redirects=True
    )
    assert "Dit is een gemeenschappelijk thema van de regionale raadpleging" in removed.get_data(
        as_text=True
    )
    edit = f"{base}/themes/{common.id}/edit"
    retitled = staff.post(
        edit,
        data={
            "csrf_token": token,
            "title": "Snelheid",
            "explanation": common.explanation,
            "safety_field": str(common.safety_field),
        },
    )
    assert retitled.status_code == 422
    assert "blijft op het stemformulier met deze titel" in retitled.get_data(as_text=True)
    own_words = "Hard rijden in de Meppeler wijken."
    kept = staff.post(
        edit,
        data={
            "csrf_token": token,
            "title": common.title,
            "explanation": own_words,
            "safety_field": str(common.safety_field),
        },
    )
    assert kept.status_code == 302
    after = {t.id: t for t in themes(world)}
    assert common.id in after and after[common.id].title == common.title
    assert after[common.id].explanation == own_words
    # The method and the period are the region's.
    more = staff.post(f"{base}/edit", data=edit_form(world, token, min_picks="4", max_picks="4"))
    assert more.status_code == 422 and "het aantal te kiezen" in more.get_data(
        as_text=True
    ).replace("&#39;", "'")
    late = (utc_to_local(utcnow()) + timedelta(days=60)).strftime("%Y-%m-%dT%H:%M")
    outside = staff.post(f"{base}/edit", data=edit_form(world, token, closes_at=late))
    assert outside.status_code == 422 and "binnen de periode van de regio" in outside.get_data(
        as_text=True
    )
    assert (
        campaign(world).min_picks,
        campaign(world).closes_at < utcnow() + timedelta(days=31),
    ) == (3, True)
    # Its own title and status are its own: open it.
    opened = staff.post(
        f"{base}/edit", data=edit_form(world, token, status="open", title="Veilig Meppel")
    )
    assert opened.status_code == 302
    assert (campaign(world).title, campaign(world).status) == ("Veilig Meppel", "open")
    # Open: no more local themes.
    too_late = staff.post(
        f"{base}/themes",
        data={**LOCAL, "title": "Nog een", "csrf_token": token},
        follow_redirects=True,
    )
    assert "alleen toevoegen voordat die opent" in too_late.get_data(as_text=True)
    assert len(themes(world)) == 13
    # Residents of Meppel see the common and the local themes on the region's host.
    phone = client_on(app, REGION_HOST)
    page = phone.get("/meppel/v/veiligheid-meppel").get_data(as_text=True)
    assert LOCAL["title"] in page and "Veilig Meppel" in page
    with as_municipality(world, world.meppel):
        village = campaign(world).areas[0].slug
    picks = [local_id, *[t.id for t in themes(world) if t.regional_theme_id][:2]]
    assert (
        phone.post("/meppel/v/veiligheid-meppel", data=ballot(page, village, picks)).status_code
        == 303
    )
