"""One rule for a row named by an id, one permission rule, one caches module."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from participation import caches
from participation.extensions import db
from participation.models import Area, Participant, Theme
from participation.services import ownership
from participation.services.accounts import create_user
from participation.services.ballots import voting
from participation.services.sessions import prioritisation
from tests.conftest import csrf_token, login_as, paired_kiosk


@pytest.mark.parametrize("given", [None, "1", True, 0, -1, 2**31, 2**70, 1.0])
def test_an_id_that_is_no_plausible_key_names_no_row(app, demo, given) -> None:  # type: ignore[no-untyped-def]
    assert ownership.owned(Theme, given) is None


def test_a_row_is_found_only_where_the_caller_says_it_belongs(app, demo) -> None:  # type: ignore[no-untyped-def]
    theme = demo.themes[0]
    assert ownership.owned(Theme, theme.id) is theme
    assert ownership.owned(Theme, theme.id, campaign_id=demo.id) is theme
    assert ownership.owned(Theme, theme.id, campaign_id=demo.id + 1) is None


def test_every_row_finds_its_campaign_through_its_parents(app, demo, stand) -> None:  # type: ignore[no-untyped-def]
    actor = create_user("eigenaar@example.org", "een-lang-wachtwoord", "staff")
    session = prioritisation.create(demo, "Sessie", 3, 4, actor)
    participant = prioritisation.join(session, "Groep")
    device = paired_kiosk(stand).kiosk_device
    village = db.session.scalar(select(Area).where(Area.slug == "marum"))
    assert ownership.campaign_of(demo) is demo
    assert ownership.campaign_of(demo.themes[0]) is demo
    assert ownership.campaign_of(session) is demo
    assert ownership.campaign_of(participant) is demo  # through its session
    assert ownership.campaign_of(device) is demo  # through its stand
    assert ownership.campaign_of(village) is None  # the municipality's own row
    assert all(ownership.within_reach(row) for row in (demo, participant, device, village))
    assert ownership.owned(Participant, participant.id, session_id=session.id) is participant


def test_a_participant_of_another_session_is_a_404(app, demo, staff_client) -> None:  # type: ignore[no-untyped-def]
    actor = create_user("tweede@example.org", "een-lang-wachtwoord", "staff")
    mine = prioritisation.create(demo, "Eerste", 3, 4, actor)
    other = prioritisation.create(demo, "Tweede", 3, 4, actor)
    participant = prioritisation.join(other, "Groep")
    token = csrf_token(staff_client, f"/staff/sessions/{mine.id}")
    url = f"/staff/sessions/{mine.id}/participants/{participant.id}/revoke"
    assert staff_client.post(url, data={"csrf_token": token}).status_code == 404
    db.session.refresh(participant)
    assert participant.revoked_at is None


def test_a_viewer_reads_the_dashboard_and_may_not_change_a_theme(app, demo, client) -> None:  # type: ignore[no-untyped-def]
    login_as(client, "viewer")
    assert client.get("/staff/").status_code == 200
    theme = demo.themes[0]
    token = csrf_token(client, "/staff/")
    url = f"/staff/campaigns/{demo.slug}/themes/{theme.id}/edit"
    assert client.post(url, data={"csrf_token": token, "title": "Anders"}).status_code == 403
    db.session.refresh(theme)
    assert theme.title != "Anders"


def test_an_anonymous_visitor_is_sent_to_the_login(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/staff/")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_caches_are_named_and_a_typo_is_an_error(app) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KeyError, match="ballot_rule"):
        caches.cache("ballot_rule")
    assert set(caches.CACHES) >= {"ballot_rules", "small_logo"}


def test_the_ballot_rules_live_in_their_named_cache_until_forgotten(app, demo) -> None:  # type: ignore[no-untyped-def]
    app.config["BALLOT_RULES_TTL"] = 60.0
    rules = voting.load_rules(demo.slug)
    # Keyed by the municipality too: two may have a campaign of the same short name.
    assert caches.cache("ballot_rules")[(demo.municipality_id, demo.slug)][1] is rules
    voting.forget_rules()
    assert caches.cache("ballot_rules") == {}
