"""The survey builder: add, change, move and delete questions; edits that break answers fail."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from participation.extensions import db
from participation.models import AuditEvent, Question
from participation.services.surveys import surveys
from participation.services.surveys.survey_results import survey_results
from tests.conftest import csrf_token, login_as

BUILDER = "/staff/surveys/demo-vragenlijst"


def staff_client(app):  # type: ignore[no-untyped-def]
    client = login_as(app.test_client(), "staff")
    return client, csrf_token(client, BUILDER)


def question(position: int) -> Question:
    return surveys.by_slug("demo-vragenlijst").questions[position - 1]


def answer_once(client) -> None:  # type: ignore[no-untyped-def]
    survey = surveys.by_slug("demo-vragenlijst")
    q = {item.position: item.id for item in survey.questions}
    data = {
        "csrf_token": csrf_token(client, "/s/demo-vragenlijst"),
        "response_key": str(uuid.uuid4()),
        f"q{q[1]}": "ja",
        f"q{q[2]}": "drugs",
        f"q{q[3]}": "nee",
    }
    assert client.post("/s/demo-vragenlijst", data=data).status_code == 303


def test_staff_add_a_conditional_multiple_choice_question(app, demo) -> None:
    staff, token = staff_client(app)
    trigger = question(3)  # 'Ervaart u overlast in uw buurt?'
    response = staff.post(
        f"{BUILDER}/questions/new",
        data={
            "csrf_token": token,
            "text": "Waar ervaart u de overlast?",
            "kind": "multiple",
            "options": "Bij het station\nIn het park\n\nOp het plein\nNergens in het bijzonder",
            "last_exclusive": "y",
            "max_choices": "2",
            "show": [f"{trigger.id}:ja", f"{trigger.id}:soms"],
        },
    )
    assert response.status_code == 303
    added = question(8)
    assert added.text == "Waar ervaart u de overlast?" and added.kind == "multiple"
    assert [o.label for o in added.options] == [
        "Bij het station",
        "In het park",
        "Op het plein",
        "Nergens in het bijzonder",
    ]
    assert [o.exclusive for o in added.options] == [False, False, False, True]
    assert added.max_choices == 2 and added.show_if_id == trigger.id
    assert set(added.show_values.split("|")) == {"ja", "soms"}
    # Residents see it, with the condition, and the answer rules apply to it.
    page = app.test_client().get("/s/demo-vragenlijst").get_data(as_text=True)
    assert '<span class="question-number">8</span>. Waar ervaart u de overlast?' in page
    assert "In het park" in page
    events = list(db.session.scalars(select(AuditEvent.action)))
    assert "survey.question" in events


def test_bad_questions_are_refused_with_the_reason(app, demo) -> None:
    staff, token = staff_client(app)
    cases = [
        ({"kind": "single", "options": "Alleen dit"}, "Geef minstens twee antwoorden"),
        ({"kind": "single", "options": "Ja\nJa"}, "Elk antwoord mag maar één keer voorkomen."),
        ({"kind": "multiple", "options": "A\nB", "max_choices": "3"}, "niet meer zijn dan"),
        (
            {"kind": "text", "show": [f"{question(1).id}:ja", f"{question(3).id}:ja"]},
            "Kies antwoorden van één vraag.",
        ),
    ]
    for fields, message in cases:
        data = {"csrf_token": token, "text": "Nieuwe vraag?", **fields}
        response = staff.post(f"{BUILDER}/questions/new", data=data)
        assert response.status_code == 422, fields
        assert message in response.get_data(as_text=True), fields
    assert len(surveys.by_slug("demo-vragenlijst").questions) == 7


def test_after_answers_wording_may_change_but_options_may_not(app, demo) -> None:
    answer_once(app.test_client())
    staff, token = staff_client(app)
    safe = question(1)
    url = f"{BUILDER}/questions/{safe.id}"
    base = {"csrf_token": token, "kind": "single", "required": "y"}
    reworded = staff.post(
        url,
        data={
            **base,
            "text": "Voelt u zich veilig in uw eigen buurt?",
            "options": "Ja\nNeutraal\nNee, onveilig",
        },
    )
    assert reworded.status_code == 303
    db.session.refresh(safe)
    assert safe.text == "Voelt u zich veilig in uw eigen buurt?"
    assert [(o.value, o.label) for o in safe.options][2] == ("nee", "Nee, onveilig")
    added = staff.post(
        url, data={**base, "text": safe.text, "options": "Ja\nNeutraal\nNee\nWeet niet"}
    )
    page = added.get_data(as_text=True)
    assert added.status_code == 422
    assert "Deze wijziging kan niet worden opgeslagen" in page
    assert "dus er kunnen geen antwoorden meer bij of af" in page
    changed_kind = staff.post(url, data={**base, "text": safe.text, "kind": "ysn"})
    assert "het soort vraag kan niet meer veranderen" in changed_kind.get_data(as_text=True)
    db.session.refresh(safe)
    assert [o.label for o in safe.options] == ["Ja", "Neutraal", "Nee, onveilig"]
    # The earlier answer still counts under its (reworded) option.
    first = survey_results(surveys.by_slug("demo-vragenlijst")).questions[0]
    assert first.base == 1 and [o.count for o in first.options] == [1, 0, 0]


def test_move_and_delete_keep_conditions_and_answers(app, demo) -> None:
    staff, token = staff_client(app)
    follow_up = question(4)  # depends on question 3
    moved = staff.post(
        f"{BUILDER}/questions/{follow_up.id}/move",
        data={"csrf_token": token, "direction": "up"},
        follow_redirects=True,
    )
    assert "moet daarna blijven komen" in moved.get_data(as_text=True)
    assert question(4).id == follow_up.id
    last = question(7)
    staff.post(f"{BUILDER}/questions/{last.id}/move", data={"csrf_token": token, "direction": "up"})
    assert question(6).id == last.id and [
        q.position for q in surveys.by_slug("demo-vragenlijst").questions
    ] == list(range(1, 8))
    trigger = question(3)
    refused = staff.post(
        f"{BUILDER}/questions/{trigger.id}/delete",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert "Pas eerst de voorwaarde van die vraag aan." in refused.get_data(as_text=True)
    answer_once(app.test_client())
    answered = staff.post(
        f"{BUILDER}/questions/{question(1).id}/delete",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert "de antwoorden zouden verloren gaan" in answered.get_data(as_text=True)
    unanswered = question(5)
    staff.post(f"{BUILDER}/questions/{unanswered.id}/delete", data={"csrf_token": token})
    remaining = surveys.by_slug("demo-vragenlijst").questions
    assert len(remaining) == 6 and unanswered.id not in {q.id for q in remaining}
    assert [q.position for q in remaining] == list(range(1, 7))


def test_the_layout_setting_switches_to_one_question_per_screen(app, demo) -> None:
    staff, token = staff_client(app)
    staff.post(
        BUILDER,
        data={"csrf_token": token, "title": "Veilig in uw buurt", "intro": "", "layout": "steps"},
    )
    survey = surveys.by_slug("demo-vragenlijst")
    assert survey.one_page is False and survey.title == "Veilig in uw buurt"
    assert "Vraag 1 van 6" in app.test_client().get("/s/demo-vragenlijst").get_data(as_text=True)


def test_viewers_see_the_builder_but_cannot_change_it(app, demo) -> None:
    viewer = login_as(app.test_client(), "viewer")
    page = viewer.get(BUILDER).get_data(as_text=True)
    assert "Voelt u zich veilig in uw buurt?" in page and "Vraag toevoegen" not in page
    token = csrf_token(viewer, BUILDER)
    assert viewer.post(f"{BUILDER}/questions/new", data={"csrf_token": token}).status_code == 403
    assert (
        viewer.post(
            f"{BUILDER}/questions/{question(7).id}/delete", data={"csrf_token": token}
        ).status_code
        == 403
    )
