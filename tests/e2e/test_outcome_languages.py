"""A goal names its new indicator without JavaScript; a resident reads the outcome in English."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from participation.extensions import db
from participation.services.accounts import create_user
from participation.services.outcome import outcome, programme
from participation.services.sessions import prioritisation
from participation.timeutil import utcnow
from tests.conftest import send_ballot
from tests.e2e.test_resident_vote import serious_violations

pytestmark = pytest.mark.e2e

SUMMARY = "De raad koos twee prioriteiten voor de komende vier jaar."
REASONS = ("Veel stemmen en stijgende cijfers.", "Past bij het gewone werk.")


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots: {folder}")
    return folder


def _decided_and_published(demo) -> None:  # type: ignore[no-untyped-def]
    for village in ("leek", "marum"):
        for _ in range(6):
            send_ballot_to(demo, village)
    demo.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    actor = create_user("uitkomst@example.org", "een-lang-wachtwoord", "staff")
    session = prioritisation.create(demo, "Sessie raad en partners", 3, 6, actor)
    for number, theme in enumerate(demo.themes[:6]):
        chosen = number < 2
        prioritisation.record_decision(
            session, theme, chosen, REASONS[0] if chosen else REASONS[1], 1, actor
        )
    settings = outcome.OutcomeSettings(session.id, date(2027, 6, 24), SUMMARY, False, 2027, 2030)
    outcome.save(demo, settings, actor)
    assert outcome.publish(demo, actor) == []
    programme.add_action(
        demo, demo.themes[0].id, "Voorlichtingsavond in elk dorp", "Politie", None, actor
    )


def send_ballot_to(demo, village: str) -> None:  # type: ignore[no-untyped-def]
    from flask import current_app

    themes = [theme.id for theme in demo.themes[:6]]
    send_ballot(current_app.test_client(), demo, village=village, themes=themes)


def _staff(chromium, live_server: str, width: int, height: int, script: bool = True) -> Page:  # type: ignore[no-untyped-def]
    context = chromium.new_context(
        locale="nl-NL", viewport={"width": width, "height": height}, java_script_enabled=script
    )
    page = context.new_page()
    page.goto(f"{live_server}/staff/login")
    page.get_by_label("E-mailadres").fill("uitkomst@example.org")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    return page


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_goal_with_its_new_indicator_and_the_outcome_in_english(
    app, chromium, live_server, demo, tmp_path
) -> None:
    folder = _shots(tmp_path)
    _decided_and_published(demo)

    # The goal form without JavaScript, on a 1024×768 tablet: no indicators yet, so it asks for
    # a new one by name, and links to the indicators page for several years' figures.
    staff = _staff(chromium, live_server, 1024, 768, script=False)
    staff.goto(f"{live_server}/staff/campaigns/demo/programme#add-goal")
    goal = staff.locator("form", has=staff.get_by_role("button", name="Voeg het doel toe"))
    expect(goal.get_by_role("link", name="Indicatoren")).to_be_visible()
    goal.get_by_label("Prioriteit").select_option(label=demo.themes[0].title)
    goal.get_by_label("Doel", exact=True).fill("Minder dan 90 woninginbraken per jaar in 2030.")
    goal.get_by_label("Meetbaar: een indicator met een beginwaarde en een doelwaarde").check()
    goal.get_by_role("button", name="Voeg het doel toe").click()
    error = staff.locator(".error-summary")
    expect(error).to_contain_text("of geef hieronder een nieuwe op")
    goal = staff.locator("form", has=staff.get_by_role("button", name="Voeg het doel toe"))
    goal.get_by_label("Naam van de nieuwe indicator").fill("Woninginbraken (aangiften)")
    goal.get_by_label("Bron", exact=True).fill("Politie")
    goal.get_by_label("Beginjaar", exact=True).fill("2026")
    goal.get_by_label("Beginwaarde", exact=True).fill("120")
    goal.get_by_label("Doeljaar", exact=True).fill("2030")
    goal.get_by_label("Doelwaarde", exact=True).fill("90")
    goal.locator("#new-indicator").screenshot(path=folder / "goal-new-indicator-1024.png")
    _no_sideways_scroll(staff)
    goal.get_by_role("button", name="Voeg het doel toe").click()
    expect(staff.get_by_text("Het doel is toegevoegd.")).to_be_visible()
    expect(staff.locator(".goal")).to_contain_text("Woninginbraken (aangiften): 120 in 2026")
    # The next goal chooses it from the list, or names another new one.
    form = staff.locator("form", has=staff.get_by_role("button", name="Voeg het doel toe"))
    expect(form.get_by_label("Indicator", exact=True)).to_contain_text("Woninginbraken (aangiften)")
    expect(form.get_by_role("group", name="Een nieuwe indicator")).to_be_visible()
    form.screenshot(path=folder / "goal-form-1024.png")
    staff.context.close()

    # The outcome's texts in English, on a 1280×800 screen.
    staff = _staff(chromium, live_server, 1280, 800)
    staff.goto(f"{live_server}/staff/campaigns/demo/outcome")
    languages = staff.locator(".text-languages")
    expect(languages).to_contain_text("Engels (nog niet aangeboden: er ontbreken teksten)")
    languages.get_by_role("link", name="Engels").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Uitkomst in het Engels")
    assert serious_violations(staff) == []
    fields = staff.locator("form.texts-form textarea, form.texts-form input[type=text]")
    for number in range(fields.count()):
        fields.nth(number).fill(f"In English, text {number + 1}.")
    staff.screenshot(path=folder / "outcome-texts-1280.png", full_page=True)
    _no_sideways_scroll(staff)
    staff.get_by_role("button", name="Opslaan").click()
    expect(staff.locator(".text-languages")).to_contain_text("Engels (aangeboden aan inwoners)")
    staff.context.close()

    # A resident on a phone switches to English: everything in English, Polish not offered.
    for width, height in ((390, 844), (320, 568)):
        phone = chromium.new_context(
            viewport={"width": width, "height": height}, locale="nl-NL", has_touch=True
        ).new_page()
        phone.goto(f"{live_server}/results/demo/uitkomst")
        expect(phone.locator("footer")).not_to_contain_text("Polski")
        phone.get_by_role("link", name="English").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("What was done with your vote?")
        assert phone.evaluate("document.documentElement.lang") == "en"
        body = phone.locator("main").inner_text()
        for dutch in (SUMMARY, *REASONS, "Voorlichtingsavond", "Minder dan 90"):
            assert dutch not in body, dutch
        assert "In English, text 1." in body
        expect(phone.locator("footer")).to_contain_text("Nederlands")
        expect(phone.locator("footer")).not_to_contain_text("Polski")
        _no_sideways_scroll(phone)
        assert serious_violations(phone) == []
        phone.screenshot(path=folder / f"outcome-en-{width}.png", full_page=True)
        phone.context.close()
