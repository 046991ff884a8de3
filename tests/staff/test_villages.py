"""Staff keep villages' residents and postcodes; the weighting and postcode questions use them."""

from __future__ import annotations

from sqlalchemy import select

from participation.extensions import db
from participation.models import Area, AuditEvent
from tests.conftest import csrf_token, login_as


def village(slug: str) -> Area:
    return db.session.scalar(select(Area).where(Area.slug == slug))


def form(client, **values: str) -> dict:  # type: ignore[no-untyped-def]
    data = {"csrf_token": csrf_token(client, "/staff/villages")}
    for area in db.session.scalars(select(Area).where(Area.kind == "village")):
        data[f"population_{area.id}"] = str(area.population or "")
        data[f"postcodes_{area.id}"] = area.postcodes
    data.update(values)
    return data


def test_staff_set_residents_and_postcodes(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    leek, tolbert = village("leek"), village("tolbert")
    response = staff.post(
        "/staff/villages",
        data=form(
            staff, **{f"population_{leek.id}": "9.950", f"postcodes_{leek.id}": "9351, 9354"}
        ),
    )
    assert response.status_code == 303
    db.session.refresh(leek)
    assert (leek.population, leek.postcodes) == (9950, "9351 9354")
    assert "area.update" in set(db.session.scalars(select(AuditEvent.action)))
    shared = staff.post(
        "/staff/villages",
        data=form(staff, **{f"postcodes_{tolbert.id}": "9354"}),
        follow_redirects=True,
    )
    assert "Elke postcode kan maar bij één dorp horen: 9354." in shared.get_data(as_text=True)
    bad = staff.post("/staff/villages", data=form(staff, **{f"postcodes_{tolbert.id}": "9356 AB"}))
    assert bad.status_code == 422 and "Geef postcodes van 4 cijfers" in bad.get_data(as_text=True)
    db.session.refresh(tolbert)
    assert "9354" not in tolbert.postcodes  # nothing of a refused form was saved


def test_viewers_cannot_change_villages(app, demo) -> None:
    viewer = login_as(app.test_client(), "viewer")
    assert viewer.get("/staff/villages").status_code == 403


def test_the_all_at_once_form_refuses_too_many_postcodes_and_residents(staff_client, demo):
    """Both fit the village's own form's limits, also on PostgreSQL (varchar 500)."""
    from sqlalchemy import select

    from participation.extensions import db
    from participation.models import Area
    from tests.conftest import csrf_token

    leek = db.session.scalar(select(Area).where(Area.slug == "leek"))
    before = (leek.population, leek.postcodes)
    codes = " ".join(str(code) for code in range(1000, 1150))
    data = {
        "csrf_token": csrf_token(staff_client, "/staff/villages"),
        f"population_{leek.id}": "999.999.999",
        f"postcodes_{leek.id}": codes,
    }
    response = staff_client.post("/staff/villages", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Te veel postcodes voor één dorp." in page
    assert "Geef het aantal inwoners als heel getal." in page
    db.session.expire_all()
    assert (leek.population, leek.postcodes) == before
