"""The report: a PDF that holds the figures and the caveats, and a page that prints cleanly."""

from __future__ import annotations

import pytest

from tests.conftest import send_ballot
from tests.staff.test_posters import pdf_pages


@pytest.fixture
def voted(staff_client, demo):  # type: ignore[no-untyped-def]
    for village in ["leek"] * 4 + ["marum"] * 3:
        send_ballot(staff_client, demo, village)
    return demo


def test_the_pdf_report_holds_participation_ranking_and_caveats(staff_client, voted) -> None:
    response = staff_client.get("/results/demo/rapport.pdf")
    assert response.mimetype == "application/pdf"
    assert 'filename="demo-rapport-' in response.headers["Content-Disposition"]
    pages = pdf_pages(response.data, dpi=60)
    text = " ".join(" ".join(page_text.split()) for _, page_text, _ in pages)
    assert "Resultaten: Wat vindt u belangrijk voor de veiligheid in uw dorp?" in text
    assert "7 inwoners deden mee." in text
    assert "Deelname per dorp en kanaal" in text and "Leek *" in text
    assert "Meedoen was vrijwillig." in text  # the first caveat: not a random sample
    assert all(size == pytest.approx((595.3, 841.9), abs=0.5) for size, _, _ in pages)


def test_the_report_page_has_print_css_and_every_chart(staff_client, voted) -> None:
    page = staff_client.get("/results/demo/rapport").get_data(as_text=True)
    for name in ("totaal", "dorpen", "warmtekaart", "kanalen"):
        assert f"/results/demo/grafiek/{name}.svg" in page
    assert "Werkwijze en kanttekeningen" in page
    css = staff_client.get("/static/css/app.css").get_data(as_text=True)
    assert "@media print" in css and ".site-header, .site-footer" in css


def test_the_report_needs_a_login(app, demo) -> None:
    assert app.test_client().get("/results/demo/rapport.pdf").status_code == 302
