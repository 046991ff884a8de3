"""The stand's tablet at its real sizes: Dutch first whatever the tablet's own language, with
large language buttons in the first screen, landscape and portrait."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from participation.services import municipality
from participation.services.accounts import create_user
from tests.e2e.test_resident_vote import serious_violations
from tests.e2e.test_stand_kiosk import pair
from tests.staff.test_municipality import png_logo

pytestmark = pytest.mark.e2e

SCREENS = [(1024, 768), (1280, 800), (768, 1024)]
BUTTONS = [("nl", "Nederlands"), ("en", "English"), ("pl", "Polski")]


@pytest.mark.parametrize("screen", SCREENS, ids=["1024x768", "1280x800", "768x1024"])
def test_an_english_tablet_starts_in_dutch_with_the_languages_in_sight(
    chromium, live_server, demo, stand, tmp_path, screen
) -> None:
    print(f"screenshots: {tmp_path}")
    admin = create_user("beheer@example.org", "een-lang-wachtwoord", "admin")
    look = municipality.LookInput("Gemeente Westerkwartier", "#00567a", "", "", png_logo(120, 40))
    municipality.save(look, admin)
    width, height = screen
    # The tablet's own language is English: the kiosk still greets every resident in Dutch.
    context = chromium.new_context(
        viewport={"width": width, "height": height}, locale="en-GB", has_touch=True
    )
    pair(context, live_server, stand)
    page = context.new_page()
    page.goto(f"{live_server}/stand/{stand.token}")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("button", name="Verstuur mijn stem")).to_be_visible()
    page.screenshot(path=tmp_path / f"kiosk-{width}x{height}.png")

    nav = page.get_by_role("navigation", name="Taal")
    links = nav.get_by_role("link")
    expect(links).to_have_count(3)
    for index, (lang, label) in enumerate(BUTTONS):
        link = links.nth(index)
        expect(link).to_have_text(label)
        assert link.get_attribute("lang") == lang
        box = link.bounding_box()
        assert box is not None
        assert box["width"] >= 44 and box["height"] >= 44, (label, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (label, box)
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (label, box)
    assert links.first.get_attribute("aria-current") == "true"
    assert page.evaluate("window.scrollY") == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The button to vote is still in the first screen on a landscape tablet.
    if width > height:
        send = page.get_by_role("button", name="Verstuur mijn stem").bounding_box()
        assert send is not None and send["y"] + send["height"] <= height

    links.nth(1).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Send my vote")).to_be_visible()
    page.screenshot(path=tmp_path / f"kiosk-english-{width}x{height}.png")
    assert f"/stand/{stand.token}" in page.url
    english = page.get_by_role("navigation", name="Language").get_by_role("link")
    assert english.nth(1).get_attribute("aria-current") == "true"
    assert serious_violations(page) == []
    context.close()
