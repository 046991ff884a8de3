"""The public survey results in Polish on a phone at 200 % text with a logo, and the survey
offered after the ballot with the resident's village already chosen (issue 27.2 and 27.13)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from participation.extensions import db
from participation.services import municipality
from participation.services.accounts import create_user
from participation.services.surveys import surveys
from tests.e2e.test_resident_vote import serious_violations
from tests.staff.test_municipality import png_logo
from tests.surveys.conftest import SAFE, VILLAGE, release_survey, respond

pytestmark = pytest.mark.e2e

PHONES = [(390, 844), (320, 568)]
TEXT_200 = {"standard": 32, "fixed": 26}  # the browser's text size at 200 % (16 px is 100 %)


def large_text_phone(chromium, width: int, height: int) -> Page:  # type: ignore[no-untyped-def]
    context = chromium.new_context(
        viewport={"width": width, "height": height}, locale="nl-NL", has_touch=True
    )
    page = context.new_page()
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": TEXT_200})
    return page


def sideways(page: Page) -> dict:
    return page.evaluate(
        """() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: innerWidth,
          fontSize: parseFloat(getComputedStyle(document.body).fontSize),
          wide: Array.from(document.querySelectorAll('body *'))
            .filter(e => !e.closest('.table-scroll'))
            .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
            .map(e => `${e.tagName}.${e.className} ${(e.textContent || '').trim().slice(0, 30)}`),
        })"""
    )


@pytest.mark.parametrize("size", PHONES, ids=["390px", "320px"])
def test_polish_survey_results_on_a_phone_at_200_percent(
    chromium, live_server, demo, tmp_path, size
) -> None:
    print(f"screenshots: {tmp_path}")
    admin = create_user("beheer@example.org", "een-lang-wachtwoord", "admin")
    municipality.save(
        municipality.LookInput("Gemeente Noordoostpolder", "#00567a", "", "", png_logo(240, 80)),
        admin,
    )
    survey = surveys.by_slug("demo-vragenlijst")
    for n in range(12):
        respond(survey, **{SAFE: "ja" if n < 7 else "nee", VILLAGE: ("leek", "marum")[n % 2]})
    release_survey(survey)
    width, height = size
    page = large_text_phone(chromium, width, height)
    for label, query in (("results", "?lang=pl"), ("split", "?lang=pl&per=dorp")):
        page.goto(f"{live_server}/s/demo-vragenlijst/resultaten{query}")
        assert page.locator("html").get_attribute("lang") == "pl"
        expect(page.get_by_role("heading", level=2).first).to_have_text(
            "1. Czy czujesz się bezpiecznie w swojej okolicy?"
        )
        yes = page.locator("table.data").first.locator("tbody tr").first
        expect(yes).to_have_text(re.compile(r"^\s*Tak\s*7\s*58,3%\s*$"))
        found = sideways(page)
        assert found["fontSize"] >= 32, "the text is not at 200 %"
        assert found["scrollWidth"] <= found["innerWidth"], (label, found["wide"])
        assert serious_violations(page) == [], label
        # Viewport shots: a full-page one drops the 200 % text setting in Chromium.
        page.get_by_role("heading", level=2).first.scroll_into_view_if_needed()
        page.screenshot(path=tmp_path / f"survey-{label}-pl-{width}.png")
        page.locator("table.data").nth(1 if label == "split" else 0).scroll_into_view_if_needed()
        page.screenshot(path=tmp_path / f"survey-{label}-table-pl-{width}.png")
    page.context.close()


def test_the_survey_after_the_ballot_has_the_village_and_it_can_be_changed(
    chromium, live_server, demo, tmp_path
) -> None:
    survey = surveys.by_slug("demo-vragenlijst")
    survey.status = "open"
    db.session.commit()
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server}/v/demo")
    page.get_by_label("Waar woont u?").select_option("marum")
    for box in page.locator(".theme-option input[type=checkbox]").all()[:6]:
        box.check(force=True)
    page.get_by_role("button", name="Verstuur mijn stem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw stem")
    page.screenshot(path=tmp_path / "ballot-thanks.png", full_page=True)
    page.get_by_role("link", name="Beantwoord nog een paar vragen").click()
    village = page.get_by_label("In welk dorp woont u?")
    expect(village).to_have_value("marum")
    village.scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "survey-village.png")
    assert page.url.endswith("/s/demo-vragenlijst?dorp=marum")
    village.select_option("leek")  # still the resident's own choice
    expect(village).to_have_value("leek")
    print(f"screenshots: {tmp_path}")
    context.close()
