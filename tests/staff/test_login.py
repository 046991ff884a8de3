"""Staff login, logout and the first results page."""

from __future__ import annotations

from participation.staff.auth import create_user
from tests.conftest import csrf_token, send_ballot


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


def test_login_never_redirects_to_another_site(client, app) -> None:
    create_user("e@example.org", "juist-wachtwoord-123", "staff")
    token = csrf_token(client, "/staff/login")
    response = client.post(
        "/staff/login?next=//evil.example/x",
        data={"csrf_token": token, "email": "e@example.org", "password": "juist-wachtwoord-123"},
    )
    assert response.headers["Location"] == "/staff/"


def test_results_page_needs_login(client, demo) -> None:
    response = client.get("/results/demo")
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


def test_results_page_shows_themes_per_village_and_total(staff_client, demo) -> None:
    ids = [theme.id for theme in demo.themes]
    for village, picks in (("leek", ids[:6]), ("leek", ids[1:7]), ("marum", ids[:6])):
        assert send_ballot(staff_client, demo, village, picks).status_code == 303
    page = staff_client.get("/results/demo").get_data(as_text=True)
    assert "In totaal 3 stemmen." in page
    assert "n = 2" in page  # Leek
    assert "Aandeel is het deel van de stemmers" in page
    for theme in demo.themes:
        assert theme.title.replace("'", "&#39;") in page


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, app) -> None:
    from datetime import timedelta

    from sqlalchemy import select

    from participation.extensions import db
    from participation.models import AuditEvent, StaffUser
    from participation.models.ballots import utcnow

    user = create_user("f@example.org", "juist-wachtwoord-123", "staff")
    for _ in range(5):
        assert login(client, "f@example.org", "fout-wachtwoord").status_code == 401
    locked = login(client, "f@example.org", "juist-wachtwoord-123")
    assert locked.status_code == 429
    assert "Te veel verkeerde wachtwoorden" in locked.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302
    assert "account.locked" in set(db.session.scalars(select(AuditEvent.action)))
    # When the lock has passed, the right password works and the count starts again.
    db.session.refresh(user)
    user.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert login(client, "f@example.org", "juist-wachtwoord-123").status_code == 302
    again = db.session.scalar(select(StaffUser).where(StaffUser.email == "f@example.org"))
    assert again.failed_logins == 0 and again.locked_until is None


def test_weak_passwords_are_refused(app) -> None:
    import pytest

    from participation.staff.auth import WeakPassword

    for weak in ["kort", "Wachtwoord123", "gerrit-jansen-1", "zzzzzzzzzzzz"]:
        with pytest.raises(WeakPassword):
            create_user(
                "gerrit.jansen@example.org", weak.replace("gerrit-jansen", "gerrit.jansen"), "staff"
            )
