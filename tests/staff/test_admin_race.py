"""Two admins removing each other at the same moment: one of them stays admin, on both
databases (two clients in two threads, each request with its own database session)."""

from __future__ import annotations

import threading

from flask.testing import FlaskClient
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import StaffMembership, StaffUser
from participation.services.accounts import create_user
from tests.conftest import csrf_token

PASSWORD = "een-lang-wachtwoord"


def logged_in(app, email: str) -> tuple[FlaskClient, str]:  # type: ignore[no-untyped-def]
    client = app.test_client()
    token = csrf_token(client, "/staff/login")
    answer = client.post(
        "/staff/login", data={"csrf_token": token, "email": email, "password": PASSWORD}
    )
    assert answer.status_code == 302
    return client, csrf_token(client, "/staff/my-account")


def active_admins() -> int:
    db.session.expire_all()
    found = (
        select(func.count())
        .select_from(StaffUser)
        .join(StaffUser.memberships)
        .where(StaffMembership.role == "admin", StaffUser.active.is_(True))
    )
    return db.session.scalar(found) or 0


def remove_each_other(app, a: StaffUser, b: StaffUser) -> list[int]:  # type: ignore[no-untyped-def]
    pairs = [(*logged_in(app, a.email), b.id), (*logged_in(app, b.email), a.id)]
    start, answers = threading.Barrier(2), []

    def remove(client: FlaskClient, token: str, target: int) -> None:
        start.wait()
        url = f"/staff/accounts/{target}/deactivate"
        answers.append(client.post(url, data={"csrf_token": token}).status_code)

    threads = [threading.Thread(target=remove, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(answers)


def test_two_admins_deactivating_each_other_at_once_leave_one(app) -> None:
    for round_ in range(6):
        for other in db.session.scalars(select(StaffUser)):
            other.active = False  # only this round's two are admins
        db.session.commit()
        a = create_user(f"a{round_}@example.org", PASSWORD, "admin")
        b = create_user(f"b{round_}@example.org", PASSWORD, "admin")
        answers = remove_each_other(app, a, b)
        assert answers in ([303, 409], [303, 403], [302, 303]), answers  # 302: ended first
        assert active_admins() == 1, f"round {round_}: {answers}"
