"""Live results: with JavaScript, staff may opt in to figures that keep themselves up to date
in place (no reload), with the time they were counted; the choice is remembered."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from participation.services.accounts import create_user
from tests.conftest import send_ballot

pytestmark = pytest.mark.e2e


def test_live_figures_update_in_place_once_chosen(app, chromium, live_server, demo):
    app.config["LIVE_RESULTS_MS"] = 700
    create_user("live@example.org", "een-lang-wachtwoord", "viewer")
    assert send_ballot(app.test_client(), demo).status_code == 303
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/staff/login")
    page.get_by_label("E-mailadres").fill("live@example.org")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server}/results/demo")
    expect(page.get_by_text("In totaal 1 deelnemer.")).to_be_visible()
    counted = page.locator(".counted-at").inner_text()
    assert counted.startswith("Geteld om ")
    box = page.get_by_label("Houd de cijfers bij (elke minuut)")
    expect(box).not_to_be_checked()
    page.evaluate("window.notReloaded = true")
    box.check()
    assert send_ballot(app.test_client(), demo).status_code == 303
    expect(page.get_by_text("In totaal 2 deelnemers.")).to_be_visible(timeout=5000)
    assert page.evaluate("window.notReloaded") is True  # swapped in place, not reloaded
    expect(page.locator(".counted-at")).not_to_have_text(counted)
    page.reload()
    expect(page.get_by_label("Houd de cijfers bij (elke minuut)")).to_be_checked()
    context.close()
