"""The region's figures: a coordinator imports the base team's and the Veiligheidsmonitor's
figures for the region and per municipality, on a common theme; nobody else can."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from participation import tenancy
from participation.extensions import db
from participation.models import (
    Municipality,
    Region,
    RegionalIndicator,
    RegionalIndicatorValue,
    RegionAuditEvent,
    RegionScope,
)
from participation.tenancy import ACROSS_MUNICIPALITIES
from tests.conftest import csrf_token
from tests.region.regional_results_world import Design, World, build, region_login

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "veiligheidsmonitor_sample.csv"
SAFETY = "Rapportcijfer veiligheid in de buurt"


@pytest.fixture
def world(app) -> World:  # type: ignore[no-untyped-def]
    found = build(
        [
            Design("Westerveld", 19_000, [("Diever", 2_000), ("Vledder", 4_000)]),
            Design("Meppel", 34_000, [("Nijeveen", 3_000)]),
        ],
        ("Woninginbraken", "Ondermijning", "Overlast"),
    )
    codes = {"westerveld": "GM1701", "meppel": "GM0119"}
    for row in db.session.scalars(
        select(Municipality).execution_options(**{ACROSS_MUNICIPALITIES: True})
    ):
        row.cbs_code = codes.get(row.slug, "")
    db.session.get(Region, found.region_id).cbs_code = "BT0117"
    db.session.commit()
    return found


def page(world: World) -> str:
    return f"/regio/staff/campaigns/{world.slug}/indicators"


def upload(client, world: World, data: bytes, theme: str, **fields: str):  # type: ignore[no-untyped-def]
    return client.post(
        f"{page(world)}/import",
        data={
            "csrf_token": csrf_token(client, page(world)),
            "file": (io.BytesIO(data), "cijfers.csv"),
            "theme": theme,
            **fields,
        },
        content_type="multipart/form-data",
    )


def stored(world: World) -> dict[tuple[str, int | None, int], float]:
    """(indicator, municipality id or None for the region, year) → value."""
    with tenancy.in_region(world.region_id):
        rows = db.session.execute(
            select(
                RegionalIndicator.name,
                RegionalIndicatorValue.for_municipality_id,
                RegionalIndicatorValue.year,
                RegionalIndicatorValue.value,
            ).join(
                RegionalIndicator,
                RegionalIndicator.id == RegionalIndicatorValue.regional_indicator_id,
            )
        ).all()
    return {(name, of, year): value for name, of, year, value in rows}


def test_the_coordinator_imports_the_region_and_its_municipalities(app, world) -> None:
    coordinator = region_login(app, RegionScope.COORDINATOR)
    theme = str(world.common["Overlast"])
    answer = upload(coordinator, world, SAMPLE.read_bytes(), theme, source="Veiligheidsmonitor")
    assert answer.status_code == 303
    shown = coordinator.get(answer.headers["Location"]).get_data(as_text=True)
    # Region, Westerveld and Meppel: 3 lines × 2 years × 3 indicators.
    assert "18 cijfers van 3 indicatoren geïmporteerd." in shown
    # Midden-Drenthe is not in this region, and the cores are the municipality's own business.
    assert "GM1731 (regels 10, 11)" in shown and "WK170104 (regels 20, 21)" in shown
    values = stored(world)
    westerveld, meppel = world.municipalities["Westerveld"], world.municipalities["Meppel"]
    assert values[(SAFETY, None, 2023)] == 7.9
    assert values[(SAFETY, westerveld, 2021)] == 8.1 and values[(SAFETY, meppel, 2023)] == 7.7
    assert len(values) == 18
    # The page: the region's values, then one column per municipality; the trend of the region.
    assert "2021: 7,8, 2023: 7,9" in shown and "Gemeente Meppel</th>" in shown
    with tenancy.in_region(world.region_id):
        safety = db.session.scalar(
            select(RegionalIndicator).where(RegionalIndicator.name == SAFETY)
        )
        assert safety.trend == "stable" and safety.source == "Veiligheidsmonitor"
        assert safety.regional_theme_id == world.common["Overlast"]
        logged = db.session.scalars(select(RegionAuditEvent.action)).all()
    assert "regional_indicator.import" in logged
    # Again: replaced, not doubled.
    assert upload(coordinator, world, SAMPLE.read_bytes(), theme).status_code == 303
    assert len(stored(world)) == 18


def test_a_wrong_line_stores_nothing_and_is_named(app, world) -> None:
    coordinator = region_login(app, RegionScope.COORDINATOR)
    bad = "RegioS;Perioden;Woninginbraken\nBT0117;2023JJ00;188\nGM1701;2023JJ00;1.234.5\n"
    answer = upload(coordinator, world, bad.encode(), str(world.common["Woninginbraken"]))
    assert answer.status_code == 422
    assert "regel 3: geen getal (1.234.5)" in answer.get_data(as_text=True)
    assert stored(world) == {}
    # A theme column that names no common theme.
    long = "thema;code;jaar;indicator;waarde\nDrugs;BT0117;2023;Aangiften;5\n"
    answer = upload(coordinator, world, long.encode(), "")
    assert answer.status_code == 422 and "regel 2: geen thema" in answer.get_data(as_text=True)
    assert stored(world) == {}


def test_a_municipalitys_figure_typed_in_and_one_deleted(app, world) -> None:
    coordinator = region_login(app, RegionScope.COORDINATOR)
    meppel = world.municipalities["Meppel"]
    theme = str(world.common["Woninginbraken"])
    for area, values in (("", "2022: 188\n2023: 170"), (str(meppel), "2022: 90; 2023: 81,5")):
        answer = coordinator.post(
            page(world),
            data={
                "csrf_token": csrf_token(coordinator, page(world)),
                "theme": theme,
                "name": "Woninginbraken (aangiften)",
                "source": "Politie basisteam",
                "values": values,
                "trend": "",
                "area": area,
            },
        )
        assert answer.status_code == 303
    values = stored(world)
    assert values[("Woninginbraken (aangiften)", meppel, 2023)] == 81.5
    assert values[("Woninginbraken (aangiften)", None, 2022)] == 188
    # A municipality outside the region is no choice.
    forged = coordinator.post(
        page(world),
        data={
            "csrf_token": csrf_token(coordinator, page(world)),
            "theme": theme,
            "name": "X",
            "values": "2022: 1",
            "trend": "",
            "area": "999",
        },
    )
    assert forged.status_code == 422 and len(stored(world)) == 4
    with tenancy.in_region(world.region_id):
        indicator_id = db.session.scalar(select(RegionalIndicator.id))
    url = f"{page(world)}/{indicator_id}/delete"
    assert (
        coordinator.post(url, data={"csrf_token": csrf_token(coordinator, page(world))}).status_code
        == 303
    )
    assert stored(world) == {}


def test_the_regions_code_is_checked(app, world) -> None:
    coordinator = region_login(app, RegionScope.COORDINATOR)
    url = f"{page(world)}/code"
    answer = coordinator.post(
        url, data={"csrf_token": csrf_token(coordinator, page(world)), "code": "z"}
    )
    assert answer.status_code == 422 and "Geen code" in answer.get_data(as_text=True)
    assert db.session.get(Region, world.region_id).cbs_code == "BT0117"
    answer = coordinator.post(
        url, data={"csrf_token": csrf_token(coordinator, page(world)), "code": " rg 12 "}
    )
    assert answer.status_code == 303
    db.session.expire_all()
    assert db.session.get(Region, world.region_id).cbs_code == "RG12"


def test_partners_find_no_figures_page_and_change_nothing(app, world) -> None:
    partner = region_login(app, RegionScope.PARTNER)
    assert partner.get(page(world)).status_code == 404
    token = csrf_token(partner, f"/regio/partner/{world.slug}")
    sample = (io.BytesIO(SAMPLE.read_bytes()), "cijfers.csv")
    posts = {
        f"{page(world)}/import": {"file": sample, "theme": str(world.common["Overlast"])},
        f"{page(world)}/code": {"code": "XX99"},
        page(world): {"theme": str(world.common["Overlast"]), "name": "X", "values": "2022: 1"},
    }
    for url, data in posts.items():
        answer = partner.post(url, data={"csrf_token": token, **data})
        assert answer.status_code == 404, url
    assert stored(world) == {}
    assert db.session.get(Region, world.region_id).cbs_code == "BT0117"
