"""The walk's probes beyond the URL map: B's values where a page of A takes them from the
query string (?vergelijk=, ?dorp=, ?kiosk=, ?thema=, ?code=, ?tablet=) or from a form."""

from __future__ import annotations

import re
import uuid

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

from tests.conftest import csrf_token
from tests.isolation.conftest import Pair
from tests.isolation.walk import (
    ask,
    ghost_of,
    markers_in,
    page_text,
    rules,
)
from tests.isolation.world import Side

# (method, A's page with the query naming {another}'s row). The URL map cannot list these:
# each is a page of A whose query names a row, found by reading the views' request.args.
PROBES = [
    ("GET", "/api/v1/campaigns/{a_published}/outcome?vergelijk={published}"),
    ("GET", "/results/{a_published}/uitkomst?vergelijk={published}"),
    ("GET", "/results/{a_campaign}?dorp={village}"),
    ("GET", "/v/{a_campaign}?dorp={village}"),
    ("GET", "/staff/campaigns/{a_campaign}/qr?dorp={village}"),
    ("GET", "/staff/campaigns/{a_campaign}/qr.svg?dorp={village}"),
    ("GET", "/s/{a_survey}?dorp={village}"),
    ("GET", "/s/{a_survey}?kiosk={stand_token}"),
    ("GET", "/staff/campaigns/{a_campaign}/remarks?thema={theme_id}"),
    ("GET", "/sessie?code={code}"),
    ("GET", "/staff/stands/{a_stand_id}/exclusions/new?tablet={device_id}"),
    ("POST", "/staff/stands/{a_stand_id}/tablets/revoke?tablet={device_id}"),
]


def _fill(template: str, a: Side, other: Side) -> str:
    values = {f"a_{name}": value for name, value in {**a.slugs, **a.values}.items()}
    values.update({**other.slugs, **other.values, "stand_token": other.tokens["/stand/"]})
    values["new_key"] = str(uuid.uuid4())
    return template.format(**values)


RANDOM = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # a new ballot or response key
    r'|name="order_seed" value="[0-9a-f]+"'  # the ballot's own theme order
    r"|\b\d\d:\d\d:\d\d\b"  # "counted at 17:23:05"
)


def _normal(page: str, url: str) -> list[str]:
    """The page with the value the query named said back as one word, its fresh keys left
    out, its lines sorted (the ballot lists the themes in a random order)."""
    asked = re.escape(url.rsplit("=", 1)[1])
    page = re.sub(rf'(=|%3D|="){asked}(?![\w-])', r"\1<value>", page)
    return sorted(RANDOM.sub("<new>", page).splitlines())


# (A's form, its fields with one naming {another}'s row): a choice list of A's rows must
# refuse B's as it refuses a made-up one, and no row of A may come to point at B's.
FORMS = [
    ("/v/{a_campaign}", {"ballot_key": "{new_key}", "village": "{village}", "theme": "{theme_id}"}),
    ("/staff/sessions/{a_session_id}/shortlist", {"add-theme": "{theme_id}", "add-reason": "x"}),
    (
        "/staff/sessions/{a_session_id}/decisions",
        {"decide-theme": "{theme_id}", "decide-chosen": "yes", "decide-rationale": "Waarom."},
    ),
    (
        "/staff/campaigns/{a_campaign}/programme/goals",
        {"goal-theme": "{theme_id}", "goal-description": "Doel", "goal-kind": "written"},
    ),
    (
        "/staff/campaigns/{a_campaign}/programme/actions",
        {"action-theme": "{theme_id}", "action-what": "Actie", "action-partner": "Politie"},
    ),
    (
        "/staff/campaigns/{a_campaign}/indicators",
        {"theme": "{theme_id}", "name": "Cijfer", "source": "Politie", "values": "2022: 3"},
    ),
    (
        "/staff/campaigns/{a_published}/outcome",
        {
            "session": "{session_id}",
            "decided_on": "2027-06-24",
            "summary": "Samenvatting",
            "plan_first_year": "2027",
            "plan_last_year": "2030",
        },
    ),
    (
        "/staff/campaigns/{a_campaign}/stands/new",
        {
            "village": "{area_id}",
            "place": "Plein",
            "starts_at": "2030-05-01T10:00",
            "ends_at": "2030-05-01T12:00",
        },
    ),
    ("/staff/campaigns/{a_campaign}/associations", {"name": "Dorpsbelang", "village": "{area_id}"}),
    ("/staff/villages/{a_area_id}/merge", {"into": "{area_id}"}),
]


def _forms_refuse_b(pair: Pair, admin: FlaskClient) -> list[str]:
    """A's admin sends each form of A with B's id in it, then with a made-up one."""
    a, b, ghost = pair.a, pair.b, ghost_of(pair.b)
    token = csrf_token(admin, "/staff/login")
    wrong = []
    for template, fields in FORMS:
        url = _fill(template, a, b)
        rule = Rule("/", endpoint="form")
        answers = []
        for other in (b, ghost):
            data = {name: _fill(value, a, other) for name, value in fields.items()}
            answers.append(ask(admin, rule, "POST", url, {"csrf_token": token, **data}))
        theirs, nobody = answers
        if theirs.status_code != nobody.status_code or theirs.status_code < 400:
            wrong.append(f"form {url}: {theirs.status_code} (made up: {nobody.status_code})")
    return wrong


def query_and_form_probes(app: Flask, pair: Pair, a_clients: dict[str, FlaskClient]) -> list[str]:
    """What went wrong when A's pages were given B's values in a query or a form."""
    a, b, ghost = pair.a, pair.b, ghost_of(pair.b)
    by_path = {rule.rule: rule for rule in rules(app)}
    wrong = []
    for role, client in a_clients.items():
        data = {"csrf_token": csrf_token(client, "/staff/login")}
        for method, template in PROBES:
            url, made_up = _fill(template, a, b), _fill(template, a, ghost)
            rule = by_path.get(url.split("?")[0], Rule("/", endpoint="probe"))
            client.get("/privacy")  # shows (and so ends) a message left by the last probe
            theirs = ask(client, rule, method, url, data)
            client.get("/privacy")
            nobody = ask(client, rule, method, made_up, data)
            said = f"{role} {method} {url}: {theirs.status_code} (made up: {nobody.status_code})"
            if theirs.status_code == 500 or theirs.status_code != nobody.status_code:
                wrong.append(said)
            elif _normal(page_text(theirs), url) != _normal(page_text(nobody), made_up):
                wrong.append(f"{said}: another page than for a made-up value")
            if markers_in(theirs.get_data(as_text=True), b, asked=url):
                wrong.append(f"{said} shows B's texts")
    return wrong + _forms_refuse_b(pair, a_clients["admin"])
