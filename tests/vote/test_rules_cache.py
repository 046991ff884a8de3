"""The ballot's rules are reused for a moment per worker; a staff change applies at once there,
and a change made elsewhere within BALLOT_RULES_TTL."""

from __future__ import annotations

import time

from participation.extensions import db
from participation.services.accounts import create_user
from participation.services.campaigns import campaigns
from tests.conftest import send_ballot


def test_closing_through_the_staff_pages_applies_to_the_next_ballot(app, demo) -> None:
    app.config["BALLOT_RULES_TTL"] = 60.0
    assert send_ballot(app.test_client(), demo).status_code == 303  # the rules are now cached
    actor = create_user("s@example.org", "een-lang-wachtwoord", "staff")
    data = campaigns.CampaignData(
        slug=demo.slug,
        title=demo.title,
        intro=demo.intro,
        status="closed",
        opens_at=demo.opens_at,
        closes_at=demo.closes_at,
        min_picks=demo.min_picks,
        max_picks=demo.max_picks,
        results_published=False,
        village_ids=[area.id for area in demo.areas],
    )
    campaigns.save_campaign(demo, data, actor)
    assert send_ballot(app.test_client(), demo, same_phone=True).status_code == 422  # at once


def test_a_change_from_another_worker_applies_within_the_ttl(app, demo) -> None:
    app.config["BALLOT_RULES_TTL"] = 0.3
    assert send_ballot(app.test_client(), demo).status_code == 303
    demo.status = "closed"  # as another worker would: straight in the database
    db.session.commit()
    time.sleep(0.4)
    assert send_ballot(app.test_client(), demo, same_phone=True).status_code == 422
