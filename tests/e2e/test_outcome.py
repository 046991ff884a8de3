"""Closing the loop in a browser: decisions, the programme, publishing, a resident reads it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import FollowUp
from participation.services.accounts import create_user
from participation.services.campaigns import indicators
from participation.timeutil import utcnow
from tests.conftest import send_ballot
from tests.e2e.conftest import PHONE
from tests.e2e.test_resident_vote import serious_violations
from tests.e2e.test_session import theme_id

pytestmark = pytest.mark.e2e

ADDRESS = "bewoner@example.org"
CHOSEN = {
    "Woninginbraken": "Veel stemmen en stijgende aangiften.",
    "Handel in drugs": "De politie ziet het groeien.",
}


def staff_page(chromium, live_server: str) -> Page:  # type: ignore[no-untyped-def]
    page = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{live_server}/staff/login")
    page.get_by_label("E-mailadres").fill("uitkomst@example.org")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    return page


def decide(staff: Page, title: str, chosen: bool, reason: str) -> None:
    form = staff.locator("form", has=staff.get_by_role("button", name="Leg het besluit vast"))
    form.get_by_label("Thema", exact=True).select_option(label=title)
    form.get_by_label("Gekozen als prioriteit" if chosen else "Niet gekozen").check()
    if chosen:
        form.get_by_label("VNG-veiligheidsveld (bij een gekozen prioriteit)").select_option("1")
    form.get_by_label("Reden", exact=True).fill(reason)
    form.get_by_role("button", name="Leg het besluit vast").click()
    expect(staff.get_by_text("Het besluit is vastgelegd.")).to_be_visible()


def vote_and_ask_to_hear(chromium, live_server: str, demo, smtp_server) -> Page:  # type: ignore[no-untyped-def]
    """A resident votes on a phone, leaves an e-mail address and confirms it from the mail."""
    phone = chromium.new_context(viewport=PHONE, locale="nl-NL", has_touch=True).new_page()
    phone.goto(f"{live_server}/v/demo?dorp=leek")
    for theme in demo.themes[:6]:
        phone.get_by_text(theme.title, exact=True).click()
    phone.get_by_role("button", name="Verstuur mijn stem").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw stem")
    assert serious_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.get_by_label("Uw e-mailadres").fill(ADDRESS)
    phone.get_by_role("button", name="Houd mij op de hoogte").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    # The mail goes out just after the answer (the same answer and time for every address):
    # wait for the server to have it, a few seconds at most.
    for _ in range(50):
        if smtp_server:
            break
        phone.wait_for_timeout(100)
    assert len(smtp_server) == 1
    phone.goto(mail_link(smtp_server.pop(), "/v/op-de-hoogte/bevestig/"))
    phone.get_by_role("button", name="Bevestig").click()
    expect(phone.get_by_text("Uw adres is bevestigd.")).to_be_visible()
    return phone


def mail_link(message, path: str) -> str:  # type: ignore[no-untyped-def]
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(rf"http://127\.0\.0\.1:\d+{path}[^\s]*", body).group(0)  # type: ignore[union-attr]


def test_from_decisions_to_the_outcome_on_a_residents_phone(
    chromium, live_server, app, demo, smtp_server
):
    app.config["PUBLIC_BASE_URL"] = live_server  # the links in the e-mails
    demo.keep_informed = True
    db.session.commit()
    top_six = [t.id for t in demo.themes[:6]]
    for village in ("marum", "leek"):
        for _ in range(6):
            send_ballot(app.test_client(), demo, village=village, themes=top_six)
    actor = create_user("uitkomst@example.org", "een-lang-wachtwoord", "staff")
    resident = vote_and_ask_to_hear(chromium, live_server, demo, smtp_server)
    demo.closes_at = utcnow() - timedelta(minutes=1)  # the outcome follows the closed vote
    db.session.commit()
    burglary = theme_id(demo, "Woninginbraken")
    indicators.add(
        demo,
        indicators.IndicatorInput(burglary, "Woninginbraken (aangiften)", "Politie", [(2026, 120)]),
        actor,
    )
    staff = staff_page(chromium, live_server)
    staff.goto(f"{live_server}/staff/campaigns/demo/sessions")
    staff.get_by_role("button", name="Maak de sessie").click()
    for theme in demo.themes[:6]:
        if theme.title in CHOSEN:
            decide(staff, theme.title, True, CHOSEN[theme.title])
        else:
            decide(staff, theme.title, False, f"{theme.title}: past beter bij het gewone werk.")

    staff.goto(f"{live_server}/staff/campaigns/demo/outcome")
    staff.get_by_label("Datum van het raadsbesluit").fill("2027-06-24")
    staff.get_by_role("button", name="Opslaan").click()
    expect(staff.get_by_text("De uitkomst is opgeslagen.")).to_be_visible()

    staff.goto(f"{live_server}/staff/campaigns/demo/programme")
    goal = staff.locator("form", has=staff.get_by_role("button", name="Voeg het doel toe"))
    goal.get_by_label("Prioriteit").select_option(label="Woninginbraken")
    goal.get_by_label("Doel", exact=True).fill("Minder dan 90 woninginbraken per jaar in 2030.")
    goal.get_by_label("Meetbaar: een indicator met een beginwaarde en een doelwaarde").check()
    goal.get_by_label("Indicator", exact=True).select_option(
        label="Woninginbraken (aangiften) (Woninginbraken)"
    )
    goal.get_by_label("Beginjaar", exact=True).fill("2026")
    goal.get_by_label("Beginwaarde", exact=True).fill("120")
    goal.get_by_label("Doeljaar", exact=True).fill("2030")
    goal.get_by_label("Doelwaarde", exact=True).fill("90")
    goal.get_by_role("button", name="Voeg het doel toe").click()
    expect(staff.get_by_text("Het doel is toegevoegd.")).to_be_visible()
    staff.get_by_label("Jaar").first.fill("2027")
    staff.get_by_label("Waarde", exact=True).first.fill("110")
    staff.get_by_role("button", name="Leg het cijfer van het jaar vast").click()
    expect(staff.get_by_text("De waarde is opgeslagen.")).to_be_visible()

    action = staff.locator("form", has=staff.get_by_role("button", name="Voeg de actie toe"))
    action.get_by_label("Prioriteit").select_option(label="Woninginbraken")
    action.get_by_label("Actie", exact=True).fill("Voorlichtingsavond in elk dorp")
    action.get_by_label("Partner").fill("Politie")
    action.get_by_label("Wanneer").fill("2027-10-01")
    action.get_by_role("button", name="Voeg de actie toe").click()
    expect(staff.get_by_text("De actie is toegevoegd.")).to_be_visible()
    for day, status in (("2027-03-01", "bezig"), ("2027-10-02", "klaar")):
        update = staff.locator(
            "form.inline-update", has=staff.get_by_role("button", name="Voeg de stand toe")
        )
        update.get_by_label("Datum").fill(day)
        update.get_by_label("Status").select_option(label=status)
        update.get_by_label("Notitie").fill(f"Stand op {day}")
        update.get_by_role("button", name="Voeg de stand toe").click()
        expect(staff.get_by_text("De stand van de actie is opgeslagen.")).to_be_visible()
    expect(staff.locator(".action")).to_contain_text("Stand op 2027-03-01")
    assert serious_violations(staff) == []  # the programme, with its forms per goal and action

    staff.goto(f"{live_server}/staff/campaigns/demo/outcome")
    staff.get_by_role("button", name="Publiceer de uitkomst").click()
    expect(staff.get_by_text("De uitkomst is nu openbaar.")).to_be_visible()

    expect(staff.get_by_text("1 inwoner kreeg de uitkomst per e-mail")).to_be_visible()
    assert serious_violations(staff) == []
    for path in ("/results/demo/voortgang", "/staff/campaigns/demo/next-cycle"):
        staff.goto(f"{live_server}{path}")
        assert serious_violations(staff) == [], path
    (message,) = smtp_server
    assert message["To"] == ADDRESS and message["Subject"] == "Wat is er met uw stem gedaan?"
    assert db.session.scalar(select(func.count()).select_from(FollowUp)) == 0  # used, then gone
    resident.goto(mail_link(message, "/results/demo/uitkomst"))
    expect(resident.get_by_role("heading", level=1)).to_have_text("Wat is er met uw stem gedaan?")
    chosen = resident.locator(".outcome-priority")
    expect(chosen).to_have_count(2)
    for reason in CHOSEN.values():
        expect(resident.get_by_text(reason)).to_be_visible()
    expect(
        resident.get_by_text("Verkeersveiligheid: past beter bij het gewone werk.")
    ).to_be_visible()
    burglary_card = chosen.filter(has_text="Woninginbraken")
    expect(burglary_card).to_contain_text("op koers")  # 110 in 2027 beats the path (112.5)
    expect(burglary_card).to_contain_text(
        "Voorlichtingsavond in elk dorp (Politie, oktober 2027) — klaar"
    )
    assert resident.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(resident) == []
    resident.context.close()
    staff.context.close()
