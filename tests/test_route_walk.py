"""Every route in the URL map, as anonymous, viewer, staff and admin: who may do what.

Built from app.url_map, so a new route is walked without being listed. It checks that no
route answers 500, that the staff area needs a login and the right role, that no GET changes
stored data, and that a POST without a CSRF token changes nothing.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import select, text

from participation.domain.programme import GoalKind
from participation.extensions import db
from participation.models import Answer, Area, FollowUp, Theme
from participation.services.accounts import create_user, invite_token
from participation.services.ballots import codes
from participation.services.campaigns import associations, indicators
from participation.services.outcome import programme
from participation.services.sessions import prioritisation
from tests.conftest import add_stand, answer_demo_survey, csrf_token, login_as, send_ballot

# POST routes that check their CSRF token themselves (to keep a resident's answers), or that a
# stand's secret kiosk link authorises instead of a session cookie.
OWN_CSRF_CHECK = {
    "vote.submit",
    "surveys.submit",
    "surveys.step",
    "stand.submit",
    "stand.remark",
    "stand.sync",
    "stand.sync_remarks",
    # The secret link in the e-mail authorises it: mail programs post there in one click.
    "vote.follow_up_unsubscribe",
}
ADMIN_ONLY = {"staff.audit_log", "staff.accounts_page"}
# Staff-area pages anonymous visitors reach: the login, and the link from an invite mail.
ANONYMOUS_STAFF_PAGES = {"staff.login", "staff.welcome"}
# Old Dutch staff addresses: a redirect for anyone; the page it leads to checks the login.
OLD_PATH = "staff.old_path"
# Staff-area forms every logged-in role may send: one's own name and password.
OWN_ACCOUNT = {"staff.my_account"}
# Reads that are audited on purpose: who downloaded printable voting codes.
AUDITED_READS = {"staff.voting_code_slips"}
# The install admin's pages (issue 29): for a login that is not an operator they do not exist.
OPERATOR_AREA = "/staff/install/"


def build_world(app, demo) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """One of everything a route can point to, and the values for its URL arguments."""
    actor = create_user("walker@example.org", "een-lang-wachtwoord", "admin")
    stand = add_stand(demo, "marum")
    send_ballot(app.test_client(), demo, village="marum")
    first = answer_demo_survey("Meer licht").questions[0]
    marum = db.session.scalar(select(Area).where(Area.slug == "marum"))
    association = associations.register(demo, marum, "Dorpsbelang Marum", "", actor)
    theme = demo.themes[0]
    indicator = indicators.add(
        demo, indicators.IndicatorInput(theme.id, "Aangiften", "Politie", [(2022, 3)]), actor
    )
    session = prioritisation.create(demo, "Sessie", 3, 4, actor)
    participant = prioritisation.join(session, "police")
    decision = prioritisation.record_decision(
        session, theme, True, "Een goede reden hier.", 1, actor
    )
    batch = codes.generate_batch(demo, 2, "huis-aan-huis", actor)
    goal = programme.add_goal(
        demo, programme.GoalInput(theme.id, "Minder inbraken", GoalKind.WRITTEN), actor
    )
    action = programme.add_action(demo, theme.id, "Voorlichting", "Politie", None, actor)
    wish = FollowUp(
        campaign_id=demo.id, email="walk@example.org", language="nl", asked_on=date.today()
    )
    db.session.add(wish)
    invited = create_user("invited@example.org", "een-lang-wachtwoord", "staff")
    invited.invite_pending = True
    db.session.commit()
    return {
        "stand_id": stand.id,
        "theme_id": db.session.scalar(select(Theme.id).order_by(Theme.id.desc())),
        "question_id": first.id,
        "answer_id": db.session.scalar(select(Answer.id).where(Answer.text == "Meer licht")),
        "association_id": association.id,
        "indicator_id": indicator.id,
        "session_id": session.id,
        "participant_id": participant.id,
        "item_id": session.shortlist[0].id,
        "decision_id": decision.id,
        "batch_id": batch.id,
        "goal_id": goal.id,
        "action_id": action.id,
        "user_id": actor.id,
        "area_id": marum.id,
        "exclusion_id": 999_999,  # none exists: the route must still answer cleanly
        "job_id": "geen-taak",  # the mail queue: no such failed job
        "code": session.join_code,
        "tokens": {
            "/v/op-de-hoogte/bevestig/": wish.confirm_token,
            "/v/op-de-hoogte/afmelden/": wish.unsubscribe_token,
            "/stand/": stand.token,
            "/dorpsbelang/": association.token,
            "/sessie/": participant.token,
            "/staff/welcome/": invite_token(invited),
            "/staff/welkom/": invite_token(invited),  # the old address, redirected
            "/regio/staff/welcome/": invite_token(invited),  # no region here: a 404
        },
    }


def url_for_rule(rule, world) -> str:  # type: ignore[no-untyped-def]
    values = {}
    for name in rule.arguments:
        if name == "slug":
            survey_rule = rule.rule.startswith(("/s/", "/staff/surveys", "/api/v1/surveys"))
            values[name] = "demo-vragenlijst" if survey_rule else "demo"
        elif name == "token":
            values[name] = next(v for k, v in world["tokens"].items() if rule.rule.startswith(k))
        elif name in world:
            values[name] = world[name]
        else:
            values[name] = {
                "fmt": "svg",
                "kind": "uitslag",
                "name": "totaal",
                "action": "close",
                "filename": "css/app.css",
                "language": "en",
            }[name]
    return rule.build(values, append_unknown=False)[1]


def snapshot() -> str:
    """A fingerprint of every stored row."""
    digest = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(text(f'SELECT * FROM "{table.name}" ORDER BY 1')).all()
        digest.update(repr(rows).encode())
    db.session.rollback()
    return digest.hexdigest()


def routes(app, method: str):  # type: ignore[no-untyped-def]
    return [
        r for r in sorted(app.url_map.iter_rules(), key=lambda r: r.rule) if method in r.methods
    ]


def client_for(app, role: str):  # type: ignore[no-untyped-def]
    return app.test_client() if role == "anonymous" else login_as(app.test_client(), role)


@pytest.mark.parametrize("role", ["anonymous", "viewer", "staff", "admin"])
def test_every_get_route_answers_cleanly_and_changes_nothing(app, demo, role) -> None:
    world = build_world(app, demo)
    client = client_for(app, role)
    before = snapshot()
    for rule in routes(app, "GET"):
        if rule.endpoint in AUDITED_READS:
            continue
        url = url_for_rule(rule, world)
        response = client.get(url)
        assert response.status_code < 500, url
        if rule.endpoint == OLD_PATH:
            assert response.status_code == 301, url
            continue
        staff_area = rule.rule.startswith("/staff/") and rule.endpoint not in ANONYMOUS_STAFF_PAGES
        if rule.endpoint == "staff.welcome":
            assert response.status_code == 200, url  # the invite link opens for anyone
        if staff_area and role == "anonymous":
            assert response.status_code == 302 and "/staff/login" in response.headers["Location"], (
                url
            )
        if rule.endpoint in ADMIN_ONLY:
            assert response.status_code == (
                200 if role == "admin" else 302 if role == "anonymous" else 403
            ), url
    assert snapshot() == before, f"a GET changed stored data as {role}"
    for endpoint in AUDITED_READS:
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        allowed = {"anonymous": 302, "viewer": 403}.get(role, 200)
        assert client.get(url_for_rule(rule, world)).status_code == allowed


@pytest.mark.parametrize("role", ["anonymous", "viewer"])
def test_no_staff_post_works_without_the_right_role(app, demo, role) -> None:
    world = build_world(app, demo)
    client = client_for(app, role)
    token = csrf_token(client, "/staff/login")
    before = snapshot()
    for rule in routes(app, "POST"):
        if not rule.rule.startswith("/staff/") or rule.endpoint in ANONYMOUS_STAFF_PAGES:
            continue
        if rule.endpoint == "staff.logout" or (role == "viewer" and rule.endpoint in OWN_ACCOUNT):
            continue
        url = url_for_rule(rule, world)
        response = client.post(url, data={"csrf_token": token})
        expected = 302 if role == "anonymous" else 403
        if role != "anonymous" and rule.rule.startswith(OPERATOR_AREA):
            expected = 404
        assert response.status_code == expected, url
    assert snapshot() == before


def test_a_post_without_a_csrf_token_changes_nothing(app, demo) -> None:
    world = build_world(app, demo)
    client = client_for(app, "staff")
    before = snapshot()
    for rule in routes(app, "POST"):
        # The region's pages answer on a region's host only: tests/region/test_region_input.py.
        if rule.endpoint in OWN_CSRF_CHECK or rule.endpoint.startswith("region."):
            continue
        url = url_for_rule(rule, world)
        response = client.post(url, data={"theme": "1", "village": "marum", "group": "police"})
        assert response.status_code == 400, url
    assert snapshot() == before


@pytest.mark.parametrize("role", ["anonymous", "staff", "admin"])
def test_every_post_route_answers_cleanly_with_an_empty_form(app, demo, role) -> None:
    world = build_world(app, demo)
    client = client_for(app, role)
    token = csrf_token(client, "/staff/login")
    for rule in routes(app, "POST"):
        if rule.endpoint == "staff.logout":
            continue
        url = url_for_rule(rule, world)
        response = client.post(url, data={"csrf_token": token})
        assert response.status_code < 500, url


def test_ids_too_large_for_the_database_are_a_404(app, demo) -> None:
    """An id past PostgreSQL's integer (and SQLite's 2**63) never reaches the driver."""
    world = build_world(app, demo)
    client = client_for(app, "admin")
    token = csrf_token(client, "/staff/login")
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        ids = [
            name
            for name, kind in rule._converters.items()
            if kind.__class__.__name__ == "DatabaseId"
        ]
        if not ids:
            continue
        huge = {**world, **{name: 2**31 for name in ids}}
        url = url_for_rule(rule, huge).replace(str(2**31), str(2**70))
        answer = (
            client.post(url, data={"csrf_token": token})
            if "GET" not in rule.methods
            else client.get(url)
        )
        assert answer.status_code == 404, url
