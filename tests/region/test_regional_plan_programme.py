"""The common programme (goals, actions with partners, their updates), the yearly progress
report with the common part once and a chapter per municipality, and the next cycle compared
over only the municipalities that took part both times."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from participation import tenancy
from participation.extensions import db
from participation.models import (
    Goal,
    PlanAction,
    RegionalAction,
    RegionalGoal,
    RegionalIndicator,
    RegionalIndicatorValue,
    RegionScope,
)
from tests.region.test_regional_plan import (
    COMMON_REASON,
    REGION_HOST,
    World,
    adopt,
    build_world,
    common_titles,
    in_region,
    post,
    record_the_plan,
    region_login,
    regional_campaign,
)
from tests.region.test_regional_plan_outcome import PUBLIC, publish, settle
from tests.results.test_tagged_pdfs import assert_accessible, table_tags

PROGRAMME = "/regio/staff/campaigns/ivp-2027/programme"
POLICE = "Basisteam Zuidwest-Drenthe"


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


@pytest.fixture
def coordinator(app: Flask, world: World) -> FlaskClient:
    client = region_login(app, "coordinator@example.org", RegionScope.COORDINATOR)
    settle(client, record_the_plan(client, world))
    return client


def vandalism(world: World) -> int:
    return world.common[common_titles()[2]]


def figures(world: World) -> int:
    """A regional indicator with the region's figures (and one municipality's, not the
    region's: it must not count for a common goal)."""
    with tenancy.acting_for(None), in_region(world):
        indicator = RegionalIndicator(
            regional_campaign_id=world.regional,
            regional_theme_id=vandalism(world),
            name="Vernielingen (politie)",
            source="Basisteam",
            values=[
                RegionalIndicatorValue(year=2026, value=400.0),
                RegionalIndicatorValue(year=2028, value=330.0),
                RegionalIndicatorValue(year=2029, value=900.0, for_municipality_id=world.meppel),
            ],
        )
        db.session.add(indicator)
        db.session.commit()
        return indicator.id


def add_goal(client: FlaskClient, **fields: str):  # type: ignore[no-untyped-def]
    data = {"goal-kind": "written", "goal-direction": "down", **fields}
    return post(client, f"{PROGRAMME}/goals", PROGRAMME, **data)


def test_the_coordinator_keeps_the_common_programme(app, coordinator, world) -> None:
    indicator = figures(world)
    theme = str(vandalism(world))
    assert (
        add_goal(
            coordinator,
            **{
                "goal-theme": theme,
                "goal-description": "Vernielingen met een kwart omlaag",
                "goal-kind": "measurable",
                "goal-indicator": str(indicator),
                "goal-baseline_year": "2026",
                "goal-baseline_value": "400",
                "goal-target_year": "2030",
                "goal-target_value": "300",
            },
        ).status_code
        == 303
    )
    assert (
        add_goal(
            coordinator, **{"goal-theme": theme, "goal-description": "Een regionaal meldpunt"}
        ).status_code
        == 303
    )
    answer = post(
        coordinator,
        f"{PROGRAMME}/actions",
        PROGRAMME,
        **{
            "action-theme": theme,
            "action-what": "Gezamenlijke controles in de kernen",
            "action-partner": POLICE,
            "action-due_on": "2028-06-01",
        },
    )
    assert answer.status_code == 303
    with tenancy.acting_for(None), in_region(world):
        goals = db.session.scalars(select(RegionalGoal.id).order_by(RegionalGoal.id)).all()
        action = db.session.scalars(select(RegionalAction.id)).one()
    assert (
        post(
            coordinator,
            f"{PROGRAMME}/goals/{goals[1]}/status",
            PROGRAMME,
            **{"gs-on": "2028-01-15", "gs-status": "on_track", "gs-note": "Meldpunt draait"},
        ).status_code
        == 303
    )
    assert (
        post(
            coordinator,
            f"{PROGRAMME}/actions/{action}/status",
            PROGRAMME,
            **{"au-on": "2028-07-01", "au-status": "done", "au-note": "Drie avonden"},
        ).status_code
        == 303
    )
    # A measurable goal's progress follows from its figures: no status to set.
    assert (
        post(
            coordinator,
            f"{PROGRAMME}/goals/{goals[0]}/status",
            PROGRAMME,
            **{"gs-on": "2028-01-15", "gs-status": "reached", "gs-note": "Nee"},
        ).status_code
        == 404
    )
    text = coordinator.get(PROGRAMME).get_data(as_text=True)
    assert POLICE in text and "Meldpunt draait" in text
    # Published, residents read the common programme under the common priority.
    assert publish(coordinator).status_code == 303
    data = coordinator.get(f"{PUBLIC}.json").get_json()
    [common] = data["common"]["priorities"]
    measured, noted = common["goals"]
    # 400 → 330 by 2028 on the way to 300 by 2030: on track (the region's figure, not Meppel's).
    assert measured["progress"] == "on_track" and measured["latest"] == {
        "year": 2028,
        "value": 330.0,
    }
    assert noted["progress"] == "on_track" and noted["explained"]["note"] == "Meldpunt draait"
    [done] = common["actions"]
    assert done["partner"] == POLICE and done["status"] == "done"
    page = app.test_client().get(PUBLIC, base_url=f"http://{REGION_HOST}/")
    assert "Gezamenlijke controles in de kernen" in page.get_data(as_text=True)
    # Deleted, with its updates.
    url = f"{PROGRAMME}/actions/{action}/delete"
    assert post(coordinator, url, PROGRAMME).status_code == 303
    assert post(coordinator, f"{PROGRAMME}/goals/{goals[1]}/delete", PROGRAMME).status_code == 303
    with tenancy.acting_for(None), in_region(world):
        assert db.session.scalars(select(RegionalGoal.id)).all() == [goals[0]]
        assert db.session.scalar(select(func.count(RegionalAction.id))) == 0


def test_a_wrong_goal_or_action_is_refused_and_nothing_stored(coordinator, world) -> None:
    theme = str(vandalism(world))
    answer = add_goal(
        coordinator,
        **{
            "goal-theme": theme,
            "goal-description": "Minder vernielingen",
            "goal-kind": "measurable",
            "goal-baseline_year": "2026",
            "goal-baseline_value": "400",
            "goal-target_year": "2030",
            "goal-target_value": "300",
        },
    )
    assert answer.status_code == 422
    assert "Kies de regionale indicator die het meet." in answer.get_data(as_text=True)
    # A theme that is no common priority (traffic was not chosen).
    traffic = str(world.common[common_titles()[0]])
    assert (
        add_goal(coordinator, **{"goal-theme": traffic, "goal-description": "Iets"}).status_code
        == 422
    )
    late = post(
        coordinator,
        f"{PROGRAMME}/actions",
        PROGRAMME,
        **{
            "action-theme": theme,
            "action-what": "Te laat",
            "action-partner": POLICE,
            "action-due_on": "2035-01-01",
        },
    )
    assert late.status_code == 422
    assert "Kies een datum in de planperiode, 2027 tot en met 2030." in late.get_data(as_text=True)
    with tenancy.acting_for(None), in_region(world):
        assert db.session.scalar(select(func.count(RegionalGoal.id))) == 0
        assert db.session.scalar(select(func.count(RegionalAction.id))) == 0


def own_programme(world: World) -> None:
    """Westerveld's own programme for its own priority, written on its own host."""
    with tenancy.acting_for(world.westerveld):
        db.session.add_all(
            [
                Goal(
                    campaign_id=world.campaigns[world.westerveld],
                    theme_id=world.local_theme,
                    description="Minder overlast rond de dorpshuizen",
                    kind="written",
                ),
                PlanAction(
                    campaign_id=world.campaigns[world.westerveld],
                    theme_id=world.local_theme,
                    what="Jongerenwerk in Diever",
                    partner="Welzijn Westerveld",
                    due_on=date(2028, 3, 1),
                ),
            ]
        )
        db.session.commit()


def test_the_progress_report_has_the_common_part_once_and_a_chapter_each(
    app, coordinator, world
) -> None:
    own_programme(world)
    add_goal(
        coordinator,
        **{"goal-theme": str(vandalism(world)), "goal-description": "Een regionaal meldpunt"},
    )
    page = coordinator.get("/regio/staff/campaigns/ivp-2027/progress")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert text.count(COMMON_REASON) == 1 and text.count("Een regionaal meldpunt") == 1
    westerveld = text.split("Hoofdstuk: Gemeente Westerveld")[1]
    assert "Hoofdstuk: Gemeente Meppel" in text
    assert "Minder overlast rond de dorpshuizen" in westerveld
    assert "Jongerenwerk in Diever" in westerveld and "Welzijn Westerveld" in westerveld
    pdf = coordinator.get("/regio/staff/campaigns/ivp-2027/progress.pdf")
    assert pdf.mimetype == "application/pdf"
    words = assert_accessible(pdf.data, "Voortgangsrapportage: Veilig in Zuidwest-Drenthe")
    assert "Hoofdstuk: Gemeente Westerveld" in words and "Jongerenwerk in Diever" in words
    tables, scopes = table_tags(pdf.data)
    assert tables and all(kids[0] == "/Caption" for kids in tables)
    assert scopes and None not in scopes


def test_the_next_cycle_compares_only_the_municipalities_in_both(app, world) -> None:
    # The earlier cycle: Meppel alone (10 ballots, all on traffic and burglary).
    earlier = regional_campaign(world.region, "ivp-2023", 2023)
    adopt(world.meppel, "Meppel", earlier, "ivp-2023", 3, (((0, 1), 10),))
    coordinator = region_login(app, "coordinator@example.org", RegionScope.COORDINATOR)
    cycles = "/regio/staff/campaigns/ivp-2027/cycles"
    refused = post(coordinator, cycles, cycles, previous="nergens")
    assert (
        refused.status_code == 422
        and "Kies een andere campagne van de regio, of geen." in refused.get_data(as_text=True)
    )
    assert post(coordinator, cycles, cycles, previous="ivp-2023").status_code == 303
    text = " ".join(coordinator.get(cycles).get_data(as_text=True).split())
    assert (
        "Alleen de gemeenten die beide keren meededen worden vergeleken: Gemeente Meppel." in text
    )
    assert "Deed alleen nu mee, dus niet vergeleken: Gemeente Westerveld." in text
    # Meppel's 20 voters now against its 10 then; Westerveld's 12 are left out.
    assert '<td class="num">10</td><td class="num">20</td>' in text
    # Vandalism: 0 of 10 then, 8 of 20 now: a clear change.
    assert "duidelijke verandering" in text
