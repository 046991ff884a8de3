"""Public results and the association page fit a phone: no sideways scrolling at 390 and
320 px, inside tables or outside, and the chart's text at least 12 px."""

from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import Page
from sqlalchemy import select

from participation.extensions import db
from participation.models import Area, StaffUser
from participation.services.campaigns import associations
from tests.conftest import login_as, publish_results, send_ballot

pytestmark = pytest.mark.e2e
WIDTHS = [390, 320]


@pytest.fixture
def published(app, demo):  # type: ignore[no-untyped-def]
    for village in ["leek"] * 6 + ["marum"] * 6 + ["grijpskerk"] * 5:
        assert send_ballot(app.test_client(), demo, village=village).status_code == 303
    publish_results(demo)
    return demo


def fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    inner = page.evaluate(
        "Array.from(document.querySelectorAll('.table-scroll, table'))"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).length"
    )
    assert inner == 0, "a table scrolls sideways"


@pytest.mark.parametrize("width", WIDTHS)
def test_public_results_fit_a_phone(chromium, live_server, published, width) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server}/results/demo/openbaar")
    fits(page, width)
    chart = page.locator("picture img")
    source = chart.evaluate("img => img.currentSrc")
    assert "formaat=telefoon" in source
    shown_width = chart.evaluate("img => img.getBoundingClientRect().width")
    svg = urllib.request.urlopen(source).read().decode()
    svg_width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    sizes = [float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg)]
    assert min(sizes) * shown_width / svg_width >= 12
    # The ranking as stacked rows: rank, theme and share readable without a table grid.
    share = page.locator("table.ranking tbody tr").first.locator("td").last
    label = share.evaluate("td => getComputedStyle(td, '::before').content")
    assert "Aandeel van de stemmers" in label
    assert share.evaluate("td => getComputedStyle(td.closest('tr')).display") == "grid"
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_association_page_fits_a_phone(app, chromium, live_server, published, width) -> None:
    login_as(app.test_client(), "staff")
    marum = db.session.scalar(select(Area).where(Area.slug == "marum"))
    association = associations.register(
        published, marum, "Dorpsbelang Marum", "", db.session.scalar(select(StaffUser))
    )
    context = chromium.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server}/dorpsbelang/{association.token}")
    fits(page, width)
    context.close()


def test_the_ballot_at_200_percent_text_neither_scrolls_sideways_nor_hides_under_the_counter(
    chromium, live_server, demo
) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server}/v/demo")
    page.evaluate("document.documentElement.style.fontSize = '200%'")  # the reader's text size
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator('input[name="village"], select[name="village"]').first.focus()
    for _ in range(12):  # tab down the themes with the keyboard, as a reader at 200 % would
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        if focused.get_attribute("name") != "theme":
            continue
        box = focused.bounding_box()
        counter = page.locator("#pick-counter").bounding_box()
        assert box is not None and counter is not None
        assert box["y"] + box["height"] <= counter["y"], focused.get_attribute("value")
    context.close()


def test_the_survey_looks_like_the_ballot_on_a_phone(chromium, live_server, demo) -> None:
    """The same answer boxes (full width, at least 44 px to tap) and one heading size for every
    question, whether it is a fieldset or a single field."""
    from participation.services.surveys import surveys

    surveys.by_slug("demo-vragenlijst").status = "open"
    db.session.commit()
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server}/v/demo")
    ballot_box = page.locator(".theme-option label").first.bounding_box()
    page.goto(f"{live_server}/s/demo-vragenlijst")
    fits(page, 390)
    boxes = [page.locator(".choice-list label").nth(i).bounding_box() for i in range(3)]
    for box in boxes:
        assert box["height"] >= 44 and box["width"] == pytest.approx(ballot_box["width"], abs=1)
    border = page.locator(".choice-list label").first.evaluate(
        "l => getComputedStyle(l).borderTopWidth"
    )
    assert border == "2px"
    sizes = page.evaluate(
        "Array.from(document.querySelectorAll('.question > label, .question legend'))"
        ".filter(e => e.offsetParent !== null).map(e => getComputedStyle(e).fontSize)"
    )
    assert len(sizes) >= 5 and len(set(sizes)) == 1
    context.close()
