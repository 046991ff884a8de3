"""A resident votes on a phone in a real Chromium, with and without JavaScript."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Ballot, BallotChoice
from tests.conftest import publish_results

pytestmark = __import__("pytest").mark.e2e


def stored_ballots() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Ballot)) or 0


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def tick(page: Page, title: str) -> None:
    page.get_by_text(title, exact=True).click()


def test_resident_votes_on_a_phone_after_one_wrong_attempt(phone: Page, live_server, demo):
    titles = [theme.title for theme in demo.themes]
    phone.goto(f"{live_server}/v/demo?dorp=leek")
    expect(phone.get_by_label("Waar woont u?")).to_have_value("leek")
    counter = phone.locator("#pick-counter")
    expect(counter).to_have_text("0 van 6 gekozen")
    assert serious_violations(phone) == []

    for title in titles[:5]:
        tick(phone, title)
    expect(counter).to_have_text("5 van 6 gekozen")
    phone.get_by_role("button", name="Verstuur mijn stem").click()

    # The wrong attempt: a clear Dutch message, and the five choices are kept.
    expect(phone.get_by_role("alert")).to_contain_text(
        "Kies precies 6 thema's. U heeft er nu 5 gekozen."
    )
    for title in titles[:5]:
        expect(phone.get_by_role("checkbox", name=title)).to_be_checked()
    assert serious_violations(phone) == []
    assert stored_ballots() == 0

    tick(phone, titles[5])
    expect(counter).to_have_text("6 van 6 gekozen")
    # A seventh choice is blocked politely.
    tick(phone, titles[6])
    expect(phone.get_by_role("checkbox", name=titles[6])).not_to_be_checked()
    expect(counter).to_contain_text("U kunt maximaal 6 thema's kiezen")

    phone.get_by_role("button", name="Verstuur mijn stem").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw stem")
    assert stored_ballots() == 1
    chosen = {t.id for t in demo.themes[:6]}
    assert set(db.session.scalars(select(BallotChoice.theme_id))) == chosen


def test_the_ballot_works_without_javascript(phone_without_js: Page, live_server, demo):
    page = phone_without_js
    page.goto(f"{live_server}/v/demo")
    page.get_by_label("Waar woont u?").select_option("marum")
    for theme in demo.themes[3:9]:
        page.get_by_text(theme.title, exact=True).click()
    page.get_by_role("button", name="Verstuur mijn stem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw stem")
    assert stored_ballots() == 1


def test_the_ballot_can_be_filled_in_with_the_keyboard_only(phone: Page, live_server, demo):
    phone.goto(f"{live_server}/v/demo")
    phone.keyboard.press("Tab")  # skip link
    phone.keyboard.press("Tab")
    expect(phone.get_by_label("Waar woont u?")).to_be_focused()
    phone.keyboard.press("ArrowDown")
    for index in range(len(demo.themes)):
        phone.keyboard.press("Tab")
        if index < 6:
            phone.keyboard.press("Space")
    expect(phone.locator("#pick-counter")).to_have_text("6 van 6 gekozen")
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("button", name="Verstuur mijn stem")).to_be_focused()
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw stem")
    assert stored_ballots() == 1


def test_a_resident_votes_with_the_code_from_a_door_to_door_slip(phone: Page, live_server, demo):
    from participation.services.accounts import create_user
    from participation.services.ballots import codes

    staff = create_user("codes@example.org", "een-lang-wachtwoord", "staff")
    code = codes.generate_batch(demo, 1, "huis-aan-huis-leek", staff).codes[0].code
    printed = f"{code[:4]}-{code[4:]}"
    phone.goto(f"{live_server}/v/demo?code={printed}&bron=huis-aan-huis-leek")
    expect(phone.get_by_label("Stemcode (als u die heeft)")).to_have_value(printed)
    assert serious_violations(phone) == []
    phone.get_by_label("Waar woont u?").select_option("leek")
    for theme in demo.themes[:6]:
        tick(phone, theme.title)
    phone.get_by_role("button", name="Verstuur mijn stem").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw stem")
    db.session.expire_all()
    ballot = db.session.scalars(select(Ballot)).one()
    assert (ballot.trust_level, ballot.channel, ballot.source_tag) == (
        "code",
        "qr",
        "huis-aan-huis-leek",
    )


def test_the_public_results_page_is_accessible_on_a_phone(phone: Page, live_server, demo):
    from participation.chores import load
    from participation.services.ballots import voting

    load.add_synthetic_ballots(voting.load_rules("demo"), 60, __import__("random").Random(3), 2)
    publish_results(demo)
    phone.goto(f"{live_server}/results/demo/openbaar")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Resultaten")
    expect(phone.get_by_role("img").first).to_have_attribute(
        "alt", __import__("re").compile("^Staafdiagram van alle 60 stemmen samen")
    )
    assert serious_violations(phone) == []
