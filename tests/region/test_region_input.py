"""The region's pages on the region's host hold to the app's input rules: a POST without its
CSRF token is a 400 that changes nothing, a control character in an address a clear 400.
(The app-wide walks in tests/test_route_walk.py and tests/test_odd_input.py run on a
municipality's host, where every region page is a 404.)"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from participation.extensions import db, limiter
from participation.models import RegionScope, StaffUser
from participation.services.regions import setup
from tests.conftest import csrf_token
from tests.factories import client_on, set_password_as_configured
from tests.isolation.world import PASSWORD
from tests.region.test_partner_readonly import (
    REGION_HOST,
    Region,
    region_urls,
    snapshot,
    walk,
)

__all__ = ["walk"]  # the fixture: two municipalities in a region with one of every region row
COORDINATOR = "coordinator@regio.example"
OWN_SESSION = {"region.login", "region.logout"}


def coordinator(app: Flask) -> FlaskClient:
    user = StaffUser(email=COORDINATOR)
    set_password_as_configured(user, PASSWORD)
    db.session.add(user)
    db.session.commit()
    found = db.session.scalar(select(StaffUser).filter_by(email=COORDINATOR))
    setup.grant(found, "zuidwest-drenthe", RegionScope.COORDINATOR, None)
    client = client_on(app, REGION_HOST)
    data = {"csrf_token": csrf_token(client, "/regio/login"), "email": COORDINATOR}
    assert client.post("/regio/login", data={**data, "password": PASSWORD}).status_code == 302
    return client


def region_rules(app: Flask, method: str) -> list:  # type: ignore[type-arg]
    return [
        rule
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))
        if rule.endpoint.startswith("region.") and method in (rule.methods or ())
    ]


def test_a_region_post_without_its_csrf_token_is_a_400_and_changes_nothing(app, walk) -> None:
    a, b, region = walk
    client = coordinator(app)
    before = snapshot((a.id, b.id), region.id)
    sent = 0
    for rule in region_rules(app, "POST"):
        if rule.endpoint in OWN_SESSION:
            continue
        for url in region_urls(rule, region):
            limiter.reset()
            answer = client.post(url, data={"title": "X", "theme": "1", "name": "X"})
            assert answer.status_code == 400, (url, answer.status_code)
            sent += 1
    assert sent >= 20
    assert snapshot((a.id, b.id), region.id) == before


def test_a_control_character_in_a_region_address_is_a_clear_400(app, walk) -> None:
    _a, _b, walked_region = walk
    region = Region(walked_region.id, {**walked_region.values, "fmt": "png"})
    client = coordinator(app)
    walked = 0
    for rule in region_rules(app, "GET"):
        if not rule.arguments:
            continue
        for url in region_urls(rule, region):
            spoilt = url.replace(str(region.values["slug"]), f"{region.values['slug']}%00", 1)
            if "%00" not in spoilt:
                spoilt = url + "?terug=%01"  # an int in the path would not route at all
            answer = client.get(spoilt)
            assert answer.status_code == 400, (spoilt, answer.status_code)
            assert "teken" in answer.get_data(as_text=True) or answer.is_json, spoilt
            walked += 1
    assert walked >= 10
