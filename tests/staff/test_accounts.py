"""Staff accounts in the browser: invites by e-mail, the one-time link, roles, deactivation."""

from __future__ import annotations

import re
import time

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import AuditEvent, StaffUser
from participation.services import accounts
from participation.services.accounts import create_user
from tests.conftest import csrf_token, login_as

PASSWORD = "een-lang-wachtwoord"
NEW_PASSWORD = "paarse-fiets-op-de-dijk"
LINK = re.compile(r"https?://[^\s]+/staff/welcome/[^\s]+")


def _user(email: str) -> StaffUser | None:
    db.session.expire_all()
    return db.session.scalar(select(StaffUser).where(StaffUser.email == email))


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(StaffUser)) or 0


def _actions() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _post(client, url: str, **data: str):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/staff/my-account")
    return client.post(url, data={"csrf_token": token, **data})


def _invite(client, email: str = "nieuw@example.org", role: str = "staff", name: str = "Sanne"):  # type: ignore[no-untyped-def]
    return _post(client, "/staff/accounts/invite", email=email, display_name=name, role=role)


def _link(message) -> str:  # type: ignore[no-untyped-def]
    body = message.get_body(preferencelist=("plain",)).get_content()
    return LINK.search(body).group(0)  # type: ignore[union-attr]


def _path(link: str) -> str:
    return "/staff/welcome/" + link.rsplit("/staff/welcome/", 1)[1]


def _choose(client, path: str, password: str = NEW_PASSWORD, confirm: str | None = None):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/staff/login")  # the session's token; the link may be dead
    data = {"csrf_token": token, "password": password, "password_confirm": confirm or password}
    return client.post(path, data=data)


def _login(client, email: str, password: str):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/staff/login")
    return client.post(
        "/staff/login", data={"csrf_token": token, "email": email, "password": password}
    )


@pytest.fixture
def admin(app, client):  # type: ignore[no-untyped-def]
    return login_as(client, "admin")


def test_the_page_says_what_each_role_may_do_and_lists_every_account(app, admin) -> None:
    create_user("kijker@example.org", PASSWORD, "viewer")
    gone = create_user("weg@example.org", PASSWORD, "staff")
    gone.active = False
    db.session.commit()
    page = admin.get("/staff/accounts").get_data(as_text=True)
    assert "Alles, plus de accounts, de gemeente-instellingen en het auditlog." in page
    assert "Raadplegingen, stands, tellingen en export." in page
    assert "Alleen lezen" in page and "vier-ogenprincipe" in page
    assert "kijker@example.org" in page and "weg@example.org" in page
    assert "gedeactiveerd" in page and "actief" in page
    assert 'href="/staff/accounts"' in page and 'href="/staff/my-account"' in page


def test_the_whole_invite_flow(app, admin, smtp_server, caplog) -> None:
    app.config["PUBLIC_BASE_URL"] = "https://stem.example.nl"
    token = csrf_token(admin, "/staff/accounts")
    response = admin.post(
        "/staff/accounts/invite",
        data={
            "csrf_token": token,
            "email": " Sanne@Example.org ",
            "display_name": "Sanne  de Boer",
            "role": "staff",
        },
    )
    assert response.status_code == 303
    user = _user("sanne@example.org")
    assert user is not None and user.invite_pending and user.role == "staff"
    assert user.display_name == "Sanne de Boer"
    assert "uitgenodigd, wachtwoord nog niet gekozen" in admin.get("/staff/accounts").get_data(
        as_text=True
    )
    [message] = smtp_server
    assert message["From"] == app.config["MAIL_DEFAULT_SENDER"]
    assert message["To"] == "sanne@example.org"
    assert message["Subject"] == "Uw medewerkersaccount staat klaar"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Kies uw wachtwoord met deze link" in body and "72 uur" in body
    link = _link(message)
    assert link.startswith("https://stem.example.nl/staff/welcome/")  # not this request's host

    # An invited account has no password: nothing logs it in.
    for guess in ("", PASSWORD, NEW_PASSWORD):
        assert _login(app.test_client(), "sanne@example.org", guess).status_code != 302

    fresh = app.test_client()
    path = _path(link)
    form = fresh.get(path).get_data(as_text=True)
    assert "Kies uw wachtwoord" in form and "minstens 12 tekens" in form
    assert 'name="password"' in form and 'name="password_confirm"' in form
    weak = _choose(fresh, path, "kort")
    assert weak.status_code == 422 and "Gebruik minstens 12 tekens." in weak.get_data(as_text=True)
    other = _choose(fresh, path, NEW_PASSWORD, NEW_PASSWORD + "x")
    assert other.status_code == 422
    assert "De twee wachtwoorden zijn niet gelijk." in other.get_data(as_text=True)
    assert _user("sanne@example.org").invite_pending  # type: ignore[union-attr]

    done = _choose(fresh, path)
    assert done.status_code == 303 and done.headers["Location"] == "/staff/"
    assert fresh.get("/staff/").status_code == 200  # logged in
    assert not _user("sanne@example.org").invite_pending  # type: ignore[union-attr]
    assert _login(app.test_client(), "sanne@example.org", NEW_PASSWORD).status_code == 302
    assert _actions()[-2:] == ["account.invite", "account.password_set"]
    assert "sanne@example.org" not in caplog.text.lower()

    # The link works once.
    again = app.test_client().get(path)
    assert again.status_code == 404
    assert "Deze link werkt niet meer" in again.get_data(as_text=True)
    assert "Vraag de beheerder" in again.get_data(as_text=True)
    replayed = _choose(app.test_client(), path, "nog-een-ander-wachtwoord")
    assert replayed.status_code == 404
    assert _login(app.test_client(), "sanne@example.org", NEW_PASSWORD).status_code == 302


def test_an_old_or_forged_link_does_not_work(app, admin, smtp_server, monkeypatch) -> None:
    _invite(admin)
    user = _user("nieuw@example.org")
    real = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - 73 * 3600)
    old = accounts.invite_token(user)  # type: ignore[arg-type]
    monkeypatch.setattr(TimestampSigner, "get_timestamp", real)
    fresh = app.test_client()
    for path in (
        f"/staff/welcome/{old}",
        f"/staff/welcome/{accounts.invite_token(user)[:-2]}xx",  # type: ignore[arg-type]
        "/staff/welcome/niets",
    ):
        page = fresh.get(path)
        assert page.status_code == 404 and "Deze link werkt niet meer" in page.get_data(
            as_text=True
        )
    assert fresh.get(_path(_link(smtp_server[0]))).status_code == 200  # 72 hours not yet over
    app.config["INVITE_VALID_HOURS"] = 1
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - 7200)
    two_hours = accounts.invite_token(user)  # type: ignore[arg-type]
    monkeypatch.setattr(TimestampSigner, "get_timestamp", real)
    assert fresh.get(f"/staff/welcome/{two_hours}").status_code == 404
    assert _user("nieuw@example.org").invite_pending  # type: ignore[union-attr]


def test_a_deactivated_accounts_link_does_not_work(app, admin, smtp_server) -> None:
    _invite(admin)
    user = _user("nieuw@example.org")
    path = _path(_link(smtp_server[0]))
    assert _post(admin, f"/staff/accounts/{user.id}/deactivate").status_code == 303  # type: ignore[union-attr]
    assert app.test_client().get(path).status_code == 404
    assert _post(admin, f"/staff/accounts/{user.id}/reactivate").status_code == 303  # type: ignore[union-attr]
    assert _choose(app.test_client(), path).status_code == 404  # still dead: ask for a new one
    refused = _post(admin, f"/staff/accounts/{user.id}/new-link")  # type: ignore[union-attr]
    assert refused.status_code == 303
    assert _choose(app.test_client(), _path(_link(smtp_server[-1]))).status_code == 303


@pytest.mark.parametrize(
    ("email", "role", "message"),
    [
        ("geen-adres", "staff", "Vul een e-mailadres in zoals naam@gemeente.nl."),
        ("", "staff", "Vul een e-mailadres in."),
        ("ADMIN@example.org", "staff", "Er is al een account met dit e-mailadres."),
        (
            "ander@example.org",
            "baas",
            "Kies een van de rollen: beheerder, medewerker of meekijker.",
        ),
        ("ander@example.org", "", "Kies een van de rollen"),
    ],
)
def test_an_invite_that_cannot_be_accepted_stores_nothing(
    app, admin, smtp_server, email, role, message
) -> None:
    before, events = _count(), len(_actions())
    response = _invite(admin, email, role)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _count() == before and len(_actions()) == events and smtp_server == []


def test_a_name_too_long_is_refused(app, admin, smtp_server) -> None:
    response = _invite(admin, name="x" * 121)
    assert response.status_code == 422 and "Gebruik hoogstens 120 tekens." in response.get_data(
        as_text=True
    )
    assert _user("nieuw@example.org") is None and smtp_server == []


def test_when_the_mail_server_is_down_nothing_is_stored(app, admin, caplog) -> None:
    state = app.extensions["mail"]
    state.server, state.port, state.suppress = "127.0.0.1", 9, False  # nothing listens on 9
    try:
        before = _count()
        response = _invite(admin)
        user = _user("admin@example.org")
        reinvite = _post(admin, f"/staff/accounts/{user.id}/new-link")  # type: ignore[union-attr]
    finally:
        state.suppress = True
    assert response.status_code == 503
    assert "De e-mail kon niet worden verstuurd, dus er is niets bewaard." in response.get_data(
        as_text=True
    )
    assert 'value="nieuw@example.org"' in response.get_data(as_text=True)  # try again as it is
    assert _count() == before and "account.invite" not in _actions()
    assert reinvite.status_code == 503 and "er is niets veranderd" in reinvite.get_data(
        as_text=True
    )
    assert "account.reinvite" not in _actions()
    assert "nieuw@example.org" not in caplog.text


def test_an_address_the_mail_server_refuses_is_not_stored(app, admin, smtp_server) -> None:
    response = _invite(admin, "weiger@example.org")
    assert response.status_code == 422
    assert "De mailserver weigert dit adres" in response.get_data(as_text=True)
    assert _user("weiger@example.org") is None


def test_deactivation_ends_a_live_session_at_once(app, admin) -> None:
    colleague = login_as(app.test_client(), "staff")
    assert colleague.get("/staff/").status_code == 200
    cookie = colleague.get_cookie("session")
    user = _user("staff@example.org")
    response = _post(admin, f"/staff/accounts/{user.id}/deactivate")  # type: ignore[union-attr]
    assert response.status_code == 303
    assert _actions()[-1] == "account.deactivate"
    page = colleague.get("/staff/")
    assert page.status_code == 302 and page.headers["Location"].startswith("/staff/login")
    replay = app.test_client()
    replay.set_cookie("session", cookie.value, domain=cookie.domain or "localhost")  # type: ignore[union-attr]
    replayed = replay.get("/staff/", follow_redirects=True)
    assert replayed.request.path == "/staff/login"
    assert "Inloggen medewerkers" in replayed.get_data(as_text=True)
    assert _login(app.test_client(), "staff@example.org", PASSWORD).status_code == 401
    assert "gedeactiveerd" in admin.get("/staff/accounts").get_data(as_text=True)
    assert _post(admin, f"/staff/accounts/{user.id}/reactivate").status_code == 303  # type: ignore[union-attr]
    assert _actions()[-1] == "account.activate"
    assert _login(app.test_client(), "staff@example.org", PASSWORD).status_code == 302
    assert replay.get("/staff/").status_code == 302  # the old session stays ended


def test_the_last_active_admin_stays(app, admin) -> None:
    me = _user("admin@example.org")
    for url, data in (
        (f"/staff/accounts/{me.id}/deactivate", {}),  # type: ignore[union-attr]
        (f"/staff/accounts/{me.id}/role", {"role": "staff"}),  # type: ignore[union-attr]
    ):
        events = len(_actions())
        refused = _post(admin, url, **data)
        assert refused.status_code == 409
        assert "Er moet altijd één actieve beheerder zijn" in refused.get_data(as_text=True)
        assert len(_actions()) == events
        me = _user("admin@example.org")
        assert me.active and me.role == "admin"  # type: ignore[union-attr]
    other = create_user("tweede@example.org", PASSWORD, "admin")
    other.active = False
    db.session.commit()
    assert _post(admin, f"/staff/accounts/{me.id}/role", role="viewer").status_code == 409  # type: ignore[union-attr]
    second = app.test_client()
    other.active = True
    db.session.commit()
    assert _login(second, "tweede@example.org", PASSWORD).status_code == 302
    # With two active admins, one may step down; then the other is the last one.
    stepped = _post(admin, f"/staff/accounts/{me.id}/role", role="staff")  # type: ignore[union-attr]
    assert stepped.status_code == 303 and stepped.headers["Location"] == "/staff/"
    assert _actions()[-1] == "account.role"
    assert admin.get("/staff/accounts").status_code == 403
    assert _post(second, f"/staff/accounts/{other.id}/deactivate").status_code == 409
    assert _post(second, f"/staff/accounts/{other.id}/role", role="viewer").status_code == 409
    assert _user("tweede@example.org").role == "admin"  # type: ignore[union-attr]


def test_a_role_change_is_audited_with_old_and_new(app, admin) -> None:
    user = create_user("rol@example.org", PASSWORD, "staff")
    assert _post(admin, f"/staff/accounts/{user.id}/role", role="viewer").status_code == 303
    event = db.session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()))
    assert event.action == "account.role" and event.target == f"user:{user.id}"  # type: ignore[union-attr]
    assert event.details == "role: staff → viewer"  # type: ignore[union-attr]
    refused = _post(admin, f"/staff/accounts/{user.id}/role", role="god")
    assert refused.status_code == 422 and _user("rol@example.org").role == "viewer"  # type: ignore[union-attr]


def test_a_new_link_replaces_the_invite_or_resets_a_password(app, admin, smtp_server) -> None:
    _invite(admin)
    user = _user("nieuw@example.org")
    first = _path(_link(smtp_server[0]))
    assert _post(admin, f"/staff/accounts/{user.id}/new-link").status_code == 303  # type: ignore[union-attr]
    second = _path(_link(smtp_server[1]))
    assert app.test_client().get(first).status_code == 404
    assert _choose(app.test_client(), second).status_code == 303

    active = create_user("actief@example.org", PASSWORD, "staff")
    assert _post(admin, f"/staff/accounts/{active.id}/new-link").status_code == 303
    reset = smtp_server[2]
    assert reset["Subject"] == "Kies een nieuw wachtwoord"
    assert "uw huidige wachtwoord blijft werken" in reset.get_body().get_content()
    assert _login(app.test_client(), "actief@example.org", PASSWORD).status_code == 302
    page = app.test_client().get(_path(_link(reset))).get_data(as_text=True)
    assert "Kies een nieuw wachtwoord" in page
    assert _choose(app.test_client(), _path(_link(reset))).status_code == 303
    assert _login(app.test_client(), "actief@example.org", PASSWORD).status_code == 401
    assert _login(app.test_client(), "actief@example.org", NEW_PASSWORD).status_code == 302
    assert _actions().count("account.reinvite") == 2


@pytest.mark.parametrize("role", ["viewer", "staff"])
def test_only_admins_reach_the_accounts_routes(app, client, role) -> None:
    target = create_user("doel@example.org", PASSWORD, "staff")
    login_as(client, role)
    assert client.get("/staff/accounts").status_code == 403
    for url, data in (
        ("/staff/accounts/invite", {"email": "x@example.org", "role": "admin"}),
        (f"/staff/accounts/{target.id}/role", {"role": "admin"}),
        (f"/staff/accounts/{target.id}/deactivate", {}),
        (f"/staff/accounts/{target.id}/reactivate", {}),
        (f"/staff/accounts/{target.id}/new-link", {}),
    ):
        assert _post(client, url, **data).status_code == 403, url
    assert _user("doel@example.org").role == "staff" and _count() == 2  # type: ignore[union-attr]
    assert 'href="/staff/accounts"' not in client.get("/staff/my-account").get_data(as_text=True)


def test_an_unknown_account_is_a_404(app, admin) -> None:
    for action in ("role", "deactivate", "reactivate", "new-link"):
        assert _post(admin, f"/staff/accounts/99999/{action}", role="staff").status_code == 404


def test_my_account_changes_the_name(app, client) -> None:
    login_as(client, "viewer")
    page = client.get("/staff/my-account").get_data(as_text=True)
    assert "viewer@example.org" in page and "Meekijker" in page
    response = _post(client, "/staff/my-account", display_name="  Kees   Kijker ")
    assert response.status_code == 303
    assert _user("viewer@example.org").display_name == "Kees Kijker"  # type: ignore[union-attr]
    assert _actions()[-1] == "account.name"
    too_long = _post(client, "/staff/my-account", display_name="k" * 121)
    assert too_long.status_code == 422


def test_my_account_changes_the_password(app, client) -> None:
    login_as(client, "staff")
    other = app.test_client()
    assert _login(other, "staff@example.org", PASSWORD).status_code == 302

    def change(current: str, new: str, confirm: str | None = None):  # type: ignore[no-untyped-def]
        return _post(
            client,
            "/staff/my-account",
            current_password=current,
            new_password=new,
            new_password_confirm=confirm or new,
        )

    wrong = change("niet-het-wachtwoord", NEW_PASSWORD)
    assert wrong.status_code == 422
    assert "Uw huidige wachtwoord klopt niet." in wrong.get_data(as_text=True)
    weak = change(PASSWORD, "wachtwoord123")
    assert weak.status_code == 422
    text = weak.get_data(as_text=True)
    assert "Dit wachtwoord is een van de meest gebruikte. Kies een ander." in text
    assert _user("staff@example.org").check_password(PASSWORD)  # type: ignore[union-attr]

    done = change(PASSWORD, NEW_PASSWORD)
    assert done.status_code == 303
    assert client.get("/staff/my-account").status_code == 200  # this session stays
    assert other.get("/staff/").status_code == 302  # the other one ended
    assert _actions()[-1] == "account.password_change"
    assert _login(app.test_client(), "staff@example.org", NEW_PASSWORD).status_code == 302


def test_wrong_current_passwords_count_like_failed_logins(app, client) -> None:
    login_as(client, "staff")
    for _ in range(4):
        response = _post(
            client,
            "/staff/my-account",
            current_password="fout-fout-fout",
            new_password=NEW_PASSWORD,
            new_password_confirm=NEW_PASSWORD,
        )
        assert response.status_code == 422
    fifth = _post(
        client,
        "/staff/my-account",
        current_password="fout-fout-fout",
        new_password=NEW_PASSWORD,
        new_password_confirm=NEW_PASSWORD,
    )
    assert fifth.status_code in (422, 429)
    locked = _post(
        client,
        "/staff/my-account",
        current_password=PASSWORD,
        new_password=NEW_PASSWORD,
        new_password_confirm=NEW_PASSWORD,
    )
    assert locked.status_code == 429
    assert "Te veel verkeerde wachtwoorden" in locked.get_data(as_text=True)
    assert _login(app.test_client(), "staff@example.org", PASSWORD).status_code == 429
    assert "account.locked" in _actions()


def test_an_invitation_not_yet_accepted_is_no_admin_to_fall_back_on(app, admin, smtp_server):
    """With a typo'd admin invitation pending, the one real admin still cannot leave."""
    assert _invite(admin, "tpyo@exmaple.org", role="admin").status_code == 303
    me = _user("admin@example.org")
    assert me is not None
    leave = _post(admin, f"/staff/accounts/{me.id}/deactivate")
    assert leave.status_code == 409
    demote = _post(admin, f"/staff/accounts/{me.id}/role", role="viewer")
    assert demote.status_code == 409
    me = _user("admin@example.org")
    assert me is not None and me.active and me.role == "admin"


def test_a_link_used_by_two_requests_at_once_works_for_one(app, admin, smtp_server):
    """The second request read the account before the first saved its password."""
    _invite(admin)
    token = _path(_link(smtp_server[-1])).rsplit("/", 1)[1]
    user = accounts.user_for_invite(token)
    assert user is not None
    # The other request (its own connection) wins first: its password and a new session
    # version are stored, while this request still holds the account as it read it.
    with db.engine.begin() as other:
        other.execute(
            StaffUser.__table__.update()
            .where(StaffUser.id == user.id)
            .values(session_version=StaffUser.session_version + 1, password_hash="andere-hash")
        )
    with pytest.raises(accounts.LinkUsed):
        accounts.choose_password(user, NEW_PASSWORD)
    stored = _user("nieuw@example.org")
    assert stored is not None and stored.password_hash == "andere-hash"
    assert "account.password_set" not in _actions()


def test_an_address_smtp_cannot_carry_is_refused_in_dutch(app, admin, smtp_server):
    response = _invite(admin, "jörg@example.org")
    assert response.status_code == 422
    assert _user("jörg@example.org") is None and smtp_server == []
