"""Staff pages pass an axe-core scan too (WCAG 2.1 AA applies to every government page)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from participation.services.accounts import create_user
from tests.conftest import add_stand
from tests.e2e.test_resident_vote import serious_violations

pytestmark = pytest.mark.e2e


def test_staff_pages_have_no_serious_accessibility_violations(chromium, live_server, demo):
    create_user("toegang@example.org", "een-lang-wachtwoord", "admin")
    stand = add_stand(demo)
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/staff/login")
    assert serious_violations(page) == []
    page.get_by_label("E-mailadres").fill("toegang@example.org")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raadplegingen")
    for path in (
        "/staff/",
        "/staff/campaigns/demo",
        "/staff/campaigns/demo/edit",
        "/staff/campaigns/demo/qr?dorp=leek&bron=poster",
        "/staff/campaigns/demo/codes",
        "/staff/campaigns/demo/signals",
        "/staff/campaigns/demo/exclusions/new?soort=household",
        f"/staff/stands/{stand.id}",
        f"/staff/stands/{stand.id}/paper",
        "/results/demo",
        "/results/demo?dorp=leek",
        "/results/demo/rapport",
        "/results/demo/openbaar",
        "/results/demo/vrijgeven",
        "/s/demo-vragenlijst/resultaten",
        "/s/demo-vragenlijst/resultaten?per=dorp",
        "/staff/surveys",
        "/staff/audit",
    ):
        page.goto(f"{live_server}{path}")
        assert serious_violations(page) == [], path
    context.close()
