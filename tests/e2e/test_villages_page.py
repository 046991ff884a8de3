"""The villages pages in a real browser: an axe scan of the list, the edit page and the import
preview, and the whole round of adding, renaming and importing without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from participation.extensions import db
from participation.models import Area
from participation.services.accounts import create_user
from tests.e2e.test_resident_vote import serious_violations

pytestmark = pytest.mark.e2e
CSV = "naam;inwoners;postcodes\nEzinge;1.650;9891\nWinsum;=1+1;\n"


def log_in(chromium, live_server, javascript: bool = True):  # type: ignore[no-untyped-def]
    create_user("dorpen@example.org", "een-lang-wachtwoord", "staff")
    context = chromium.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(f"{live_server}/staff/login")
    page.get_by_label("E-mailadres").fill("dorpen@example.org")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    return context, page


def test_the_village_pages_pass_axe(chromium, live_server, demo, tmp_path) -> None:
    context, page = log_in(chromium, live_server)
    marum = db.session.scalar(select(Area.id).where(Area.slug == "marum"))
    page.goto(f"{live_server}/staff/villages")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dorpen")
    assert serious_violations(page) == []
    page.screenshot(path="/tmp/villages-list-1280.png", full_page=True)
    page.goto(f"{live_server}/staff/villages/{marum}")
    assert serious_violations(page) == []
    page.screenshot(path="/tmp/villages-edit-1280.png", full_page=True)
    page.goto(f"{live_server}/staff/villages/new")
    page.get_by_role("button", name="Dorp toevoegen").click()  # nothing filled in
    expect(page.get_by_role("alert")).to_contain_text("Geef de naam van het dorp.")
    assert serious_violations(page) == []
    csv = tmp_path / "kernen.csv"
    csv.write_text(CSV, encoding="utf-8-sig")
    page.goto(f"{live_server}/staff/villages/import")
    assert serious_violations(page) == []
    page.get_by_label("CSV-bestand").set_input_files(str(csv))
    page.get_by_role("button", name="Voorbeeld tonen").click()
    expect(
        page.get_by_role("heading", name="Voorbeeld: er is nog niets opgeslagen")
    ).to_be_visible()
    expect(
        page.get_by_role("table", name="1 geweigerde regel: wordt niet opgeslagen")
    ).to_contain_text("formule")
    assert serious_violations(page) == []
    page.screenshot(path="/tmp/villages-import-preview-1280.png", full_page=True)
    context.close()


def test_add_rename_and_import_without_javascript(chromium, live_server, demo, tmp_path) -> None:
    context, page = log_in(chromium, live_server, javascript=False)
    page.goto(f"{live_server}/staff/villages/new")
    page.get_by_label("Naam", exact=True).fill("Oude Pekela")
    page.get_by_label("Inwoners (niet verplicht)").fill("7.300")
    page.get_by_role("button", name="Dorp toevoegen").click()
    expect(page.get_by_text("Oude Pekela is toegevoegd.")).to_be_visible()
    expect(page.get_by_role("row", name="Oude Pekela")).to_contain_text("oude-pekela")
    page.get_by_role("row", name="Oude Pekela").get_by_role("link", name="Wijzigen").click()
    page.get_by_label("Korte naam in links en QR-codes (niet verplicht)").fill("pekela")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("row", name="Oude Pekela")).to_contain_text("eerder: oude-pekela")
    csv = tmp_path / "kernen.csv"
    csv.write_text(CSV, encoding="utf-8")
    page.goto(f"{live_server}/staff/villages/import")
    page.get_by_label("CSV-bestand").set_input_files(str(csv))
    page.get_by_role("button", name="Voorbeeld tonen").click()
    page.get_by_role("button", name="Bevestigen en opslaan").click()
    expect(page.get_by_text("1 dorpen toegevoegd en 0 gewijzigd.")).to_be_visible()
    expect(page.get_by_label("Postcodes van Ezinge")).to_have_value("9891")
    assert db.session.scalar(select(Area.id).where(Area.slug == "winsum")) is None
    context.close()
