"""The install-admin page: operators list every municipality and add one with its first admin."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from participation import tenancy
from participation.extensions import db
from participation.models import AuditEvent, Municipality, StaffMembership, StaffUser
from participation.tenancy import ACROSS_MUNICIPALITIES
from tests.conftest import FIRST_MUNICIPALITY, csrf_token, login_as
from tests.factories import client_on, make_tenant

PASSWORD = "een-lang-wachtwoord"
NEW_PASSWORD = "paarse-fiets-op-de-dijk"
NEW_HOST = "veiligheid.westerveld.nl"
ACROSS = {ACROSS_MUNICIPALITIES: True}


def _operator(client):  # type: ignore[no-untyped-def]
    """The client logged in as admin@example.org of the first municipality, an operator."""
    login_as(client, "admin")
    user = _login("admin@example.org")
    assert user is not None
    user.operator = True
    first = db.session.get(Municipality, FIRST_MUNICIPALITY)
    first.hosts = "localhost"  # with a second one, the first needs its own host name
    db.session.commit()
    return client


def _login(email: str) -> StaffUser | None:
    db.session.expire_all()
    return db.session.scalar(select(StaffUser).where(StaffUser.email == email))


def _municipalities() -> list[str]:
    db.session.expire_all()
    rows = db.session.scalars(select(Municipality.slug).execution_options(**ACROSS))
    return sorted(rows)


def _form(**changes: str) -> dict[str, str]:
    return {
        "name": "Gemeente Westerveld",
        "slug": "westerveld",
        "public_url": f"https://{NEW_HOST}",
        "hosts": "westerveld.localhost",
        "population": "19900",
        "admin_email": "beheer@westerveld.nl",
        **changes,
    }


def _create(client, **changes: str):  # type: ignore[no-untyped-def]
    data = {"csrf_token": csrf_token(client, "/staff/install/"), **_form(**changes)}
    return client.post("/staff/install/new", data=data)


def _body(message) -> str:  # type: ignore[no-untyped-def]
    return message.get_body(preferencelist=("plain",)).get_content()


def test_only_operators_see_the_page(app, client) -> None:
    login_as(client, "admin")
    assert client.get("/staff/install/").status_code == 404
    data = {"csrf_token": csrf_token(client, "/staff/accounts"), **_form()}
    assert client.post("/staff/install/new", data=data).status_code == 404
    assert "/staff/install/" not in client.get("/staff/").get_data(as_text=True)
    assert _municipalities() == ["gemeente"]
    stranger = app.test_client()
    assert stranger.get("/staff/install/").status_code == 302  # to the login page


def test_the_page_lists_every_municipality_with_its_staff(app, client) -> None:
    operator = _operator(client)
    other = make_tenant()
    login_as(app.test_client(), "staff")
    with tenancy.acting_for(other):
        db.session.add(StaffMembership(user_id=_login("staff@example.org").id, role="viewer"))  # type: ignore[union-attr]
        db.session.commit()
    page = operator.get("/staff/install/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'href="/staff/install/"' in text  # the nav's link, for operators
    rows = {
        cells[0]: cells
        for cells in (
            [
                re.sub(r"<[^>]+>", "", cell).strip()
                for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            ]
            for row in re.findall(r"<tr>(.*?)</tr>", text, re.S)
        )
        if cells
    }
    westerveld = rows["Gemeente Westerveld"]
    assert westerveld[1] == "westerveld" and westerveld[3] == "westerveld.localhost"
    assert westerveld[4] == "1"
    first = rows[next(name for name in rows if rows[name][1] == "gemeente")]
    assert first[3] == "localhost" and first[4] == "2"  # admin and staff of the first
    assert "voordat de installatie er meer had" in first[5]
    assert 'href="/staff/install/westerveld/export"' in text
    assert 'href="/staff/install/westerveld/erase"' in text
    assert 'href="/staff/install/gemeente/export"' in text


def test_a_new_municipality_with_a_new_admin_invites_them_there(app, client, smtp_server) -> None:
    operator = _operator(client)
    answer = _create(operator)
    assert answer.status_code == 303, answer.get_data(as_text=True)
    assert _municipalities() == ["gemeente", "westerveld"]
    row = db.session.scalar(
        select(Municipality).where(Municipality.slug == "westerveld").execution_options(**ACROSS)
    )
    assert (row.name, row.public_url, row.hosts, row.population) == (
        "Gemeente Westerveld",
        f"https://{NEW_HOST}",
        "westerveld.localhost",
        19900,
    )
    listed = operator.get("/staff/install/").get_data(as_text=True)
    assert "Gemeente Westerveld is toegevoegd" in listed
    [message] = smtp_server
    assert message["To"] == "beheer@westerveld.nl"
    assert message["Subject"] == "Uw medewerkersaccount staat klaar"
    body = _body(message)
    assert "Gemeente Westerveld" in body
    link = re.search(rf"https://{re.escape(NEW_HOST)}/staff/welcome/\S+", body)
    assert link is not None  # on the new municipality's own address
    # The new admin works there, and only there; the creation is in its own audit log.
    admin = _login("beheer@westerveld.nl")
    assert admin is not None and admin.invite_pending
    with tenancy.acting_for(row.id):
        assert admin.role == "admin"
        actions = set(db.session.scalars(select(AuditEvent.action)))
        assert {"municipality.create", "account.invite"} <= actions
    assert admin.role is None  # none in the first municipality
    # This worker serves the new host at once; the link sets the password there.
    there = client_on(app, NEW_HOST)
    path = link.group(0).removeprefix(f"https://{NEW_HOST}")
    token = csrf_token(there, "/staff/login")
    chosen = there.post(
        path, data={"csrf_token": token, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
    )
    assert chosen.status_code == 303
    page = there.get("/staff/").get_data(as_text=True)
    assert "Gemeente Westerveld" in page


def test_an_existing_login_becomes_its_admin_with_its_own_password(
    app, client, smtp_server
) -> None:
    operator = _operator(client)
    login_as(app.test_client(), "staff")
    before = _login("staff@example.org").password_hash  # type: ignore[union-attr]
    answer = _create(operator, admin_email="Staff@example.org")
    assert answer.status_code == 303
    [message] = smtp_server
    assert message["Subject"] == "U werkt nu ook voor Gemeente Westerveld"
    body = _body(message)
    assert "als beheerder" in body and "wachtwoord die u al heeft" in body
    assert f"https://{NEW_HOST}/staff/login" in body
    user = _login("staff@example.org")
    assert user is not None and user.password_hash == before and not user.invite_pending
    assert user.role == "staff"  # at home, unchanged
    there = client_on(app, "westerveld.localhost")
    token = csrf_token(there, "/staff/login")
    logged_in = there.post(
        "/staff/login",
        data={"csrf_token": token, "email": "staff@example.org", "password": PASSWORD},
    )
    assert logged_in.status_code == 302
    assert there.get("/staff/accounts").status_code == 200  # an admin there


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": " "}, "name", "Vul de naam van de gemeente in."),
        ({"slug": "Wester veld"}, "slug", "Gebruik alleen kleine letters, cijfers en streepjes"),
        ({"slug": "gemeente"}, "slug", "Een andere gemeente heeft deze korte naam al."),
        (
            {"public_url": "veiligheid.westerveld.nl"},
            "public_url",
            "Schrijf het adres als https://",
        ),
        ({"public_url": "https://x.nl/pad"}, "public_url", "met niets na de hostnaam"),
        ({"public_url": "http://localhost"}, "public_url", "hoort al bij een andere gemeente"),
        ({"hosts": "goed.nl slecht_naam"}, "hosts", "Een hostnaam is ongeldig"),
        ({"population": "0"}, "population", "van 1 tot 9.999.999"),
        ({"population": "veel"}, "population", "Vul een heel getal in"),
        ({"admin_email": "geen-adres"}, "admin_email", "Schrijf een e-mailadres zoals naam@"),
        ({"admin_email": "jörg@example.org"}, "admin_email", "zonder accenten"),
        ({"admin_email": "weg@example.org"}, "admin_email", "is gedeactiveerd"),
    ],
)
def test_each_problem_is_told_at_its_field_and_nothing_is_stored(
    app, client, smtp_server, changes, field, message
) -> None:
    operator = _operator(client)
    login_as(app.test_client(), "viewer")
    gone = _login("viewer@example.org")
    assert gone is not None
    gone.email, gone.active = "weg@example.org", False
    db.session.commit()
    before = db.session.scalar(select(func.count()).select_from(AuditEvent))
    answer = _create(operator, **changes)
    text = answer.get_data(as_text=True)
    assert answer.status_code == 400
    block = text.split(f'id="{field}-field"', 1)[1].split("</div>", 1)[0]
    assert message in block.replace("&#39;", "'")
    assert _municipalities() == ["gemeente"] and smtp_server == []
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == before


def test_the_first_needs_its_own_address_before_a_second_comes(app, client, smtp_server) -> None:
    operator = _operator(client)
    first = db.session.get(Municipality, FIRST_MUNICIPALITY)
    first.hosts = ""
    db.session.commit()
    answer = _create(operator)
    assert answer.status_code == 400
    assert "Geef haar eerst een eigen adres (Adres, in de tabel" in answer.get_data(as_text=True)
    assert _municipalities() == ["gemeente"] and smtp_server == []
    # The operator gives it one on the install page, then adds the second.
    page = "/staff/install/gemeente/address"
    assert 'href="/staff/install/gemeente/address"' in operator.get("/staff/install/").text
    token = csrf_token(operator, page)
    wrong = operator.post(page, data={"csrf_token": token, "public_url": "ftp://x", "hosts": ""})
    assert wrong.status_code == 400
    assert "Schrijf het adres als https:// en een hostnaam" in wrong.get_data(as_text=True)
    taken = {"csrf_token": token, "public_url": "https://a.example.nl", "hosts": "localhost b!"}
    assert operator.post(page, data=taken).status_code == 400
    db.session.expire_all()
    assert db.session.get(Municipality, FIRST_MUNICIPALITY).public_url == ""  # nothing stored
    given = {"csrf_token": token, "public_url": "https://a.example.nl/", "hosts": "localhost"}
    assert operator.post(page, data=given).status_code == 303
    db.session.expire_all()
    first = db.session.get(Municipality, FIRST_MUNICIPALITY)
    assert (first.public_url, first.hosts) == ("https://a.example.nl", "localhost")
    assert _create(operator).status_code == 303
    assert _municipalities() == ["gemeente", "westerveld"]
    # Someone not logged in is sent to the login, as on every install page.
    assert client_on(app, "localhost").get(page).status_code == 302  # to the login


def test_when_the_mail_server_is_down_no_municipality_is_made(app, client) -> None:
    operator = _operator(client)
    token = csrf_token(operator, "/staff/install/")
    state = app.extensions["mail"]
    state.server, state.port, state.suppress = "127.0.0.1", 9, False  # nothing listens on 9
    try:
        answer = operator.post("/staff/install/new", data={"csrf_token": token, **_form()})
    finally:
        state.suppress = True
    assert answer.status_code == 503
    text = answer.get_data(as_text=True)
    assert "De e-mail kon niet worden verstuurd, dus er is niets bewaard." in text
    assert 'value="westerveld"' in text  # the form as sent, to try again
    assert _municipalities() == ["gemeente"] and _login("beheer@westerveld.nl") is None
    with tenancy.acting_for(FIRST_MUNICIPALITY):
        assert "municipality.create" not in set(db.session.scalars(select(AuditEvent.action)))
