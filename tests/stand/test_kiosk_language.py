"""The stand's tablet speaks Dutch to every new resident, whatever the tablet's own language or
the last resident's choice, and offers English and Polish with large buttons on its first
screen; a resident's choice holds until their vote is in."""

from __future__ import annotations

import re
import uuid

from flask.testing import FlaskClient

from tests.conftest import paired_kiosk

ENGLISH_TABLET = {"Accept-Language": "en-GB,en;q=0.9"}


def page_of(client: FlaskClient, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def language_buttons(html: str) -> list[tuple[str, str, str]]:
    """(lang, href, label) of each language button, in the order shown."""
    nav = re.search(r'<nav class="kiosk-languages".*?</nav>', html, re.S)
    assert nav is not None, "no language buttons on the kiosk"
    found = re.findall(r'<a [^>]*href="([^"]*)"[^>]*lang="(\w+)"[^>]*>([^<]+)</a>', nav.group(0))
    return [(lang, href.replace("&amp;", "&"), label.strip()) for href, lang, label in found]


def test_an_english_tablet_shows_the_kiosk_in_dutch(client, demo, stand) -> None:
    tablet = paired_kiosk(stand, client)
    html = page_of(tablet, f"/stand/{stand.token}", **ENGLISH_TABLET)
    assert '<html lang="nl">' in html
    assert "Verstuur mijn stem" in html and "Send my vote" not in html


def test_the_last_residents_language_does_not_stay_for_the_next(client, demo, stand) -> None:
    tablet = paired_kiosk(stand, client)
    english = page_of(tablet, f"/stand/{stand.token}?lang=en")
    assert '<html lang="en">' in english and "Send my vote" in english
    # The next resident opens the kiosk's own address: Dutch, though the tablet remembered
    # English for other pages.
    html = page_of(tablet, f"/stand/{stand.token}", **ENGLISH_TABLET)
    assert '<html lang="nl">' in html and "Verstuur mijn stem" in html


def test_the_first_screen_offers_each_language_in_its_own_words(client, demo, stand) -> None:
    tablet = paired_kiosk(stand, client)
    html = page_of(tablet, f"/stand/{stand.token}?bron=banner", **ENGLISH_TABLET)
    buttons = language_buttons(html)
    assert [(lang, label) for lang, _, label in buttons] == [
        ("nl", "Nederlands"),
        ("en", "English"),
        ("pl", "Polski"),
    ]
    hrefs = {lang: href for lang, href, _ in buttons}
    assert hrefs["en"] == "?bron=banner&lang=en"  # the kiosk's own query is kept
    assert 'aria-current="true"' in re.search(r"<a [^>]*>Nederlands</a>", html).group(0)  # type: ignore[union-attr]
    english = page_of(tablet, f"/stand/{stand.token}{hrefs['en']}")
    assert '<html lang="en">' in english
    assert language_buttons(english)[0][0] == "nl"  # Dutch stays first, to go back


def test_without_javascript_the_residents_language_holds_until_the_vote_is_in(
    client, demo, stand
) -> None:
    tablet = paired_kiosk(stand, client)
    english = page_of(tablet, f"/stand/{stand.token}?lang=en")
    action = re.search(r'<form method="post" action="([^"]+)"[^>]*class="ballot kiosk"', english)
    assert action is not None
    url = action.group(1).replace("&amp;", "&")
    too_few = {"ballot_key": str(uuid.uuid4()), "village": "marum", "theme": [demo.themes[0].id]}
    refused = tablet.post(url, data=too_few, headers=ENGLISH_TABLET)
    assert refused.status_code == 422
    assert '<html lang="en">' in refused.get_data(as_text=True)
    themes = [theme.id for theme in demo.themes[:6]]
    sent = tablet.post(url, data={**too_few, "theme": themes}, headers=ENGLISH_TABLET)
    assert sent.status_code == 303
    thanks = page_of(tablet, sent.headers["Location"], **ENGLISH_TABLET)
    assert '<html lang="en">' in thanks and "Thank you for voting" in thanks
    # The way back (the link, and the page's own refresh) leads to the Dutch start screen.
    assert f'href="/stand/{stand.token}"' in thanks
    assert f'url=/stand/{stand.token}"' in thanks


def test_the_survey_offered_at_the_stand_keeps_the_residents_language(client, demo, stand) -> None:
    from participation.extensions import db
    from participation.services.surveys import surveys

    surveys.by_slug("demo-vragenlijst").status = "open"
    db.session.commit()
    tablet = paired_kiosk(stand, client)
    for lang in ("nl", "en"):
        html = page_of(tablet, f"/stand/{stand.token}?lang={lang}", **ENGLISH_TABLET)
        offer = re.search(r'<p class="survey-offer"><a class="button-link" href="([^"]+)"', html)
        assert offer is not None
        survey = page_of(tablet, offer.group(1).replace("&amp;", "&"), **ENGLISH_TABLET)
        assert f'<html lang="{lang}">' in survey
