"""Staff make a survey from a template, preview it as a draft, open it, and duplicate it."""

from __future__ import annotations

from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent
from participation.services.surveys import surveys
from tests.conftest import csrf_token, login_as


def test_from_template_to_draft_preview_to_open(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/surveys")
    response = staff.post(
        "/staff/surveys",
        data={
            "csrf_token": token,
            "template": "veiligheidsbeleving",
            "slug": "beleving-leek",
            "campaign": str(demo.id),
        },
    )
    assert response.status_code == 303
    survey = surveys.by_slug("beleving-leek")
    assert survey.status == "draft" and survey.campaign is demo
    # A draft: staff see a preview, residents nothing.
    preview = staff.get("/s/beleving-leek").get_data(as_text=True)
    assert "Voorbeeld voor medewerkers" in preview
    assert app.test_client().get("/s/beleving-leek").status_code == 404
    staff.post("/staff/surveys/beleving-leek/status", data={"csrf_token": token, "status": "open"})
    db.session.refresh(survey)
    assert survey.status == "open"
    assert app.test_client().get("/s/beleving-leek").status_code == 200
    actions = list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-2:] == ["survey.create", "survey.status"]


def test_a_duplicate_is_a_draft_with_the_same_questions_and_conditions(app, demo) -> None:
    staff = login_as(app.test_client(), "staff")
    token = csrf_token(staff, "/staff/surveys")
    staff.post(
        "/staff/surveys/demo-vragenlijst/duplicate",
        data={"csrf_token": token, "slug": "vragenlijst-2031"},
    )
    original, copy = surveys.by_slug("demo-vragenlijst"), surveys.by_slug("vragenlijst-2031")
    assert copy.status == "draft"
    assert [q.text for q in copy.questions] == [q.text for q in original.questions]
    follow_up = next(q for q in copy.questions if q.show_if_id)
    assert follow_up.show_if.survey_id == copy.id  # points into the copy, not the original
    again = staff.post(
        "/staff/surveys/demo-vragenlijst/duplicate",
        data={"csrf_token": token, "slug": "vragenlijst-2031"},
        follow_redirects=True,
    )
    assert "Deze korte naam is al in gebruik." in again.get_data(as_text=True)


def test_viewers_read_the_list_but_change_nothing(app, demo) -> None:
    viewer = login_as(app.test_client(), "viewer")
    assert viewer.get("/staff/surveys").status_code == 200
    token = csrf_token(viewer, "/staff/login")
    response = viewer.post(
        "/staff/surveys/demo-vragenlijst/status", data={"csrf_token": token, "status": "closed"}
    )
    assert response.status_code == 403
