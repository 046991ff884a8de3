"""One login, several municipalities: an invite adds a membership, deactivating ends only it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from participation import tenancy
from participation.extensions import db
from participation.models import AuditEvent, Municipality, StaffMembership, StaffUser
from participation.services.accounts import create_user
from participation.tenancy import ACROSS_MUNICIPALITIES
from tests.conftest import FIRST_MUNICIPALITY, csrf_token, login_as
from tests.factories import client_on, make_tenant

PASSWORD = "een-lang-wachtwoord"
OTHER_HOST = "westerveld.localhost"
ACROSS = {ACROSS_MUNICIPALITIES: True}


@pytest.fixture
def other(app) -> int:  # type: ignore[no-untyped-def]
    return make_tenant()


@pytest.fixture
def admin(app, client, other):  # type: ignore[no-untyped-def]
    """The first municipality's admin, logged in on its host."""
    return login_as(client, "admin")


def _login(email: str) -> StaffUser:
    db.session.expire_all()
    found = db.session.scalar(select(StaffUser).where(StaffUser.email == email))
    assert found is not None
    return found


def _roles(email: str) -> dict[int, str]:
    """Every membership of the login, across the install: read while working for each
    municipality, as PostgreSQL's row-level security shows a transaction only its own."""
    db.session.expire_all()
    found = {}
    for municipality in db.session.scalars(select(Municipality.id).execution_options(**ACROSS)):
        with tenancy.acting_for(municipality):
            role = db.session.scalar(
                select(StaffMembership.role)
                .join(StaffUser, StaffUser.id == StaffMembership.user_id)
                .where(StaffUser.email == email)
            )
        if role is not None:
            found[municipality] = role
    return found


def _actions(municipality: int) -> list[str]:
    db.session.expire_all()
    with tenancy.acting_for(municipality):
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _post(client, url: str, **data: str):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/staff/my-account")
    return client.post(url, data={"csrf_token": token, **data})


def _invite(client, email: str, role: str = "staff"):  # type: ignore[no-untyped-def]
    return _post(client, "/staff/accounts/invite", email=email, display_name="", role=role)


def _log_in_there(app, email: str):  # type: ignore[no-untyped-def]
    there = client_on(app, OTHER_HOST)
    token = csrf_token(there, "/staff/login")
    answer = there.post(
        "/staff/login", data={"csrf_token": token, "email": email, "password": PASSWORD}
    )
    return there, answer


def _of_the_other(other: int, email: str, role: str = "staff") -> StaffUser:
    """A login made in the other municipality (a membership there only)."""
    with tenancy.acting_for(other):
        return create_user(email, PASSWORD, role)


def test_inviting_a_login_of_another_municipality_adds_a_membership_here(
    app, admin, other, smtp_server
) -> None:
    _of_the_other(other, "jan@westerveld.nl")
    before = _login("jan@westerveld.nl").password_hash
    answer = _invite(admin, " Jan@Westerveld.nl ", role="viewer")
    assert answer.status_code == 303
    page = admin.get("/staff/accounts").get_data(as_text=True)
    assert "werkt al voor een andere gemeente van deze installatie" in page
    assert "jan@westerveld.nl" in page
    assert _roles("jan@westerveld.nl") == {other: "staff", FIRST_MUNICIPALITY: "viewer"}
    assert _login("jan@westerveld.nl").password_hash == before  # no new password
    assert _actions(FIRST_MUNICIPALITY)[-1] == "account.membership"
    [message] = smtp_server
    assert message["To"] == "jan@westerveld.nl"
    assert message["Subject"] == "U werkt nu ook voor Gemeente Westerkwartier"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "als meekijker" in body and "/staff/login" in body and "welcome" not in body
    # The same password now works here too.
    here = app.test_client()
    token = csrf_token(here, "/staff/login")
    logged_in = here.post(
        "/staff/login",
        data={"csrf_token": token, "email": "jan@westerveld.nl", "password": PASSWORD},
    )
    assert logged_in.status_code == 302


def test_a_login_still_to_choose_its_password_gets_the_invitation_again(
    app, admin, other, smtp_server
) -> None:
    with tenancy.acting_for(other):
        invited = create_user("nieuw@westerveld.nl", PASSWORD, "staff")
        invited.invite_pending = True
        db.session.commit()
    assert _invite(admin, "nieuw@westerveld.nl").status_code == 303
    [message] = smtp_server
    assert message["Subject"] == "Uw medewerkersaccount staat klaar"
    assert "/staff/welcome/" in message.get_body(preferencelist=("plain",)).get_content()
    assert _roles("nieuw@westerveld.nl") == {other: "staff", FIRST_MUNICIPALITY: "staff"}


@pytest.mark.parametrize("where", ["here", "deactivated elsewhere"])
def test_a_member_here_or_a_deactivated_login_is_refused(
    app, admin, other, smtp_server, where
) -> None:
    if where == "here":
        create_user("piet@example.org", PASSWORD, "staff")
    else:
        _of_the_other(other, "piet@example.org").active = False
        db.session.commit()
    roles = _roles("piet@example.org")
    answer = _invite(admin, "piet@example.org", role="admin")
    assert answer.status_code == 422
    assert "Er is al een account met dit e-mailadres." in answer.get_data(as_text=True)
    assert _roles("piet@example.org") == roles and smtp_server == []
    assert "account.membership" not in _actions(FIRST_MUNICIPALITY)


def test_the_accounts_page_lists_only_this_municipalitys_logins(app, admin, other) -> None:
    _of_the_other(other, "alleen-daar@westerveld.nl")
    create_user("hier@example.org", PASSWORD, "staff")
    page = admin.get("/staff/accounts").get_data(as_text=True)
    assert "hier@example.org" in page and "alleen-daar@westerveld.nl" not in page
    assert "deactiveren beëindigt alleen het werk hier" in page


def test_another_municipalitys_login_answers_404_here(app, admin, other) -> None:
    theirs = _of_the_other(other, "alleen-daar@westerveld.nl", role="admin")
    for action, data in (
        ("role", {"role": "viewer"}),
        ("deactivate", {}),
        ("reactivate", {}),
        ("new-link", {}),
    ):
        answer = _post(admin, f"/staff/accounts/{theirs.id}/{action}", **data)
        assert answer.status_code == 404, action
    user = _login("alleen-daar@westerveld.nl")
    assert user.active and _roles(user.email) == {other: "admin"}
    assert _actions(other) == []


def test_deactivating_here_ends_only_the_membership_here(app, admin, other) -> None:
    create_user("beide@example.org", PASSWORD, "staff")
    user = _login("beide@example.org")
    with tenancy.acting_for(other):
        db.session.add(StaffMembership(user_id=user.id, role="admin"))
        db.session.commit()
    there, answer = _log_in_there(app, "beide@example.org")
    assert answer.status_code == 302
    here = login_as(app.test_client(), "viewer")  # a session here of someone else
    assert here.get("/staff/").status_code == 200
    answer = _post(admin, f"/staff/accounts/{user.id}/deactivate")
    assert answer.status_code == 303
    page = admin.get("/staff/accounts").get_data(as_text=True)
    assert "werkt niet meer voor deze gemeente" in page
    assert "beide@example.org" not in page
    # The login lives on where it still works: active, its session there still open.
    assert _login("beide@example.org").active
    assert _roles("beide@example.org") == {other: "admin"}
    assert there.get("/staff/").status_code == 200
    assert there.get("/staff/accounts").status_code == 200
    assert _actions(FIRST_MUNICIPALITY)[-1] == "account.membership_end"
    assert "account.membership_end" not in _actions(other)
    # Here it is nobody: the login page answers as for a wrong password. (The test's requests
    # share one session; a server's next request starts a new one.)
    db.session.expunge_all()
    again = app.test_client()
    token = csrf_token(again, "/staff/login")
    refused = again.post(
        "/staff/login",
        data={"csrf_token": token, "email": "beide@example.org", "password": PASSWORD},
    )
    assert refused.status_code == 401


def test_a_login_of_this_municipality_alone_is_deactivated_as_before(app, admin, other) -> None:
    create_user("alleen-hier@example.org", PASSWORD, "staff")
    user = _login("alleen-hier@example.org")
    answer = _post(admin, f"/staff/accounts/{user.id}/deactivate")
    assert answer.status_code == 303
    page = admin.get("/staff/accounts").get_data(as_text=True)
    assert "Het account is gedeactiveerd" in page and "alleen-hier@example.org" in page
    assert not _login("alleen-hier@example.org").active
    assert _actions(FIRST_MUNICIPALITY)[-1] == "account.deactivate"


def test_the_last_admin_here_stays_though_they_work_elsewhere(app, admin, other) -> None:
    user = _login("admin@example.org")
    with tenancy.acting_for(other):
        db.session.add(StaffMembership(user_id=user.id, role="staff"))
        db.session.commit()
    answer = _post(admin, f"/staff/accounts/{user.id}/deactivate")
    assert answer.status_code == 409
    assert _roles("admin@example.org") == {FIRST_MUNICIPALITY: "admin", other: "staff"}
