"""Staff enter or import figures from the safety analysis; they appear beside the ranking."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Indicator
from tests.conftest import csrf_token, login_as


def page_url(demo) -> str:  # type: ignore[no-untyped-def]
    return f"/staff/campaigns/{demo.slug}/indicators"


def test_staff_add_an_indicator_and_the_trend_is_worked_out(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    burglary = next(t for t in demo.themes if t.title == "Woninginbraken")
    response = staff.post(
        page_url(demo),
        data={
            "csrf_token": csrf_token(staff, page_url(demo)),
            "theme": str(burglary.id),
            "name": "Woninginbraken (aangiften)",
            "source": "Politie",
            "values": "2019: 120\n2020: 104\n2022: 81",
            "trend": "",
        },
    )
    assert response.status_code == 303
    indicator = db.session.scalar(select(Indicator))
    assert indicator.trend == "falling" and [v.year for v in indicator.values] == [2019, 2020, 2022]
    results = (
        login_as(app.test_client(), "viewer").get(f"/results/{demo.slug}").get_data(as_text=True)
    )
    assert "Woninginbraken (aangiften): dalend (2022: 81)" in results
    bad = staff.post(
        page_url(demo),
        data={
            "csrf_token": csrf_token(staff, page_url(demo)),
            "theme": str(burglary.id),
            "name": "Iets",
            "values": "vorig jaar: veel",
        },
    )
    assert bad.status_code == 422
    assert "Geef elke waarde als jaar en getal" in bad.get_data(as_text=True)


def test_a_csv_import_is_all_or_nothing(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    url = f"{page_url(demo)}/import"
    good = (
        "theme;indicator;source;year;value;trend\n"
        "woninginbraken;Woninginbraken;Politie;2021;100;\n"
        "Woninginbraken;Woninginbraken;Politie;2022;90;\n"
        "1;Verkeersongevallen;Provincie;2022;40;rising\n"
    )
    response = staff.post(
        url,
        data={
            "csrf_token": csrf_token(staff, page_url(demo)),
            "file": (io.BytesIO(good.encode()), "cijfers.csv"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    found = {i.name: i for i in db.session.scalars(select(Indicator))}
    assert found["Woninginbraken"].trend == "falling" and len(found["Woninginbraken"].values) == 2
    assert found["Verkeersongevallen"].trend == "rising"
    bad = (
        "theme,indicator,source,year,value\n"
        "Woninginbraken,Nieuw,Politie,2023,80\n"
        "Onbekend thema,X,Y,2023,1\n"
    )
    response = staff.post(
        url,
        data={
            "csrf_token": csrf_token(staff, page_url(demo)),
            "file": (io.BytesIO(bad.encode()), "fout.csv"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "Er is niets geïmporteerd. Controleer deze regels: line 3" in response.get_data(
        as_text=True
    )
    assert db.session.scalar(select(func.count()).select_from(Indicator)) == 2


def test_indicator_values_take_a_decimal_comma_as_the_one_year_form_does() -> None:
    from participation.services.campaigns.indicators import parse_values

    assert parse_values("2019: 70,0\n2020: 71,6") == [(2019, 70.0), (2020, 71.6)]
    assert parse_values("2019: 120, 2020: 98,5; 2021 97") == [
        (2019, 120.0),
        (2020, 98.5),
        (2021, 97.0),
    ]
    assert parse_values("2019 1.234,5") is None  # a thousands point is not a figure here
    assert parse_values("2019: 120,2020: 98") is None  # unclear: refused, never misread
    assert parse_values("2019: nan") is None
