"""A municipality's first day on a fresh install, in a real Chromium, without the demo.

The first admin comes from `flask create-user`; everything after happens in the browser: a
colleague is invited and sets a password from the e-mail (read back from a real SMTP server),
six villages come from a CSV with one bad row, twelve themes are pasted, a campaign is made,
a poster is printed whose QR code reads back to the public address with the village, and a
resident votes for an imported village on a phone. Deactivating the colleague ends their
session at once. Every new page is scanned with axe.
"""

from __future__ import annotations

import base64
import io
import re

import pypdfium2
import pytest
import zxingcpp
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Area, Ballot, Campaign, StaffUser, Theme
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.e2e.test_resident_vote import serious_violations

pytestmark = pytest.mark.e2e

# The municipality's public name, resolved to the test server by the browser itself, as DNS
# would: print then carries a real address (no VOORBEELD) and the resident's phone follows it.
PUBLIC_HOST = "stem.gemeente-oosterdijk.test"
VILLAGES_CSV = (
    "naam;slug;inwoners;postcodes\n"
    "Oosterdijk;oosterdijk;5.400;9901 9902\n"
    "Westerveen;;2300;9903\n"
    "Noordwolde;noordwolde;1800;99O4\n"  # a letter O for a zero: refused with its line
    "Zuiderhorn;zuiderhorn;;9905\n"
    "Middelburen;middelburen;950;\n"
    "Hoogeloo;hoogeloo;1200;9906\n"
    "Laagland;laagland;700;9907\n"
)
THEMES = "\n".join(
    f"{title}\tUitleg bij {title.lower()}.\t{field}"
    for title, field in [
        ("Verkeersveiligheid", 4),
        ("Woninginbraken", 1),
        ("Vandalisme en vernielingen", 1),
        ("Alcohol- en drugsoverlast", 1),
        ("Handel in drugs", 5),
        ("Ondermijnende criminaliteit", 5),
        ("Sociale wijkproblematiek en woonoverlast", 1),
        ("Jeugdoverlast", 3),
        ("Digitale criminaliteit", 5),
        ("Huiselijk geweld", 1),
        ("Personen met onbegrepen gedrag", 1),
        ("Brandveiligheid", 4),
    ]
)


def count(model: type) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def checked(page: Page, label: str = "") -> None:
    assert serious_violations(page) == [], f"{label or page.url}: {serious_violations(page)}"


def fetched(page: Page, url: str) -> bytes:
    """A file as the staff member's browser downloads it (their login, the public name)."""
    encoded = page.evaluate(
        """async url => {
            const response = await fetch(url);
            if (!response.ok) throw new Error(`${response.status} for ${url}`);
            const bytes = new Uint8Array(await response.arrayBuffer());
            let text = "";
            for (const byte of bytes) text += String.fromCharCode(byte);
            return btoa(text);
        }""",
        url,
    )
    return base64.b64decode(encoded)


def log_in(page: Page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/staff/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raadplegingen")


@pytest.fixture
def browser_with_public_name(chromium):  # type: ignore[no-untyped-def]
    """A second Chromium, from the same Playwright, that resolves the public name to the test
    server as DNS would."""
    browser = chromium.browser_type.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {PUBLIC_HOST} 127.0.0.1"],
    )
    yield browser
    browser.close()


def test_a_municipality_sets_itself_up_in_the_browser(
    app, live_server, smtp_server, browser_with_public_name
) -> None:
    port = live_server.rsplit(":", 1)[1]
    base = f"http://{PUBLIC_HOST}:{port}"
    app.config.update(MUNICIPALITY_NAME="", PUBLIC_BASE_URL=base)
    runner = app.test_cli_runner()
    made = runner.invoke(
        args=["create-user", "beheer@oosterdijk.nl", "--role", "admin", "--password-stdin"],
        input="Zon-op-de-Dijk-2027\n",
    )
    assert made.exit_code == 0, made.output
    browser = browser_with_public_name
    desk = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    admin = desk.new_page()

    # The first admin sees a neutral name and the checklist, never the demo's municipality.
    log_in(admin, base, "beheer@oosterdijk.nl", "Zon-op-de-Dijk-2027")
    expect(admin.get_by_role("heading", name="Deze installatie inrichten")).to_be_visible()
    assert "Westerkwartier" not in admin.content()
    checked(admin, "dashboard with the checklist")
    admin.get_by_role("link", name="Minstens twee medewerkers").click()
    expect(admin).to_have_url(re.compile(r"/staff/accounts$"))
    checked(admin, "accounts")

    # Invite a colleague; the mail carries a one-time link on the public address.
    invite = admin.locator("form[action$='/accounts/invite']")
    invite.locator("[name=email]").fill("collega@oosterdijk.nl")
    invite.locator("[name=display_name]").fill("Sanne de Vries")
    invite.locator("[name=role]").select_option("staff")
    invite.locator("button[type=submit]").click()
    expect(admin.locator("body")).to_contain_text("collega@oosterdijk.nl")
    assert len(smtp_server) == 1
    body = smtp_server[0].get_body(preferencelist=("plain",)).get_content()
    link = re.search(rf"{re.escape(base)}/staff/welcome/\S+", body)
    assert link, body

    colleague_context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    colleague = colleague_context.new_page()
    colleague.goto(link.group(0))
    checked(colleague, "set a password")
    colleague.locator("[name=password]").fill("zeven-kikkers-in-de-sloot")
    colleague.locator("[name=password_confirm]").fill("zeven-kikkers-in-de-sloot")
    colleague.locator("form button[type=submit]").last.click()
    expect(colleague.get_by_role("heading", level=1)).to_have_text("Raadplegingen")

    # Villages from a CSV: the bad row refused with its line number, nothing stored before
    # the confirmation.
    colleague.goto(f"{base}/staff/villages/import")
    checked(colleague, "village import")
    colleague.locator("input[type=file][name=file]").set_input_files(
        files=[{"name": "kernen.csv", "mimeType": "text/csv", "buffer": VILLAGES_CSV.encode()}]
    )
    colleague.locator("form button[type=submit]").last.click()
    preview = colleague.locator("main")
    expect(preview).to_contain_text("4")  # the line of Noordwolde
    expect(preview).to_contain_text("Noordwolde")
    expect(preview).to_contain_text("Westerveen")
    checked(colleague, "village import preview")
    assert count(Area) == 0
    colleague.locator("button[name=confirm]").click()
    expect(colleague).to_have_url(re.compile(r"/staff/villages$"))
    villages = {area.slug: area for area in db.session.scalars(select(Area))}
    assert set(villages) == {
        "oosterdijk",
        "westerveen",
        "zuiderhorn",
        "middelburen",
        "hoogeloo",
        "laagland",
    }
    assert villages["oosterdijk"].population == 5400
    checked(colleague, "villages")

    # A campaign with those villages; then twelve themes pasted at once.
    colleague.goto(f"{base}/staff/campaigns/new")
    colleague.get_by_label("Korte naam in de link").fill("veilig-2027")
    colleague.get_by_label("Titel", exact=True).fill("Wat vindt u belangrijk in uw dorp?")
    colleague.get_by_label("Status").select_option("open")
    for name in ("Oosterdijk", "Westerveen", "Zuiderhorn", "Middelburen", "Hoogeloo", "Laagland"):
        colleague.get_by_label(name, exact=True).check()
    colleague.locator("main form button[type=submit]").last.click()
    expect(colleague).to_have_url(re.compile(r"/staff/campaigns/veilig-2027$"))

    colleague.goto(f"{base}/staff/campaigns/veilig-2027/themes/import")
    checked(colleague, "theme import")
    colleague.locator("textarea[name=text]").fill(THEMES)
    colleague.locator("main form button[type=submit]").last.click()
    expect(colleague.locator("main")).to_contain_text("Brandveiligheid")
    checked(colleague, "theme import preview")
    assert count(Theme) == 0
    colleague.locator("button[name=confirm]").click()
    expect(colleague).to_have_url(re.compile(r"/staff/campaigns/veilig-2027"))
    campaign = db.session.scalar(select(Campaign).where(Campaign.slug == "veilig-2027"))
    titles = [theme.title for theme in campaign.themes]
    assert len(titles) == 12 and titles[0] == "Verkeersveiligheid"
    assert len({theme.bit for theme in campaign.themes}) == 12
    checked(colleague, "campaign page with twelve themes")

    # The poster for Hoogeloo: its QR code reads back to the public address and the village.
    poster = fetched(
        colleague,
        f"{base}/staff/campaigns/veilig-2027/print/poster-a4.pdf?dorp=hoogeloo&bron=poster",
    )
    page = pypdfium2.PdfDocument(io.BytesIO(poster))[0]
    assert "VOORBEELD" not in page.get_textpage().get_text_range()
    codes = [found.text for found in zxingcpp.read_barcodes(page.render(scale=3).to_pil())]
    scanned = next(code for code in codes if "/v/veilig-2027" in code)
    assert scanned.startswith(f"{base}/v/veilig-2027?") and "dorp=hoogeloo" in scanned

    # A resident scans it and votes for Hoogeloo on a phone.
    phone_context = browser.new_context(viewport=PHONE, locale="nl-NL", has_touch=True)
    phone = phone_context.new_page()
    phone.goto(scanned)
    expect(phone.get_by_label("Waar woont u?")).to_have_value("hoogeloo")
    for title in titles[:6]:
        phone.get_by_text(title, exact=True).click()
    phone.get_by_role("button", name="Verstuur mijn stem").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw stem")
    db.session.expire_all()
    ballot = db.session.scalar(select(Ballot))
    assert ballot is not None and ballot.area_id == villages["hoogeloo"].id

    # The first-day pages themselves.
    for path in ("/staff/setup", "/staff/my-account"):
        admin.goto(f"{base}{path}")
        checked(admin, path)

    # Deactivating the colleague ends their open session at once.
    colleague_id = db.session.scalar(
        select(StaffUser.id).where(StaffUser.email == "collega@oosterdijk.nl")
    )
    admin.goto(f"{base}/staff/accounts")
    row = admin.locator("tr", has_text="collega@oosterdijk.nl")
    row.locator("summary", has_text="Deactiveren").click()  # asks once more before it acts
    row.locator(f"form[action$='/accounts/{colleague_id}/deactivate'] button").click()
    expect(admin.locator("tr", has_text="collega@oosterdijk.nl")).to_contain_text("gedeactiveerd")
    colleague.goto(f"{base}/staff/")
    expect(colleague).to_have_url(re.compile(r"/staff/login"))
    for context in (desk, colleague_context, phone_context):
        context.close()


def test_the_kiosk_works_on_a_tablet_on_the_local_network(app, live_server, chromium, demo):
    """`HOST=0.0.0.0 make run`: a real tablet opens the kiosk by the machine's LAN name over
    plain HTTP, where browsers offer no service worker and no crypto.randomUUID. Staff pair it
    from their phone there too, and the kiosk still takes votes (online only), each stored once."""
    from tests.conftest import add_stand
    from tests.e2e.test_kiosk_pairing import log_in as log_in_staff
    from tests.e2e.test_kiosk_pairing import pair_in_browser
    from tests.e2e.test_stand_kiosk import vote

    app.config.update(KIOSK_RESET_MS=400, KIOSK_RESET_WITH_SURVEY_MS=400)
    stand = add_stand(demo, "marum")
    port = live_server.rsplit(":", 1)[1]
    tablet_browser = chromium.browser_type.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP werkplek.lan 127.0.0.1"],
    )
    try:
        tablet = tablet_browser.new_context(
            viewport={"width": 800, "height": 1280}, has_touch=True, locale="nl-NL"
        )
        page = tablet.new_page()
        page.goto(f"http://werkplek.lan:{port}/stand/{stand.token}")
        assert page.evaluate("window.isSecureContext") is False
        assert page.evaluate("'serviceWorker' in navigator") is False
        staff = tablet_browser.new_context(viewport=PHONE, locale="nl-NL").new_page()
        log_in_staff(staff, f"http://werkplek.lan:{port}")
        pair_in_browser(page, staff, f"http://werkplek.lan:{port}", stand, "Tablet 1")
        titles = [theme.title for theme in demo.themes]
        vote(page, titles[:6])
        vote(page, titles[6:12], "leek")
        expect(page.locator("#kiosk-status")).to_have_attribute("data-waiting", "0")
    finally:
        tablet_browser.close()
    assert count(Ballot) == 2


def test_the_new_staff_pages_fit_a_phone(chromium, live_server, app, demo):
    """At 390 px no staff page of the first day scrolls sideways: the menu wraps, wide
    tables scroll inside their own box."""
    from participation.services.accounts import create_user

    create_user("telefoon@example.org", "een-lang-wachtwoord", "admin")
    context = chromium.new_context(viewport=PHONE, locale="nl-NL", has_touch=True)
    page = context.new_page()
    log_in(page, live_server, "telefoon@example.org", "een-lang-wachtwoord")
    for path in (
        "/staff/",
        "/staff/setup",
        "/staff/accounts",
        "/staff/my-account",
        "/staff/villages",
        "/staff/villages/new",
        "/staff/villages/import",
        "/staff/campaigns/demo",
        "/staff/campaigns/demo/themes/import?standaard=1",
    ):
        page.goto(f"{live_server}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    context.close()
