"""The resident ballot at /v/<slug>: the contract, bad input, idempotency and privacy."""

from __future__ import annotations

import uuid

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, inspect, select

from participation.extensions import db
from participation.models import Ballot, BallotChoice, Campaign
from tests.conftest import csrf_token, send_ballot


def ballot_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Ballot)) or 0


def theme_ids(campaign: Campaign) -> list[int]:
    return [theme.id for theme in campaign.themes]


def post_ballot(client: FlaskClient, campaign: Campaign, **fields):  # type: ignore[no-untyped-def]
    data = {
        "csrf_token": fields.pop("csrf_token", None) or csrf_token(client, f"/v/{campaign.slug}"),
        "ballot_key": str(uuid.uuid4()),
        "village": "leek",
        "theme": theme_ids(campaign)[:6],
    }
    data.update(fields)
    query = fields.pop("query", "")
    data.pop("query", None)
    return client.post(f"/v/{campaign.slug}{query}", data=data)


def test_ballot_page_shows_every_theme_with_its_explanation(client, demo) -> None:
    page = client.get("/v/demo?dorp=marum").get_data(as_text=True)
    for theme in demo.themes:
        assert theme.title.replace("'", "&#39;") in page
        assert theme.explanation in page
    assert 'type="checkbox" name="theme"' in page
    assert '<option value="marum" selected>' in page
    assert "Kies de 6 thema&#39;s die u het belangrijkst vindt" in page


def test_valid_ballot_is_stored_once_with_its_choices(client, demo) -> None:
    response = post_ballot(client, demo, village="marum")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/v/demo/bedankt?dorp=marum")  # the survey's
    ballot = db.session.scalars(select(Ballot)).one()
    assert ballot.channel == "web"
    assert ballot.source_tag is None
    assert ballot.area_id == next(a.id for a in demo.areas if a.slug == "marum")
    chosen = db.session.scalars(select(BallotChoice.theme_id)).all()
    assert sorted(chosen) == theme_ids(demo)[:6]
    assert ballot.choice_mask == 0b111111  # the first six positions, as bits for counting
    assert "Bedankt voor uw stem" in client.get("/v/demo/bedankt").get_data(as_text=True)


def test_a_qr_source_tag_marks_the_channel(client, demo) -> None:
    assert post_ballot(client, demo, query="?bron=poster-leek").status_code == 303
    ballot = db.session.scalars(select(Ballot)).one()
    assert (ballot.channel, ballot.source_tag) == ("qr", "poster-leek")


def test_elsewhere_is_stored_without_a_village(client, demo) -> None:
    assert post_ballot(client, demo, village="elders").status_code == 303
    assert db.session.scalars(select(Ballot)).one().area_id is None


def test_a_repeated_ballot_key_counts_once_and_still_thanks(client, demo) -> None:
    key, token = str(uuid.uuid4()), csrf_token(client, "/v/demo")
    first = post_ballot(client, demo, ballot_key=key, csrf_token=token)
    second = post_ballot(client, demo, ballot_key=key, csrf_token=token)
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"].endswith("/v/demo/bedankt?dorp=leek")
    assert ballot_count() == 1
    assert db.session.scalar(select(func.count()).select_from(BallotChoice)) == 6


INVALID = [
    ("five themes", {"theme": "first5"}, "Kies precies 6 thema&#39;s. U heeft er nu 5 gekozen."),
    ("seven themes", {"theme": "first7"}, "Kies precies 6 thema&#39;s. U heeft er nu 7 gekozen."),
    ("no themes", {"theme": []}, "U heeft er nu 0 gekozen."),
    ("duplicate theme", {"theme": "dupe"}, "U heeft een thema twee keer gekozen."),
    ("foreign theme", {"theme": "foreign"}, "hoort niet bij deze stemming"),
    ("garbled theme", {"theme": "garbled"}, "hoort niet bij deze stemming"),
    ("unknown village", {"village": "atlantis"}, "Dit dorp kennen we niet."),
    ("missing village", {"village": ""}, "Kies het dorp waar u woont."),
    ("garbled ballot key", {"ballot_key": "not-a-uuid"}, "Er ging iets mis met het formulier."),
]


@pytest.mark.parametrize(("case", "fields", "message"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_ballots_get_422_a_dutch_message_and_keep_the_choices(
    client, demo, case, fields, message
) -> None:
    ids = theme_ids(demo)
    themes = {
        "first5": ids[:5],
        "first7": ids[:7],
        "dupe": [*ids[:5], ids[0]],
        "foreign": [*ids[:5], 999_999],
        "garbled": [*ids[:5], "drop table"],
    }
    if isinstance(fields.get("theme"), str):
        fields = {**fields, "theme": themes[fields["theme"]]}
    response = post_ballot(client, demo, **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 422, case
    assert message in page
    assert 'role="alert"' in page
    kept = fields.get("theme", ids[:6])
    for theme_id in ids[:7]:
        checked = f'aria-describedby="theme-{theme_id}-text" checked' in page
        assert checked == (theme_id in kept), f"theme {theme_id} kept wrongly in {case}"
    assert ballot_count() == 0


def test_a_missing_csrf_token_gets_400_and_keeps_the_choices(client, demo) -> None:
    ids = theme_ids(demo)
    response = client.post(
        "/v/demo", data={"ballot_key": str(uuid.uuid4()), "village": "leek", "theme": ids[:6]}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Uw keuzes staan er nog" in page
    assert f'aria-describedby="theme-{ids[0]}-text" checked' in page
    assert ballot_count() == 0


def test_a_forged_csrf_token_gets_400(client, demo) -> None:
    response = post_ballot(client, demo, csrf_token="forged.token.value")
    assert response.status_code == 400
    assert ballot_count() == 0


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_a_campaign_that_is_not_open_says_so_and_stores_nothing(client, demo, status) -> None:
    token = csrf_token(client, "/v/demo")
    demo.status = status
    db.session.commit()
    page = client.get("/v/demo").get_data(as_text=True)
    expected = "Stemmen is gesloten" if status == "closed" else "Stemmen is nog niet begonnen"
    assert expected in page
    response = client.post(
        "/v/demo",
        data={
            "csrf_token": token,
            "ballot_key": str(uuid.uuid4()),
            "village": "leek",
            "theme": theme_ids(demo)[:6],
        },
    )
    assert response.status_code == 422
    assert "Uw keuze is niet opgeslagen." in response.get_data(as_text=True)
    assert ballot_count() == 0


def test_unknown_campaign_is_a_dutch_404(client, demo) -> None:
    response = client.get("/v/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_an_oversized_request_is_refused_clearly(client, demo) -> None:
    response = client.post("/v/demo", data={"village": "x" * 100_000})
    assert response.status_code == 413
    assert "Te veel gegevens" in response.get_data(as_text=True)
    assert ballot_count() == 0


def test_english_is_the_second_language(client, demo) -> None:
    page = client.get("/v/demo?lang=en").get_data(as_text=True)
    assert "Where do you live?" in page
    assert '<html lang="en">' in page
    # The choice is remembered on the next page.
    assert "Where do you live?" in client.get("/v/demo").get_data(as_text=True)


def test_a_ballot_holds_no_personal_data(app) -> None:
    columns = {column["name"] for column in inspect(db.engine).get_columns("ballot")}
    assert columns == {
        "id",
        "ballot_key",
        "campaign_id",
        "area_id",
        "stand_id",
        "channel",
        "source_tag",
        "trust_level",
        "created_at",
        "device_seq",  # a count (1st, 2nd … ballot from one phone), not the phone
        "exclusion_id",  # a staff decision about a group of ballots
        "choice_mask",  # the picked themes again, as bits for fast counting
        "kiosk_device_id",  # which of a stand's staff-paired tablets sent it, never a phone
        "municipality_id",  # whose data it is (the campaign's municipality)
    }
    # The phone's count keeps a per-campaign hash of its random cookie, and no time or ballot.
    columns = {column["name"] for column in inspect(db.engine).get_columns("device_tally")}
    assert columns == {"campaign_id", "device_hash", "ballots", "municipality_id"}


def test_the_thank_you_page_offers_the_open_survey_and_the_published_results(client, demo) -> None:
    from participation.services.surveys import surveys
    from participation.timeutil import utcnow

    surveys.by_slug("demo-vragenlijst").status = "draft"
    db.session.commit()
    assert send_ballot(client, demo).status_code == 303
    page = client.get("/v/demo/bedankt").get_data(as_text=True)
    assert "/s/demo-vragenlijst" not in page and "/results/demo/openbaar" not in page
    assert "<title>Bedankt voor uw stem" in page
    surveys.by_slug("demo-vragenlijst").status = "open"
    demo.results_published_at = utcnow()
    db.session.commit()
    page = client.get("/v/demo/bedankt").get_data(as_text=True)
    assert 'href="/s/demo-vragenlijst"' in page and 'href="/results/demo/openbaar"' in page
    assert "<title>Bedankt voor uw stem" in page and "<p>" not in page.split("</title>")[0]


def test_a_closed_campaign_links_to_its_published_results(client, demo) -> None:
    from participation.timeutil import utcnow

    demo.status = "closed"
    db.session.commit()
    assert "/results/demo/openbaar" not in client.get("/v/demo").get_data(as_text=True)
    demo.results_published_at = utcnow()
    db.session.commit()
    assert 'href="/results/demo/openbaar"' in client.get("/v/demo").get_data(as_text=True)
