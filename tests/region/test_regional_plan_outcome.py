"""The regional outcome: published by the coordinator, shown on the region's host in a common
part and a part per municipality, and on each municipality's own host as the common priorities
beside its own; a municipality outside the region sees no change."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from participation import tenancy
from participation.extensions import db
from participation.models import Campaign, CampaignStatus, RegionAuditEvent, RegionScope
from tests.factories import client_on, make_campaign
from tests.region.test_regional_plan import (
    COMMON_REASON,
    MEPPEL_REASON,
    NOT_CHOSEN_REASON,
    REGION_HOST,
    WESTERVELD_REASON,
    World,
    build_world,
    in_region,
    post,
    record_the_plan,
    region_login,
)

SETTINGS = "/regio/staff/campaigns/ivp-2027/outcome"
PUBLIC = "/regio/results/ivp-2027/uitkomst"


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


@pytest.fixture
def coordinator(app: Flask, world: World) -> FlaskClient:
    return region_login(app, "coordinator@example.org", RegionScope.COORDINATOR)


def settle(client: FlaskClient, session_id: int, **changes: str) -> None:
    data = {
        "session": str(session_id),
        "decided_on": "2027-06-24",
        "summary": "De drie raden besloten samen op 24 juni.",
        "plan_first_year": "2027",
        "plan_last_year": "2030",
        **changes,
    }
    assert post(client, SETTINGS, SETTINGS, **data).status_code == 303


def publish(client: FlaskClient):  # type: ignore[no-untyped-def]
    return post(client, f"{SETTINGS}/publish", SETTINGS)


@pytest.fixture
def published(coordinator: FlaskClient, world: World) -> FlaskClient:
    settle(coordinator, record_the_plan(coordinator, world))
    assert publish(coordinator).status_code == 303
    return coordinator


def test_the_outcome_is_hidden_until_the_coordinator_publishes_it(app, coordinator, world) -> None:
    settle(coordinator, record_the_plan(coordinator, world), decided_on="")
    resident = client_on(app, REGION_HOST)
    assert resident.get(PUBLIC).status_code == 404
    assert resident.get(f"{PUBLIC}.json").status_code == 404
    preview = coordinator.get(PUBLIC).get_data(as_text=True)
    assert "nog niet openbaar" in preview and COMMON_REASON in preview
    # Refused with the reason, nothing published: no date of the councils' decision yet.
    refused = publish(coordinator)
    assert refused.status_code == 409
    assert "Geef de datum van het besluit van de raden." in refused.get_data(as_text=True)
    # Nor while a municipality still takes votes.
    settle(coordinator, str_session(world))
    with tenancy.acting_for(world.westerveld):
        campaign = db.session.get(Campaign, world.campaigns[world.westerveld])
        campaign.status = CampaignStatus.OPEN.value
        db.session.commit()
    refused = publish(coordinator)
    assert refused.status_code == 409
    assert "In Gemeente Westerveld kan nog gestemd worden" in refused.get_data(as_text=True)
    assert resident.get(PUBLIC).status_code == 404
    # A resident of Westerveld sees no regional outcome on its own host either.
    slug = "ivp-2027-westerveld"
    assert (
        client_on(app, "westerveld.localhost").get(f"/results/{slug}/uitkomst").status_code == 404
    )


def str_session(world: World) -> int:
    from participation.models import RegionalSession

    with tenancy.acting_for(None), in_region(world):
        return int(db.session.scalar(select(func.max(RegionalSession.id))))


def test_the_region_shows_the_common_part_once_and_each_municipality_its_own(
    app, published, world
) -> None:
    page = client_on(app, REGION_HOST).get(PUBLIC)
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    common, municipalities = text.split('id="municipalities"')
    assert "Vandalisme en vernielingen" in common and COMMON_REASON in common
    assert NOT_CHOSEN_REASON in common  # the common theme not chosen, with why
    # Vandalism: 20 of 32 voters in the region, tied first with traffic.
    assert "Plaats in de regio: 1 van 3" in " ".join(common.split())
    meppel, westerveld = municipalities.split('id="part-westerveld"')
    assert MEPPEL_REASON in meppel and WESTERVELD_REASON not in meppel
    assert "Alcohol- en drugsoverlast" in westerveld and WESTERVELD_REASON in westerveld
    # Westerveld's own theme: second on its ballot (7 of its 12 voters).
    assert "Plaats in Gemeente Westerveld: 2 van 4" in " ".join(westerveld.split())
    with tenancy.acting_for(None), in_region(world):
        actions = db.session.scalars(select(RegionAuditEvent.action)).all()
    assert "regional_outcome.publish" in actions and "regional_outcome.save" in actions
    # Withdrawn: hidden again, here and on the municipalities' own hosts.
    assert post(published, f"{SETTINGS}/withdraw", SETTINGS).status_code == 303
    assert client_on(app, REGION_HOST).get(PUBLIC).status_code == 404
    westerveld = client_on(app, "westerveld.localhost")
    assert westerveld.get("/results/ivp-2027-westerveld/uitkomst").status_code == 404


def test_the_regional_json_has_a_common_part_and_a_part_per_municipality(
    app, published, world
) -> None:
    data = client_on(app, REGION_HOST).get(f"{PUBLIC}.json").get_json()
    assert data["region"] == "Zuidwest-Drenthe" and data["regional_campaign"] == "ivp-2027"
    assert data["decided_on"] == "2027-06-24"
    assert data["plan"] == {"first_year": 2027, "last_year": 2030}
    assert data["common"]["ballots"] == 32
    [common] = data["common"]["priorities"]
    assert common["title"] == "Vandalisme en vernielingen" and common["common_theme"]
    assert common["reason"] == COMMON_REASON and common["resident_rank"] == 1
    assert common["resident_share"] == round(20 / 32, 4) and common["safety_field"] == 2
    assert [p["title"] for p in data["common"]["not_chosen"]] == ["Verkeersveiligheid"]
    parts = {part["municipality"]: part for part in data["municipalities"]}
    assert set(parts) == {"meppel", "westerveld"}
    [own] = parts["westerveld"]["priorities"]
    assert own["title"] == "Alcohol- en drugsoverlast" and not own["common_theme"]
    assert own["resident_rank"] == 2 and parts["westerveld"]["ballots"] == 12
    [meppel] = parts["meppel"]["priorities"]
    # A common theme as Meppel's own priority: placed by Meppel's residents (12 of 20).
    assert meppel["title"] == "Woninginbraken" and meppel["common_theme"]
    assert meppel["resident_rank"] == 2 and meppel["reason"] == MEPPEL_REASON


def test_residents_of_westerveld_see_the_common_priorities_and_their_own(
    app, published, world
) -> None:
    westerveld = client_on(app, "westerveld.localhost")
    page = westerveld.get("/results/ivp-2027-westerveld/uitkomst")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Gemeenschappelijke prioriteiten van Zuidwest-Drenthe" in text
    assert COMMON_REASON in text and WESTERVELD_REASON in text
    assert MEPPEL_REASON not in text and "Woninginbraken" not in text.split('id="own"')[1]
    # Westerveld's residents put vandalism first (12 of 12 voters).
    assert "Plaats in Gemeente Westerveld: 1 van 4" in " ".join(text.split())
    data = westerveld.get("/api/v1/campaigns/ivp-2027-westerveld/outcome").get_json()
    assert [(p["title"], p["part"]) for p in data["priorities"]] == [
        ("Vandalisme en vernielingen", "common"),
        ("Alcohol- en drugsoverlast", "local"),
    ]
    assert data["campaign"] == "ivp-2027-westerveld" and data["region"] == "Zuidwest-Drenthe"
    assert "municipalities" not in data and data["local"]["municipality"] == "westerveld"
    # Meppel's residents: the common part and Meppel's own, not Westerveld's.
    meppel = client_on(app, "localhost").get("/results/ivp-2027-meppel/uitkomst")
    text = meppel.get_data(as_text=True)
    assert COMMON_REASON in text and MEPPEL_REASON in text and WESTERVELD_REASON not in text


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Common priorities of Zuidwest-Drenthe"),
        ("pl", "Wspólne priorytety Zuidwest-Drenthe"),
    ],
)
def test_the_outcome_reads_in_english_and_polish(app, published, world, language, heading) -> None:
    for host, url in (
        (REGION_HOST, PUBLIC),
        ("westerveld.localhost", "/results/ivp-2027-westerveld/uitkomst"),
    ):
        page = client_on(app, host).get(f"{url}?lang={language}")
        assert page.status_code == 200
        assert f'lang="{language}"' in page.get_data(as_text=True)
        assert heading in page.get_data(as_text=True), (host, language)


def test_a_municipality_outside_the_region_sees_no_change(app, published, world) -> None:
    with tenancy.acting_for(world.hoogeveen):
        make_campaign(municipality="Hoogeveen", slug="ivp-2027-hoogeveen")
    hoogeveen = client_on(app, "hoogeveen.localhost")
    assert hoogeveen.get("/results/ivp-2027-hoogeveen/uitkomst").status_code == 404
    assert hoogeveen.get("/api/v1/campaigns/ivp-2027-hoogeveen/outcome").status_code == 404
    # Nor are the region's campaigns there to find.
    assert hoogeveen.get("/results/ivp-2027-westerveld/uitkomst").status_code == 404


def test_every_message_of_the_public_outcome_pages_has_a_polish_translation() -> None:
    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po

    from tests.test_languages import KEYWORDS, ROOT

    with open(ROOT / "participation/translations/pl/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and m.string and (isinstance(m.string, str) or all(m.string)) and not m.fuzzy
    }
    pages = ("plan_outcome", "plan_municipal_outcome", "plan_priority")
    used = {
        message if isinstance(message, str) else message[0]
        for page in pages
        for _, message, _, _ in extract_from_file(
            "jinja2", str(ROOT / f"templates/region/{page}.html"), keywords=KEYWORDS
        )
    }
    assert len(used) > 15 and sorted(used - translated) == []


def test_a_count_without_a_municipality_says_whose_figures_it_leaves_out(
    app, published, world
) -> None:
    with tenancy.acting_for(world.westerveld):
        campaign = db.session.get(Campaign, world.campaigns[world.westerveld])
        campaign.results_published_at = None  # Westerveld takes its figures back
        db.session.commit()
    text = " ".join(client_on(app, REGION_HOST).get(PUBLIC).get_data(as_text=True).split())
    assert "20 inwoners van Zuidwest-Drenthe gaven hun mening." in text
    assert "Nog niet meegeteld: de cijfers van Gemeente Westerveld." in text
