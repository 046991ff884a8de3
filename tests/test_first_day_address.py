"""The first-day checklist speaks of the municipality's own public address once it has one."""

from __future__ import annotations

from participation.extensions import db
from participation.models import Municipality
from tests.conftest import FIRST_MUNICIPALITY, login_as
from tests.staff.test_first_day import setup_lines

OWN = "https://veiligheid.westerkwartier.nl"


def _own_address(address: str) -> None:
    row = db.session.get(Municipality, FIRST_MUNICIPALITY)
    assert row is not None
    row.public_url = address
    db.session.commit()


def test_the_own_address_is_the_one_checked_and_shown(app, client) -> None:
    # The server's setting would not do (http); the municipality's own address does.
    app.config["PUBLIC_BASE_URL"] = "http://stem.example.nl"
    _own_address(OWN)
    login_as(client, "admin")
    first = setup_lines(client.get("/staff/").get_data(as_text=True))[0]
    assert "Het eigen openbare adres van de gemeente" in first and "klaar" in first
    assert "PUBLIC_BASE_URL" not in first
    setup = client.get("/staff/setup").get_data(as_text=True)
    assert f"wijzen naar {OWN}." in setup
    assert "stem.example.nl" not in setup
    assert "eigen adres van deze gemeente" in setup


def test_an_own_address_over_http_is_not_done(app, client) -> None:
    app.config["PUBLIC_BASE_URL"] = "https://stem.example.nl"
    _own_address("http://veiligheid.westerkwartier.nl")
    login_as(client, "admin")
    first = setup_lines(client.get("/staff/").get_data(as_text=True))[0]
    assert "Het eigen openbare adres van de gemeente" in first and "nog doen" in first


def test_without_an_own_address_the_server_setting_is_meant(app, client) -> None:
    app.config["PUBLIC_BASE_URL"] = "https://stem.example.nl"
    login_as(client, "admin")
    first = setup_lines(client.get("/staff/").get_data(as_text=True))[0]
    assert "PUBLIC_BASE_URL" in first and "klaar" in first
    setup = client.get("/staff/setup").get_data(as_text=True)
    assert "https://stem.example.nl." in setup and "PUBLIC_BASE_URL=" in setup
