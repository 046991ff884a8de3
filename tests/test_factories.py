"""The test factories build what the app itself accepts, and a second municipality is one line."""

from __future__ import annotations

from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Ballot
from participation.models.ballots import TrustLevel
from participation.services.ballots import voting
from tests.conftest import add_stand, send_ballot
from tests.factories import make_ballots, make_campaign, make_stand


def stored(campaign) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(
        select(func.count()).select_from(Ballot).where(Ballot.campaign_id == campaign.id)
    )


def test_a_campaign_is_one_line_and_the_vote_page_takes_its_ballots(app, client) -> None:
    campaign = make_campaign()
    assert [area.slug for area in campaign.areas] == ["leek", "marum", "zuidhorn"]
    assert [theme.title for theme in campaign.themes][:2] == [
        "Verkeersveiligheid",
        "Woninginbraken",
    ]
    assert len({theme.bit for theme in campaign.themes}) == 12
    assert "Verkeersveiligheid" in client.get(f"/v/{campaign.slug}").get_data(as_text=True)
    assert send_ballot(client, campaign).status_code == 303  # the conftest helper's "leek"
    assert make_ballots(campaign, 2, village="marum", trust=TrustLevel.CODE) == 2
    assert stored(campaign) == 3
    assert add_stand(campaign).area.slug == "marum"  # the conftest helper's default village
    assert make_stand(campaign).area.slug == "leek"


def test_the_sizes_are_the_tests_to_choose(app) -> None:
    campaign = make_campaign(villages=["Doezum"], themes=14, picks=(1, 3))
    assert [area.slug for area in campaign.areas] == ["doezum"]
    assert [theme.title for theme in campaign.themes][-1] == "Thema 14"
    assert make_ballots(campaign, themes=[campaign.themes[-1].id]) == 1


def test_a_second_municipality_is_one_line_and_keeps_its_own_villages(app, client) -> None:
    ours = make_campaign()
    theirs = make_campaign(municipality="Midden-Groningen", villages=2)
    assert {area.parent.name for area in theirs.areas} == {"Midden-Groningen"}
    assert not {area.id for area in ours.areas} & {area.id for area in theirs.areas}
    assert ours.slug != theirs.slug
    village = theirs.areas[0].slug
    assert make_ballots(theirs, 3, village=village) == 3
    # Their village is not ours: the vote page refuses it and stores nothing for us.
    assert village not in voting.load_rules(ours.slug).village_slugs  # type: ignore[union-attr]
    assert send_ballot(client, ours, village=village).status_code == 422
    assert (stored(ours), stored(theirs)) == (0, 3)
