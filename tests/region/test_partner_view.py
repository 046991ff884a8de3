"""The partner view: the region's ranking beside each municipality's, the figures per level,
the common and local priorities with their progress; on one screen and as a workbook."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from participation import tenancy
from participation.domain.programme import GoalKind
from participation.extensions import db
from participation.models import (
    Area,
    Goal,
    Municipality,
    PlanAction,
    Region,
    RegionalAction,
    RegionalDecision,
    RegionalGoal,
    RegionalOutcome,
    RegionalSession,
    RegionScope,
    StaffUser,
)
from participation.services.accounts import create_user
from participation.services.regions import setup
from participation.services.sessions import prioritisation
from participation.tenancy import ACROSS_MUNICIPALITIES
from tests.conftest import csrf_token
from tests.factories import client_on, set_password_as_configured
from tests.region.regional_results_world import (
    PASSWORD,
    REGION_HOST,
    Design,
    World,
    build,
    region_login,
)

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "veiligheidsmonitor_sample.csv"
COMMON = ("Woninginbraken", "Ondermijning", "Verkeer", "Jeugdoverlast")
CORES = {
    "diever": "WK170101",
    "dwingeloo": "WK170102",
    "havelte": "WK170103",
    "vledder": "WK170104",
}
NUISANCE = "Ervaart veel overlast in de buurt (%)"
# Westerveld is the tests' own municipality (the first design), on the test client's host.
WESTERVELD_HOST = "localhost"
STAFF = {"email": "medewerker@westerveld.nl", "password": PASSWORD}


def design() -> World:
    """Westerveld (its four cores, a local theme) and Meppel, pick 2 of their ballot.

    Westerveld: 4 × {Woninginbraken, Ondermijning}, 2 × {Woninginbraken, Drugs op het platteland}
    Meppel:     3 × {Verkeer, Woninginbraken}, 2 × {Verkeer, Jeugdoverlast}
    Region (11 ballots): Woninginbraken 9 (82 %), Verkeer 5 (45 %), Ondermijning 4 (36 %),
    Jeugdoverlast 2 (18 %).
    """
    world = build(
        [
            Design(
                "Westerveld",
                19_000,
                [(n.title(), 2_000) for n in CORES],
                ["Drugs op het platteland"],
            ),
            Design("Meppel", 34_000, [("Nijeveen", 3_000), ("Meppel-Centrum", 30_000)]),
        ],
        COMMON,
    )
    world.vote("Westerveld", "Diever", ["Woninginbraken", "Ondermijning"], 4)
    world.vote("Westerveld", "Vledder", ["Woninginbraken", "Drugs op het platteland"], 2)
    world.vote("Meppel", "Nijeveen", ["Verkeer", "Woninginbraken"], 3)
    world.vote("Meppel", "Meppel-Centrum", ["Verkeer", "Jeugdoverlast"], 2)
    return world


def give_codes(world: World) -> None:
    codes = {"Westerveld": "GM1701", "Meppel": "GM0119"}
    rows = db.session.scalars(
        select(Municipality).execution_options(**{ACROSS_MUNICIPALITIES: True})
    )
    for row in rows:
        row.cbs_code = codes.get(row.name.removeprefix("Gemeente "), "")
    db.session.get(Region, world.region_id).cbs_code = "BT0117"
    with tenancy.acting_for(world.municipalities["Westerveld"]):
        for area in db.session.scalars(select(Area)):
            area.cbs_code = CORES.get(area.slug, "")
    db.session.commit()


def scope_login(app, email: str, scope: RegionScope):  # type: ignore[no-untyped-def]
    """A login with this scope in the region, logged in on the region's host."""
    user = StaffUser(email=email)
    set_password_as_configured(user, PASSWORD)
    db.session.add(user)
    db.session.commit()
    setup.grant(user, "zuidwest-drenthe", scope, None)
    client = client_on(app, REGION_HOST)
    data = {"csrf_token": csrf_token(client, "/regio/login"), "email": email, "password": PASSWORD}
    assert client.post("/regio/login", data=data).status_code == 302
    return client


def import_as_coordinator(app, world: World) -> None:  # type: ignore[no-untyped-def]
    coordinator = scope_login(app, "cijfers@zuidwest-drenthe.nl", RegionScope.COORDINATOR)
    page = f"/regio/staff/campaigns/{world.slug}/indicators"
    answer = coordinator.post(
        f"{page}/import",
        data={
            "csrf_token": csrf_token(coordinator, page),
            "file": (io.BytesIO(SAMPLE.read_bytes()), "monitor.csv"),
            "theme": str(world.common["Jeugdoverlast"]),
            "source": "Veiligheidsmonitor",
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 303, answer.get_data(as_text=True)[-800:]


def import_as_westerveld(app, world: World) -> None:  # type: ignore[no-untyped-def]
    """Westerveld's staff import the same file for its own campaign: it and its cores."""
    with tenancy.acting_for(world.municipalities["Westerveld"]):
        create_user(STAFF["email"], PASSWORD, "staff")
    client = client_on(app, WESTERVELD_HOST)
    login = {"csrf_token": csrf_token(client, "/staff/login"), **STAFF}
    assert client.post("/staff/login", data=login).status_code == 302
    page = f"/staff/campaigns/{world.campaigns['Westerveld'].slug}/indicators"
    theme = world.themes["Westerveld"]["Drugs op het platteland"]
    answer = client.post(
        f"{page}/import",
        data={
            "csrf_token": csrf_token(client, page),
            "file": (io.BytesIO(SAMPLE.read_bytes()), "monitor.csv"),
            "theme": str(theme),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 303


def record_priorities(world: World) -> None:
    """A regional session chose Woninginbraken in common (a goal on the region's figures and
    an action of the police) and Westerveld's local theme; Westerveld's own programme has a
    written goal and an action for it."""
    westerveld = world.municipalities["Westerveld"]
    local = world.themes["Westerveld"]["Drugs op het platteland"]
    with tenancy.in_region(world.region_id):
        session = RegionalSession(regional_campaign_id=world.regional_id, title="Regiosessie")
        db.session.add(session)
        db.session.flush()
        common = world.common["Woninginbraken"]
        db.session.add_all(
            [
                RegionalDecision(
                    regional_session_id=session.id, kind="common", regional_theme_id=common,
                    chosen=True, position=1, rationale="Hoog bij inwoners, dalend maar hoog.",
                    safety_field=1,
                ),
                RegionalDecision(
                    regional_session_id=session.id, kind="local", for_municipality_id=westerveld,
                    local_theme_id=local, chosen=True, position=2,
                    rationale="Drugslabs in het buitengebied.", safety_field=5,
                ),
                RegionalOutcome(
                    regional_campaign_id=world.regional_id, regional_session_id=session.id,
                    plan_first_year=2027, plan_last_year=2030,
                ),
                RegionalGoal(
                    regional_campaign_id=world.regional_id, regional_theme_id=common,
                    description="Minder woninginbraken in de regio", kind=GoalKind.WRITTEN.value,
                ),
                RegionalAction(
                    regional_campaign_id=world.regional_id, regional_theme_id=common,
                    what="Inbraakpreventie-avonden", partner="Politie basisteam",
                    due_on=date(2027, 10, 1),
                ),
            ]
        )  # fmt: skip
        db.session.commit()
    with tenancy.acting_for(westerveld):
        campaign_id = world.campaigns["Westerveld"].id
        db.session.add_all(
            [
                Goal(campaign_id=campaign_id, theme_id=local, description="Elk signaal gemeld",
                     kind=GoalKind.WRITTEN.value),
                PlanAction(campaign_id=campaign_id, theme_id=local, what="Boerenerven bezoeken",
                           partner="Politie en RIEC"),
            ]
        )  # fmt: skip
        db.session.commit()


def meppel_own_session(world: World) -> None:
    """Meppel also held a session of its own for its adopted campaign: Verkeer, chosen."""
    with tenancy.acting_for(world.municipalities["Meppel"]):
        actor = create_user("beleid@meppel.nl", PASSWORD, "staff")
        campaign = world.campaigns["Meppel"]
        session = prioritisation.create(campaign, "Raadssessie Meppel", 3, 4, actor)
        traffic = next(t for t in campaign.themes if t.title == "Verkeer")
        prioritisation.record_decision(
            session, traffic, True, "Te hard rijden in Nijeveen.", 4, actor
        )


@pytest.fixture
def world(app) -> World:  # type: ignore[no-untyped-def]
    found = design()
    give_codes(found)
    import_as_coordinator(app, found)
    import_as_westerveld(app, found)
    record_priorities(found)
    meppel_own_session(found)
    return found


def cells(page: str, label: str) -> list[str]:
    """The cells of the table row headed `label`, as plain text."""
    row = re.search(rf"<th scope=\"row\">{re.escape(label)}</th>(.*?)</tr>", page, re.S)
    assert row, label
    found = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in found]


def test_the_partner_sees_the_rankings_side_by_side(app, world) -> None:
    partner = region_login(app, RegionScope.PARTNER)
    answer = partner.get(f"/regio/partner/{world.slug}")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    # Columns: the region, then the municipalities by name (Westerveld *: local themes too).
    # († fewer than 30 ballots: both.)
    assert page.index("Gemeente Meppel †</th>") < page.index("Gemeente Westerveld * †</th>")
    # By hand (see `design`): the region's place (share), then each municipality's place
    # among the common themes: Meppel C5 A3 D2 B0, Westerveld A6 O4 V0 J0.
    assert cells(page, "Woninginbraken") == ["1 (82%)", "2 (60%)", "1 (100%)"]
    assert cells(page, "Verkeer") == ["2 (45%)", "1 (100%)", "3 (0%)"]
    assert cells(page, "Ondermijning") == ["3 (36%)", "4 (0%)", "2 (67%)"]
    assert cells(page, "Jeugdoverlast") == ["4 (18%)", "3 (40%)", "3 (0%)"]
    # Westerveld's local theme: on its own ballot, not in the comparison.
    assert "Drugs op het platteland (3, 33%)" in page  # after A 6 and Ondermijning 4
    assert "11 deelnemers in de regio" in page


def test_the_partner_sees_the_figures_at_every_level(app, world) -> None:
    partner = region_login(app, RegionScope.PARTNER)
    page = partner.get(f"/regio/partner/{world.slug}").get_data(as_text=True)
    # The region's own line, each municipality's from the base team's file, and
    # Westerveld's cores from its own import — Vledder lower, as the Veiligheidsmonitor says.
    assert re.search(rf"{re.escape(NUISANCE)}.*?2021: 31, 2023: 29", page, re.S)
    assert "<td>Gemeente Meppel</td>" in page
    vledder = re.search(r"<td>Vledder</td>(.*?)</tr>", page, re.S)
    assert vledder and "2021: 7,4, 2023: 7,5" in vledder.group(1)
    # Each core's own trend: Dwingeloo's nuisance 22 → 23 is stable (within 5 %), while
    # Westerveld's 30 → 28 falls.
    rows = re.findall(r"<tr><td>(Dwingeloo|Gemeente Westerveld)</td>(.*?)</tr>", page, re.S)
    trends = {area: row.rsplit("<td>", 1)[1] for area, row in rows if NUISANCE in row}
    assert trends == {"Dwingeloo": "stabiel</td>", "Gemeente Westerveld": "dalend</td>"}
    # Figures on Westerveld's local theme are marked as its own.
    assert "(lokaal thema)" in page


def test_the_partner_sees_common_and_local_priorities_with_progress(app, world) -> None:
    partner = region_login(app, RegionScope.PARTNER)
    page = partner.get(f"/regio/partner/{world.slug}").get_data(as_text=True)
    common = page[page.index("Gemeenschappelijke prioriteiten") :]
    assert "Woninginbraken" in common and "Hoog bij inwoners, dalend maar hoog." in common
    assert "Inbraakpreventie-avonden (Politie basisteam)" in common
    assert "Minder woninginbraken in de regio" in common
    westerveld = page[page.index("Lokale prioriteiten van Gemeente Westerveld") :]
    assert "Drugs op het platteland" in westerveld and "Boerenerven bezoeken" in westerveld
    assert "Elk signaal gemeld" in westerveld
    # Meppel's own session for its adopted campaign: its own local priority, at its place
    # on Meppel's ballot (Verkeer, 5 of 5 voters).
    meppel = page[page.index("Lokale prioriteiten van Gemeente Meppel") :]
    meppel = meppel[: meppel.index("Lokale prioriteiten van Gemeente Westerveld")]
    assert "<strong>Verkeer</strong> — plaats 1 bij inwoners: Te hard rijden in Nijeveen." in meppel
    assert "Planperiode 2027–2030." in page


def test_the_workbook_holds_the_same_as_the_page(app, world) -> None:
    partner = region_login(app, RegionScope.PARTNER)
    for url in (
        f"/regio/partner/{world.slug}?format=xlsx",
        f"/regio/partner/{world.slug}/workbook.xlsx",
    ):
        answer = partner.get(url)
        assert answer.status_code == 200 and answer.mimetype.endswith("spreadsheetml.sheet")
        data = answer.get_data()
        book = load_workbook(io.BytesIO(data), read_only=True)
        assert book.sheetnames == [
            "Naast elkaar",
            "Per gemeente",
            "Cijfers",
            "Prioriteiten",
            "Doelen",
            "Acties",
        ]
        side = pd.read_excel(io.BytesIO(data), sheet_name="Naast elkaar")
        first = side.iloc[0]
        assert first["thema"] == "Woninginbraken" and first["plaats regio"] == 1
        assert first["aandeel regio"] == pytest.approx(9 / 11, abs=1e-4)
        assert first["plaats Gemeente Meppel"] == 2
        assert first["aandeel Gemeente Meppel"] == pytest.approx(0.6)
        figures = pd.read_excel(io.BytesIO(data), sheet_name="Cijfers")
        vledder = figures[(figures["gebied"] == "Vledder") & (figures["indicator"] == NUISANCE)]
        assert list(vledder["waarde"]) == [41, 38] and set(vledder["niveau"]) == {"kern"}
        region = figures[(figures["niveau"] == "regio") & (figures["indicator"] == NUISANCE)]
        assert list(region["jaar"]) == [2021, 2023] and list(region["waarde"]) == [31, 29]
        own = pd.read_excel(io.BytesIO(data), sheet_name="Per gemeente")
        local = own[own["thema"] == "Drugs op het platteland"].iloc[0]
        assert local["gemeenschappelijk thema"] == "nee (lokaal thema)" and local["stemmen"] == 2
        priorities = pd.read_excel(io.BytesIO(data), sheet_name="Prioriteiten")
        assert list(priorities["soort"]) == ["gemeenschappelijk", "lokaal", "lokaal"]
        assert list(priorities["prioriteit"]) == [
            "Woninginbraken",
            "Drugs op het platteland",
            "Verkeer",
        ]
        actions = pd.read_excel(io.BytesIO(data), sheet_name="Acties")
        assert set(actions["actie"]) == {"Inbraakpreventie-avonden", "Boerenerven bezoeken"}


def test_only_the_regions_partners_and_coordinators_find_the_partner_view(app, world) -> None:
    url = f"/regio/partner/{world.slug}"
    assert region_login(app, RegionScope.COORDINATOR).get(url).status_code == 200
    # Westerveld's own staff, logged in on its host (its region is chosen there too).
    for host in (WESTERVELD_HOST,):
        client = client_on(app, host)
        login = {"csrf_token": csrf_token(client, "/staff/login"), **STAFF}
        assert client.post("/staff/login", data=login).status_code == 302
        assert client.get(url).status_code == 404, host
        assert client.get(f"{url}/workbook.xlsx").status_code == 404, host
    # Nobody logged in: to the region's login; an unknown campaign: 404.
    assert client_on(app, REGION_HOST).get(url).status_code == 302
    partner = region_login(app, RegionScope.PARTNER)
    assert partner.get("/regio/partner/bestaat-niet").status_code == 404
    index = partner.get("/regio/partner/").get_data(as_text=True)
    assert f'href="/regio/partner/{world.slug}"' in index
