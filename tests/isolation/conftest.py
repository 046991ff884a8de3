"""Two municipalities on one install, each with a full set of data, and A's logins."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient

from participation.extensions import db
from participation.models import Municipality
from participation.web import tenant
from tests.conftest import FIRST_MUNICIPALITY, csrf_token
from tests.factories import client_on, make_tenant
from tests.isolation.world import PASSWORD, ROLES, Side, build

A_HOST = "a.example"
# B's host carries its marker too: a link to B's address on A's pages is a leak as well.
B_HOST = "zzb-host.example"


@dataclass
class Pair:
    a: Side
    b: Side


def log_in(app: Flask, host: str, email: str) -> FlaskClient:
    """A browser on `host`, logged in there with this e-mail."""
    client = client_on(app, host)
    data = {"csrf_token": csrf_token(client, "/staff/login"), "email": email}
    answer = client.post("/staff/login", data={**data, "password": PASSWORD})
    assert answer.status_code == 302, (host, email, answer.status_code)
    return client


def two_municipalities(app: Flask) -> tuple[int, int]:
    """A (the tests' first municipality) on a.example, B made beside it on its own host."""
    b = make_tenant("ZZB-gemeente", B_HOST)
    first = db.session.get(Municipality, FIRST_MUNICIPALITY)
    assert first is not None
    first.hosts = A_HOST
    db.session.commit()
    tenant.forget()
    return FIRST_MUNICIPALITY, b


@pytest.fixture
def pair(app: Flask) -> Pair:
    a_id, b_id = two_municipalities(app)
    a = Side(a_id, A_HOST, "AAA", "#1f4e79")
    b = Side(b_id, B_HOST, "ZZB", "#7a1f5c")
    build(a)
    build(b)
    return Pair(a, b)


@pytest.fixture
def a_clients(app: Flask, pair: Pair) -> dict[str, FlaskClient]:
    """A's admin, staff and viewer, each in a browser of its own on A's host, and a stranger."""
    found = {role: log_in(app, A_HOST, pair.a.email(role)) for role in ROLES}
    found["anonymous"] = client_on(app, A_HOST)
    return found
