"""The regional outcome's typed texts in English and Polish: the coordinator writes them, the
region's outcome page, its JSON and each municipality's own outcome page show them in the
resident's language, and a text not written there in Dutch, marked as Dutch."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from participation import tenancy
from participation.extensions import db
from participation.models import (
    RegionalAction,
    RegionalDecision,
    RegionalGoal,
    RegionalOutcome,
    RegionAuditEvent,
    RegionScope,
)
from tests.factories import client_on
from tests.region.test_regional_plan import (
    COMMON_REASON,
    MEPPEL_REASON,
    NOT_CHOSEN_REASON,
    REGION_HOST,
    WESTERVELD_REASON,
    World,
    build_world,
    common_titles,
    decide,
    in_region,
    post,
    record_the_plan,
    region_login,
)
from tests.region.test_regional_plan_outcome import PUBLIC, publish, settle
from tests.region.test_regional_plan_programme import own_programme

TEXTS = "/regio/staff/campaigns/ivp-2027/texts"
PROGRAMME = "/regio/staff/campaigns/ivp-2027/programme"
WESTERVELD = "/results/ivp-2027-westerveld/uitkomst"
MEPPEL = "/results/ivp-2027-meppel/uitkomst"
FIELD = re.compile(r'name="((?:regional_outcome|decision|goal|action)-\d+-[a-z]+)"')
SUMMARY = "De drie raden besloten samen op 24 juni."
GOAL = "Een regionaal meldpunt voor vernielingen"
ACTION = "Gezamenlijke controles in de kernen"
POLICE = "Basisteam Zuidwest-Drenthe"
OWN_GOAL = "Minder overlast rond de dorpshuizen"  # Westerveld's own, typed on its own host


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


@pytest.fixture
def coordinator(app: Flask, world: World) -> FlaskClient:
    """The plan recorded, a common goal and action under vandalism, the outcome published."""
    client = region_login(app, "coordinator@example.org", RegionScope.COORDINATOR)
    session_id = record_the_plan(client, world)
    settle(client, session_id)
    theme = str(world.common[common_titles()[2]])
    goal = {"goal-theme": theme, "goal-description": GOAL, "goal-kind": "written"}
    goal["goal-direction"] = "down"
    assert post(client, f"{PROGRAMME}/goals", PROGRAMME, **goal).status_code == 303
    action = {"action-theme": theme, "action-what": ACTION, "action-partner": POLICE}
    assert post(client, f"{PROGRAMME}/actions", PROGRAMME, **action).status_code == 303
    own_programme(world)
    assert publish(client).status_code == 303
    return client


def written(language: str, name: str) -> str:
    """The text the tests type in a language for a form field, e.g. 'EN decision-4-rationale'."""
    return f"{language.upper()} {name}"


def fill(
    client: FlaskClient, language: str, skip: tuple[str, ...] = ()
) -> tuple[TestResponse, list[str]]:
    """Post the language's texts page with a text for every field but the skipped ones."""
    page = f"{TEXTS}/{language}"
    names = FIELD.findall(client.get(page).get_data(as_text=True))
    data = {name: "" if name.endswith(skip) else written(language, name) for name in names}
    return post(client, page, page, **data), names


@dataclass
class Rows:
    """The regional outcome's typed rows, as stored (decisions by their Dutch reason)."""

    outcome: RegionalOutcome
    decisions: dict[str, RegionalDecision]
    goal: RegionalGoal
    action: RegionalAction

    def translations(self) -> list[dict[str, dict[str, str]]]:
        records = [self.outcome, *self.decisions.values(), self.goal, self.action]
        return [record.translations for record in records]


def rows(world: World) -> Rows:
    with tenancy.acting_for(None), in_region(world):
        db.session.expire_all()
        return Rows(
            db.session.scalars(select(RegionalOutcome)).one(),
            {d.rationale: d for d in db.session.scalars(select(RegionalDecision))},
            db.session.scalars(select(RegionalGoal)).one(),
            db.session.scalars(select(RegionalAction)).one(),
        )


def stored(world: World) -> list[dict[str, dict[str, str]]]:
    """Every translation of the regional outcome's typed texts, as stored."""
    return rows(world).translations()


def flat(page: str) -> str:
    return " ".join(page.split())


def test_typed_in_english_and_polish_the_three_pages_and_the_json_show_them(
    app, coordinator, world
) -> None:
    overview = coordinator.get(TEXTS).get_data(as_text=True)
    assert "0 van 8 teksten geschreven" in overview
    assert f'href="{TEXTS}/en"' in overview and f'href="{TEXTS}/pl"' in overview
    form = coordinator.get(f"{TEXTS}/en").get_data(as_text=True)
    for dutch in (SUMMARY, COMMON_REASON, NOT_CHOSEN_REASON, WESTERVELD_REASON, MEPPEL_REASON):
        assert dutch in form, dutch
    assert GOAL in form and ACTION in form and POLICE in form
    assert OWN_GOAL not in form  # Westerveld's own programme is its own staff's to translate
    assert "Gemeente Westerveld: " in form  # a local priority's group names its municipality

    saved, names = fill(coordinator, "en")
    assert saved.status_code == 303 and saved.headers["Location"].endswith(TEXTS)
    assert len(names) == 8
    # In Polish the partner's name stays as typed: shown in Dutch, marked as Dutch.
    assert fill(coordinator, "pl", skip=("-partner",))[0].status_code == 303
    overview = flat(coordinator.get(TEXTS).get_data(as_text=True))
    assert "Uitkomst in het Engels</a>: 8 van 8 teksten geschreven" in overview
    assert "Uitkomst in het Pools</a>: 7 van 8 teksten geschreven" in overview
    found = rows(world)
    outcome, goal, action = found.outcome, found.goal, found.action
    summary = f"regional_outcome-{world.regional}-summary"
    assert outcome.translations == {
        "en": {"summary": written("en", summary)},
        "pl": {"summary": written("pl", summary)},
    }
    assert set(action.translations["pl"]) == {"what"}
    with tenancy.acting_for(None), in_region(world):
        audited = db.session.scalars(
            select(RegionAuditEvent).where(RegionAuditEvent.action == "texts.save")
        ).all()
    assert [a.target for a in audited] == ["regional_outcome:ivp-2027"] * 2

    reason = {text: f"decision-{d.id}-rationale" for text, d in found.decisions.items()}
    goal_key, what_key = f"goal-{goal.id}-description", f"action-{action.id}-what"
    partner_key = f"action-{action.id}-partner"
    region = client_on(app, REGION_HOST)
    for language in ("en", "pl"):
        page = region.get(f"{PUBLIC}?lang={language}").get_data(as_text=True)
        assert f'<html lang="{language}">' in page
        for key in (summary, goal_key, what_key, *reason.values()):
            assert written(language, key) in page, (language, key)
        for dutch in (SUMMARY, GOAL, ACTION, *reason):
            assert dutch not in page, (language, dutch)
    english = region.get(f"{PUBLIC}?lang=en").get_data(as_text=True)
    assert written("en", partner_key) in english and POLICE not in english
    # Every text of the common part is written in English: none falls back to Dutch; in
    # Westerveld's part its own programme (its staff's, not translated) is Dutch, marked.
    common_part, municipalities = english.split("<main")[1].split('id="municipalities"')
    assert 'lang="nl"' not in common_part
    assert f'<li><span lang="nl">{OWN_GOAL}</span> — ' in municipalities
    polish = region.get(f"{PUBLIC}?lang=pl").get_data(as_text=True)
    assert f'(<span lang="nl">{POLICE}</span>' in polish
    # Dutch stays Dutch.
    dutch = region.get(f"{PUBLIC}?lang=nl").get_data(as_text=True)
    assert SUMMARY in dutch and COMMON_REASON in dutch and "EN " not in dutch

    # The JSON in the language the resident chose on the page (the cookie), or asks for.
    data = region.get(f"{PUBLIC}.json").get_json()  # the last choice: Dutch
    assert data["language"] == "nl" and data["summary"] == SUMMARY
    region.get(f"{PUBLIC}?lang=pl")
    data = region.get(f"{PUBLIC}.json").get_json()
    assert data["language"] == "pl" and data["summary"] == written("pl", summary)
    [common] = data["common"]["priorities"]
    assert common["reason"] == written("pl", reason[COMMON_REASON])
    assert common["goals"][0]["description"] == written("pl", goal_key)
    assert common["actions"][0]["what"] == written("pl", what_key)
    assert common["actions"][0]["partner"] == POLICE  # not written in Polish: the Dutch
    [not_chosen] = data["common"]["not_chosen"]
    assert not_chosen["reason"] == written("pl", reason[NOT_CHOSEN_REASON])
    parts = {part["municipality"]: part for part in data["municipalities"]}
    assert parts["westerveld"]["priorities"][0]["reason"] == written(
        "pl", reason[WESTERVELD_REASON]
    )
    # Westerveld's own goal is not translated: the Dutch; the places stay as they were.
    assert parts["westerveld"]["priorities"][0]["goals"][0]["description"] == OWN_GOAL
    assert common["resident_rank"] == 1 and common["safety_field"] == 2
    data = region.get(f"{PUBLIC}.json?lang=en").get_json()
    assert data["language"] == "en"
    assert data["common"]["priorities"][0]["actions"][0]["partner"] == written("en", partner_key)
    assert data["common"]["priorities"][0]["title"] == "Vandalism and damage"

    # Westerveld's own outcome page: the common part and its own, in the resident's language;
    # its own goal (its staff's, not translated) in Dutch, marked.
    westerveld = client_on(app, "westerveld.localhost")
    for language in ("en", "pl"):
        page = westerveld.get(f"{WESTERVELD}?lang={language}").get_data(as_text=True)
        assert f'<html lang="{language}">' in page
        for key in (summary, goal_key, what_key, reason[COMMON_REASON]):
            assert written(language, key) in page, (language, key)
        assert written(language, reason[WESTERVELD_REASON]) in page
        assert written(language, reason[MEPPEL_REASON]) not in page  # Meppel's own part
        assert SUMMARY not in page and COMMON_REASON not in page
        assert f'<span lang="nl">{OWN_GOAL}</span>' in page
    meppel = client_on(app, "localhost").get(f"{MEPPEL}?lang=en").get_data(as_text=True)
    assert written("en", reason[MEPPEL_REASON]) in meppel and MEPPEL_REASON not in meppel


def test_a_text_not_written_in_the_language_is_shown_in_dutch_marked_as_dutch(
    app, coordinator, world
) -> None:
    summary = f"regional_outcome-{world.regional}-summary"
    page = f"{TEXTS}/en"
    answer = post(coordinator, page, page, **{summary: "The three councils agreed."})
    assert answer.status_code == 303
    assert stored(world)[0] == {"en": {"summary": "The three councils agreed."}}
    region = client_on(app, REGION_HOST)
    english = region.get(f"{PUBLIC}?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and "The three councils agreed." in english
    assert f'<p><span lang="nl">{COMMON_REASON}</span></p>' in english
    assert f'<span lang="nl">{GOAL}</span>' in english
    assert f'<span lang="nl">{ACTION}</span> (<span lang="nl">{POLICE}</span>' in english
    assert "Common priorities of Zuidwest-Drenthe" in english  # the page itself is English
    westerveld = client_on(app, "westerveld.localhost").get(f"{WESTERVELD}?lang=en")
    text = westerveld.get_data(as_text=True)
    assert "The three councils agreed." in text
    assert f'<p><span lang="nl">{WESTERVELD_REASON}</span></p>' in text
    # On the Dutch page nothing is marked: the page's own language.
    dutch = region.get(f"{PUBLIC}?lang=nl").get_data(as_text=True)
    assert '<html lang="nl">' in dutch and '<span lang="nl">' not in dutch

    # The texts page says which texts residents still read in Dutch.
    texts = coordinator.get(f"{TEXTS}/en").get_data(as_text=True)
    assert "6 teksten zijn nog niet in het Engels geschreven" in flat(texts)
    decision = rows(world).decisions[COMMON_REASON]
    key, session_id = f"decision-{decision.id}-rationale", decision.regional_session_id
    assert f'href="#{key}"' in texts

    # A changed Dutch summary empties its translation: residents never read an old one.
    settle(coordinator, session_id, summary="De raden besloten opnieuw.")
    english = region.get(f"{PUBLIC}?lang=en").get_data(as_text=True)
    assert '<span lang="nl">De raden besloten opnieuw.</span>' in english
    assert "The three councils agreed." not in english
    # So does a reason decided again with other words; the same words keep it.
    answer = post(coordinator, page, page, **{key: "Undermining concerns the region."})
    assert answer.status_code == 303
    vandalism = f"common-{world.common[common_titles()[2]]}"

    def decided_again(rationale: str) -> int:
        common = {"kind": "common", "municipality": "", "theme": vandalism}
        return int(decide(coordinator, session_id, rationale=rationale, **common).status_code)

    assert decided_again(COMMON_REASON) == 303
    english = region.get(f"{PUBLIC}?lang=en").get_data(as_text=True)
    assert "Undermining concerns the region." in english
    assert decided_again("Ondermijning raakt alle kernen.") == 303
    english = region.get(f"{PUBLIC}?lang=en").get_data(as_text=True)
    assert '<span lang="nl">Ondermijning raakt alle kernen.</span>' in english
    assert "Undermining concerns the region." not in english


def test_bad_input_is_refused_in_dutch_and_nothing_is_stored(app, coordinator, world) -> None:
    page = f"{TEXTS}/en"
    summary = f"regional_outcome-{world.regional}-summary"
    _, names = fill(coordinator, "en")  # everything in English once
    before = stored(world)
    assert all(translations["en"] for translations in before)

    # Too long: refused whole, in Dutch, even the fields that were fine.
    data = {name: "Nieuw" for name in names} | {summary: "x" * 2001}
    too_long = post(coordinator, page, page, **data)
    assert too_long.status_code == 422
    text = too_long.get_data(as_text=True)
    assert "Gebruik hoogstens 2000 tekens." in text and "<title>Fout: " in text
    assert stored(world) == before
    partner = f"action-{rows(world).action.id}-partner"
    data = {name: written("en", name) for name in names} | {partner: "P" * 121}
    assert post(coordinator, page, page, **data).status_code == 422
    assert stored(world) == before
    # Without the form's token: refused, nothing stored.
    answer = coordinator.post(page, data={summary: "Forged"})
    assert answer.status_code == 400 and stored(world) == before

    # A control character in the address: refused in Dutch; in a text: taken out, the rest kept.
    bad = coordinator.get(f"{TEXTS}/e%07n")
    assert bad.status_code == 400
    assert "Het webadres bevat een teken dat we niet kunnen lezen" in bad.get_data(as_text=True)
    data = {name: written("en", name) for name in names} | {summary: "Agreed\x00 on\x07 24 June"}
    assert post(coordinator, page, page, **data).status_code == 303
    assert stored(world)[0] == {"en": {"summary": "Agreed on 24 June"}}

    # Only English and Polish: Dutch is the source, another language does not exist here.
    for language in ("nl", "de", "xx"):
        assert coordinator.get(f"{TEXTS}/{language}").status_code == 404
        assert post(coordinator, f"{TEXTS}/{language}", f"{TEXTS}/en").status_code == 404
    assert coordinator.get("/regio/staff/campaigns/geen-campagne/texts/en").status_code == 404

    # What is typed stays text on the residents' pages.
    hostile = '<script>alert("x")</script> Agreed'
    data = {name: written("en", name) for name in names} | {summary: hostile}
    assert post(coordinator, page, page, **data).status_code == 303
    english = client_on(app, REGION_HOST).get(f"{PUBLIC}?lang=en").get_data(as_text=True)
    assert "<script>alert" not in english and "&lt;script&gt;alert" in english


def test_a_partner_reads_the_texts_but_cannot_change_them(app, coordinator, world) -> None:
    fill(coordinator, "en")
    before = stored(world)
    partner = region_login(app, "politie@example.org", RegionScope.PARTNER)
    summary = f"regional_outcome-{world.regional}-summary"
    overview = partner.get(TEXTS)
    assert overview.status_code == 200 and "8 van 8 teksten geschreven" in overview.get_data(
        as_text=True
    )
    page = partner.get(f"{TEXTS}/en")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and written("en", summary) in text and SUMMARY in text
    assert f'name="{summary}"' not in text  # no form
    token_page = "/regio/staff/campaigns/ivp-2027/outcome"
    answer = post(partner, f"{TEXTS}/en", token_page, **{summary: "Changed by the partner"})
    assert answer.status_code == 404
    assert stored(world) == before
    # Nor anyone not logged in, nor a municipality's host.
    anonymous = client_on(app, REGION_HOST)
    answer = post(anonymous, f"{TEXTS}/en", "/regio/login", **{summary: "Changed"})
    assert answer.status_code == 302 and "/regio/login" in answer.headers["Location"]
    assert client_on(app, "westerveld.localhost").get(f"{TEXTS}/en").status_code == 404
    assert stored(world) == before
    # The plan's menu leads to the page.
    nav = coordinator.get("/regio/staff/campaigns/ivp-2027/outcome").get_data(as_text=True)
    assert f'href="{TEXTS}"' in nav
