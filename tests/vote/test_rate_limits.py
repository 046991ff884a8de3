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


def test_every_view_limit_is_checked_without_the_app_wide_pass(app) -> None:
    """The app sets no app-wide limit, so Flask-Limiter's before-request pass is dropped
    (security.skip_idle_limit_pass); the ballot limit above still answers 429."""
    assert limiter._check_request_limit not in app.before_request_funcs[None]


@pytest.mark.parametrize(
    "settings",
    [
        {"default_limits": ["5 per minute"]},
        {"application_limits": ["100 per minute"]},
        {"meta_limits": ["2 per hour"]},
        {"blueprint": True},
    ],
)
def test_the_app_wide_pass_stays_when_there_is_an_app_wide_limit(settings) -> None:
    """A default, application, meta or blueprint limit needs the pass: it is kept."""
    from flask import Blueprint, Flask
    from flask_limiter import Limiter
    from flask_limiter.util import get_remote_address

    from participation.security import skip_idle_limit_pass

    app = Flask(__name__)
    settings = dict(settings)
    blueprint = settings.pop("blueprint", False)
    other = Limiter(get_remote_address, app=app, storage_uri="memory://", **settings)
    if blueprint:
        shop = Blueprint("shop", __name__)
        other.limit("1 per second")(shop)
        app.register_blueprint(shop)
    skip_idle_limit_pass(app, other)
    assert other._check_request_limit in app.before_request_funcs[None]


def test_without_app_wide_limits_the_pass_goes_and_a_view_limit_still_holds() -> None:
    from flask import Flask
    from flask_limiter import Limiter
    from flask_limiter.util import get_remote_address

    from participation.security import skip_idle_limit_pass

    app = Flask(__name__)
    other = Limiter(get_remote_address, app=app, storage_uri="memory://")

    @app.post("/once")
    @other.limit("1 per minute")
    def once() -> str:
        return "ok"

    skip_idle_limit_pass(app, other)
    assert other._check_request_limit not in app.before_request_funcs[None]
    client = app.test_client()
    assert [client.post("/once").status_code for _ in range(2)] == [200, 429]
