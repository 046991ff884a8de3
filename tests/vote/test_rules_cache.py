"""The ballot's rules are reused for a moment per worker; a staff change applies at once there,
and a change made elsewhere within BALLOT_RULES_TTL."""

from __future__ import annotations

import time

import pytest

from participation.extensions import db
from participation.services.accounts import create_user
from participation.services.campaigns import campaign_edits
from tests.conftest import send_ballot
from tests.factories import make_campaign


@pytest.fixture
def campaign(app):  # type: ignore[no-untyped-def]
    return make_campaign()


def test_closing_through_the_staff_pages_applies_to_the_next_ballot(app, campaign) -> None:
    app.config["BALLOT_RULES_TTL"] = 60.0
    assert send_ballot(app.test_client(), campaign).status_code == 303  # the rules are now cached
    actor = create_user("s@example.org", "een-lang-wachtwoord", "staff")
    data = campaign_edits.CampaignData(
        slug=campaign.slug,
        title=campaign.title,
        intro=campaign.intro,
        status="closed",
        opens_at=campaign.opens_at,
        closes_at=campaign.closes_at,
        min_picks=campaign.min_picks,
        max_picks=campaign.max_picks,
        results_published=False,
        village_ids=[area.id for area in campaign.areas],
    )
    campaign_edits.save_campaign(campaign, data, actor)
    assert send_ballot(app.test_client(), campaign, same_phone=True).status_code == 422  # at once


def test_a_change_from_another_worker_applies_within_the_ttl(app, campaign) -> None:
    app.config["BALLOT_RULES_TTL"] = 0.3
    assert send_ballot(app.test_client(), campaign).status_code == 303
    campaign.status = "closed"  # as another worker would: straight in the database
    db.session.commit()
    time.sleep(0.4)
    assert send_ballot(app.test_client(), campaign, same_phone=True).status_code == 422
