"""An operator sets up a region from the browser: the region, its municipalities, and who works
across it; nobody else finds these pages, and a refusal stores nothing."""

from __future__ import annotations

from sqlalchemy import select

from participation import tenancy
from participation.extensions import db
from participation.models import Municipality, Region, RegionAuditEvent, RegionScope, StaffUser
from participation.services.accounts import create_user
from participation.services.municipalities import ACROSS
from participation.services.regions import access
from tests.conftest import FIRST_MUNICIPALITY, csrf_token, login_as
from tests.factories import client_on, make_region, make_tenant

PASSWORD = "een-lang-wachtwoord"


def _operator(client):  # type: ignore[no-untyped-def]
    login_as(client, "admin")
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == "admin@example.org"))
    user.operator = True
    db.session.commit()
    return client


def _post(client, path: str, **data: str):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/staff/install/regions")
    return client.post(path, data={"csrf_token": token, **data})


def _region() -> Region | None:
    db.session.expire_all()
    return db.session.scalar(select(Region).where(Region.slug == "zuidwest-drenthe"))


def test_an_operator_makes_a_region_adds_municipalities_and_gives_scopes(app, client) -> None:
    other = make_tenant()
    _operator(client)
    answer = _post(
        client,
        "/staff/install/regions/new",
        name="Zuidwest-Drenthe",
        slug="zuidwest-drenthe",
        public_url="https://veiligheid.zuidwest-drenthe.nl",
        hosts="zuidwest-drenthe.localhost",
        police_team="Basisteam Zuidwest-Drenthe",
        cbs_code="",
    )
    assert answer.status_code == 303
    region = _region()
    assert region is not None and region.police_team == "Basisteam Zuidwest-Drenthe"
    for slug in ("westerveld", "westerkwartier"):
        found = db.session.scalar(
            select(Municipality.slug)
            .where(Municipality.id.in_([FIRST_MUNICIPALITY, other]))
            .where(Municipality.slug == slug)
            .execution_options(**ACROSS)
        )
        if found:
            assert (
                _post(
                    client, "/staff/install/regions/zuidwest-drenthe/join", municipality=slug
                ).status_code
                == 303
            )
    db.session.expire_all()
    joined = db.session.scalars(
        select(Municipality.id)
        .where(Municipality.region_id == region.id)
        .execution_options(**ACROSS)
    ).all()
    assert other in joined
    create_user("staff@example.org", PASSWORD, "viewer")
    answer = _post(
        client,
        "/staff/install/regions/zuidwest-drenthe/scope",
        email="staff@example.org",
        scope="partner",
    )
    assert answer.status_code == 303
    staff = db.session.scalar(select(StaffUser).where(StaffUser.email == "staff@example.org"))
    assert access.scope_of(staff.id, region.id) is RegionScope.PARTNER
    page = client.get("/staff/install/regions").get_data(as_text=True)
    assert "Gemeente Westerveld" in page and "staff@example.org" in page
    with tenancy.acting_for(None), tenancy.in_region(region.id):
        actions = set(db.session.scalars(select(RegionAuditEvent.action)))
    assert {"region.create", "region.join", "region.grant"} <= actions
    # Ending the scope: the login's municipality membership stays.
    answer = _post(
        client, "/staff/install/regions/zuidwest-drenthe/scope/remove", email="staff@example.org"
    )
    assert answer.status_code == 303
    assert access.scope_of(staff.id, region.id) is None


def test_a_refused_region_stores_nothing_and_says_why(app, client) -> None:
    make_tenant()
    _operator(client)
    answer = _post(
        client,
        "/staff/install/regions/new",
        name="Zuidwest-Drenthe",
        slug="Zuid West",
        public_url="https://westerveld.localhost",
        hosts="",
        police_team="",
        cbs_code="",
    )
    assert answer.status_code == 400
    assert _region() is None
    page = answer.get_data(as_text=True)
    assert "westerveld.localhost" in page  # the form keeps what was typed
    unknown = _post(
        client,
        "/staff/install/regions/zuidwest-drenthe/scope",
        email="niemand@example.org",
        scope="partner",
    )
    # No such region (the refused one was not made): nothing to give a scope in.
    assert unknown.status_code == 404
    assert "Die regio of gemeente bestaat niet" in unknown.get_data(as_text=True)
    # A deactivated login is not brought back by a scope.
    make_region(host="regio.localhost")
    create_user("oud@example.org", PASSWORD, "viewer")
    old = db.session.scalar(select(StaffUser).where(StaffUser.email == "oud@example.org"))
    old.active = False
    db.session.commit()
    inactive = _post(
        client,
        "/staff/install/regions/zuidwest-drenthe/scope",
        email="oud@example.org",
        scope="partner",
    )
    assert inactive.status_code == 400
    assert "De login met dit e-mailadres is gedeactiveerd" in inactive.get_data(as_text=True)


def test_only_operators_find_the_regions_page(app, client) -> None:
    login_as(client, "admin")
    assert client.get("/staff/install/regions").status_code == 404
    other = client_on(app, "localhost")
    assert other.get("/staff/install/regions").status_code in (302, 404)
