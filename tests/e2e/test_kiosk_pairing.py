"""Pairing a stand's tablet in real browsers: the tablet shows a code, a staff member types it
on their phone, the tablet moves on to the ballot by itself; a revoked tablet keeps its votes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from participation.extensions import db
from participation.models import Ballot, KioskDevice
from participation.services.accounts import create_user
from tests.e2e.conftest import PHONE
from tests.e2e.test_resident_vote import serious_violations
from tests.e2e.test_stand_kiosk import TABLET, vote

pytestmark = pytest.mark.e2e


def log_in(staff: Page, base: str) -> None:
    create_user("standleider@example.org", "een-lang-wachtwoord", "staff")
    staff.goto(f"{base}/staff/login")
    staff.get_by_label("E-mailadres").fill("standleider@example.org")
    staff.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    staff.get_by_role("button", name="Inloggen").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Raadplegingen")


def pair_in_browser(tablet: Page, staff: Page, base: str, stand, name: str) -> None:  # type: ignore[no-untyped-def]
    """The tablet opens the kiosk link and shows a code; staff type it on the stand's page."""
    tablet.goto(f"{base}/stand/{stand.token}")
    heading = tablet.get_by_role("heading", level=1)
    expect(heading).to_have_text(f"Deze tablet koppelen aan de stand in {stand.area.name}")
    tablet.get_by_role("button", name="Toon een koppelcode").click()
    code = tablet.locator("#pairing-code").get_attribute("data-code") or ""
    assert len(code) == 6 and code.isdigit()
    staff.goto(f"{base}/staff/stands/{stand.id}")
    staff.get_by_label("Koppelcode op de tablet").fill(f"{code[:3]} {code[3:]}")
    staff.get_by_label("Naam van de tablet (niet verplicht)").fill(name)
    staff.get_by_role("button", name="Koppel de tablet").click()
    expect(staff.get_by_text(f"{name} is gekoppeld.")).to_be_visible()
    # Nobody touches the tablet: it asks every two seconds and moves on to the ballot.
    expect(tablet.get_by_role("button", name="Verstuur mijn stem")).to_be_visible(timeout=10000)
    expect(tablet.get_by_text(f"Gekoppeld als {name}")).to_be_visible()


def test_staff_pair_a_tablet_with_their_phone_and_a_resident_votes(
    app, chromium, live_server, demo, stand
) -> None:
    app.config.update(KIOSK_RESET_MS=400, KIOSK_RESET_WITH_SURVEY_MS=400)
    tablet_context = chromium.new_context(viewport=TABLET, has_touch=True, locale="nl-NL")
    phone_context = chromium.new_context(viewport=PHONE, has_touch=True, locale="nl-NL")
    tablet, staff = tablet_context.new_page(), phone_context.new_page()
    log_in(staff, live_server)

    tablet.goto(f"{live_server}/stand/{stand.token}")
    assert serious_violations(tablet) == []  # the pairing screen
    pair_in_browser(tablet, staff, live_server, stand, "Tablet bij de ingang")
    assert serious_violations(staff) == []  # the stand page with its tablets
    # The secret is out of reach of the page's scripts.
    assert "kiosk_tablet" not in tablet.evaluate("document.cookie")

    titles = [theme.title for theme in demo.themes]
    vote(tablet, titles[:6])
    expect(tablet.locator("#kiosk-status")).to_have_attribute("data-waiting", "0")
    db.session.expire_all()
    device = db.session.scalars(select(KioskDevice)).one()
    assert device.name == "Tablet bij de ingang"
    assert db.session.scalars(select(Ballot.kiosk_device_id)).one() == device.id

    staff.reload()
    row = staff.locator("tr", has_text="Tablet bij de ingang")
    expect(row).to_contain_text("standleider@example.org")
    row.locator("summary", has_text="Intrekken").click()
    row.get_by_role("button", name="Ja, trek deze tablet in").click()
    expect(
        staff.get_by_text("Tablet bij de ingang kan geen stemmen meer versturen.")
    ).to_be_visible()

    # The revoked tablet keeps the next vote safe, says why, and the server stores nothing.
    vote(tablet, titles[6:12])
    status = tablet.locator("#kiosk-status")
    expect(status).to_contain_text("niet (meer) gekoppeld", timeout=10000)
    assert status.get_attribute("data-waiting") == "1"
    db.session.expire_all()
    assert len(db.session.scalars(select(Ballot)).all()) == 1
    tablet_context.close()
    phone_context.close()
