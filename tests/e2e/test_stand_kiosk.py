"""A stand kiosk on a paired tablet: 20 votes, 5 of them offline, with a reload while offline."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from participation.extensions import db
from participation.models import Ballot
from participation.services import municipality
from participation.services.accounts import create_user
from tests.conftest import paired_kiosk
from tests.e2e.test_resident_vote import serious_violations
from tests.staff.test_municipality import png_logo

pytestmark = pytest.mark.e2e
TABLET = {"width": 800, "height": 1280}


@pytest.fixture
def tablet(chromium):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport=TABLET, has_touch=True, locale="nl-NL")
    yield context
    context.close()


def pair(context, live_server: str, stand) -> None:  # type: ignore[no-untyped-def]
    """Give this browser the secret of a tablet staff paired with the stand, as the pairing
    screen leaves it (the pairing itself, in a browser: test_kiosk_pairing.py)."""
    secret = paired_kiosk(stand).get_cookie("kiosk_tablet", path=f"/stand/{stand.token}").value
    cookie = {"name": "kiosk_tablet", "value": secret, "path": f"/stand/{stand.token}"}
    cookie.update(domain=urlsplit(live_server).hostname, httpOnly=True, sameSite="Lax")
    context.add_cookies([cookie])


def vote(page: Page, titles: list[str], village: str | None = None) -> None:
    """Answer 'Woont u in Marum?' first (Ja, or the village given), then pick the themes."""
    page.locator(f'input[name="village"][value="{village or "marum"}"]').check()
    for title in titles:
        page.locator("#theme-field").get_by_text(title, exact=True).click()
    page.get_by_role("button", name="Verstuur mijn stem").click()
    expect(page.locator("#kiosk-thanks")).to_have_text("Bedankt voor uw stem!")
    # The tablet resets for the next person, with nothing of this voter left.
    expect(page.get_by_role("button", name="Verstuur mijn stem")).to_be_visible(timeout=6000)
    expect(page.locator('input[name="theme"]:checked')).to_have_count(0)
    expect(page.locator('input[name="village"]:checked')).to_have_count(0)


def wait_until(page: Page, script: str, seconds: float = 15) -> None:
    """Poll a JS expression; Playwright's wait_for_function evals, which our CSP forbids."""
    for _ in range(int(seconds * 4)):
        if page.evaluate(f"async () => Boolean(await ({script}))"):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"timed out waiting for {script}")


def waiting(page: Page) -> str:
    return page.locator("#kiosk-status").get_attribute("data-waiting") or ""


def test_a_stand_keeps_voting_offline_and_stores_every_ballot_once(
    app, tablet, live_server, demo, stand
) -> None:
    app.config["KIOSK_RESET_MS"] = 400  # the real default is 3 s; the reset itself is checked
    app.config["KIOSK_RESET_WITH_SURVEY_MS"] = 400  # the demo campaign offers its survey
    # People take longer than 15 s a vote; this tablet votes every second, paced at one per
    # second: what comes faster is held on the tablet and goes with a later sync.
    app.config["KIOSK_PACE_SECONDS"] = 1
    pair(tablet, live_server, stand)
    page = tablet.new_page()
    page.goto(f"{live_server}/stand/{stand.token}")
    # Wait until the service worker controls the kiosk and the page is cached for offline use.
    wait_until(page, "navigator.serviceWorker.ready.then(() => true)")
    wait_until(page, "caches.open('kiosk-v1').then(c => c.match(location.pathname))")
    titles = [theme.title for theme in demo.themes]
    expected = Counter()
    assert serious_violations(page) == []

    for n in range(10):
        village = "leek" if n % 3 == 0 else None
        vote(page, titles[n % 6 : n % 6 + 6], village)
        expected[village or "marum"] += 1
    expect(page.locator("#kiosk-status")).to_have_attribute("data-waiting", "0", timeout=10000)

    tablet.set_offline(True)
    for n in range(5):
        vote(page, titles[6:12])
        expected["marum"] += 1
        if n == 0:  # one vote, then five: each in its own grammatical number
            expect(page.locator("#kiosk-status")).to_contain_text("1 stem wacht op verzending")
    expect(page.locator("#kiosk-status")).to_contain_text("5 stemmen wachten op verzending")
    page.reload()  # offline: the service worker serves the kiosk from its cache
    expect(page.get_by_role("button", name="Verstuur mijn stem")).to_be_visible()
    assert waiting(page) == "5"

    tablet.set_offline(False)
    for _ in range(5):
        vote(page, titles[:6], "elders")
        expected["elders"] += 1
    expect(page.locator("#kiosk-status")).to_have_attribute("data-waiting", "0", timeout=15000)

    db.session.expire_all()
    ballots = db.session.scalars(select(Ballot)).all()
    assert len(ballots) == 20
    assert {(b.channel, b.trust_level, b.stand_id) for b in ballots} == {
        ("stand", "stand", stand.id)
    }
    slugs = {area.id: area.slug for area in demo.areas}
    assert Counter(slugs.get(b.area_id, "elders") for b in ballots) == expected


def test_the_kiosk_works_without_javascript_and_forgets_the_voter(
    chromium, live_server, demo, stand
) -> None:
    context = chromium.new_context(locale="nl-NL", viewport=TABLET, java_script_enabled=False)
    pair(context, live_server, stand)
    page = context.new_page()
    page.goto(f"{live_server}/stand/{stand.token}")
    expect(page.get_by_role("group", name="Woont u in Marum?")).to_be_visible()
    assert page.locator('input[name="village"]:checked').count() == 0  # never answered for them
    for theme in demo.themes[:6]:
        page.locator("#theme-field").get_by_text(theme.title, exact=True).click()
    page.get_by_role("button", name="Verstuur mijn stem").click()
    # Without an answer to where they live, the tablet asks for it and keeps the picks.
    expect(page.get_by_text("Kies het dorp waar u woont.").first).to_be_visible()
    expect(page.locator('input[name="theme"]:checked')).to_have_count(6)
    page.get_by_label("Nee, in Leek").check()
    page.get_by_role("button", name="Verstuur mijn stem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw stem")
    page.goto(f"{live_server}/stand/{stand.token}")  # the next resident's screen
    expect(page.locator('input[name="theme"]:checked')).to_have_count(0)
    expect(page.locator('input[name="village"]:checked')).to_have_count(0)
    context.close()
    db.session.expire_all()
    ballot = db.session.scalars(select(Ballot)).one()
    assert (ballot.channel, ballot.stand_id) == ("stand", stand.id)
    assert ballot.area_id == next(a.id for a in demo.areas if a.slug == "leek")


def test_staff_note_a_remark_offline_after_a_vote(app, tablet, live_server, demo, stand) -> None:
    from participation.models import Remark

    pair(tablet, live_server, stand)
    page = tablet.new_page()
    page.goto(f"{live_server}/stand/{stand.token}")
    tablet.set_offline(True)
    page.locator('input[name="village"][value="marum"]').check()
    for theme in demo.themes[:6]:
        page.locator("#theme-field").get_by_text(theme.title, exact=True).click()
    page.get_by_role("button", name="Verstuur mijn stem").click()
    page.get_by_role("button", name="Medewerker: noteer wat de inwoner zei").click()
    page.get_by_label("Wat zei de inwoner? (geen namen)").fill("Wil een zebrapad bij de school.")
    page.locator("#kiosk-remark").get_by_text(demo.themes[0].title, exact=True).click()
    page.get_by_role("button", name="Opmerking opslaan").click()
    expect(page.get_by_role("button", name="Verstuur mijn stem")).to_be_visible()
    tablet.set_offline(False)
    wait_until(
        page,
        "localStorage.getItem(document.querySelector('form.kiosk').dataset.queue"
        " + '-remarks') === '[]'",
    )
    db.session.expire_all()
    remark = db.session.scalars(select(Remark)).one()
    assert remark.text == "Wil een zebrapad bij de school."
    assert [t.id for t in remark.themes] == [demo.themes[0].id]
    assert db.session.scalars(select(Ballot)).one().stand_id == stand.id


def test_every_resident_starts_fresh_in_dutch(app, tablet, live_server, demo, stand) -> None:
    app.config["KIOSK_RESET_MS"] = 400
    app.config["KIOSK_RESET_WITH_SURVEY_MS"] = 400
    app.config["KIOSK_IDLE_MS"] = 1500
    pair(tablet, live_server, stand)
    page = tablet.new_page()
    page.goto(f"{live_server}/stand/{stand.token}?lang=pl")
    assert page.locator("html").get_attribute("lang") == "pl"
    page.locator('input[name="village"][value="marum"]').check()
    for title in [theme.translations["pl"]["title"] for theme in demo.themes[:6]]:
        page.locator("#theme-field").get_by_text(title, exact=True).click()
    page.locator("button.kiosk-button").click()
    # The next resident finds the kiosk in Dutch again, whatever the last one chose.
    expect(page.locator("html")).to_have_attribute("lang", "nl", timeout=6000)
    expect(page.get_by_role("button", name="Verstuur mijn stem")).to_be_visible()
    # A resident who walks away half-way: after the idle time the picks are gone.
    page.locator("#theme-field").get_by_text(demo.themes[0].title, exact=True).click()
    expect(page.locator('input[name="theme"]:checked')).to_have_count(1)
    expect(page.locator('input[name="theme"]:checked')).to_have_count(0, timeout=5000)


def test_a_survey_opened_from_the_kiosk_leads_back_to_voting(
    app, tablet, live_server, demo, stand
) -> None:
    pair(tablet, live_server, stand)
    page = tablet.new_page()
    page.goto(f"{live_server}/s/demo-vragenlijst?kiosk={stand.token}")
    back = page.get_by_role("link", name="Terug naar stemmen")
    expect(back).to_be_visible()
    back.click()
    expect(page.get_by_role("button", name="Verstuur mijn stem")).to_be_visible()


@pytest.mark.parametrize("screen", [(1024, 768), (1280, 800)])
def test_the_kiosk_fits_a_landscape_tablet_without_scrolling(
    chromium, live_server, demo, stand, screen
) -> None:
    width, height = screen
    # With the municipality's logo in the header, the taller case.
    admin = create_user("beheer@example.org", "een-lang-wachtwoord", "admin")
    logo = municipality.LookInput("Gemeente Westerkwartier", "#00567a", "", "", png_logo(120, 40))
    municipality.save(logo, admin)
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    pair(context, live_server, stand)
    page = context.new_page()
    page.goto(f"{live_server}/stand/{stand.token}")
    expect(page.locator(".site-logo")).to_be_visible()
    page.locator('input[name="village"][value="marum"]').check()
    for theme in demo.themes[:6]:
        page.locator("#theme-field").get_by_text(theme.title, exact=True).click()
    assert page.evaluate("window.scrollY") == 0
    button = page.get_by_role("button", name="Verstuur mijn stem").bounding_box()
    assert button is not None and button["y"] + button["height"] <= height
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_each_resident_at_the_tablet_gets_the_themes_in_a_new_order(
    app, tablet, live_server, demo, stand
) -> None:
    """The kiosk resets without a reload (it works offline): the themes are shuffled anew."""
    app.config["KIOSK_RESET_MS"] = 300
    app.config["KIOSK_RESET_WITH_SURVEY_MS"] = 300  # the demo campaign offers its survey
    pair(tablet, live_server, stand)
    page = tablet.new_page()
    page.goto(f"{live_server}/stand/{stand.token}")
    shown = 'input[name="theme"]'
    orders = [page.locator(shown).evaluate_all("boxes => boxes.map(b => b.value)")]
    for _ in range(2):
        vote(page, [theme.title for theme in demo.themes[:6]])
        orders.append(page.locator(shown).evaluate_all("boxes => boxes.map(b => b.value)"))
    assert len({tuple(order) for order in orders}) == 3  # 12! orders: a repeat is a bug
    assert all(sorted(order) == sorted(orders[0]) for order in orders)
    stored = db.session.scalars(select(Ballot)).all()
    assert len(stored) == 2
