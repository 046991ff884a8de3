"""A region's consultation in a real Chromium, from the coordinator's campaign to the outcome.

Heidezand groups Beekdal, Veenhoven and Zandloo, each on its own host name, the region on its
own; the browser resolves all four to the test server as DNS would. The coordinator writes the
regional campaign and opens it; Beekdal (with a local theme) and Veenhoven adopt it on their
own hosts and open it; residents follow the QR links the staff pages show to the region's host
and vote there, and a phone that voted through Beekdal's poster is refused through
Veenhoven's. The coordinator records the regional session's decisions and publishes the
outcome, which the region and each municipality show in their own parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import func, select

from participation import tenancy
from participation.extensions import db
from participation.models import RegionalDecision, RegionalDeviceTally, RegionScope, StaffUser
from participation.services.accounts import create_user
from participation.services.regions import setup
from participation.timeutil import local_today, utcnow
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.e2e.region_steps import (
    BEEKDAL_REASON,
    COMMON_REASON,
    COMMON_THEME,
    COORDINATOR,
    HOSTS,
    LOCAL_THEME,
    PASSWORD,
    REGION,
    REGION_HOST,
    VEENHOVEN_REASON,
    VILLAGES,
    WIDE,
    World,
    admin_email,
    adopt_and_open,
    between,
    create_the_regional_campaign,
    decide,
    desk,
    poster_link,
    set_status,
    stored,
    vote,
)
from tests.e2e.test_resident_vote import serious_violations
from tests.factories import (
    make_municipality,
    make_region,
    make_tenant,
    make_villages,
    set_password_as_configured,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(app) -> World:  # type: ignore[no-untyped-def]
    """The region with three municipalities and their villages, its coordinator and an admin
    for each municipality; nothing of the campaign yet."""
    ids = {name: make_tenant(name, host) for name, host in HOSTS.items()}
    for name, municipality in ids.items():
        with tenancy.acting_for(municipality):
            make_villages(make_municipality(name), VILLAGES[name])
            create_user(admin_email(name), PASSWORD, "admin")
            db.session.commit()
    region = make_region(REGION, REGION_HOST, members=tuple(ids.values()))
    coordinator = StaffUser(email=COORDINATOR)
    set_password_as_configured(coordinator, PASSWORD)
    db.session.add(coordinator)
    db.session.commit()
    with tenancy.acting_for(None):
        setup.grant(coordinator, "heidezand", RegionScope.COORDINATOR, None)
    return World(region, ids)


@pytest.fixture
def browser(chromium) -> Iterator[Browser]:  # type: ignore[no-untyped-def]
    """A Chromium that resolves the region's and the municipalities' names to the server."""
    rules = ", ".join(f"MAP {host} 127.0.0.1" for host in [REGION_HOST, *HOSTS.values()])
    launched = chromium.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, f"--host-resolver-rules={rules}"]
    )
    yield launched
    launched.close()


def test_a_region_consults_its_residents_and_publishes_its_plan(
    app, live_server, world, browser, tmp_path
) -> None:
    print(f"screenshots: {tmp_path}")
    port = live_server.rsplit(":", 1)[1]
    region_base = world.base(port)
    beekdal, veenhoven = world.municipalities["Beekdal"], world.municipalities["Veenhoven"]

    # 2. The coordinator writes the regional campaign and opens it for adoption.
    coordinator_context = desk(browser)
    coordinator = coordinator_context.new_page()
    create_the_regional_campaign(coordinator, region_base)

    # 3. Beekdal and Veenhoven adopt it on their own hosts, with their own dates within the
    # period; Beekdal adds a local theme first. Zandloo does not take part.
    now = utcnow()
    admins, slugs = {}, {}
    for name, dates, local in (
        ("Beekdal", (now - timedelta(hours=2), now + timedelta(days=14)), True),
        ("Veenhoven", (now - timedelta(hours=1), now + timedelta(days=21)), False),
    ):
        admins[name] = desk(browser).new_page()
        slugs[name] = adopt_and_open(admins[name], world.base(port, name), name, dates, local)
    coordinator.reload()
    adoptions = coordinator.locator("#adoptions + table")
    for name in ("Beekdal", "Veenhoven"):
        expect(adoptions.locator("tr", has_text=name)).to_contain_text("open")
    expect(adoptions).not_to_contain_text("Zandloo")

    # 4. Residents follow the QR links on the staff pages: to the region's host, under the
    # municipality's path. Beekdal's ballot has its own theme; Veenhoven's has not.
    links = {
        name: poster_link(admins[name], world.base(port, name), slugs[name], VILLAGES[name][0])
        for name in ("Beekdal", "Veenhoven")
    }
    for name, link in links.items():
        assert link.startswith(f"{region_base}/{name.lower()}/v/{slugs[name]}?"), link
        assert f"dorp={VILLAGES[name][0].lower()}" in link, link
    phones = [browser.new_context(viewport=PHONE, locale="nl-NL", has_touch=True) for _ in "abc"]
    first = phones[0].new_page()
    first.goto(links["Beekdal"])
    expect(first.get_by_label("Waar woont u?")).to_have_value(VILLAGES["Beekdal"][0].lower())
    expect(first.get_by_text(LOCAL_THEME, exact=True)).to_be_visible()
    expect(first.get_by_text(COMMON_THEME, exact=True)).to_be_visible()
    expect(first.get_by_role("checkbox")).to_have_count(14)  # 13 common, 1 of its own
    first.screenshot(path=tmp_path / "regional-ballot-390.png")
    first.screenshot(path=tmp_path / "regional-ballot-390-full.png", full_page=True)
    assert serious_violations(first) == []
    # The same phone opened Veenhoven's poster too, before it voted in Beekdal.
    other_tab = phones[0].new_page()
    other_tab.goto(links["Veenhoven"])
    expect(other_tab.get_by_text(COMMON_THEME, exact=True)).to_be_visible()
    assert other_tab.get_by_text(LOCAL_THEME, exact=True).count() == 0
    expect(other_tab.get_by_role("checkbox")).to_have_count(13)
    other_tab.screenshot(path=tmp_path / "regional-ballot-other-390.png", full_page=True)
    vote(first, [LOCAL_THEME, COMMON_THEME, "Verkeersveiligheid"])
    assert (stored(beekdal), stored(veenhoven)) == (1, 0)

    # Its ballot sent through Veenhoven's poster is refused, in words, and nothing is stored.
    for title in (COMMON_THEME, "Verkeersveiligheid", "Woninginbraken"):
        other_tab.get_by_text(title, exact=True).click()
    other_tab.get_by_role("button", name="Verstuur mijn stem").click()
    refusal = other_tab.get_by_role("status")
    expect(refusal).to_contain_text("U heeft al gestemd")
    expect(refusal).to_contain_text("Met deze telefoon is al gestemd.")
    expect(other_tab.locator("main")).to_contain_text(
        "Deze keuze is niet opgeslagen. Uw eerdere stem telt nog steeds."
    )
    other_tab.screenshot(path=tmp_path / "refused-390.png")
    # Scanning Veenhoven's poster again with that phone: told at once, no ballot to fill.
    other_tab.goto(links["Veenhoven"])
    expect(other_tab.get_by_role("status")).to_contain_text("U heeft al gestemd")
    expect(other_tab.get_by_role("button", name="Verstuur mijn stem")).to_have_count(0)
    assert serious_violations(other_tab) == []
    assert (stored(beekdal), stored(veenhoven)) == (1, 0)

    # Other phones vote as usual, one in Beekdal and one in Veenhoven.
    second = phones[1].new_page()
    second.goto(links["Beekdal"])
    vote(second, [COMMON_THEME, "Woninginbraken", LOCAL_THEME])
    third = phones[2].new_page()
    third.goto(links["Veenhoven"])
    vote(third, ["Verkeersveiligheid", COMMON_THEME, "Jeugdoverlast"])
    assert (stored(beekdal), stored(veenhoven)) == (2, 1)
    with tenancy.acting_for(None), tenancy.in_region(world.region):
        db.session.expire_all()
        assert db.session.scalar(select(func.count()).select_from(RegionalDeviceTally)) == 3

    # 5. The regional session: the region's ranking beside each municipality's.
    coordinator.get_by_role("navigation").get_by_role(
        "link", name="Regionale raadplegingen"
    ).click()
    coordinator.get_by_role("link", name="Veilig in Heidezand").click()
    coordinator.get_by_role("link", name="Regionale sessies").click()
    coordinator.get_by_label("Titel", exact=True).fill("Regionale sessie Heidezand")
    coordinator.get_by_label("Datum van de sessie").fill(local_today().isoformat())
    coordinator.get_by_label("Plek").fill("Dorpshuis Beekhuizen")
    coordinator.get_by_label("Wie deden mee").fill("De drie raden, dorpsbelangen en het basisteam")
    coordinator.get_by_role("button", name="Voeg de sessie toe").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Regionale sessie Heidezand")
    shortlist = coordinator.locator("#shortlist ~ div table").first
    expect(shortlist).to_contain_text("Gemeente Beekdal")
    expect(shortlist).to_contain_text("Gemeente Veenhoven")
    expect(coordinator.locator("main")).to_contain_text("3 inwoners van de regio")
    # All three chose the common theme: first in the region and in both municipalities.
    expect(shortlist.locator("tr", has_text=COMMON_THEME).get_by_role("cell")).to_have_text(
        ["1 (100%)"] * 3
    )
    expect(coordinator.locator("main")).to_contain_text(
        "Gemeente Beekdal voegde eigen thema's toe aan het stembiljet"
    )
    for data in (
        ("common", None, COMMON_THEME, COMMON_REASON, "5"),
        ("local", "Gemeente Beekdal", f"{LOCAL_THEME} (Gemeente Beekdal)", BEEKDAL_REASON, "1"),
        ("local", "Gemeente Veenhoven", "Verkeersveiligheid", VEENHOVEN_REASON, "4"),
    ):
        decide(coordinator, *data)
    coordinator.set_viewport_size(WIDE)
    coordinator.screenshot(path=tmp_path / "regional-session-1920.png", full_page=True)
    with tenancy.acting_for(None), tenancy.in_region(world.region):
        db.session.expire_all()
        kinds = db.session.execute(
            select(RegionalDecision.kind, RegionalDecision.for_municipality_id)
        ).all()
    assert sorted(tuple(row) for row in kinds) == [
        ("common", None),
        *sorted([("local", beekdal), ("local", veenhoven)]),
    ]

    # The outcome: saved, then refused while voting is still open, published once closed.
    coordinator.get_by_role("link", name="Regionale uitkomst").first.click()
    coordinator.get_by_label("Datum van het besluit van de raden").fill(local_today().isoformat())
    coordinator.get_by_label("Een paar woorden aan de inwoners").fill(
        "De drie raden kozen samen, met uw stemmen op tafel."
    )
    coordinator.locator("[name=plan_first_year]").fill(str(local_today().year))
    coordinator.locator("[name=plan_last_year]").fill(str(local_today().year + 3))
    coordinator.get_by_role("button", name="Opslaan").click()
    expect(coordinator.locator("body")).to_contain_text("De uitkomst is opgeslagen")
    coordinator.get_by_role("button", name="Publiceer de uitkomst").click()
    expect(coordinator.get_by_role("alert")).to_contain_text("kan nog gestemd worden")
    for name in ("Beekdal", "Veenhoven"):
        admins[name].goto(f"{world.base(port, name)}/staff/campaigns/{slugs[name]}")
        set_status(admins[name], slugs[name], "closed")
    coordinator.get_by_role("button", name="Publiceer de uitkomst").click()
    expect(coordinator.locator("body")).to_contain_text("De uitkomst is nu openbaar")
    coordinator.screenshot(path=tmp_path / "regional-outcome-settings-1920.png", full_page=True)

    # 6. A resident reads the region's outcome: the common part, then each municipality's.
    reader = desk(browser, WIDE).new_page()
    reader.goto(f"{region_base}/")
    reader.get_by_role("link", name=re.compile("de gekozen prioriteiten")).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Wat is er met uw stem gedaan?")
    reader.screenshot(path=tmp_path / "regional-outcome-1920.png", full_page=True)
    assert serious_violations(reader) == []
    # Nobody released figures yet: the page claims no count rather than "0 residents".
    expect(reader.locator("main")).not_to_contain_text(re.compile(r"\b0 inwoners"))
    common = between(reader, "common", "municipalities")
    assert COMMON_THEME in common and COMMON_REASON in common, common
    assert BEEKDAL_REASON not in common and VEENHOVEN_REASON not in common, common
    parts = {
        name: reader.locator(f"section[aria-labelledby='part-{name.lower()}']")
        for name in ("beekdal", "veenhoven")
    }
    expect(parts["beekdal"]).to_contain_text(LOCAL_THEME)
    expect(parts["beekdal"]).to_contain_text(BEEKDAL_REASON)
    expect(parts["beekdal"]).not_to_contain_text(VEENHOVEN_REASON)
    expect(parts["veenhoven"]).to_contain_text(VEENHOVEN_REASON)
    expect(parts["veenhoven"]).not_to_contain_text(LOCAL_THEME)
    # Each municipality's own outcome page: the common priority and its own, not the other's.
    for name, own, others in (
        ("Beekdal", BEEKDAL_REASON, VEENHOVEN_REASON),
        ("Veenhoven", VEENHOVEN_REASON, BEEKDAL_REASON),
    ):
        reader.goto(f"{world.base(port, name)}/results/{slugs[name]}/uitkomst")
        main = reader.locator("main")
        expect(reader.locator("#common")).to_contain_text(
            f"Gemeenschappelijke prioriteiten van {REGION}"
        )
        expect(main).to_contain_text(COMMON_THEME)
        expect(main).to_contain_text(COMMON_REASON)
        expect(main).to_contain_text(own)
        expect(main).not_to_contain_text(others)
        if name == "Veenhoven":
            expect(main).not_to_contain_text(LOCAL_THEME)
        reader.screenshot(path=tmp_path / f"outcome-{name.lower()}-1920.png", full_page=True)
        assert serious_violations(reader) == []
    staff = [coordinator_context, reader.context, *(p.context for p in admins.values())]
    for context in (*staff, *phones):
        context.close()
