"""The steps of the region's browser run (tests/e2e/test_region_flow.py): its names, and what
the coordinator, the municipalities' admins and the residents do in their browsers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import func, select

from participation import tenancy
from participation.extensions import db
from participation.models import Ballot
from participation.timeutil import utc_to_local, utcnow

REGION = "Heidezand"
REGION_HOST = "heidezand.test"
VILLAGES = {
    "Beekdal": ("Beekhuizen", "Dalerveen"),
    "Veenhoven": ("Hoogveen", "Turfwijk"),
    "Zandloo": ("Loosduin", "Zandhorst"),
}
HOSTS = {name: f"{name.lower()}.test" for name in VILLAGES}
PASSWORD = "heide-en-zand-2027"
COORDINATOR = "coordinator@heidezand.test"
DESK = {"width": 1280, "height": 900}
WIDE = {"width": 1920, "height": 1080}
LOCAL_THEME = "Zwerfafval langs de Beek"
COMMON_THEME = "Ondermijning in het buitengebied"
SLUG = "ivp-2027"
# Distinct reasons, to tell on a page whose decision it shows.
COMMON_REASON = "Ondermijning raakt alle drie de gemeenten."
BEEKDAL_REASON = "Het zwerfafval langs de Beek ergert de kernen van Beekdal."
VEENHOVEN_REASON = "Hard rijden door Hoogveen en Turfwijk."
SHOWN = "%Y-%m-%dT%H:%M"


@dataclass(frozen=True)
class World:
    region: int
    municipalities: dict[str, int]  # name -> id

    def base(self, port: str, name: str | None = None) -> str:
        return f"http://{HOSTS[name] if name else REGION_HOST}:{port}"


def admin_email(name: str) -> str:
    return f"beheer@{HOSTS[name]}"


def minute(moment: datetime) -> str:
    """A UTC moment as a datetime-local field takes it: local time, to the minute."""
    return utc_to_local(moment).strftime(SHOWN)


def log_in(page: Page, base: str, email: str, path: str = "/staff/login") -> None:
    page.goto(f"{base}{path}")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def desk(browser: Browser, viewport: dict[str, int] = DESK) -> BrowserContext:
    return browser.new_context(locale="nl-NL", viewport=viewport)


def stored(municipality: int, model: type = Ballot) -> int:
    with tenancy.acting_for(municipality):
        db.session.expire_all()
        return db.session.scalar(select(func.count()).select_from(model)) or 0


def create_the_regional_campaign(page: Page, base: str) -> None:
    """The coordinator writes the campaign: 13 common themes (the standard twelve and one of
    the region's own), pick 3, a period of a month; then opens it for the municipalities."""
    log_in(page, base, COORDINATOR, "/regio/login")
    expect(page.get_by_role("heading", level=1)).to_have_text(REGION)
    page.get_by_role("link", name="Regionale raadplegingen").first.click()
    page.get_by_role("link", name="Nieuwe regionale raadpleging").click()
    page.get_by_label("Korte naam", exact=True).fill(SLUG)
    page.get_by_label("Titel", exact=True).fill("Veilig in Heidezand")
    page.get_by_label("Inleiding voor inwoners").fill("Kies de drie thema's die voor u tellen.")
    page.get_by_label("Minimaal aantal te kiezen thema's").fill("3")
    page.get_by_label("Maximaal aantal te kiezen thema's").fill("3")
    page.get_by_label("Begin van de periode").fill(minute(utcnow() - timedelta(days=1)))
    page.get_by_label("Einde van de periode").fill(minute(utcnow() + timedelta(days=30)))
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(rf"/regio/staff/campaigns/{SLUG}$"))
    expect(page.locator("main")).to_contain_text("3 uit 12")

    page.locator("summary", has_text="Thema toevoegen").click()
    added = page.locator(f"form[action$='/campaigns/{SLUG}/themes']")
    added.get_by_label("Titel").fill(COMMON_THEME)
    added.get_by_label("Uitleg in één regel").fill("Drugslabs en hennepkwekerijen op erven.")
    added.get_by_label("Veiligheidsveld (VNG)").select_option("5")
    added.get_by_role("button", name="Thema toevoegen").click()
    expect(page.locator("tr", has_text=COMMON_THEME)).to_be_visible()
    expect(page.locator("main")).to_contain_text("3 uit 13")

    # Opening is asked twice: the first click only shows what it fixes.
    page.get_by_text("Openstellen voor de gemeenten…").click()
    expect(page.locator("main")).to_contain_text("aantal te kiezen thema's liggen dan vast")
    page.get_by_role("button", name="Ja, openstellen voor de gemeenten").click()
    expect(page.locator("body")).to_contain_text("De regionale raadpleging is opengesteld")
    expect(page.get_by_text("Openstellen voor de gemeenten…")).to_have_count(0)


def adopt_and_open(
    page: Page, base: str, name: str, dates: tuple[datetime, datetime], local: bool
) -> str:
    """A municipality's admin adopts the regional campaign on its own host with its own dates,
    adds a local theme when asked, and opens its campaign; the campaign's short name."""
    slug = f"veilig-{name.lower()}"
    log_in(page, base, admin_email(name))
    expect(page.get_by_role("heading", level=1)).to_have_text("Raadplegingen")
    page.get_by_role("navigation").get_by_role("link", name="Regionale raadplegingen").click()
    expect(page.locator("main")).to_contain_text(COMMON_THEME)
    page.get_by_role("link", name="Deze raadpleging overnemen").click()
    page.get_by_label("Korte naam in de link").fill(slug)
    page.get_by_label("Opent op").fill(minute(dates[0]))
    page.get_by_label("Sluit op").fill(minute(dates[1]))
    for village in VILLAGES[name]:
        expect(page.get_by_label(village, exact=True)).to_be_checked()
    page.get_by_role("button", name="Deze raadpleging overnemen").click()
    expect(page).to_have_url(re.compile(rf"/staff/campaigns/{slug}$"))
    expect(page.locator("body")).to_contain_text("Uw gemeente heeft de regionale raadpleging")
    if local:
        page.locator("summary", has_text="Thema toevoegen").click()
        added = page.locator(f"form[action$='/campaigns/{slug}/themes']")
        added.get_by_label("Titel").fill(LOCAL_THEME)
        added.get_by_label("Uitleg in één regel").fill("Blikjes en zakken in de berm.")
        added.get_by_label("Veiligheidsveld (VNG)").select_option("1")
        added.get_by_role("button", name="Thema toevoegen").click()
        expect(page.locator("tr", has_text=LOCAL_THEME)).to_be_visible()
    set_status(page, slug, "open")
    return slug


def set_status(page: Page, slug: str, status: str) -> None:
    page.get_by_role("link", name="Raadpleging bewerken").first.click()
    page.get_by_label("Status").select_option(status)
    page.locator("main form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(rf"/staff/campaigns/{slug}$"))


def poster_link(page: Page, base: str, slug: str, village: str) -> str:
    """The address in the village's QR code, as the admin's QR page shows it."""
    page.goto(f"{base}/staff/campaigns/{slug}")
    page.get_by_role("link", name="QR-codes, posters en flyers").click()
    page.get_by_role("link", name=village, exact=True).click()
    shown = page.locator("p", has_text="Link in de code:").locator("code")
    return shown.inner_text()


def vote(page: Page, titles: list[str]) -> None:
    for title in titles:
        page.get_by_text(title, exact=True).click()
    page.get_by_role("button", name="Verstuur mijn stem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw stem")


def between(page: Page, start: str, end: str) -> str:
    """The text a reader sees from the heading with id `start` up to the one with id `end`."""
    return str(
        page.evaluate(
            """([start, end]) => {
                let text = "", node = document.getElementById(start);
                while (node && node.id !== end) {
                    text += node.innerText + "\\n";
                    node = node.nextElementSibling;
                }
                return text;
            }""",
            [start, end],
        )
    )


def decide(
    page: Page, kind: str, municipality: str | None, theme: str, reason: str, field: str
) -> None:
    """The coordinator records a chosen priority in the session's form."""
    form = page.locator("form[action$='/decisions']")
    form.locator(f"input[name=kind][value={kind}]").check()
    if municipality:
        form.locator("select[name=municipality]").select_option(label=municipality)
    form.locator("select[name=theme]").select_option(label=theme)
    form.locator("input[name=chosen][value=yes]").check()
    form.locator("textarea[name=rationale]").fill(reason)
    form.locator("select[name=safety_field]").select_option(field)
    form.get_by_role("button", name="Leg het besluit vast").click()
    expect(page.locator("#decisions ~ *").filter(has_text=reason).first).to_be_visible()
