"""The partner reads and changes nothing: every POST route of the app, sent by the region's
partner on the region's host and on each municipality's host (and under its path on the
region's host), answers 403 or 404, and no stored row changes.

Built from app.url_map, so a route added later is sent too. Staff and region routes get the
ids of real rows (a route that forgot its check would change them); routes open to anyone
with a link (a ballot, a kiosk, an association) get values that name nothing.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text
from werkzeug.routing import AnyConverter, Rule

from participation import tenancy
from participation.domain.programme import GoalKind
from participation.extensions import db, limiter
from participation.models import (
    RegionalAction,
    RegionalCampaign,
    RegionalDecision,
    RegionalGoal,
    RegionalIndicator,
    RegionalIndicatorValue,
    RegionalSession,
    RegionalTheme,
    RegionScope,
    StaffUser,
)
from participation.services.regions import setup
from participation.timeutil import utcnow
from tests.conftest import csrf_token
from tests.factories import client_on, make_region, set_password_as_configured
from tests.isolation.conftest import A_HOST, B_HOST, two_municipalities
from tests.isolation.walk import ANY_ROUTE, CannotFill, urls
from tests.isolation.world import PASSWORD, Side, build, shape

REGION_HOST = "zuidwest-drenthe.localhost"
SAYS_THE_SAME = {"vote.follow_up_unsubscribe"}
LOGINS = ("/staff/login", "/regio/login")
PARTNER = "politie@basisteam.example"
# A login's own session: logging in and out is every user's, and changes no one's data.
OWN_SESSION = {"region.login", "region.logout", "staff.login", "staff.logout"}
# Routes open to anyone holding the link (a resident's ballot, a kiosk, an association, a
# session participant): the partner is anyone there; sent with values that name nothing.
OPEN_TO_ANYONE = (
    "staff.welcome",
    "region.welcome",
    "associations.",
    "stand.",
    "vote.",
    "sessions.",
    "surveys.submit",
    "surveys.step",
)


@dataclass
class Region:
    id: int
    values: dict[str, object]


def build_region(a: Side, b: Side) -> Region:
    """The region over A and B with a regional campaign and one of every region-owned row a
    route can name."""
    region_id = make_region(host=REGION_HOST, members=(a.id, b.id))
    with tenancy.in_region(region_id):
        campaign = RegionalCampaign(
            slug="ivp-regio",
            title="Veilig in de regio",
            status="open",
            period_starts=utcnow() - timedelta(days=1),
            period_ends=utcnow() + timedelta(days=30),
            themes=[RegionalTheme(title="Ondermijning", safety_field=5, position=1)],
        )
        db.session.add(campaign)
        db.session.flush()
        theme = campaign.themes[0]
        indicator = RegionalIndicator(
            regional_campaign_id=campaign.id,
            regional_theme_id=theme.id,
            name="Meldingen ondermijning",
            values=[RegionalIndicatorValue(year=2023, value=12)],
        )
        session = RegionalSession(regional_campaign_id=campaign.id, title="Regiosessie")
        goal = RegionalGoal(
            regional_campaign_id=campaign.id,
            regional_theme_id=theme.id,
            description="Minder ondermijning",
            kind=GoalKind.WRITTEN.value,
        )
        action = RegionalAction(
            regional_campaign_id=campaign.id,
            regional_theme_id=theme.id,
            what="Integrale controles",
            partner="Politie",
        )
        db.session.add_all([indicator, session, goal, action])
        db.session.flush()
        decision = RegionalDecision(
            regional_session_id=session.id,
            kind="common",
            regional_theme_id=theme.id,
            chosen=True,
            position=1,
            rationale="Samen sterker.",
        )
        db.session.add(decision)
        db.session.commit()
        values = {
            "slug": campaign.slug,
            "theme_id": theme.id,
            "indicator_id": indicator.id,
            "session_id": session.id,
            "decision_id": decision.id,
            "goal_id": goal.id,
            "action_id": action.id,
            "row_id": goal.id,
            "token": "q" * 43,  # an invitation's link: one that names nobody
        }
    return Region(region_id, values)


def region_urls(rule: Rule, region: Region) -> list[str]:
    """A region rule's URL for each choice of its fixed words, with the region's rows."""
    names = sorted(rule.arguments)
    options = []
    for name in names:
        converter = rule._converters[name]
        if isinstance(converter, AnyConverter):
            options.append(tuple(sorted(converter.items)))
        elif name in region.values:
            options.append((region.values[name],))
        elif name in ANY_ROUTE:
            options.append(ANY_ROUTE[name])
        else:
            raise CannotFill(f"{rule.endpoint}: no value for <{name}>")
    built = [
        rule.build(dict(zip(names, chosen, strict=True)), append_unknown=False)
        for chosen in itertools.product(*options)
    ]
    return [url for _, url in (b for b in built if b is not None)]


def municipal_urls(rule: Rule, side: Side) -> list[str]:
    """The isolation walk's URLs with the side's rows; a job of the mail queue (Redis, no
    row) by a name that is none."""
    if rule.arguments == {"job_id"}:
        return [rule.build({"job_id": "geen-taak"}, append_unknown=False)[1]]  # type: ignore[index]
    return urls(rule, side, aliases=False)


def snapshot(ids: tuple[int, ...], region_id: int) -> tuple[dict[str, int], str]:
    """Row counts and a hash of every stored row, read as each municipality while reading
    across the region (PostgreSQL's policies show each its own rows and the region's)."""
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    db.session.rollback()
    for municipality_id in ids:
        with tenancy.acting_for(municipality_id), tenancy.in_region(region_id, frozenset(ids)):
            for table in db.metadata.sorted_tables:
                keys = list(table.primary_key.columns) or [
                    c for c in table.c if not isinstance(c.type, sa.JSON)
                ]
                order = ", ".join(f'"{column.name}"' for column in keys)
                rows = db.session.execute(text(f'SELECT * FROM "{table.name}" ORDER BY {order}'))
                found = rows.all()
                counts[table.name] = max(counts.get(table.name, 0), len(found))
                digest.update(f"{municipality_id}:{table.name}:{found!r}".encode())
            db.session.rollback()
    return counts, digest.hexdigest()


def log_in(app: Flask) -> FlaskClient:
    """The partner, logged in on the region's host."""
    client = client_on(app, REGION_HOST)
    data = {"csrf_token": csrf_token(client, "/regio/login"), "email": PARTNER}
    assert client.post("/regio/login", data={**data, "password": PASSWORD}).status_code == 302
    return client


def client_host(client: FlaskClient) -> str:
    return client.get("/healthz").request.host


def carried_to(app: Flask, client: FlaskClient, host: str) -> FlaskClient:
    """A browser on `host` holding the partner's session cookie of the region's host: a
    partner cannot log in on a municipality's host (it is no member), so this is the most a
    partner can bring there."""
    name = app.config["SESSION_COOKIE_NAME"]
    cookie = client.get_cookie(name, domain=REGION_HOST)
    assert cookie is not None
    carried = client_on(app, host)
    carried.set_cookie(name, cookie.value, domain=host)
    return carried


@pytest.fixture
def walk(app: Flask):  # type: ignore[no-untyped-def]
    a_id, b_id = two_municipalities(app)
    a = Side(a_id, A_HOST, "AAA", "#1f4e79")
    b = Side(b_id, B_HOST, "ZZB", "#7a1f5c")
    build(a)
    build(b)
    region = build_region(a, b)
    grant_partner()
    return a, b, region


def grant_partner() -> None:
    """The police base team's login, a partner of the region (of no municipality)."""
    user = StaffUser(email=PARTNER)
    set_password_as_configured(user, PASSWORD)
    db.session.add(user)
    db.session.commit()
    setup.grant(
        db.session.scalar(select(StaffUser).filter_by(email=PARTNER)),
        "zuidwest-drenthe",
        RegionScope.PARTNER,
        None,
    )


def test_every_post_route_refuses_the_partner_and_changes_nothing(app, walk) -> None:
    a, b, region = walk
    assert posts_refused(app, a, b, region) > 300


def posts_refused(app: Flask, a: Side, b: Side, region: Region) -> int:
    """The partner posts to every POST route with A's, B's and the region's rows; each is
    refused and no stored row changes. How many were sent (tests/isolation/
    test_regional_walk.py sends them again in a region whose campaign both adopted)."""
    on_region = log_in(app)
    region_token = csrf_token(on_region, f"/regio/partner/{region.values['slug']}")
    for side in (a, b):  # no member: refused at the municipality's own login
        refused = client_on(app, side.host)
        data = {"csrf_token": csrf_token(refused, "/staff/login"), "email": PARTNER}
        assert refused.post("/staff/login", data={**data, "password": PASSWORD}).status_code == 401
    at_home = {side.id: carried_to(app, on_region, side.host) for side in (a, b)}
    # The session's CSRF token travels with its cookie.
    tokens = {side.id: region_token for side in (a, b)}
    ids = (a.id, b.id)
    before = snapshot(ids, region.id)
    counts = before[0]
    # The snapshot sees both municipalities' rows and the region's.
    for table in (
        "ballot",
        "staff_user",
        "staff_membership",
        "regional_indicator",
        "regional_decision",
    ):
        assert counts[table] > 0, table
    nobody = shape()
    sent = 0
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if "POST" not in rule.methods or rule.endpoint in OWN_SESSION:
            continue
        anyone = rule.endpoint.startswith(OPEN_TO_ANYONE)
        asked: list[tuple[FlaskClient, str, str]] = []
        if rule.rule.startswith("/regio/"):
            for url in region_urls(rule, region):
                asked.append((on_region, url, region_token))
                for side in (a, b):  # the region's pages also answer on a member's host
                    asked.append((at_home[side.id], url, tokens[side.id]))
        else:
            for side in (a, b):
                for url in municipal_urls(rule, nobody if anyone else side):
                    asked.append((at_home[side.id], url, tokens[side.id]))
                    prefix = f"/{side.slugs['municipality']}"
                    asked.append((on_region, prefix + url, region_token))
        assert asked, rule.endpoint
        for client, url, token in asked:
            limiter.reset()  # the walk posts far more often than any rate limit allows
            data = {"csrf_token": token, "name": "X", "theme": "1"}
            answer = client.post(url, data=data)
            if anyone:
                # The partner is anyone here, with a link that names nothing: refused, but
                # for the unsubscribe link, which thanks anyone alike (it tells no one whether
                # an address was on the list).
                assert 400 <= answer.status_code < 500 or (
                    rule.endpoint in SAYS_THE_SAME and answer.status_code == 200
                ), (rule.endpoint, url, answer.status_code)
                sent += 1
                continue
            refused = answer.status_code in (403, 404)
            if client is not on_region or not url.startswith("/regio/"):
                # Working for a municipality (on its host, or under its path on the region's
                # host) the partner's session names no one (no member there): a page that
                # needs a login sends it to the login, as it does anyone.
                where = answer.headers.get("Location", "")
                refused |= answer.status_code == 302 and where.split("?")[0].endswith(LOGINS)
            assert refused, (rule.endpoint, client_host(client), url, answer.status_code)
            sent += 1
    assert snapshot(ids, region.id) == before
    return sent
