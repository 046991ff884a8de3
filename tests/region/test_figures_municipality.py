"""A municipality's figures per village core: codes, the CBS-shaped import, and where they show."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Area, AuditEvent, Indicator, IndicatorValue, Municipality
from participation.services.accounts import create_user
from participation.services.campaigns import indicators
from participation.services.outcome import programme
from tests.conftest import FIRST_MUNICIPALITY, csrf_token, login_as
from tests.factories import make_ballots, make_campaign

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "veiligheidsmonitor_sample.csv"
CORES = {
    "diever": "WK170101",
    "dwingeloo": "WK170102",
    "havelte": "WK170103",
    "vledder": "WK170104",
}
NUISANCE = "Ervaart veel overlast in de buurt (%)"


@pytest.fixture
def westerveld(app):  # type: ignore[no-untyped-def]
    return make_campaign("Westerveld", villages=["Diever", "Dwingeloo", "Havelte", "Vledder"])


def page(campaign) -> str:  # type: ignore[no-untyped-def]
    return f"/staff/campaigns/{campaign.slug}/indicators"


def give_codes(staff, campaign, own: str = "GM1701", **overrides: str):  # type: ignore[no-untyped-def]
    data = {"csrf_token": csrf_token(staff, page(campaign)), "own": own}
    for area in campaign.areas:
        data[f"area-{area.id}"] = overrides.get(area.slug, CORES[area.slug])
    return staff.post(f"{page(campaign)}/codes", data=data)


def upload(staff, campaign, data: bytes, theme: str = "", **fields: str):  # type: ignore[no-untyped-def]
    return staff.post(
        f"{page(campaign)}/import",
        data={
            "csrf_token": csrf_token(staff, page(campaign)),
            "file": (io.BytesIO(data), "figures.csv"),
            "theme": theme,
            **fields,
        },
        content_type="multipart/form-data",
    )


def stored() -> dict[tuple[str, str, int], float]:
    """(indicator, core slug or '' for the municipality, year) → value, as stored."""
    rows = db.session.execute(
        select(Indicator.name, Area.slug, IndicatorValue.year, IndicatorValue.value)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .outerjoin(Area, Area.id == IndicatorValue.area_id)
    )
    return {(name, slug or "", year): value for name, slug, year, value in rows}


def test_staff_give_codes_and_import_the_sample_for_the_municipality_and_its_cores(
    app, westerveld
) -> None:
    staff = login_as(app.test_client(), "staff")
    assert give_codes(staff, westerveld).status_code == 303
    assert db.session.get(Municipality, FIRST_MUNICIPALITY).cbs_code == "GM1701"
    nuisance_theme = next(t for t in westerveld.themes if t.title.startswith("Sociale"))
    answer = upload(
        staff, westerveld, SAMPLE.read_bytes(), str(nuisance_theme.id), source="Veiligheidsmonitor"
    )
    assert answer.status_code == 303
    shown = staff.get(answer.headers["Location"]).get_data(as_text=True)
    # 2 years × 3 indicators for the municipality and each of 4 cores, less Vledder's "." cell.
    assert "29 cijfers van 3 indicatoren geïmporteerd." in shown
    figures = stored()
    assert len(figures) == 29
    assert figures[(NUISANCE, "", 2021)] == 30 and figures[(NUISANCE, "vledder", 2021)] == 41
    assert figures[("Rapportcijfer leefbaarheid woonbuurt", "diever", 2023)] == 8.3
    # Other areas' lines are left out and said back, by code and line.
    assert "GM0119 (regels 8, 9)" in shown and "BT0117" in shown
    # The staff page lists each core's values beside the municipality's (Dutch decimals).
    assert "Vledder: 2021: 7,4, 2023: 7,5" in shown
    nuisance = db.session.scalar(select(Indicator).where(Indicator.name == NUISANCE))
    assert [v.year for v in nuisance.values] == [2021, 2023]  # the municipality's own
    assert nuisance.trend == "falling" and nuisance.theme_id == nuisance_theme.id
    assert len(nuisance.core_values) == 8
    # Importing again replaces, never doubles.
    assert upload(staff, westerveld, SAMPLE.read_bytes(), str(nuisance_theme.id)).status_code == 303
    assert len(stored()) == 29
    assert db.session.scalar(select(func.count()).select_from(Indicator)) == 3


def test_the_cores_figures_show_beside_the_votes_of_that_core(app, westerveld) -> None:
    staff = login_as(app.test_client(), "staff")
    give_codes(staff, westerveld)
    theme = westerveld.themes[0]
    upload(staff, westerveld, SAMPLE.read_bytes(), str(theme.id))
    make_ballots(westerveld, 6, village="vledder")
    results = staff.get(f"/results/{westerveld.slug}?dorp=vledder").get_data(as_text=True)
    assert "Veiligheidsanalyse in Vledder" in results
    # Vledder's latest nuisance figure beside the municipality's in the same year.
    assert f"{NUISANCE}: 38 (2023; gemeente 28)" in results
    # The whole municipality's row shows its own latest value, not a core's.
    assert f"{NUISANCE}: " in results and "(2023: 28)" in results


def test_a_bad_file_stores_nothing_and_names_every_bad_line(app, westerveld) -> None:
    staff = login_as(app.test_client(), "staff")
    give_codes(staff, westerveld)
    theme = westerveld.themes[0]
    bad = (
        "Codering;Perioden;Overlast\n"
        "GM1701;2023JJ00;28\n"
        "WK170104;2023KW01;38\n"
        "WK170101;2023;veel\n"
        "GM1701;2023;27\n"
    )
    answer = upload(staff, westerveld, bad.encode(), str(theme.id))
    text = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "Er is niets geïmporteerd." in text
    assert "regel 3: een kwartaal of maand" in text
    assert "regel 4: geen getal (veel)" in text
    assert "regel 5: dezelfde indicator, hetzelfde gebied en jaar als regel 2" in text
    assert stored() == {}
    # No theme chosen and no theme column: refused, nothing stored.
    answer = upload(staff, westerveld, b"Codering;Perioden;Overlast\nGM1701;2023;28\n")
    assert answer.status_code == 422 and "geen thema" in answer.get_data(as_text=True)
    # A file of other municipalities only.
    answer = upload(staff, westerveld, b"code;jaar;Overlast\nGM0119;2023;28\n", str(theme.id))
    assert answer.status_code == 422 and "geen enkele regel" in answer.get_data(as_text=True)
    assert stored() == {}
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "indicator.import")
        )
        == 0
    )


def test_a_theme_column_places_each_line_and_the_old_list_still_imports(app, westerveld) -> None:
    staff = login_as(app.test_client(), "staff")
    give_codes(staff, westerveld)
    long = (
        "thema;code;jaar;indicator;waarde\n"
        "Woninginbraken;GM1701;2022;Aangiften woninginbraak;43\n"
        "2;WK170102;2022;Aangiften woninginbraak;9\n"
        "Jeugdoverlast;GM1701;2022;Meldingen jeugdoverlast;61\n"
    )
    assert upload(staff, westerveld, long.encode()).status_code == 303
    themes = dict(db.session.execute(select(Indicator.name, Indicator.theme_id)).all())
    titles = {t.id: t.title for t in westerveld.themes}
    assert titles[themes["Aangiften woninginbraak"]] == "Woninginbraken"
    assert titles[themes["Meldingen jeugdoverlast"]] == "Jeugdoverlast"
    assert stored()[("Aangiften woninginbraak", "dwingeloo", 2022)] == 9
    old = "theme;indicator;source;year;value\nWoninginbraken;Inbraken;Politie;2021;50\n"
    assert upload(staff, westerveld, old.encode()).status_code == 303
    assert stored()[("Inbraken", "", 2021)] == 50


def test_codes_are_checked_and_nothing_is_saved_when_one_is_wrong(app, westerveld) -> None:
    staff = login_as(app.test_client(), "staff")
    answer = give_codes(staff, westerveld, own="Westerveld", diever="WK170102")
    text = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "De gemeente: geen code van deze soort." in text
    assert "Dwingeloo: deze code staat er twee keer." in text
    assert db.session.get(Municipality, FIRST_MUNICIPALITY).cbs_code == ""
    assert set(db.session.scalars(select(Area.cbs_code).where(Area.kind == "village"))) == {""}
    # A viewer cannot change them.
    viewer = login_as(app.test_client(), "viewer")
    token = csrf_token(viewer, "/staff/")
    forbidden = viewer.post(f"{page(westerveld)}/codes", data={"csrf_token": token, "own": "GM1"})
    assert forbidden.status_code == 403


def test_a_core_value_typed_in_joins_the_indicator_and_leaves_the_goal_alone(
    app, westerveld
) -> None:
    actor = create_user("beheer@example.org", "een-lang-wachtwoord", "admin")
    theme = westerveld.themes[0]
    whole = indicators.add(
        westerveld, indicators.IndicatorInput(theme.id, "Aangiften", "Politie", [(2022, 40)]), actor
    )
    staff = login_as(app.test_client(), "staff")
    havelte = next(a for a in westerveld.areas if a.slug == "havelte")
    answer = staff.post(
        page(westerveld),
        data={
            "csrf_token": csrf_token(staff, page(westerveld)),
            "theme": str(theme.id),
            "name": "aangiften ",
            "values": "2022: 7\n2023: 5",
            "area": str(havelte.id),
            "trend": "",
        },
    )
    assert answer.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Indicator)) == 1
    db.session.refresh(whole)
    assert [(v.year, v.value) for v in whole.values] == [(2022, 40)]
    assert [(v.area_id, v.year, v.value) for v in whole.core_values] == [
        (havelte.id, 2022, 7),
        (havelte.id, 2023, 5),
    ]
    # A goal's progress reads the municipality's values; recording one leaves the core's be.
    programme.record_indicator_value(whole, 2022, 38, actor)
    db.session.refresh(whole)
    assert [(v.year, v.value) for v in whole.values] == [(2022, 38)]
    assert [v.value for v in whole.core_values if v.year == 2022] == [7]
