"""The account pages in a real browser: an axe scan of each, and the invite link end to end."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from participation.extensions import db
from participation.services.accounts import create_user, invite_token
from tests.e2e.test_resident_vote import serious_violations

pytestmark = pytest.mark.e2e

SCREENSHOT = "/tmp/staff-accounts-1280.png"


def test_account_pages_have_no_serious_accessibility_violations(chromium, live_server, app):
    create_user("beheer@example.org", "een-lang-wachtwoord", "admin")
    colleague = create_user("collega@example.org", "een-lang-wachtwoord", "staff")
    colleague.display_name = "Cor Collega"
    invited = create_user("nieuw@example.org", "een-lang-wachtwoord", "viewer")
    invited.invite_pending = True
    gone = create_user("weg@example.org", "een-lang-wachtwoord", "staff")
    gone.active = False
    db.session.commit()
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/staff/login")
    page.get_by_label("E-mailadres").fill("beheer@example.org")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()

    page.get_by_role("link", name="Accounts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accounts")
    expect(page.get_by_text("uitgenodigd, wachtwoord nog niet gekozen")).to_be_visible()
    assert serious_violations(page) == []
    page.screenshot(path=SCREENSHOT, full_page=True)

    # A refused invite: the error summary is announced and links to the field.
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul een e-mailadres in zoals")
    assert serious_violations(page) == []

    # The deactivation asks first; the danger zone opens by keyboard too.
    page.locator("summary", has_text="Deactiveren").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Ja, deactiveer het account").first).to_be_visible()

    page.get_by_role("link", name="Mijn account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")
    assert serious_violations(page) == []
    page.get_by_label("Huidig wachtwoord").fill("fout-fout-fout")
    page.get_by_label("Nieuw wachtwoord").fill("kort")
    page.get_by_label("Typ het wachtwoord nog een keer").fill("kort")
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert serious_violations(page) == []
    context.close()

    # The invite link, opened by the invited person in their own browser.
    stranger = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    link = stranger.new_page()
    link.goto(f"{live_server}/staff/welcome/{invite_token(invited)}")
    expect(link.get_by_role("heading", level=1)).to_have_text("Kies uw wachtwoord")
    assert serious_violations(link) == []
    link.get_by_label("Nieuw wachtwoord").fill("kort")
    link.get_by_label("Typ het wachtwoord nog een keer").fill("kort")
    link.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(link.get_by_role("alert")).to_contain_text("Gebruik minstens 12 tekens.")
    assert serious_violations(link) == []
    link.get_by_label("Nieuw wachtwoord").fill("paarse-fiets-op-de-dijk")
    link.get_by_label("Typ het wachtwoord nog een keer").fill("paarse-fiets-op-de-dijk")
    link.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(link.get_by_role("heading", level=1)).to_have_text("Raadplegingen")
    link.goto(f"{live_server}/staff/welcome/niet-meer-geldig")
    expect(link.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet meer")
    assert serious_violations(link) == []
    stranger.close()
