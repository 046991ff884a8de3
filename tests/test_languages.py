"""Dutch by default, the browser's language when it asks, a switch; Polish on the resident pages."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from participation.extensions import db
from participation.services.surveys import surveys

ROOT = Path(__file__).resolve().parents[1]
# What a resident sees while voting or answering a survey, whatever the page.
RESIDENT_TEMPLATES = [
    "templates/base.html",
    "templates/_macros.html",
    "templates/errors/error.html",
    "templates/results/outcome.html",
    *(str(p.relative_to(ROOT)) for p in (ROOT / "templates/vote").glob("*.html")),
    *(
        f"templates/surveys/{name}.html"
        for name in ("form", "step", "_question", "_hint", "thanks", "closed")
    ),
]
RESIDENT_CODE = [
    "participation/web/ballot_form.py",
    "participation/web/forms.py",
    "participation/web/input_gate.py",
    "participation/web/access.py",
    "participation/web/ballot_messages.py",
    "participation/vote/routes.py",
    "participation/vote/follow_up_routes.py",
    "participation/vote/forms.py",
    "participation/surveys/messages.py",
    "participation/surveys/routes.py",
    "participation/errors.py",
    *(str(p.relative_to(ROOT)) for p in (ROOT / "participation/stand").glob("*.py")),
    *(str(p.relative_to(ROOT)) for p in (ROOT / "participation/associations").glob("*.py")),
    *(str(p.relative_to(ROOT)) for p in (ROOT / "participation/sessions").glob("*.py")),
]
KEYWORDS = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)}


def resident_messages() -> set[str]:
    found = set()
    for method, files in (("jinja2", RESIDENT_TEMPLATES), ("python", RESIDENT_CODE)):
        for name in files:
            for _, message, _, _ in extract_from_file(method, str(ROOT / name), keywords=KEYWORDS):
                found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_resident_message_has_a_polish_translation() -> None:
    with open(ROOT / "participation/translations/pl/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and m.string and (isinstance(m.string, str) or all(m.string)) and not m.fuzzy
    }
    missing = sorted(resident_messages() - translated)
    assert missing == []


def test_the_ballot_reads_in_dutch_english_and_polish(client, demo) -> None:
    assert "Verstuur mijn stem" in client.get("/v/demo").get_data(as_text=True)
    english = client.get("/v/demo", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Send my vote" in english.get_data(as_text=True)
    polish = client.get("/v/demo", headers={"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"})
    page = polish.get_data(as_text=True)
    assert 'lang="pl"' in page and "Wyślij mój głos" in page and "Gdzie mieszkasz?" in page
    assert ">Nederlands</a>" in page and ">English</a>" in page


def test_the_switch_wins_over_the_browser_and_is_remembered(client, demo) -> None:
    surveys.by_slug("demo-vragenlijst").status = "open"
    db.session.commit()
    page = client.get("/s/demo-vragenlijst?lang=pl", headers={"Accept-Language": "en"})
    assert "Wyślij moje odpowiedzi" in page.get_data(as_text=True)
    again = client.get("/v/demo", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Wyślij mój głos" in again  # the cookie remembers Polish


def test_the_kiosk_and_the_session_read_in_polish(client, demo) -> None:
    from tests.conftest import add_stand, paired_kiosk

    stand = add_stand(demo)
    page = paired_kiosk(stand, client).get(f"/stand/{stand.token}?lang=pl").get_data(as_text=True)
    assert 'lang="pl"' in page and "Głosuj na stoisku" in page
    assert "Dołącz do sesji" in client.get("/sessie").get_data(as_text=True)


def test_polish_readers_get_english_on_pages_not_yet_in_polish(client, demo) -> None:
    page = client.get("/staff/login?lang=pl").get_data(as_text=True)
    assert 'lang="en"' in page and "Log in" in page
    assert ">Polski</a>" not in page


def test_an_unknown_page_says_so_in_polish(client, app) -> None:
    page = client.get("/bestaat-niet?lang=pl")
    assert page.status_code == 404 and "Nie znaleziono strony" in page.get_data(as_text=True)


def test_the_statements_exist_in_every_language(client, app) -> None:
    for language, heading in [
        ("nl", "Privacyverklaring"),
        ("en", "Privacy statement"),
        ("pl", "Oświadczenie o prywatności"),
    ]:
        assert heading in client.get(f"/privacy?lang={language}").get_data(as_text=True)
    assert "Deklaracja dostępności" in client.get("/toegankelijkheid?lang=pl").get_data(
        as_text=True
    )


def test_a_language_change_keeps_the_posters_village_and_source(client, demo) -> None:
    """The walk: choosing English on /v/demo?dorp=leek&bron=poster-bibliotheek went to
    /v/demo?lang=en, losing the village and counting the vote as a plain web link."""
    import html
    import re

    page = client.get("/v/demo?dorp=leek&bron=poster-bibliotheek").get_data(as_text=True)
    link = html.unescape(re.search(r'<a href="([^"]*lang=en[^"]*)"', page).group(1))
    assert link == "?dorp=leek&bron=poster-bibliotheek&lang=en"
    english = client.get(f"/v/demo{link}").get_data(as_text=True)
    assert '<html lang="en">' in english
    leek = re.search(r'<option[^>]*value="leek"[^>]*>', english).group(0)
    assert "selected" in leek
    # And back to Dutch keeps them too, with the one language parameter.
    back = html.unescape(re.search(r'<a href="([^"]*lang=nl[^"]*)"', english).group(1))
    assert back == "?dorp=leek&bron=poster-bibliotheek&lang=nl"


def test_public_pages_have_a_description_and_the_survey_thanks_leads_on(client, demo) -> None:
    page = client.get("/v/demo").get_data(as_text=True)
    assert '<meta name="description" content="Gemeente Westerkwartier vraagt inwoners' in page
    english = client.get("/v/demo?lang=en").get_data(as_text=True)
    assert "asks its residents which safety themes matter most" in english
    thanks = client.get("/s/demo-vragenlijst/bedankt").get_data(as_text=True)
    assert 'href="/privacy"' in thanks.split("</h1>")[1].split("</main>")[0]
