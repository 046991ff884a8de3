"""De Wolden's published questionnaire results, rebuilt from 366 individual responses.

The counts below are the integers that give De Wolden's percentages to one decimal on the
stated bases (IVP 2020-2023, `../shared/seeds/003_…txt`). Two details of the source are
modelled: 'Ervaart u overlast?' adds up to 99.8 % on 366 respondents, so one respondent
answered 'weet ik niet' (0.3 %); and the follow-up about the kind of nuisance was answered
by 105 of the 110 who said ja or soms.
"""

from __future__ import annotations

import uuid

import pytest

from participation.extensions import db
from participation.services.surveys import surveys

N = 366
SAFE = {"ja": 338, "neutraal": 21, "nee": 7}
FIRST = {
    "woninginbraak": 192,
    "geweld-hulpverleners": 154,
    "verkeersveiligheid": 148,
    "huiselijk-geweld": 129,
    "diefstal": 75,
    "drugs": 60,
    "vandalisme": 50,
    "brandveiligheid": 40,
    "online": 30,
}
NUISANCE = {"ja": 23, "soms": 87, "nee": 255, "weet-niet": 1}
KIND = {
    "jongeren": 29,
    "hondenpoep": 28,
    "parkeren": 16,
    "rommel": 16,
    "vernieling": 9,
    "anders": 7,
}
HELP = {"ja": 163, "misschien": 129, "nee": 71}  # 3 respondents skipped this question

PUBLISHED = {
    "Voelt u zich veilig in uw buurt?": {"Ja": 92.3, "Nee": 1.9},
    "Welke veiligheidsproblemen moeten als eerste worden aangepakt?": {
        "Woninginbraak": 52.5,
        "Geweld tegen hulpverleners": 42.1,
        "Verkeersveiligheid": 40.4,
        "Huiselijk geweld": 35.2,
        "Diefstal": 20.5,
    },
    "Ervaart u overlast in uw buurt?": {"Ja": 6.3, "Soms": 23.8, "Nee": 69.7},
    "Van welke vorm van overlast heeft u het meeste last?": {
        "Overlast door jongeren": 27.6,
        "Hondenpoep": 26.7,
        "Parkeerproblemen": 15.2,
        "Rommel op straat": 15.2,
        "Vernieling": 8.6,
    },
    "Wilt u zelf een actieve bijdrage leveren om de veiligheid en leefbaarheid in uw buurt te "
    "verbeteren?": {"Ja": 44.9, "Misschien": 35.5, "Nee": 19.6},
}
BASES = {
    "Voelt u zich veilig in uw buurt?": 366,
    "Welke veiligheidsproblemen moeten als eerste worden aangepakt?": 366,
    "Ervaart u overlast in uw buurt?": 366,
    "Van welke vorm van overlast heeft u het meeste last?": 105,
}


def spread(counts: dict[str, int], people: int) -> list[list[str]]:
    """Hand out each option's count to consecutive respondents, wrapping round."""
    picks: list[list[str]] = [[] for _ in range(people)]
    cursor = 0
    for value, count in counts.items():
        for _ in range(count):
            picks[cursor % people].append(value)
            cursor += 1
    return picks


def single(counts: dict[str, int]) -> list[str]:
    return [value for value, count in counts.items() for _ in range(count)]


@pytest.fixture
def answered(demo, staff_client):  # type: ignore[no-untyped-def]
    survey = surveys.by_slug("demo-vragenlijst")
    q = {question.text: question.id for question in survey.questions}
    safe, nuisance, helping = single(SAFE), single(NUISANCE), single(HELP)
    first = spread(FIRST, N)
    kinds = single(KIND)
    follow_ups = 0
    # The survey's questions do not change while the 366 come in: kept loaded between the
    # commits instead of read again for each response (seconds per test).
    session = db.session()
    session.expire_on_commit = False
    for i in range(N):
        raw = {
            q["Voelt u zich veilig in uw buurt?"]: [safe[i]],
            q["Welke veiligheidsproblemen moeten als eerste worden aangepakt?"]: first[i],
            q["Ervaart u overlast in uw buurt?"]: [nuisance[i]],
        }
        if nuisance[i] in ("ja", "soms") and follow_ups < len(kinds):
            raw[q["Van welke vorm van overlast heeft u het meeste last?"]] = [kinds[follow_ups]]
            follow_ups += 1
        if i < len(helping):
            raw[q[next(t for t in q if t.startswith("Wilt u zelf"))]] = [helping[i]]
        assert surveys.submit(survey, uuid.uuid4(), raw)
    session.expire_on_commit = True
    session.expire_all()
    return survey


def test_the_json_reproduces_de_woldens_percentages(staff_client, answered) -> None:
    data = staff_client.get("/api/v1/surveys/demo-vragenlijst/results").get_json()
    assert data["respondents"] == N
    by_text = {question["text"]: question for question in data["questions"]}
    for text, published in PUBLISHED.items():
        got = {o["label"]: o["percent"] for o in by_text[text]["options"]}
        for label, percent in published.items():
            assert got[label] == percent, (text, label)
    for text, base in BASES.items():
        assert by_text[text]["base"] == base
    helping = next(q for t, q in by_text.items() if t.startswith("Wilt u zelf"))
    assert helping["base"] == 363
    first = by_text["Welke veiligheidsproblemen moeten als eerste worden aangepakt?"]
    assert sum(o["percent"] for o in first["options"]) > 100  # several answers per person
    assert {o["label"]: o["count"] for o in first["options"]}["Woninginbraak"] == 192


@pytest.mark.sqlite_only  # the same counts as the JSON's, drawn
def test_the_results_page_shows_the_same_percentages_and_bases(staff_client, answered) -> None:
    page = staff_client.get("/s/demo-vragenlijst/resultaten").get_data(as_text=True)
    assert "366 inwoners vulden de vragenlijst in." in page
    for text, published in PUBLISHED.items():
        section = page.split(f". {text}</h2>")[1].split("</section>")[0]
        for label, percent in published.items():
            row = section.split(f'<th scope="row">{label}</th>')[1].split("</tr>")[0]
            assert f"{percent:.1f}%".replace(".", ",") in row, (text, label)  # Dutch: 52,5%
    follow_up = page.split(". Van welke vorm van overlast")[1].split("</section>")[0]
    assert "Basis: 105 inwoners die antwoord gaven" in follow_up


def test_the_csv_and_the_campaign_workbook_carry_the_same_numbers(staff_client, answered) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    rows = list(
        csv.DictReader(io.StringIO(staff_client.get("/s/demo-vragenlijst/resultaten.csv").text))
    )
    burglary = next(r for r in rows if r["answer"] == "Woninginbraak")
    assert (burglary["base"], burglary["count"], burglary["percent"]) == ("366", "192", "52.5")
    book = load_workbook(io.BytesIO(staff_client.get("/results/demo/totalen.xlsx").data))
    sheet = list(book["Vragenlijst 1"].iter_rows(values_only=True))
    assert sheet[0][:6] == ("vraag", "soort", "basis", "antwoord", "aantal", "aandeel")
    assert ("Hondenpoep", 28, 0.267) in [(r[3], r[4], r[5]) for r in sheet[1:]]
    about = [
        r[2] for r in book["Toelichting"].iter_rows(values_only=True) if r[0] == "Vragenlijst 1"
    ]
    assert "vragenlijst 'Vragenlijst veiligheid in uw buurt'" in about


@pytest.mark.sqlite_only  # the same counts as the JSON's, drawn
def test_each_closed_question_has_a_chart(staff_client, answered) -> None:
    survey = surveys.by_slug("demo-vragenlijst")
    first = survey.questions[1]
    svg = staff_client.get(f"/s/demo-vragenlijst/grafiek/{first.id}.svg").get_data(as_text=True)
    assert "Woninginbraak" in svg and "52,5%" in svg and "(basis: 366)" in svg
    open_question = survey.questions[-1]
    url = f"/s/demo-vragenlijst/grafiek/{open_question.id}.png"
    assert staff_client.get(url).status_code == 404


@pytest.mark.sqlite_only  # the same counts as the JSON's, drawn
def test_the_campaign_report_holds_the_survey(staff_client, answered) -> None:
    from tests.staff.test_posters import pdf_pages

    pages = pdf_pages(staff_client.get("/results/demo/rapport.pdf").data, dpi=40)
    text = " ".join(" ".join(page_text.split()) for _, page_text, _ in pages)
    assert "Vragenlijst: Vragenlijst veiligheid in uw buurt" in text
    assert "366 inwoners vulden de vragenlijst in." in text
    assert "Woninginbraak 192 52,5%" in text  # a decimal comma, as on the pages
