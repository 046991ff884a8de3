"""Odd input gets a clear 4xx and stores nothing odd, on SQLite and PostgreSQL alike.

NUL and other control characters (PostgreSQL refuses NUL; spreadsheets refuse the rest), far-off
dates, deeply nested JSON, and numbers that Python's int() takes but people do not write.
"""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import AssociationView, Ballot, Remark, StaffUser, Theme
from participation.services.campaigns import associations
from participation.services.sessions import prioritisation
from tests.conftest import add_stand, csrf_token, login_as, paired_kiosk, send_ballot
from tests.staff.test_workspace import campaign_form
from tests.test_route_walk import build_world, client_for, routes, url_for_rule

ODD = "a\x00b\x07c\x1b\x7f\ufffe"


def ballots() -> int:
    found = db.session.scalar(select(func.count()).select_from(Ballot)) or 0
    db.session.rollback()
    return found


def test_a_control_character_in_any_address_is_a_clear_400(app, demo) -> None:
    world = build_world(app, demo)
    client = client_for(app, "admin")
    walked = 0
    for rule in routes(app, "GET"):
        # The region's pages answer on a region's host only: tests/region/test_region_input.py.
        if not rule.arguments or rule.endpoint == "static" or rule.endpoint.startswith("region."):
            continue
        spoilt = {k: v for k, v in world.items()}
        spoilt["tokens"] = {k: v + "\x00" for k, v in world["tokens"].items()}
        url = url_for_rule(rule, spoilt).replace("demo", "demo%00", 1)
        if "%00" not in url:
            continue
        response = client.get(url)
        assert response.status_code == 400, (url, response.status_code)
        assert "teken" in response.get_data(as_text=True) or response.is_json, url
        walked += 1
    assert walked >= 20
    for query in ("?kanaal=%00", "?dorp=web%01", "?vertrouwen=%00stand"):
        assert client.get(f"/results/demo{query}").status_code == 400
        assert client.get(f"/results/demo/tallies.csv{query}").status_code == 400
        assert client.get(f"/api/v1/campaigns/demo/results{query}").status_code == 400


def test_control_characters_are_stripped_from_free_text_before_it_is_stored(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    theme = demo.themes[0]
    token = csrf_token(staff, "/staff/campaigns/demo")
    response = staff.post(
        f"/staff/campaigns/demo/themes/{theme.id}/edit",
        data={
            "csrf_token": token,
            "title": f"Verkeer{ODD}",
            "explanation": f"Uitleg{ODD}",
            "safety_field": "4",
            "position": "1",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Theme, theme.id).title == "Verkeerabc"

    stand = add_stand(demo, "marum")
    kiosk = paired_kiosk(stand)
    response = kiosk.post(
        f"/stand/{stand.token}/remarks",
        json={"remarks": [{"remark_key": str(uuid.uuid4()), "text": f"Te{ODD}", "themes": []}]},
    )
    assert response.status_code == 200 and len(response.json["done"]) == 1
    assert db.session.scalar(select(Remark.text)) == "Teabc"

    actor = db.session.scalar(select(StaffUser))
    marum = next(a for a in demo.areas if a.slug == "marum")
    association = associations.register(demo, marum, "Dorpsbelang Marum", "", actor)
    page = f"/dorpsbelang/{association.token}"
    visitor = app.test_client()
    response = visitor.post(
        page,
        data={
            "csrf_token": csrf_token(visitor, page),
            "theme_1": str(theme.id),
            "reason_1": f"Omdat{ODD}",
            "remarks": f"Verder{ODD}",
        },
    )
    assert response.status_code in (302, 303)
    view = db.session.scalar(select(AssociationView))
    assert view.remarks == "Verderabc"


def test_a_nul_in_the_login_e_mail_is_a_failed_login_not_a_500(app) -> None:
    client = app.test_client()
    response = client.post(
        "/staff/login",
        data={
            "csrf_token": csrf_token(client, "/staff/login"),
            "email": "a\x00@example.org",
            "password": "x" * 12,
        },
    )
    assert response.status_code == 401  # a failed login, as for any unknown address


@pytest.mark.parametrize(
    "query", ["?van=0001-01-01", "?tot=9999-12-31", "?van=0001-01-01&tot=9999-12-31"]
)
def test_far_off_dates_in_the_results_filter_are_a_clear_400(app, demo, query) -> None:
    staff = login_as(app.test_client(), "viewer")
    response = staff.get(f"/results/demo{query}")
    assert response.status_code == 400
    assert "2000" in response.get_data(as_text=True)


def test_far_off_campaign_and_stand_dates_are_refused_with_a_message(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/campaigns/new")
    for field, value in (("opens_at", "0001-01-01T00:00"), ("closes_at", "9999-12-31T23:59")):
        response = staff.post(
            "/staff/campaigns/new",
            data={**campaign_form(demo, **{field: value}), "csrf_token": token},
        )
        assert response.status_code == 422
        assert "2099" in response.get_data(as_text=True)
    marum = next(a for a in demo.areas if a.slug == "marum")
    response = staff.post(
        "/staff/campaigns/demo/stands/new",
        data={
            "csrf_token": token,
            "village": str(marum.id),
            "place": "Dorpshuis",
            "starts_at": "0001-01-01T09:00",
            "ends_at": "0001-01-01T12:00",
        },
    )
    assert response.status_code == 422


def test_deeply_nested_kiosk_json_is_a_clear_400(app, demo) -> None:
    stand = add_stand(demo, "marum")
    client = app.test_client()
    for path in ("ballots", "remarks"):
        body = '{"ballots": ' + "[" * 5000 + "]" * 5000 + "}"
        response = client.post(
            f"/stand/{stand.token}/{path}", data=body, content_type="application/json"
        )
        assert response.status_code == 400
        assert "niet lezen" in response.json["error"]
    assert ballots() == 0


@pytest.mark.parametrize("raw", ["٣", "３", "1_0", "+3", " 3 ", "3.0", "²"])
def test_theme_ids_must_be_plain_ascii_digits(app, demo, raw) -> None:
    client = app.test_client()
    themes = [str(t.id) for t in demo.themes[:5]]
    # The sixth pick written oddly, for a theme id that is a single digit or not.
    odd = raw if raw.strip() in ("٣", "３", "²") else raw.replace("3", str(demo.themes[5].id))
    response = send_ballot(client, demo, themes=[*themes, odd])
    assert response.status_code == 422
    assert "thema" in response.get_data(as_text=True)
    assert ballots() == 0


@pytest.mark.parametrize(
    "themes", ["123456", [1.0, 2.0], [True, False], [["1"]], None, {"1": 1}, ["٣"]]
)
def test_kiosk_ballots_take_only_the_documented_json_types(app, demo, themes) -> None:
    stand = add_stand(demo, "marum")
    if isinstance(themes, list) and themes and isinstance(themes[0], float):
        themes = [float(t.id) for t in demo.themes[:6]]
    key = str(uuid.uuid4())
    response = paired_kiosk(stand).post(
        f"/stand/{stand.token}/ballots",
        json={"ballots": [{"ballot_key": key, "village": "marum", "themes": themes}]},
    )
    assert response.status_code == 200
    assert key in response.json["rejected"]
    assert ballots() == 0


def test_a_kiosk_remark_without_text_is_refused_not_stored_as_none(app, demo) -> None:
    stand = add_stand(demo, "marum")
    key = str(uuid.uuid4())
    response = paired_kiosk(stand).post(
        f"/stand/{stand.token}/remarks",
        json={"remarks": [{"remark_key": key, "text": None, "themes": [True]}]},
    )
    assert response.json["refused"] == [key]
    assert db.session.scalar(select(func.count()).select_from(Remark)) == 0


@pytest.mark.parametrize("raw", ["²", "٣", "+1", "1_0"])
def test_odd_dot_counts_are_a_clear_422(app, demo, raw) -> None:
    login_as(app.test_client(), "staff")
    session = prioritisation.create(demo, "Sessie", 3, 4, db.session.scalar(select(StaffUser)))
    participant = prioritisation.join(session, "police")
    client = app.test_client()
    page = f"/sessie/deelnemer/{participant.token}"
    data = {"csrf_token": csrf_token(client, page)}
    data.update({f"theme_{item.theme_id}": "0" for item in session.shortlist})
    data[f"theme_{session.shortlist[0].theme_id}"] = raw
    response = client.post(page, data=data)
    assert response.status_code == 422
    assert "stippen" in response.get_data(as_text=True)


def test_json_error_bodies_say_what_happened_in_dutch(app, demo) -> None:
    stand = add_stand(demo, "marum")
    response = app.test_client().post(
        f"/stand/{stand.token}/ballots", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert json.loads(response.data)["error"].startswith("Wat er")
