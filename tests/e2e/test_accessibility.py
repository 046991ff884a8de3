"""WCAG 2.1 AA in a real browser: axe on every page residents, associations and participants
see (Dutch, English, Polish) and on the main staff pages; keyboard only; visible focus; reflow at
320 px and at 200 % zoom."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from participation.extensions import db
from participation.models import Area
from participation.services.accounts import create_user
from participation.services.campaigns import associations, indicators
from participation.services.sessions import prioritisation
from participation.services.surveys import surveys
from tests.conftest import add_stand, publish_results, send_ballot
from tests.e2e.test_resident_vote import serious_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(app, demo):  # type: ignore[no-untyped-def]
    """Published results, an open survey, an association, a session with a participant."""
    actor = create_user("a11y@example.org", "een-lang-wachtwoord", "admin")
    for village in ["leek"] * 6 + ["marum"] * 6:
        send_ballot(app.test_client(), demo, village=village)
    publish_results(demo)
    survey = surveys.by_slug("demo-vragenlijst")
    survey.status = "open"
    db.session.commit()
    stand = add_stand(demo)
    marum = db.session.scalar(select(Area).where(Area.slug == "marum"))
    association = associations.register(demo, marum, "Dorpsbelang Marum", "", actor)
    associations.submit_view(association, [(demo.themes[0].id, "Te hard gereden")], "")
    indicators.add(
        demo,
        indicators.IndicatorInput(
            demo.themes[0].id, "Ongevallen", "Politie", [(2021, 5), (2022, 7)]
        ),
        actor,
    )
    session = prioritisation.create(demo, "Sessie", 3, 5, actor)
    participant = prioritisation.join(session, "council")
    return {
        "stand": stand,
        "association": association,
        "session": session,
        "participant": participant,
    }


def resident_paths(world) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        "/v/demo",
        "/v/demo?dorp=marum",
        "/v/demo/bedankt",
        "/s/demo-vragenlijst",
        "/s/demo-vragenlijst/bedankt",
        "/results/demo/openbaar",
        "/s/demo-vragenlijst/resultaten",
        f"/stand/{world['stand'].token}",
        f"/stand/{world['stand'].token}/opmerking",
        f"/dorpsbelang/{world['association'].token}",
        "/sessie",
        f"/sessie/{world['session'].join_code}",
        f"/sessie/deelnemer/{world['participant'].token}",
        "/privacy",
        "/toegankelijkheid",
        "/bestaat-niet",
    ]


def test_every_public_page_passes_axe_in_dutch_english_and_polish(phone: Page, live_server, world):
    for language in ("nl", "en", "pl"):
        for path in resident_paths(world):
            joiner = "&" if "?" in path else "?"
            phone.goto(f"{live_server}{path}{joiner}lang={language}")
            assert serious_violations(phone) == [], f"{path} ({language})"


def test_the_ballot_and_survey_read_in_polish(phone: Page, live_server, world):
    phone.goto(f"{live_server}/v/demo?lang=pl")
    expect(phone.locator("html")).to_have_attribute("lang", "pl")
    expect(phone.get_by_role("button", name="Wyślij mój głos")).to_be_visible()
    assert serious_violations(phone) == []
    phone.get_by_role("button", name="Wyślij mój głos").click()  # nothing chosen
    expect(phone.get_by_role("alert")).to_contain_text("Sprawdź, proszę")
    phone.goto(f"{live_server}/s/demo-vragenlijst")  # the choice is remembered
    expect(phone.get_by_role("button", name="Wyślij moje odpowiedzi")).to_be_visible()
    assert serious_violations(phone) == []


def test_the_new_staff_pages_pass_axe(chromium, live_server, world):
    page = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{live_server}/staff/login")
    page.get_by_label("E-mailadres").fill("a11y@example.org")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    session = world["session"]
    question = surveys.by_slug("demo-vragenlijst").questions[3]
    for path in (
        "/staff/villages",
        "/staff/campaigns/demo/associations",
        "/staff/campaigns/demo/indicators",
        "/staff/campaigns/demo/sessions",
        f"/staff/sessions/{session.id}",
        f"/staff/sessions/{session.id}/board",
        f"/staff/sessions/{session.id}/report",
        "/staff/surveys/demo-vragenlijst",
        "/staff/surveys/demo-vragenlijst/questions/new",
        f"/staff/surveys/demo-vragenlijst/questions/{question.id}",
    ):
        page.goto(f"{live_server}{path}")
        assert serious_violations(page) == [], path
    page.context.close()


def test_a_survey_can_be_answered_with_the_keyboard_only(phone: Page, live_server, world):
    phone.goto(f"{live_server}/s/demo-vragenlijst")
    phone.get_by_role("group", name="Voelt u zich veilig in uw buurt?").get_by_label("Ja").focus()
    phone.keyboard.press("Space")
    phone.keyboard.press("Tab")  # to the next question's first box
    phone.keyboard.press("Space")  # Woninginbraak
    for _ in range(9):  # past the other boxes of this question
        phone.keyboard.press("Tab")
    phone.keyboard.press("ArrowDown")  # a radio group: arrows choose (Ja, then Soms)
    phone.keyboard.press("ArrowUp")
    phone.keyboard.press("Space")
    focused = phone.evaluate("document.activeElement.name")
    assert focused and focused.startswith("q")
    phone.get_by_role("button", name="Verstuur mijn antwoorden").focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoorden")


def test_dots_can_be_placed_with_the_keyboard_only(phone: Page, live_server, world):
    phone.goto(f"{live_server}/sessie/deelnemer/{world['participant'].token}")
    phone.locator(".step-up").first.focus()
    phone.keyboard.press("Enter")
    phone.keyboard.press("Space")
    expect(phone.locator('.dot-list input[type="number"]').first).to_have_value("2")
    for _ in range(3):  # to the next theme's +: past its - and its number
        phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")
    expect(phone.locator(".dots-left")).to_have_text("Nog 0 van 3 stippen over.")
    phone.get_by_role("button", name="Zet mijn stippen").focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_text("Uw stippen staan.")).to_be_visible()
    totals = prioritisation.round_totals(world["session"])[0]
    assert sum(row["total"] for row in totals.by_theme.values()) == 3


def test_focus_is_always_visible(phone: Page, live_server, world):
    phone.goto(f"{live_server}/v/demo")
    for _ in range(8):
        phone.keyboard.press("Tab")
        outline = phone.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
        )
        assert outline[0] != "none" and outline[1] >= 2, phone.evaluate(
            "document.activeElement.outerHTML"
        )


@pytest.mark.parametrize("width", [320, 640])  # reflow (1.4.10); 1280 px zoomed to 200 % (1.4.4)
@pytest.mark.parametrize(
    "path", ["/v/demo", "/s/demo-vragenlijst", "/results/demo/openbaar", "/sessie", "/privacy"]
)
def test_pages_reflow_without_sideways_scrolling(chromium, live_server, world, path, width):
    page = chromium.new_context(locale="nl-NL", viewport={"width": width, "height": 640}).new_page()
    page.goto(f"{live_server}{path}")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{path} at {width}px scrolls sideways by {overflow}px"
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.context.close()
