"""Themes in bulk and their order, in Chromium: the import and its preview pass axe, and a
dragged row stays where staff dropped it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from participation.domain.theme_import import DEFAULT_THEMES
from participation.extensions import db
from participation.models import Theme
from participation.services.accounts import create_user
from participation.services.campaigns import campaign_edits
from tests.e2e.test_resident_vote import serious_violations

pytestmark = pytest.mark.e2e
WIDE = {"width": 1280, "height": 900}


def titles_stored(campaign_id: int) -> list[str]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Theme.title).where(Theme.campaign_id == campaign_id).order_by(Theme.position)
        )
    )


def log_in(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/staff/login")
    page.get_by_label("E-mailadres").fill("thema@example.org")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raadplegingen")


def test_import_the_default_list_then_drag_a_theme(chromium, live_server, app) -> None:
    actor = create_user("thema@example.org", "een-lang-wachtwoord", "staff")
    data = campaign_edits.CampaignData(
        "leeg", "Lege raadpleging", "", "draft", None, None, 6, 6, False, []
    )
    campaign_id = campaign_edits.save_campaign(None, data, actor).id
    context = chromium.new_context(locale="nl-NL", viewport=WIDE)
    page = context.new_page()
    log_in(page, live_server)

    page.goto(f"{live_server}/staff/campaigns/leeg")
    page.get_by_role("link", name="Thema's in één keer toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thema's in één keer toevoegen")
    assert serious_violations(page) == []
    page.screenshot(path="/tmp/theme-import-page.png", full_page=True)
    page.get_by_role("link", name="Standaardlijst invullen").click()
    expect(page.get_by_label("Thema's, één per regel")).to_contain_text("Verkeersveiligheid")
    page.get_by_label("Thema's, één per regel").press("Control+End")
    page.get_by_label("Thema's, één per regel").type('\n=HYPERLINK("x");klik;1')
    page.get_by_role("button", name="Lijst controleren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer de thema's")
    expect(page.get_by_role("heading", name="Deze 12 thema's worden toegevoegd")).to_be_visible()
    expect(page.get_by_role("heading", name="1 regel wordt niet toegevoegd")).to_be_visible()
    assert serious_violations(page) == []
    page.screenshot(path="/tmp/theme-import-preview.png", full_page=True)
    assert titles_stored(campaign_id) == []

    page.get_by_role("button", name="Bevestigen en toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lege raadpleging")
    expect(page.get_by_role("status").first).to_have_text("12 thema's toegevoegd.")
    assert titles_stored(campaign_id) == [title for title, _, _ in DEFAULT_THEMES]
    expect(page.locator("#theme-order-hint")).to_be_visible()
    assert serious_violations(page) == []

    # Drag the first theme below the third: the page saves the order and reloads.
    rows = page.locator("#theme-rows tr")
    first, third = DEFAULT_THEMES[0][0], DEFAULT_THEMES[2][0]
    target = rows.filter(has_text=third)
    box = target.bounding_box()
    assert box is not None
    rows.filter(has_text=first).drag_to(target, target_position={"x": 20, "y": box["height"] - 4})
    expect(page.get_by_text("De nieuwe volgorde van de thema's is opgeslagen.")).to_be_visible()
    expected = [DEFAULT_THEMES[1][0], third, first, *(t for t, _, _ in DEFAULT_THEMES[3:])]
    assert titles_stored(campaign_id) == expected
    expect(page.locator("#theme-rows th[scope=row]").nth(2)).to_contain_text(first)

    # The buttons do the same a step at a time, and are what keyboard users use.
    page.locator("#theme-rows tr", has_text=first).get_by_role("button", name="Omhoog").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"'{first}' staat een plaats hoger.")).to_be_visible()
    assert titles_stored(campaign_id)[1] == first
    page.set_viewport_size(WIDE)
    page.locator("#themes").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/theme-campaign-page.png", full_page=True)
    context.close()


def test_the_buttons_work_without_javascript(chromium, live_server, demo) -> None:
    create_user("thema@example.org", "een-lang-wachtwoord", "staff")
    context = chromium.new_context(locale="nl-NL", viewport=WIDE, java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server)
    page.goto(f"{live_server}/staff/campaigns/demo")
    expect(page.locator("#theme-order-hint")).to_be_hidden()
    second = demo.themes[1].title
    page.locator("#theme-rows tr", has_text=second).get_by_role("button", name="Omhoog").click()
    expect(page.get_by_text(f"'{second}' staat een plaats hoger.")).to_be_visible()
    assert titles_stored(demo.id)[0] == second
    context.close()
