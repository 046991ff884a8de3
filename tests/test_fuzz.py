"""Hostile and random input to the ballot, survey, association and session endpoints.

Property: never a 500, and either the one thing is stored whole or nothing changes.
"""

from __future__ import annotations

import io
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import (
    Area,
    AssociationView,
    Ballot,
    BallotChoice,
    Dot,
    Participant,
    SurveyResponse,
)
from participation.services.accounts import create_user
from participation.services.campaigns import associations
from participation.services.sessions import prioritisation
from participation.services.surveys import surveys
from tests.conftest import csrf_token, login_as

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Text a hostile client might send: anything printable or not, NUL bytes, very long, numbers.
hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(
        alphabet=st.characters(
            min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=("Cs",)
        ),
        max_size=20,
    ),
    st.just("\x00"),
    st.just("x" * 5000),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.just(str(uuid.uuid4())),
    st.just("' OR 1=1 --"),
    st.just("<script>alert(1)</script>"),
)
values = st.one_of(hostile_text, st.lists(hostile_text, max_size=8))


def counts() -> tuple[int, ...]:
    tables = (Ballot, BallotChoice, SurveyResponse, AssociationView, Participant, Dot)
    found = tuple(db.session.scalar(select(func.count()).select_from(t)) or 0 for t in tables)
    db.session.rollback()
    return found


def form(token: str, fields: dict) -> dict:
    data = {name: value for name, value in fields.items()}
    data["csrf_token"] = token
    return data


def test_ballots(app, demo, client) -> None:
    token = csrf_token(client, "/v/demo")
    names = st.sampled_from(["ballot_key", "village", "theme", "code", "bron", "extra"])

    @FUZZ
    @given(fields=st.dictionaries(names, values, max_size=6))
    def check(fields: dict) -> None:
        before = counts()
        response = client.post("/v/demo", data=form(token, fields))
        assert response.status_code < 500
        after = counts()
        if response.status_code == 303 and after != before:
            assert after[0] == before[0] + 1  # one ballot, whole
        else:
            assert after == before

    check()


def test_survey_answers(app, demo, client) -> None:
    survey = surveys.by_slug("demo-vragenlijst")
    survey.status = "open"
    db.session.commit()
    names = st.sampled_from([f"q{q.id}" for q in survey.questions] + ["response_key", "q999999"])
    token = csrf_token(client, "/s/demo-vragenlijst")

    @FUZZ
    @given(fields=st.dictionaries(names, values, max_size=8), step=st.booleans())
    def check(fields: dict, step: bool) -> None:
        before = counts()
        url = "/s/demo-vragenlijst/stap" if step else "/s/demo-vragenlijst"
        response = client.post(url, data=form(token, fields))
        assert response.status_code < 500
        after = counts()
        if after != before:
            assert not step and response.status_code == 303 and after[2] == before[2] + 1

    check()


def test_association_views_and_session_dots(app, demo, client) -> None:
    actor = create_user("fuzz@example.org", "een-lang-wachtwoord", "staff")
    marum = db.session.scalar(select(Area).where(Area.slug == "marum"))
    association = associations.register(demo, marum, "Dorpsbelang Marum", "", actor)
    session = prioritisation.create(demo, "Sessie", 3, 6, actor)
    participant = prioritisation.join(session, "police")
    association_url = f"/dorpsbelang/{association.token}"
    dots_url = f"/sessie/deelnemer/{participant.token}"
    join_url = f"/sessie/{session.join_code}"
    token = csrf_token(client, association_url)
    view_names = st.sampled_from(
        [f"theme_{n}" for n in range(1, 8)] + [f"reason_{n}" for n in range(1, 7)] + ["remarks"]
    )
    dot_names = st.sampled_from([f"theme_{t.id}" for t in demo.themes] + ["theme_abc", "group"])

    @FUZZ
    @given(
        view=st.dictionaries(view_names, values, max_size=8),
        dots=st.dictionaries(dot_names, values, max_size=6),
        group=hostile_text,
    )
    def check(view: dict, dots: dict, group: str) -> None:
        before = counts()
        for url, fields in (
            (association_url, view),
            (dots_url, dots),
            (join_url, {"group": group}),
        ):
            response = client.post(url, data=form(token, fields))
            assert response.status_code < 500, url
        after = counts()
        assert after[:3] == before[:3]  # no ballot or survey answer from these pages
        assert after[3] - before[3] in (0, 1) and after[4] - before[4] in (0, 1)

    check()


def test_follow_up_addresses_and_the_programme(app, demo, client, smtp_server) -> None:
    """A resident's e-mail address, and staff goals and actions: one row whole, or nothing."""
    from participation.models import FollowUp, Goal, PlanAction
    from participation.services.outcome import outcome
    from tests.conftest import login_as

    demo.keep_informed = True
    db.session.commit()
    actor = create_user("programma@example.org", "een-lang-wachtwoord", "staff")
    session = prioritisation.create(demo, "Sessie", 3, 6, actor)
    prioritisation.record_decision(session, demo.themes[0], True, "Een reden.", 1, actor)
    outcome.save(demo, outcome.OutcomeSettings(session.id, None, "", False, 2027, 2030), actor)
    staff = login_as(app.test_client(), "staff")
    staff_token = csrf_token(staff, "/staff/campaigns/demo/programme")
    token = csrf_token(client, "/staff/login")
    goal_names = st.sampled_from(
        [
            "goal-theme", "goal-description", "goal-kind", "goal-indicator", "goal-baseline_year",
            "goal-baseline_value", "goal-target_year", "goal-target_value", "goal-direction",
        ]
    )  # fmt: skip
    action_names = st.sampled_from(
        ["action-theme", "action-what", "action-partner", "action-due_on"]
    )

    def rows() -> tuple[int, int, int]:
        found = tuple(
            db.session.scalar(select(func.count()).select_from(t)) or 0
            for t in (FollowUp, Goal, PlanAction)
        )
        db.session.rollback()
        return found  # type: ignore[return-value]

    @FUZZ
    @given(
        email=values,
        goal=st.dictionaries(goal_names, values, max_size=9),
        action=st.dictionaries(action_names, values, max_size=4),
    )
    def check(email: object, goal: dict, action: dict) -> None:
        before = rows()
        asked = client.post("/v/demo/op-de-hoogte", data=form(token, {"email": email}))
        asked.close()  # as the server does once it is sent: the address's work runs now
        assert asked.status_code < 500 and asked.status_code != 429
        for url, fields in (
            ("/staff/campaigns/demo/programme/goals", goal),
            ("/staff/campaigns/demo/programme/actions", action),
        ):
            response = staff.post(url, data=form(staff_token, fields))
            assert response.status_code in (303, 400, 422), (url, response.status_code)
        after = rows()
        assert all(0 <= a - b <= 1 for a, b in zip(after, before, strict=True))

    app.config["FOLLOW_UP_RATE_LIMIT"] = "100000 per minute"
    check()


# What made WeasyPrint stop ('Got ' \u2029' between two lines'): the probe's PDF crash.
CRASHING_TEXT = "Veel \u2029inbraken \u2028\ufeff\ufdd0 \u202eredro\u202c 😀"


def test_the_probes_5xx_inputs_answer_4xx_or_a_pdf(app, demo, client, smtp_server) -> None:
    """Issue 26: 'tést@example.nl' on the e-mail offer was a 500 (now a Dutch 422), and a text
    typed by an association (outsiders) or by staff made rapport.pdf, the session memo and
    voortgang.pdf a 500 (now the PDF, with the words)."""
    import pypdfium2

    from participation.models import FollowUp
    from participation.services.outcome import outcome
    from tests.conftest import login_as, send_ballot

    demo.keep_informed = True
    db.session.commit()
    for number in range(10):
        send_ballot(app.test_client(), demo, village="marum" if number % 2 else "leek")
    token = csrf_token(client, "/staff/login")
    asked = client.post(
        "/v/demo/op-de-hoogte", data={"csrf_token": token, "email": "tést@example.nl"}
    )
    asked.close()
    assert asked.status_code == 422 and "Vóór de @" in asked.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(FollowUp)) == 0

    actor = create_user("pdf@example.org", "een-lang-wachtwoord", "staff")
    marum = db.session.scalar(select(Area).where(Area.slug == "marum"))
    association = associations.register(demo, marum, "Dorpsbelang Marum", "", actor)
    url = f"/dorpsbelang/{association.token}"
    view = {
        "csrf_token": csrf_token(client, url),
        "theme_1": str(demo.themes[0].id),
        "reason_1": CRASHING_TEXT,
        "remarks": CRASHING_TEXT,
    }
    assert client.post(url, data=view).status_code == 303  # typed by outsiders
    session = prioritisation.create(demo, "Sessie", 3, 6, actor)
    prioritisation.record_decision(session, demo.themes[0], True, CRASHING_TEXT, 1, actor)
    outcome.save(demo, outcome.OutcomeSettings(session.id, None, "", True, 2027, 2030), actor)
    staff = login_as(app.test_client(), "staff")
    goal = {
        "csrf_token": csrf_token(staff, "/staff/campaigns/demo/programme"),
        "goal-theme": str(demo.themes[0].id),
        "goal-description": CRASHING_TEXT,
        "goal-kind": "written",
        "goal-indicator": "",
        "goal-direction": "down",
    }
    assert staff.post("/staff/campaigns/demo/programme/goals", data=goal).status_code == 303
    for pdf in (
        "/results/demo/rapport.pdf",
        f"/staff/sessions/{session.id}/report.pdf",
        "/results/demo/voortgang.pdf",
    ):
        response = staff.get(pdf)
        assert response.status_code == 200, pdf
        document = pypdfium2.PdfDocument(response.data)
        text = " ".join(page.get_textpage().get_text_range() for page in document)
        document.close()
        assert "Veel" in text and "inbraken" in text and "redro" in text, pdf


def test_the_probes_other_5xx_inputs_answer_4xx(app, demo) -> None:
    """Issue 26's other 5xx: a line break in next= after a good login, 200 postcodes on a
    village (PostgreSQL's column holds 500 characters), an SVG logo that crashed the posters."""
    from tests.staff.test_municipality import BOMB, settings_form

    staff = login_as(app.test_client(), "admin")
    token = csrf_token(staff, "/staff/login")
    header_split = staff.post(
        "/staff/login?next=/staff/%0d%0aSet-Cookie:%20x=1",
        data={"csrf_token": token, "email": "admin@example.org", "password": "een-lang-wachtwoord"},
    )
    assert header_split.status_code == 400
    codes = " ".join(str(code) for code in range(1000, 1200))
    token = csrf_token(staff, "/staff/villages/new")
    village = staff.post(
        "/staff/villages/new", data={"csrf_token": token, "name": "Ezinge", "postcodes": codes}
    )
    assert village.status_code == 422
    logo = settings_form(staff, logo=(io.BytesIO(BOMB), "logo.png"))
    assert logo.status_code == 422
    assert staff.get("/staff/campaigns/demo/print/poster-a4.pdf").status_code in (200, 409)
