"""A burst from one address gets 429 and a clear Dutch message; nothing stored is lost."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from participation.extensions import db, limiter
from participation.models import Ballot
from participation.services.accounts import create_user
from tests.conftest import csrf_token, send_ballot
from tests.factories import make_campaign


@pytest.fixture
def campaign(app):  # type: ignore[no-untyped-def]
    return make_campaign()


@pytest.fixture
def tight_limits(app):  # type: ignore[no-untyped-def]
    app.config.update(BALLOT_RATE_LIMIT="3 per minute", LOGIN_RATE_LIMIT="2 per minute")
    limiter.reset()
    yield
    limiter.reset()


def test_a_ballot_burst_from_one_address_is_refused_with_429(
    client, campaign, tight_limits
) -> None:
    statuses = []
    for _ in range(4):
        response = send_ballot(client, campaign)
        statuses.append(response.status_code)
    assert statuses == [303, 303, 303, 429]
    page = response.get_data(as_text=True)
    assert "Te veel pogingen" in page
    assert "Wacht een minuut" in page
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 3
    # Another address is not affected.
    other = send_ballot(client, campaign, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 303


def test_repeated_logins_are_slowed_down(client, app, tight_limits) -> None:
    create_user("raden@example.org", "het-echte-wachtwoord", "staff")
    token = csrf_token(client, "/staff/login")
    codes = [
        client.post(
            "/staff/login",
            data={"csrf_token": token, "email": "raden@example.org", "password": f"gok-{n}"},
        ).status_code
        for n in range(3)
    ]
    assert codes == [401, 401, 429]
    assert client.get("/staff/login").status_code == 200  # reading the form is not limited


def test_the_limiter_keeps_no_address_in_the_log(client, campaign, tight_limits, caplog) -> None:
    for _ in range(4):
        send_ballot(client, campaign, REMOTE_ADDR="198.51.100.23")
    assert "rate limit reached" in caplog.text
    assert "198.51.100.23" not in caplog.text
