"""Staff login, logout and the first results page."""

from __future__ import annotations

import pytest

from participation.services.accounts import create_user
from tests.conftest import csrf_token, send_ballot
from tests.factories import set_password_as_configured


def login(client, email: str, password: str):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/staff/login")
    return client.post(
        "/staff/login", data={"csrf_token": token, "email": email, "password": password}
    )


def test_login_page_has_email_and_password_fields(client, app) -> None:
    page = client.get("/staff/login").get_data(as_text=True)
    assert 'type="email"' in page and 'name="email"' in page
    assert 'type="password"' in page and 'name="password"' in page


def test_wrong_password_is_refused_with_a_dutch_message(client, app) -> None:
    create_user("a@example.org", "juist-wachtwoord-123", "staff")
    response = login(client, "a@example.org", "fout-wachtwoord")
    assert response.status_code == 401
    assert "Het e-mailadres of wachtwoord klopt niet." in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302


def test_password_is_stored_hashed(app) -> None:
    user = create_user("b@example.org", "juist-wachtwoord-123", "staff")
    assert "juist-wachtwoord-123" not in user.password_hash
    assert user.check_password("juist-wachtwoord-123")


def test_login_without_csrf_token_is_refused(client, app) -> None:
    create_user("c@example.org", "juist-wachtwoord-123", "staff")
    response = client.post(
        "/staff/login", data={"email": "c@example.org", "password": "juist-wachtwoord-123"}
    )
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.get_data(as_text=True)


def test_login_then_logout(client, app, demo) -> None:
    create_user("d@example.org", "juist-wachtwoord-123", "viewer")
    response = login(client, "D@example.org ", "juist-wachtwoord-123")
    assert response.status_code == 302
    assert "Raadplegingen" in client.get("/staff/").get_data(as_text=True)
    token = csrf_token(client, "/staff/")
    client.post("/staff/logout", data={"csrf_token": token})
    assert client.get("/staff/").status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/x",
        "////evil.example",
        "/\\evil.example",
        "\\evil.example",
        "https://evil.example/",
        "/%2F%2Fevil.example",
        "http:evil.example",
        " /staff/",
        "/staff/\r\nSet-Cookie: x=1",  # a header split: was a 500
        "/staff/\tx",
    ],
)
def test_login_never_redirects_to_another_site(client, app, target) -> None:
    from urllib.parse import quote

    create_user("e@example.org", "juist-wachtwoord-123", "staff")
    token = csrf_token(client, "/staff/login")
    response = client.post(
        f"/staff/login?next={quote(target, safe='')}",
        data={"csrf_token": token, "email": "e@example.org", "password": "juist-wachtwoord-123"},
    )
    if any(c in target for c in "\r\n\t"):  # refused at the door: the address is broken
        assert response.status_code == 400
        assert "De webadres" in response.get_data(as_text=True) or "webadres" in response.get_data(
            as_text=True
        )
        return
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location == "/staff/" or (location.startswith("/") and not location.startswith("//"))
    assert "evil" not in location.replace("%2F%2Fevil", "") or location.startswith("/%2F")


def test_login_follows_a_local_next_page(client, app) -> None:
    create_user("e2@example.org", "juist-wachtwoord-123", "staff")
    response = login_to(client, "e2@example.org", "/results/demo?dorp=leek")
    assert response.headers["Location"] == "/results/demo?dorp=leek"


def login_to(client, email: str, target: str):  # type: ignore[no-untyped-def]
    from urllib.parse import quote

    token = csrf_token(client, "/staff/login")
    return client.post(
        f"/staff/login?next={quote(target, safe='')}",
        data={"csrf_token": token, "email": email, "password": "juist-wachtwoord-123"},
    )


def test_a_session_saved_before_logout_no_longer_works(app) -> None:
    create_user("h@example.org", "juist-wachtwoord-123", "viewer")
    client = app.test_client()
    assert login(client, "h@example.org", "juist-wachtwoord-123").status_code == 302
    saved = client.get_cookie("session").value
    other_device = app.test_client()
    assert login(other_device, "h@example.org", "juist-wachtwoord-123").status_code == 302
    client.post("/staff/logout", data={"csrf_token": csrf_token(client, "/staff/")})
    thief = app.test_client()
    thief.set_cookie("session", saved)
    assert thief.get("/staff/").status_code == 302  # to the login page
    assert other_device.get("/staff/").status_code == 302  # logout ends every session


def test_a_new_password_ends_every_saved_session(app) -> None:
    from participation.extensions import db

    user = create_user("i@example.org", "juist-wachtwoord-123", "viewer")
    client = app.test_client()
    assert login(client, "i@example.org", "juist-wachtwoord-123").status_code == 302
    assert client.get("/staff/").status_code == 200
    set_password_as_configured(user, "een-ander-lang-wachtwoord")
    db.session.commit()
    assert client.get("/staff/").status_code == 302


def test_private_pages_and_exports_are_not_kept_by_browsers(staff_client, demo) -> None:
    for url in ("/staff/", "/results/demo", "/results/demo/uitslag.xlsx", "/v/demo"):
        assert staff_client.get(url).headers.get("Cache-Control") == "no-store", url


def test_results_page_needs_login(client, demo) -> None:
    response = client.get("/results/demo")
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


def test_results_page_shows_themes_per_village_and_total(staff_client, demo) -> None:
    ids = [theme.id for theme in demo.themes]
    for village, picks in (("leek", ids[:6]), ("leek", ids[1:7]), ("marum", ids[:6])):
        assert send_ballot(staff_client, demo, village, picks).status_code == 303
    page = staff_client.get("/results/demo").get_data(as_text=True)
    assert "In totaal 3 deelnemers." in page
    assert "n = 2" in page  # Leek
    assert "Aandeel is het deel van de stemmers" in page
    for theme in demo.themes:
        assert theme.title.replace("'", "&#39;") in page


def test_five_wrong_passwords_lock_the_account_for_that_address_only(app) -> None:
    from sqlalchemy import select

    from participation.extensions import db
    from participation.models import AuditEvent

    create_user("f@example.org", "juist-wachtwoord-123", "staff")
    stranger = app.test_client()
    for _ in range(5):
        assert login(stranger, "f@example.org", "fout-wachtwoord").status_code == 401
    locked = login(stranger, "f@example.org", "juist-wachtwoord-123")
    assert locked.status_code == 429
    assert "Te veel verkeerde wachtwoorden" in locked.get_data(as_text=True)
    assert stranger.get("/staff/").status_code == 302
    assert "account.locked" in set(db.session.scalars(select(AuditEvent.action)))
    # The staff member, at another address, still gets in: a stranger cannot lock them out.
    own = app.test_client()
    own.environ_base["REMOTE_ADDR"] = "192.0.2.10"
    assert login(own, "f@example.org", "juist-wachtwoord-123").status_code == 302


def test_unknown_and_known_addresses_get_the_same_answers_after_the_same_work(
    app, monkeypatch
) -> None:
    from participation.models import staff as staff_model
    from participation.services import staff_login as auth

    create_user("g@example.org", "juist-wachtwoord-123", "staff")
    checked: list[str] = []
    real = auth.check_password_hash
    for module in (auth, staff_model):  # the dummy check, and the account's own
        monkeypatch.setattr(
            module, "check_password_hash", lambda h, p: checked.append(p) or real(h, p)
        )
    answers = {}
    for email in ("g@example.org", "niemand@example.org"):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = "198.51.100.7" if "g@" in email else "198.51.100.8"
        answers[email] = []
        for _ in range(7):
            response = login(client, email, "fout-wachtwoord")
            text = response.get_data(as_text=True)
            message = text.split('class="field-error"')[1].split("</div>")[0]
            answers[email].append((response.status_code, message))
    assert answers["g@example.org"] == answers["niemand@example.org"]
    assert [status for status, _ in answers["niemand@example.org"]] == [401] * 5 + [429] * 2
    # Each of the 5 counted tries checked a hash: the account's, or a dummy for the unknown.
    assert checked.count("fout-wachtwoord") == 5 + 5


def test_weak_passwords_are_refused(app) -> None:
    import pytest

    from participation.services.accounts import WeakPassword

    for weak in ["kort", "Wachtwoord123", "gerrit-jansen-1", "zzzzzzzzzzzz"]:
        with pytest.raises(WeakPassword):
            create_user(
                "gerrit.jansen@example.org", weak.replace("gerrit-jansen", "gerrit.jansen"), "staff"
            )
