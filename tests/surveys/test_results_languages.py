"""The public survey results in the resident's language: the page's own texts, and the
questions and answers as the survey gives them in it; Dutch when the survey does not
(issue 27.2). Files take ?taal= and stay Dutch without it."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

from babel.messages.extract import extract_from_file

from participation.extensions import db
from tests.surveys.conftest import (
    JSON,
    NUISANCE,
    PAGE,
    SAFE,
    VILLAGE,
    demo_survey,
    release_survey,
    respond,
)

ROOT = Path(__file__).resolve().parents[2]
SAFE_PL = "Czy czujesz się bezpiecznie w swojej okolicy?"
SAFE_EN = "Do you feel safe in your neighbourhood?"


def _released(**extra: object) -> None:
    """Twelve responses released: 'ja' 7 times, 'nee' 5 times; villages Leek 6, Marum 6."""
    survey = demo_survey()
    for n in range(12):
        respond(survey, **{SAFE: "ja" if n < 7 else "nee", VILLAGE: ("leek", "marum")[n % 2]})
    for _ in range(int(extra.get("more", 0))):
        respond(survey)
    release_survey(survey)


def _page(client, url: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def _visible(page: str) -> str:
    """The page's text as a reader gets it: no tags, entities decoded, spaces folded."""
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'\b(?:alt|aria-label|title|content)="([^"]*)"', r" \1 ", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_polish_results_read_in_polish_with_the_polish_questions(client, demo) -> None:
    _released()
    page = _page(client, f"{PAGE}?lang=pl")
    text = _visible(page)
    assert '<html lang="pl">' in page
    assert "Wyniki: Ankieta: bezpieczeństwo w Twojej okolicy" in text
    assert f"1. {SAFE_PL}" in text
    assert "Odpowiedź Liczba Procent" in text  # the table's header
    assert "Tak 7 58,3%" in text and "Nie 5 41,7%" in text
    assert "Podstawa: 12 mieszkańców, którzy odpowiedzieli" in text
    assert "Odpowiedziało 12 mieszkańców." in text
    assert SAFE not in text and "Voelt u zich" not in text
    assert "Ja 7" not in text and "Answer" not in text and "Percent" not in text
    # Split by village: the columns are the villages, the rows the Polish answers.
    split = _visible(_page(client, f"{PAGE}?lang=pl&per=dorp"))
    assert "Podział: procent mieszkańców każdej kolumny, którzy odpowiedzieli" in split
    assert "Leek n = 6 Marum n = 6" in split
    assert "Brak odpowiedzi n = 0 Tak 0 (–) 0 (–) < 5 < 5 0 (–)" in split


def test_english_results_read_in_english_with_the_english_questions(client, demo) -> None:
    _released()
    page = _page(client, f"{PAGE}?lang=en")
    text = _visible(page)
    assert '<html lang="en">' in page
    assert "Results: Questionnaire: safety in your neighbourhood" in text
    assert f"1. {SAFE_EN}" in text and "Yes 7 58.3%" in text and "No 5 41.7%" in text
    assert "Base: 12 residents who answered" in text
    assert SAFE not in text and "Ja 7" not in text


def test_dutch_stays_the_default(client, demo) -> None:
    _released()
    text = _visible(_page(client, PAGE))
    assert f"1. {SAFE}" in text and "Ja 7 58,3%" in text
    assert "Basis: 12 inwoners die antwoord gaven" in text


def test_without_polish_texts_polish_is_not_offered_and_the_page_is_dutch(client, demo) -> None:
    _released()
    option = demo_survey().questions[0].options[0]
    option.translations = {"en": option.translations["en"]}  # no Polish 'Tak' any more
    db.session.commit()
    page = _page(client, f"{PAGE}?lang=pl")
    assert '<html lang="nl">' in page
    assert f"1. {SAFE}" in _visible(page) and SAFE_PL not in page
    assert "lang=pl" not in page and ">Polski</a>" not in page
    assert ">English</a>" in page  # English is still complete


def test_the_language_switch_offers_polish_on_the_public_results(client, demo) -> None:
    _released()
    page = _page(client, PAGE)
    assert ">Polski</a>" in page and ">English</a>" in page


def test_staff_keep_their_page_with_the_dutch_texts(client, demo) -> None:
    from tests.conftest import login_as

    _released()
    login_as(client, "staff")
    page = _page(client, f"{PAGE}?lang=pl")
    assert '<html lang="en">' in page  # staff pages are not in Polish
    assert f"1. {SAFE}" in _visible(page)


def test_not_released_yet_says_so_in_polish(client, demo) -> None:
    from tests.surveys.conftest import publish

    publish(demo)
    page = _page(client, f"{PAGE}?lang=pl")
    assert '<html lang="pl">' in page
    assert "Nie opublikowano jeszcze żadnych wyników ankiety." in _visible(page)


PUBLIC_SOURCES = [
    ("jinja2", "templates/surveys/results.html"),
    ("jinja2", "templates/surveys/not_released.html"),
    ("python", "participation/services/surveys/survey_blocks.py"),
    ("python", "participation/services/surveys/survey_counts.py"),
    ("python", "participation/services/surveys/survey_splits.py"),
    ("python", "participation/services/surveys/survey_releases.py"),
]
KEYWORDS = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)}


def _english_pieces() -> set[str]:
    """Every English msgid these pages may show, cut at its placeholders: the pieces of four
    letters or more, which a Polish page must not contain."""
    pieces = set()
    for method, name in PUBLIC_SOURCES:
        for _, message, _, _ in extract_from_file(method, str(ROOT / name), keywords=KEYWORDS):
            for text in [message] if isinstance(message, str) else message:
                for piece in re.split(r"%\([a-z_]+\)[sd]|%%", text or ""):
                    piece = piece.strip(" .,:;()")
                    if len(piece) >= 4:
                        pieces.add(piece)
    return pieces


def test_no_english_leaks_into_the_polish_results(client, demo) -> None:
    """Every page the public can reach, with small groups shown together and a split."""
    survey = demo_survey()
    for n in range(12):
        respond(survey, **{VILLAGE: ("leek", "marum", "zuidhorn")[n % 3]})
    respond(survey, **{VILLAGE: "tolbert", NUISANCE: "ja"})  # small groups: shown together
    release_survey(survey)
    pieces = _english_pieces()
    assert {"Split by", "Together", "Answer", "Respondents"} <= pieces
    split = survey.questions[0].id  # a question with one answer each
    for url in (f"{PAGE}?lang=pl", f"{PAGE}?lang=pl&per=dorp", f"{PAGE}?lang=pl&per={split}"):
        text = _visible(_page(client, url))
        assert "Razem:" in text or "per=" in url
        leaked = sorted(p for p in pieces if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text))
        assert leaked == [], url


def test_the_files_take_the_language_and_stay_dutch_without_it(client, demo) -> None:
    _released()
    page = _page(client, f"{PAGE}?lang=pl")
    links = {html.unescape(u) for u in re.findall(r'href="([^"]*resultaten\.csv[^"]*)"', page)}
    assert links == {
        "/s/demo-vragenlijst/resultaten.csv?taal=pl",
        "/s/demo-vragenlijst/resultaten.csv?format=excel&taal=pl",
    }
    assert f'href="{JSON}?taal=pl"' in page
    rows = list(csv.reader(io.StringIO(client.get(f"{PAGE}.csv?taal=pl").get_data(as_text=True))))
    assert rows[0] == ["question_id", "question", "type", "base", "answer", "count", "percent"]
    assert [rows[1][1], rows[1][4], rows[1][5]] == [SAFE_PL, "Tak", "7"]
    dutch = list(csv.reader(io.StringIO(client.get(f"{PAGE}.csv").get_data(as_text=True))))
    assert [dutch[1][1], dutch[1][4], dutch[1][5]] == [SAFE, "Ja", "7"]
    english = client.get(f"{JSON}?taal=en").get_json()
    assert english["questions"][0]["text"] == SAFE_EN
    assert english["questions"][0]["options"][0]["label"] == "Yes"
    assert client.get(JSON).get_json()["questions"][0]["text"] == SAFE
    # A language the survey is not written in: Dutch, as without one.
    assert client.get(f"{JSON}?taal=de").get_json()["questions"][0]["text"] == SAFE


def test_the_chart_takes_the_language(client, demo) -> None:
    _released()
    page = _page(client, f"{PAGE}?lang=pl")
    src = html.unescape(re.search(r'<img src="([^"]*grafiek[^"]*)"', page).group(1))
    assert src.endswith("taal=pl")
    chart = client.get(src).get_data(as_text=True)
    assert "podstawa: 12" in chart and "Tak" in chart
    assert "basis" not in chart and ">Ja<" not in chart
    dutch = client.get(src.split("?")[0]).get_data(as_text=True)
    assert "basis: 12" in dutch
