"""Live results: with JavaScript, staff may opt in to a reload every minute; it is remembered."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from participation.services.accounts import create_user

pytestmark = pytest.mark.e2e


def test_the_live_refresh_is_off_until_chosen_and_then_remembered(chromium, live_server, demo):
    create_user("live@example.org", "een-lang-wachtwoord", "viewer")
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/staff/login")
    page.get_by_label("E-mailadres").fill("live@example.org")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server}/results/demo")
    box = page.get_by_label("Ververs deze pagina elke minuut")
    expect(box).to_be_visible()
    expect(box).not_to_be_checked()
    box.check()
    page.reload()
    expect(page.get_by_label("Ververs deze pagina elke minuut")).to_be_checked()
    context.close()
