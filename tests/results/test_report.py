"""The report: a PDF that holds the figures and the caveats, and a page that prints cleanly."""

from __future__ import annotations

import base64
import io
import re

import pytest

from tests.conftest import send_ballot
from tests.staff.test_posters import pdf_pages


@pytest.fixture
def voted(staff_client, demo):  # type: ignore[no-untyped-def]
    for village in ["leek"] * 6 + ["marum"] * 5:
        send_ballot(staff_client, demo, village)
    return demo


def test_the_pdf_report_holds_participation_ranking_and_caveats(staff_client, voted) -> None:
    response = staff_client.get("/results/demo/rapport.pdf")
    assert response.mimetype == "application/pdf"
    assert 'filename="demo-rapport-' in response.headers["Content-Disposition"]
    pages = pdf_pages(response.data, dpi=60)
    text = " ".join(" ".join(page_text.split()) for _, page_text, _ in pages)
    assert "Resultaten: Wat vindt u belangrijk voor de veiligheid in uw dorp?" in text
    assert "11 inwoners deden mee." in text
    assert "Deelname per dorp en kanaal" in text and "Leek *" in text
    assert "Meedoen was vrijwillig." in text  # the first caveat: not a random sample
    assert all(size == pytest.approx((595.3, 841.9), abs=0.5) for size, _, _ in pages)


def test_the_report_page_has_print_css_and_every_chart(staff_client, voted) -> None:
    page = staff_client.get("/results/demo/rapport").get_data(as_text=True)
    # The charts are drawn from the report's own figures (small groups folded), in the page.
    images = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert len(images) == 4
    assert all(b"<svg" in base64.b64decode(image) for image in images)
    assert "Werkwijze en kanttekeningen" in page
    css = staff_client.get("/static/css/app.css").get_data(as_text=True)
    assert "@media print" in css and ".site-header, .site-footer" in css


def test_the_report_needs_a_login(app, demo) -> None:
    assert app.test_client().get("/results/demo/rapport.pdf").status_code == 302


def store_ballots(campaign, village: str, n: int, positions, channel: str = "web", stand=None):  # type: ignore[no-untyped-def]
    """n ballots stored as the voting service stores them, quicker than posting each one."""
    import uuid

    from participation.domain.ballots import choice_mask
    from participation.extensions import db
    from participation.models import Ballot, BallotChoice

    area = next(a for a in campaign.areas if a.slug == village)
    picked = [t for t in campaign.themes if t.position in positions]
    mask = choice_mask([t.id for t in picked], {t.id: t.bit for t in campaign.themes})
    for _ in range(n):
        ballot = Ballot(
            ballot_key=uuid.uuid4(),
            campaign_id=campaign.id,
            area_id=area.id,
            channel=channel,
            trust_level="stand" if stand else "device",
            stand_id=stand.id if stand else None,
            choice_mask=mask,
        )
        ballot.choices = [BallotChoice(theme_id=t.id) for t in picked]
        db.session.add(ballot)
    db.session.commit()


COMMON, OWN = range(1, 7), range(7, 13)  # the themes most pick; the ones Grootegast picks


@pytest.fixture
def small_villages(demo):  # type: ignore[no-untyped-def]
    """Leek 40, Marum 30, Tolbert 12, Zuidhorn 6 and Grootegast 3 (who all pick other themes)."""
    for village, n in (("leek", 40), ("marum", 30), ("tolbert", 12), ("zuidhorn", 6)):
        store_ballots(demo, village, n, COMMON)
    store_ballots(demo, "grootegast", 3, OWN)
    return demo


def _rows(page: str) -> dict[str, str]:
    """The participants table: each row's heading and its first cell, as text."""
    table = page.split("Deelname per dorp en kanaal</caption>")[1].split("</table>")[0]
    rows = re.findall(r'<th scope="row">(.*?)</th><td class="num"[^>]*>(.*?)</td>', table)
    return {name.strip(): cell.strip() for name, cell in rows}


def test_the_report_folds_a_village_of_3_and_marks_one_of_12(staff_client, small_villages) -> None:
    page = staff_client.get("/results/demo/rapport").get_data(as_text=True)
    rows = _rows(page)
    assert rows["Leek"] == "40" and rows["Marum"] == "30"
    assert rows["Grijpskerk"] == "0"  # no voters: nothing to hide, and no marker
    assert rows["Tolbert *"] == "12"  # under 30: marked, as on the public page
    # Grootegast (3) is not shown, and Zuidhorn (6) goes with it: 91 − 40 − 30 − 12 would
    # otherwise give Grootegast back.
    assert rows["Grootegast"] == rows["Zuidhorn"] == "niet apart getoond †"
    assert rows["Overige dorpen samen † *"] == "9"
    assert rows["Totaal"] == "91"
    assert "Dorpen met minder dan 5 stemmers staan niet apart" in page
    stands_out = page.split("Wat opvalt per dorp")[1].split("<h2")[0]
    assert "Grootegast" not in stands_out and "Overige dorpen" not in stands_out
    # The weighted total: Tolbert (12) with Marum, the nearest in residents (4,100 vs 3,600);
    # the other villages together (9; 12,200 residents) with Leek (9,800).
    assert (
        "Voor de gewogen telling zijn kleine dorpen (minder dan 30 stemmers) samengenomen met "
        "het dorp met het dichtstbijzijnde inwonertal: Leek met de overige dorpen; Marum met "
        "Tolbert." in page
    )
    # The alt text of the per-village charts names no folded village either.
    alts = " ".join(re.findall(r'alt="([^"]*)"', page))
    assert "Grootegast" not in alts and "Tolbert (n = 12)" in alts


def test_the_report_pdf_shows_no_figure_of_the_village_of_3(staff_client, small_villages) -> None:
    pages = pdf_pages(staff_client.get("/results/demo/rapport.pdf").data, dpi=40)
    text = " ".join(" ".join(page_text.split()) for _, page_text, _ in pages)
    assert "91 inwoners deden mee." in text
    assert "Tolbert * 12" in text
    assert "Grootegast niet apart getoond †" in text and "Zuidhorn niet apart getoond †" in text
    assert "Overige dorpen samen † * 9" in text
    assert "Marum met Tolbert" in text
    assert "Wat opvalt in Grootegast" not in text


def test_the_report_pdf_charts_show_no_village_of_3(staff_client, small_villages) -> None:
    pages = pdf_pages(staff_client.get("/results/demo/rapport.pdf").data, dpi=40)
    text = " ".join(" ".join(page_text.split()) for _, page_text, _ in pages)
    assert re.search(r"n = [36]\b", text) is None  # Grootegast's 3, Zuidhorn's 6
    assert "Overige dorpen samen (n = 9)" in text and "Grootegast (n" not in text


def test_a_campaign_of_3_ballots_shows_no_figures_in_the_report(staff_client, demo) -> None:
    store_ballots(demo, "grootegast", 3, OWN)
    page = staff_client.get("/results/demo/rapport").get_data(as_text=True)
    assert "Minder dan 5 inwoners deden mee" in page
    assert "Deelname per dorp en kanaal" not in page
    assert "Thema's op aantal stemmen" not in page and "Grootegast" not in page
    pdf = pdf_pages(staff_client.get("/results/demo/rapport.pdf").data, dpi=40)
    text = " ".join(" ".join(page_text.split()) for _, page_text, _ in pdf)
    assert "Minder dan 5 inwoners deden mee" in text
    assert "Grootegast" not in text and "Sociale wijkproblematiek" not in text


def test_a_channel_of_2_in_a_village_is_not_shown(staff_client, small_villages) -> None:
    store_ballots(small_villages, "leek", 2, COMMON, channel="qr")
    page = staff_client.get("/results/demo/rapport").get_data(as_text=True)
    table = page.split("Deelname per dorp en kanaal</caption>")[1].split("</table>")[0]
    assert "QR-code" not in table and "weblink" not in table  # 2 by QR would follow
    assert _rows(page)["Leek"] == "42"
    assert "te weinig stemmen per dorp en kanaal om de kanalen apart te tonen" in page


def test_villages_that_are_all_small_are_not_named(staff_client, demo) -> None:
    store_ballots(demo, "leek", 4, COMMON)
    store_ballots(demo, "marum", 4, OWN)
    page = staff_client.get("/results/demo/rapport").get_data(as_text=True)
    rows = _rows(page)
    # Two villages of 4: named, their merged 8 would say each had 4; the empty ones are left
    # out too, since what is missing would name them just as well.
    assert rows == {"Overige dorpen samen *": "8", "Totaal *": "8"}
    assert "te weinig stemmers per dorp om dorpen apart te tonen" in page


def test_the_staff_page_says_which_villages_the_weighting_took_together(
    staff_client, small_villages
) -> None:
    page = staff_client.get("/results/demo").get_data(as_text=True)
    # Every village counts for staff: Grootegast (3; 3,300 residents) goes with Tolbert
    # (3,600), Zuidhorn (6; 8,900) with Leek (9,800), and Tolbert's 15 then with Marum.
    assert (
        "samengenomen met het dorp met het dichtstbijzijnde inwonertal: Grootegast met Marum "
        "en Tolbert; Leek met Zuidhorn." in page
    )


def test_the_workbook_explains_the_weighting_and_lists_merged_villages(
    staff_client, small_villages
) -> None:
    from openpyxl import load_workbook

    from participation.renderers.workbook import weighting_note

    book = load_workbook(io.BytesIO(staff_client.get("/results/demo/totalen.xlsx").data))
    rows = list(book["Toelichting"].iter_rows(values_only=True))
    weighting = [row[2] for row in rows if row[1] == "gewogen aandeel" and row[0] == "(werkwijze)"]
    assert len(weighting) == 1
    assert "met het dichtstbijzijnde inwonertal: Grootegast met Marum" in weighting[0]
    assert weighting_note((("Doezum", "Kornhorn"), ("Lutjegast", "Pieterzijl", "Visvliet"))) == (
        "Elk dorp telt mee naar zijn aantal inwoners (poststratificatie). Voor de gewogen "
        "telling zijn kleine dorpen (minder dan 30 stemmers) samengenomen met het dorp met het "
        "dichtstbijzijnde inwonertal: Doezum met Kornhorn; Lutjegast met Pieterzijl en Visvliet."
    )


def test_the_report_shows_survey_answers_as_the_public_sees_them(staff_client, demo) -> None:
    from tests.surveys.test_answering import post as answer_survey

    for place in ["leek"] * 5 + ["marum"]:
        response = answer_survey(staff_client, **{"In welk dorp woont u": place})
        assert response.status_code == 303
    page = staff_client.get("/results/demo/rapport").get_data(as_text=True)
    survey = page.split("In welk dorp woont u?")[1].split("</table>")[0]
    assert survey.startswith(" (Basis niet getoond, zodat geen kleine groep af te leiden is)")
    # Marum's one respondent is '< 5'; Leek's 5 would give it back from the base, so it goes.
    assert '<th scope="row">Marum</th><td class="num">&lt; 5</td>' in survey
    assert '<th scope="row">Leek</th><td class="num">&lt; 5</td>' in survey
    assert "Aantallen van 1 tot en met 4 staan er als" in page.split("In welk dorp woont u?")[1]
    staff_page = staff_client.get("/s/demo-vragenlijst/resultaten").get_data(as_text=True)
    assert "Marum" in staff_page  # staff still see every count on their own page


def test_the_staff_json_names_the_villages_weighed_together(staff_client, small_villages) -> None:
    weighted = staff_client.get("/api/v1/campaigns/demo/results").json["weighted"]
    assert weighted["merged"] == [["Grootegast", "Marum", "Tolbert"], ["Leek", "Zuidhorn"]]
    assert 0 < weighted["effective_n"] <= weighted["ballots"]
