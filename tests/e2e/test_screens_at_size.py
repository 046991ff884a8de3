"""Resident pages at 200 % text on a phone with the municipality's logo: the header wraps, the
name is never cut, nothing scrolls sideways and nothing sticky covers the screen; staff fields
on the programme page are large enough to tap."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page

from participation.domain.programme import Direction, GoalKind
from participation.extensions import db
from participation.services import municipality
from participation.services.accounts import create_user
from participation.services.campaigns import indicators
from participation.services.outcome import outcome, programme
from participation.services.sessions import prioritisation
from participation.services.surveys import surveys
from participation.timeutil import utcnow
from tests.conftest import publish_results, send_ballot
from tests.staff.test_municipality import png_logo

pytestmark = pytest.mark.e2e

NAME = "Gemeente Noordoostpolder"
# A phone of today and the smallest phone still in use, each in portrait.
PHONES = [(390, 844), (320, 568)]
TEXT_200 = {"standard": 32, "fixed": 26}  # the browser's text size at 200 % (16 px is 100 %)


def with_logo() -> None:
    admin = create_user("beheer@example.org", "een-lang-wachtwoord", "admin")
    look = municipality.LookInput(NAME, "#00567a", "", "", png_logo(240, 80))
    municipality.save(look, admin)


def large_text_phone(chromium, width: int, height: int) -> Page:  # type: ignore[no-untyped-def]
    """A phone whose reader set the browser's text size to 200 % (Chromium's font-size setting,
    which media queries in em follow, as they do for page zoom)."""
    context = chromium.new_context(
        viewport={"width": width, "height": height}, locale="nl-NL", has_touch=True
    )
    page = context.new_page()
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": TEXT_200})
    return page


def measure(page: Page) -> dict:
    """Sideways scroll, where the municipality's name is drawn, and every sticky or fixed box."""
    return page.evaluate(
        """name => {
        const header = document.querySelector('.site-header');
        const walker = document.createTreeWalker(header, NodeFilter.SHOW_TEXT);
        let node = null;
        while (walker.nextNode()) {
          if (walker.currentNode.textContent.includes(name)) { node = walker.currentNode; break; }
        }
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = Array.from(range.getClientRects());
        const owner = node.parentElement;
        const stuck = Array.from(document.querySelectorAll('body *')).filter(e => {
          const p = getComputedStyle(e).position;
          return (p === 'sticky' || p === 'fixed') && e.getClientRects().length;
        }).map(e => ({id: e.id || e.className, height: e.getBoundingClientRect().height}));
        return {
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: innerWidth,
          innerHeight: innerHeight,
          fontSize: parseFloat(getComputedStyle(document.body).fontSize),
          nameLeft: Math.min(...rects.map(r => r.left)),
          nameRight: Math.max(...rects.map(r => r.right)),
          nameScroll: owner.scrollWidth,
          nameClient: owner.clientWidth,
          nameEllipsis: getComputedStyle(owner).textOverflow,
          logo: document.querySelector('.site-logo').getBoundingClientRect().toJSON(),
          stuck: stuck,
        };
      }""",
        NAME,
    )


def too_wide(page: Page) -> list[str]:
    """What sticks out on the right, for the failure message."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('body *'))
          .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
          .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().width)}px`
            + ` ${(e.textContent || '').trim().slice(0, 30)}`)"""
    )


def check_screen(page: Page, folder: Path, label: str) -> dict:
    page.screenshot(path=folder / f"{label}.png", full_page=False)
    found = measure(page)
    assert found["fontSize"] >= 32, "the text is not at 200 %"
    assert found["scrollWidth"] <= found["innerWidth"], (label, too_wide(page))
    assert found["nameLeft"] >= 0 and found["nameRight"] <= found["innerWidth"], (label, found)
    assert found["nameScroll"] <= found["nameClient"], (label, found)
    assert found["nameEllipsis"] != "ellipsis"
    assert found["logo"]["right"] <= found["innerWidth"] and found["logo"]["width"] > 0
    for box in found["stuck"]:
        assert box["height"] <= 0.15 * found["innerHeight"], (label, box)
    return found


def close_and_publish_the_outcome(demo) -> None:  # type: ignore[no-untyped-def]
    """Voting closed, the session's decisions recorded and the outcome published."""
    demo.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    actor = create_user("uitkomst@example.org", "een-lang-wachtwoord", "staff")
    session = prioritisation.create(demo, "Sessie raad en partners", 3, 6, actor)
    for number, theme in enumerate(demo.themes[:6]):
        chosen = number < 2
        reason = "Veel stemmen en stijgende cijfers." if chosen else "Past bij het gewone werk."
        prioritisation.record_decision(session, theme, chosen, reason, 1 if chosen else None, actor)
    settings = outcome.OutcomeSettings(
        session_id=session.id,
        decided_on=date(2027, 6, 24),
        summary="De raad koos twee prioriteiten voor de komende vier jaar.",
        shows_views=False,
        plan_first_year=2027,
        plan_last_year=2030,
    )
    outcome.save(demo, settings, actor)
    assert outcome.publish(demo, actor) == []


@pytest.mark.parametrize("size", PHONES, ids=["390px", "320px"])
def test_resident_pages_at_200_percent_text_with_a_logo(
    app, chromium, live_server, demo, tmp_path, size
) -> None:
    print(f"screenshots: {tmp_path}")
    with_logo()
    surveys.by_slug("demo-vragenlijst").status = "open"
    db.session.commit()
    top_six = [theme.id for theme in demo.themes[:6]]
    for village in ["leek"] * 6 + ["marum"] * 6:
        send_ballot(app.test_client(), demo, village=village, themes=top_six)
    width, height = size
    page = large_text_phone(chromium, width, height)

    page.goto(f"{live_server}/v/demo")
    check_screen(page, tmp_path, f"ballot-top-{width}")
    page.locator(".theme-option label").first.click()
    check_screen(page, tmp_path, f"ballot-themes-{width}")
    # The counter, below the themes at this text size, and still saying how many are chosen.
    page.locator("#pick-counter").scroll_into_view_if_needed()
    assert page.locator("#pick-counter").inner_text() == "1 van 6 gekozen"
    check_screen(page, tmp_path, f"ballot-counter-{width}")
    page.goto(f"{live_server}/s/demo-vragenlijst")
    check_screen(page, tmp_path, f"survey-{width}")

    publish_results(demo)
    close_and_publish_the_outcome(demo)
    page.goto(f"{live_server}/results/demo/openbaar")
    check_screen(page, tmp_path, f"results-{width}")
    page.goto(f"{live_server}/results/demo/uitkomst")
    check_screen(page, tmp_path, f"outcome-{width}")
    page.context.close()


@pytest.mark.parametrize("size", PHONES, ids=["390px", "320px"])
def test_at_normal_text_size_the_counter_stays_in_view(chromium, live_server, demo, size) -> None:
    """The rule for large text leaves the usual phone alone: the counter sticks to the bottom."""
    width, height = size
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server}/v/demo")
    counter = page.locator("#pick-counter")
    assert counter.evaluate("c => getComputedStyle(c).position") == "sticky"
    box = counter.bounding_box()
    assert box is not None and box["y"] + box["height"] == pytest.approx(height, abs=1)
    assert box["height"] <= 0.15 * height
    context.close()


@pytest.mark.parametrize("size", PHONES, ids=["390px", "320px"])
def test_the_header_wraps_when_a_script_sets_the_text_to_200_percent(
    chromium, live_server, demo, tmp_path, size
) -> None:
    """The other way readers get large text (a root font size of 200 %, as a reading add-on
    sets it): the header wraps the same; media queries do not see this one."""
    with_logo()
    width, height = size
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server}/v/demo")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    page.screenshot(path=tmp_path / f"ballot-root-200-{width}.png")
    found = measure(page)
    assert found["scrollWidth"] <= width, found
    assert found["nameLeft"] >= 0 and found["nameRight"] <= width, found
    assert found["nameScroll"] <= found["nameClient"], found
    context.close()


def test_the_programme_page_fields_are_large_enough_to_tap(
    chromium, live_server, demo, tmp_path
) -> None:
    """Year, value, date and note fields outside the staff forms: at least 44 px tall."""
    print(f"screenshots: {tmp_path}")
    actor = create_user("programma@example.org", "een-lang-wachtwoord", "staff")
    session = prioritisation.create(demo, "Sessie", 3, 6, actor)
    prioritisation.record_decision(session, demo.themes[0], True, "Veel stemmen.", 1, actor)
    settings = outcome.OutcomeSettings(
        session_id=session.id,
        decided_on=None,
        summary="",
        shows_views=False,
        plan_first_year=2027,
        plan_last_year=2030,
    )
    outcome.save(demo, settings, actor)
    figure = indicators.IndicatorInput(demo.themes[0].id, "Aangiften", "Politie", [(2023, 40.0)])
    indicator = indicators.add(demo, figure, actor)
    measurable = programme.GoalInput(
        demo.themes[0].id, "Minder inbraken", GoalKind.MEASURABLE, indicator.id,
        2023, 40.0, 2027, 30.0, Direction.DOWN,
    )  # fmt: skip
    programme.add_goal(demo, measurable, actor)
    programme.add_goal(
        demo, programme.GoalInput(demo.themes[0].id, "Buurtpreventie", GoalKind.WRITTEN), actor
    )
    programme.add_action(demo, demo.themes[0].id, "Voorlichting", "Politie", None, actor)

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server}/staff/login")
    page.get_by_label("E-mailadres").fill("programma@example.org")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server}/staff/campaigns/demo/programme")
    page.screenshot(path=tmp_path / "programme.png", full_page=True)
    heights = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            'main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select,'
            + ' main textarea'))
          .filter(e => e.getClientRects().length)
          .map(e => [e.id || e.name, e.type, e.getBoundingClientRect().height])"""
    )
    kinds = {kind for _, kind, _ in heights}
    assert {"number", "date", "text"} <= kinds, heights
    small = [found for found in heights if found[2] < 44]
    assert small == [], small
    context.close()
