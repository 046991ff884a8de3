"""One language per page: campaign and survey texts per language, Dutch per field, a switch only
for languages the texts exist in (issue 15.6)."""

from __future__ import annotations

import re

from participation.extensions import db
from participation.models import AuditEvent, Campaign
from participation.services.surveys import surveys
from tests.conftest import (
    csrf_token,
    login_as,
    new_phone,
    paired_kiosk,
    publish_results,
    send_ballot,
)

ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}
POLISH = {"Accept-Language": "pl-PL,pl;q=0.9"}


def _page(client, url: str, headers=None) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url, headers=headers or {})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _switch(page: str) -> set[str]:
    return set(re.findall(r'<a href="\?lang=(\w+)"', page))


def _forget_english(campaign: Campaign) -> None:
    """Drop the English title of one theme: English is then incomplete."""
    theme = campaign.themes[3]
    texts = {lang: dict(fields) for lang, fields in theme.translations.items()}
    del texts["en"]["title"]
    theme.translations = texts
    db.session.commit()


def test_the_ballot_reads_wholly_in_english_and_polish(client, demo) -> None:
    english = _page(client, "/v/demo", ENGLISH)
    assert 'lang="en"' in english and "Send my vote" in english
    assert "What matters most to you for safety in your village?" in english
    assert "Road safety" in english and "Speeding, dangerous crossings" in english
    for dutch in ("Verkeersveiligheid", "Woninginbraken", "Wat vindt u belangrijk", "Kies de 6"):
        assert dutch not in english
    polish = _page(client, "/v/demo", POLISH)
    assert "Bezpieczeństwo na drogach" in polish and "Verkeersveiligheid" not in polish
    assert _switch(polish) == {"nl", "en"}


def test_no_language_is_offered_whose_titles_are_missing(client, demo) -> None:
    _forget_english(demo)
    page = _page(client, "/v/demo", ENGLISH)
    # The phone asks for English, but the themes are not all in English: the page is Dutch.
    assert 'lang="nl"' in page and "Verstuur mijn stem" in page and "Verkeersveiligheid" in page
    assert "Road safety" not in page and "Send my vote" not in page
    assert _switch(page) == {"pl"}
    asked = _page(client, "/v/demo?lang=en")
    assert 'lang="nl"' in asked and "Send my vote" not in asked


def test_an_explanation_not_given_falls_back_to_dutch_alone(client, demo) -> None:
    theme = demo.themes[0]
    theme.translations = {
        lang: {k: v for k, v in fields.items() if k != "explanation"}
        for lang, fields in theme.translations.items()
    }
    db.session.commit()
    page = _page(client, "/v/demo", ENGLISH)
    assert 'lang="en"' in page and "Road safety" in page
    assert "Te hard rijden, gevaarlijke kruisingen" in page  # only this field in Dutch


def test_a_refused_ballot_speaks_the_page_language(client, demo) -> None:
    _forget_english(demo)
    new_phone(client)
    token = csrf_token(client, "/v/demo")
    response = client.post(
        "/v/demo",
        data={"csrf_token": token, "ballot_key": "x", "village": "leek"},
        headers=ENGLISH,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and 'lang="nl"' in page
    assert "Er ging iets mis met het formulier" in page and "Something went wrong" not in page


def test_the_kiosk_and_public_results_use_the_texts(client, demo, stand) -> None:
    kiosk = _page(paired_kiosk(stand), f"/stand/{stand.token}?lang=pl")
    assert "Bezpieczeństwo na drogach" in kiosk and "Verkeersveiligheid" not in kiosk
    for _ in range(6):
        assert send_ballot(client, demo).status_code == 303
    publish_results(demo)
    results = _page(client, "/results/demo/openbaar?lang=en")
    assert "Road safety" in results and "Verkeersveiligheid" not in results
    assert "Bar chart of all 6 votes together: Road safety 6 (100%)" in results
    chart_url = re.search(r'<img src="([^"]+)"', results).group(1).replace("&amp;", "&")
    assert "taal=en" in chart_url
    chart = client.get(chart_url).get_data(as_text=True)
    assert "All votes together (n = 6)" in chart and "Road safety" in chart
    assert "Verkeersveiligheid" not in chart and "Alle stemmen" not in chart
    # Staff files stay Dutch.
    dutch = client.get("/results/demo/grafiek/totaal.svg").get_data(as_text=True)
    assert "Alle stemmen samen (n = 6)" in dutch and "Verkeersveiligheid" in dutch


def test_the_survey_reads_in_polish_and_falls_back_whole_when_incomplete(client, demo) -> None:
    survey = surveys.by_slug("demo-vragenlijst")
    survey.status = "open"
    db.session.commit()
    polish = _page(client, "/s/demo-vragenlijst?lang=pl")
    assert "Czy czujesz się bezpiecznie w swojej okolicy?" in polish and "Tak" in polish
    assert "Voelt u zich veilig" not in polish
    option = survey.questions[0].options[0]
    option.translations = {"en": option.translations["en"]}  # no Polish 'Tak' any more
    db.session.commit()
    dutch = _page(client, "/s/demo-vragenlijst?lang=pl")
    assert 'lang="nl"' in dutch and "Voelt u zich veilig" in dutch
    assert _switch(dutch) == {"en"}


def test_staff_give_the_texts_and_residents_are_offered_the_language(app, demo) -> None:
    _forget_english(demo)
    staff = login_as(app.test_client(), "staff")
    overview = staff.get("/staff/campaigns/demo").get_data(as_text=True)
    assert "/staff/campaigns/demo/texts/en" in overview and "er ontbreken teksten" in overview
    form_page = staff.get("/staff/campaigns/demo/texts/en").get_data(as_text=True)
    assert "Alcohol- en drugsoverlast" in form_page  # the missing title is named
    theme = demo.themes[3]
    key = f"theme-{theme.id}-title"
    data = {f"theme-{t.id}-title": t.translations["en"].get("title", "") for t in demo.themes}
    data |= {
        "csrf_token": csrf_token(staff, "/staff/campaigns/demo/texts/en"),
        f"campaign-{demo.id}-title": "Safety in your village",
        f"campaign-{demo.id}-intro": "",  # emptied: Dutch again
        f"theme-{demo.themes[0].id}-explanation": "   ",
        key: "Alcohol and drugs  ",
    }
    saved = staff.post("/staff/campaigns/demo/texts/en", data=data)
    assert saved.status_code == 302
    db.session.expire_all()
    campaign = db.session.get(Campaign, demo.id)
    assert campaign.themes[3].translations["en"]["title"] == "Alcohol and drugs"
    # Fields left empty (the intro, the explanations) fall back to Dutch.
    assert "intro" not in campaign.translations["en"]
    assert "explanation" not in campaign.themes[0].translations.get("en", {})
    page = _page(app.test_client(), "/v/demo", ENGLISH)
    assert "Safety in your village" in page and "Alcohol and drugs" in page
    assert "De gemeente maakt een nieuw veiligheidsplan" in page
    event = db.session.scalars(db.select(AuditEvent).filter_by(action="texts.save")).one()
    assert event.target == "demo" and event.details.startswith("en:")


def test_too_long_a_text_is_refused_and_nothing_is_stored(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    before = dict(demo.translations)
    data = {
        "csrf_token": csrf_token(staff, "/staff/campaigns/demo/texts/pl"),
        f"campaign-{demo.id}-title": "x" * 201,
    }
    refused = staff.post("/staff/campaigns/demo/texts/pl", data=data)
    assert refused.status_code == 422 and "200" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Campaign, demo.id).translations == before
    assert staff.get("/staff/campaigns/demo/texts/nl").status_code == 404
    assert staff.get("/staff/campaigns/demo/texts/de").status_code == 404
    viewer = login_as(app.test_client(), "viewer")
    assert viewer.get("/staff/campaigns/demo/texts/en").status_code == 403


def test_staff_translate_a_survey_question_by_question(app, demo) -> None:
    survey = surveys.by_slug("demo-vragenlijst")
    survey.status = "open"
    db.session.commit()
    staff = login_as(app.test_client(), "staff")
    builder = staff.get("/staff/surveys/demo-vragenlijst").get_data(as_text=True)
    assert "/staff/surveys/demo-vragenlijst/texts/pl" in builder
    question = survey.questions[0]
    page = staff.get("/staff/surveys/demo-vragenlijst/texts/pl").get_data(as_text=True)
    assert "Voelt u zich veilig in uw buurt?" in page and "Vraag 1" in page
    token = csrf_token(staff, "/staff/surveys/demo-vragenlijst/texts/pl")
    saved = staff.post(
        "/staff/surveys/demo-vragenlijst/texts/pl",
        data={"csrf_token": token, f"question-{question.id}-text": "Czy tu jest bezpiecznie?"},
    )
    assert saved.status_code == 302
    resident = _page(app.test_client(), "/s/demo-vragenlijst?lang=pl")
    assert "Czy tu jest bezpiecznie?" in resident and "Voelt u zich" not in resident
