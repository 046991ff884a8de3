"""A prioritisation session end to end: board, three phones, dots, decisions, report."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from participation.extensions import db
from participation.models import Area
from participation.services.accounts import create_user
from participation.services.campaigns import associations, indicators
from tests.conftest import send_ballot
from tests.e2e.conftest import PHONE
from tests.e2e.test_resident_vote import serious_violations

pytestmark = pytest.mark.e2e


def theme_id(demo, title: str) -> int:  # type: ignore[no-untyped-def]
    return next(t.id for t in demo.themes if t.title == title)


def prepare(app, demo) -> None:  # type: ignore[no-untyped-def]
    """Residents' votes, one association view and one indicator, as before a real session."""
    picks = [t.id for t in demo.themes[:6]]
    for _ in range(10):
        send_ballot(app.test_client(), demo, village="marum", themes=picks)
    actor = create_user("facilitator@example.org", "een-lang-wachtwoord", "staff")
    marum = db.session.scalar(db.select(Area).where(Area.slug == "marum"))
    association = associations.register(demo, marum, "Dorpsbelang Marum", "voorzitter", actor)
    associations.submit_view(
        association, [(theme_id(demo, "Woninginbraken"), "Veel inbraken in schuren")], ""
    )
    given = indicators.IndicatorInput(
        theme_id(demo, "Woninginbraken"),
        "Woninginbraken (aangiften)",
        "Politie",
        [(2020, 90), (2023, 120)],
    )
    indicators.add(demo, given, actor)


def smallest_text_px(page: Page) -> float:
    """The smallest rendered text on the board: HTML by its font size, SVG text by its size
    times the drawing's scale."""
    return page.evaluate(
        """() => {
        const sizes = [];
        for (const el of document.querySelectorAll('.board *')) {
          const shown = getComputedStyle(el).visibility !== 'hidden';
          const visible = el.getClientRects().length && shown;
          const text = Array.from(el.childNodes)
            .some(n => n.nodeType === 3 && n.textContent.trim());
          if (!visible || !text || el.closest('.visually-hidden')) continue;
          let size = parseFloat(getComputedStyle(el).fontSize);
          const svg = el.closest('svg');
          if (svg) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          sizes.push(size);
        }
        return Math.min(...sizes);
      }"""
    )


def join_on_a_phone(chromium, live_server: str, code: str, group: str) -> Page:  # type: ignore[no-untyped-def]
    phone = chromium.new_context(viewport=PHONE, locale="nl-NL", has_touch=True).new_page()
    phone.goto(f"{live_server}/sessie")
    phone.get_by_label("Code van het scherm").fill(code.lower())
    phone.get_by_role("button", name="Volgende").click()
    phone.get_by_label(group).check()
    phone.get_by_role("button", name="Doe mee").click()
    expect(phone.get_by_role("heading", name="Sessie raad en partners")).to_be_visible()
    return phone


def test_a_session_from_board_to_report(chromium, live_server, app, demo):
    prepare(app, demo)
    staff = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900}).new_page()
    staff.goto(f"{live_server}/staff/login")
    staff.get_by_label("E-mailadres").fill("facilitator@example.org")
    staff.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    staff.get_by_role("button", name="Inloggen").click()
    staff.goto(f"{live_server}/staff/campaigns/demo/sessions")
    staff.get_by_label("Titel").fill("Sessie raad en partners")
    staff.get_by_role("button", name="Maak de sessie").click()
    code = staff.locator(".join-code").inner_text()
    session_url = staff.url

    # The board on the projector: 1920×1080, presentation mode, read from the back of the room.
    board = chromium.new_context(locale="nl-NL", viewport={"width": 1920, "height": 1080})
    board.add_cookies(staff.context.cookies())
    board = board.new_page()
    board.goto(session_url + "/board")
    burglary = board.locator(f'li[data-theme="{theme_id(demo, "Woninginbraken")}"]')
    expect(burglary).to_contain_text("Marum #1")  # association views by village, not by name
    expect(burglary).to_contain_text("Woninginbraken (aangiften): stijgend")
    expect(board.get_by_text("Dorpsbelang Marum")).to_have_count(0)
    board.goto(session_url + "/board?presentatie=1")
    expect(board.locator(".site-header")).to_be_hidden()
    assert smallest_text_px(board) >= 28
    assert board.locator(".board-qr").bounding_box()["width"] >= 300
    assert board.evaluate("document.documentElement.scrollHeight") <= 1080 + 150
    assert serious_violations(board) == []
    board.evaluate("window.notReloaded = true")

    phones = [
        join_on_a_phone(chromium, live_server, code, "Gemeenteraad"),
        join_on_a_phone(chromium, live_server, code, "Politie"),
        join_on_a_phone(chromium, live_server, code, "Dorpsbelang"),
    ]
    assert serious_violations(phones[0]) == []
    for phone, dots in zip(
        phones,
        [
            {"Woninginbraken": "2", "Verkeersveiligheid": "1"},
            {"Woninginbraken": "3"},
            {"Handel in drugs": "3"},
        ],
        strict=True,
    ):
        for title, count in dots.items():
            plus = phone.get_by_role("button", name=f"Eén stip meer op {title}")
            for _ in range(int(count)):
                plus.tap()
        expect(phone.locator(".dots-left")).to_have_text("Nog 0 van 3 stippen over.")
        # The phone enforces the limit: a fourth dot is not placed, and it says why.
        phone.get_by_role("button", name="Eén stip meer op Woninginbraken").tap(force=True)
        expect(phone.locator(".dots-left")).to_have_text(
            "Geen stippen meer over: haal er eerst een weg."
        )
        phone.get_by_role("button", name="Zet mijn stippen").click()
        expect(phone.get_by_text("Uw stippen staan.")).to_be_visible()

    # While the round is open the room sees no dots; R shows them, updated without a reload.
    total = burglary.locator('[data-group="total"]')
    expect(total).to_be_hidden()
    board.keyboard.press("r")
    expect(total).to_have_text("5", timeout=10_000)
    expect(burglary.locator('text[data-group="police"]')).to_have_text("3")
    expect(burglary.locator('text[data-group="council"]')).to_have_text("2")
    drugs = board.locator(f'li[data-theme="{theme_id(demo, "Handel in drugs")}"]')
    expect(drugs.locator('text[data-group="association"]')).to_have_text("3")
    first = board.locator("#board-rows > li").first
    expect(first).to_have_attribute("data-theme", str(theme_id(demo, "Woninginbraken")))
    assert board.evaluate("window.notReloaded") is True
    assert smallest_text_px(board) >= 28
    # N closes the round: the dots stay on the board, and a closed round takes no more.
    board.keyboard.press("n")
    expect(board.locator("#board-round-text")).to_have_text("Ronde 1: gesloten")
    expect(total).to_have_text("5")
    expect(total).to_be_visible()

    reasons = {
        "Woninginbraken": "Veel stemmen, stijgende aangiften en het dorpsbelang noemt het.",
        "Handel in drugs": "Weinig zichtbaar, maar de politie ziet het groeien.",
        "Verkeersveiligheid": "Veel stemmen, maar nu voldoende ingebed in het dagelijkse werk.",
    }
    for title, reason in reasons.items():
        form = staff.locator("form", has=staff.get_by_role("button", name="Leg het besluit vast"))
        form.get_by_label("Thema", exact=True).select_option(label=title)
        chosen = "Niet gekozen" if title == "Verkeersveiligheid" else "Gekozen als prioriteit"
        form.get_by_label(chosen).check()
        if chosen == "Gekozen als prioriteit":
            form.get_by_label("VNG-veiligheidsveld (bij een gekozen prioriteit)").select_option("1")
        form.get_by_label("Reden", exact=True).fill(reason)
        form.get_by_role("button", name="Leg het besluit vast").click()
        expect(staff.get_by_text("Het besluit is vastgelegd.")).to_be_visible()

    staff.goto(session_url + "/report")
    report = staff.locator("article.report")
    for reason in reasons.values():
        expect(report).to_contain_text(reason)
    expect(report).to_contain_text("Veel inbraken in schuren")  # the association's view
    expect(report).to_contain_text("Woninginbraken (aangiften)")  # the indicator
    expect(report.get_by_role("table", name="3 deelnemers zetten stippen")).to_contain_text(
        "Politie"
    )
    expect(report).to_contain_text("10 stemmers")
    for page in [*phones, staff]:
        page.context.close()
