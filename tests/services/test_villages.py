"""Villages in the services: a merge moves every reference, a delete refuses a used village,
and an earlier short name still counts on the ballot."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import (
    ArchivedCount,
    Area,
    AreaSlugAlias,
    Association,
    AuditEvent,
    Ballot,
    Campaign,
    Stand,
    SurveyResponse,
    campaign_areas,
)
from participation.services.accounts import create_user
from participation.services.ballots import voting
from participation.services.campaigns import area_removal, areas, associations, village_import
from participation.services.surveys import surveys
from tests.conftest import add_stand, send_ballot


def village(slug: str) -> Area:
    return db.session.scalar(select(Area).where(Area.slug == slug))


def count(model, area: Area) -> int:  # type: ignore[no-untyped-def]
    statement = select(func.count()).select_from(model).where(model.area_id == area.id)
    return db.session.scalar(statement) or 0


@pytest.fixture
def actor(app):  # type: ignore[no-untyped-def]
    return create_user("beheer@example.org", "een-lang-wachtwoord", "staff")


def test_a_merge_moves_every_reference_and_keeps_the_short_name(app, demo, actor) -> None:
    marum, leek = village("marum"), village("leek")
    marum.population, leek.population = 10_000, 12_000
    marum.postcodes, leek.postcodes = "9363", "9351"
    only_marum = Campaign(slug="alleen-marum", title="Alleen Marum", areas=[marum])
    db.session.add(only_marum)
    db.session.commit()
    for _ in range(2):
        send_ballot(app.test_client(), demo, village="marum")
    add_stand(demo, "marum")
    associations.register(demo, marum, "Dorpsbelang Marum", "", actor)
    survey = surveys.by_slug("demo-vragenlijst")
    db.session.add(SurveyResponse(response_key=uuid.uuid4(), survey_id=survey.id, area_id=marum.id))
    db.session.add(
        ArchivedCount(
            campaign_id=demo.id, area_id=marum.id, channel="web", trust_level="device", count=4
        )
    )
    db.session.add(AreaSlugAlias(slug="marum-oud", area_id=marum.id))
    db.session.commit()
    marum_id, leek_id = marum.id, leek.id

    area_removal.merge(marum, leek_id, actor)

    assert db.session.get(Area, marum_id) is None
    leek = db.session.get(Area, leek_id)
    for model, expected in (
        (Ballot, 2),
        (Stand, 1),
        (Association, 1),
        (SurveyResponse, 1),
        (ArchivedCount, 1),
    ):
        assert count(model, leek) == expected, model
    scopes = db.session.execute(
        select(campaign_areas.c.campaign_id, func.count())
        .where(campaign_areas.c.area_id == leek_id)
        .group_by(campaign_areas.c.campaign_id)
    ).all()
    assert {campaign_id for campaign_id, _ in scopes} >= {demo.id, only_marum.id}
    assert all(n == 1 for _, n in scopes)  # no campaign got Leek twice
    left = (
        select(func.count()).select_from(campaign_areas).where(campaign_areas.c.area_id == marum_id)
    )
    assert db.session.scalar(left) == 0
    assert (leek.population, leek.postcodes) == (22_000, "9351 9363")
    aliases = dict(db.session.execute(select(AreaSlugAlias.slug, AreaSlugAlias.area_id)).all())
    assert aliases == {"marum": leek_id, "marum-oud": leek_id}
    assert (
        db.session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc())) == "area.merge"
    )
    rules = voting.load_rules(demo.slug)
    assert rules.current_village("marum") == "leek" and "marum" not in rules.village_ids


def test_a_merge_into_itself_or_nothing_is_refused(app, demo, actor) -> None:
    marum = village("marum")
    for target, problem in (
        (marum.id, area_removal.RemovalProblem.SAME_VILLAGE),
        (999_999, area_removal.RemovalProblem.NO_SUCH_VILLAGE),
        (None, area_removal.RemovalProblem.NO_SUCH_VILLAGE),
    ):
        with pytest.raises(area_removal.RemovalRefused) as refused:
            area_removal.merge(marum, target, actor)
        assert refused.value.problems == [problem]
    assert village("marum") is not None


def test_a_village_with_ballots_is_not_deleted(app, demo, actor) -> None:
    send_ballot(app.test_client(), demo, village="marum")
    marum = village("marum")
    with pytest.raises(area_removal.RemovalRefused):
        area_removal.delete_village(marum, actor)
    assert village("marum") is not None
    fresh = areas.create(areas.VillageInput(name="Ezinge"), actor)
    assert area_removal.usage(fresh).unused
    area_removal.delete_village(fresh, actor)
    assert village("ezinge") is None


def test_an_earlier_short_name_counts_for_the_village(app, demo, actor) -> None:
    leek = village("leek")
    assert voting.load_rules(demo.slug).current_village("leek") == "leek"
    areas.update(leek, areas.VillageInput(name="Leek", slug="leek-centrum"), actor)
    rules = voting.load_rules(demo.slug)  # the rename forgot the cached rules
    assert rules.village_aliases == {"leek": "leek-centrum"}
    assert voting.current_village(demo.slug, "leek") == "leek-centrum"
    assert voting.current_village(demo.slug, "onbekend") == "onbekend"
    assert send_ballot(app.test_client(), demo, village="leek").status_code == 303
    assert count(Ballot, leek) == 1


def test_a_retired_village_is_offered_only_where_it_already_is(app, demo, actor) -> None:
    from participation.services.campaigns import campaign_edits

    marum = village("marum")
    areas.retire(marum, actor)
    assert marum not in campaign_edits.villages()
    assert marum in campaign_edits.villages(demo.areas)
    assert marum in voting.load_context(demo.slug).villages  # still on the ballot it was on


def test_the_import_stores_nothing_when_nothing_is_good(app, demo, actor) -> None:
    before = db.session.scalar(select(func.count()).select_from(Area))
    with pytest.raises(village_import.ImportRefused):
        village_import.store("naam\n=1+1\n", actor)
    assert db.session.scalar(select(func.count()).select_from(Area)) == before


def test_a_merge_into_a_retired_village_is_refused(app, demo, actor) -> None:
    marum, leek = village("marum"), village("leek")
    areas.retire(leek, actor)
    with pytest.raises(area_removal.RemovalRefused) as refused:
        area_removal.merge(marum, leek.id, actor)
    assert refused.value.problems == [area_removal.RemovalProblem.NO_SUCH_VILLAGE]
    assert village("marum") is not None
