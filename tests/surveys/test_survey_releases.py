"""Survey results reach the public as releases (snapshots), never as a live feed.

A release is refused while fewer than 5 residents answered since the last one; within a
release, a village or an answer with 1 to 4 new residents is shown together with others,
and stays so (the attacker that checks this: test_survey_attacker). Staff see today's counts.
"""

from __future__ import annotations

import csv
import io
import re
import uuid

import pytest
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import AuditEvent, PublicRelease, SurveyResponse
from participation.services.surveys import surveys
from participation.services.surveys.survey_counts import NONE, count, group_sizes
from participation.services.surveys.survey_releases import ReleaseProblem
from participation.timeutil import utc_to_local
from tests.conftest import csrf_token, login_as
from tests.surveys.conftest import (
    HELP,
    JSON,
    PAGE,
    REMARK,
    SAFE,
    SLUG,
    VILLAGE,
    demo_survey,
    publish,
    refused,
    release_survey,
    respond,
)


def stored_releases() -> int:
    return db.session.scalar(select(func.count()).select_from(PublicRelease)) or 0


def test_a_release_waits_for_five_new_respondents(app, demo) -> None:
    survey = demo_survey()
    assert refused(survey) is ReleaseProblem.NOTHING_NEW
    for _ in range(4):
        respond(survey)
    assert refused(survey) is ReleaseProblem.TOO_FEW  # 4 in all: no first release either
    respond(survey)
    first = release_survey(survey)
    newest = db.session.scalar(select(func.max(SurveyResponse.id)))
    assert (first.number, first.upto_response_id) == (1, newest)
    assert first.sizes["respondents"] == {"total": 5}
    event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.target, event.details) == (
        "survey.release",
        f"survey:{SLUG}",
        "release 1",
    )
    for extra in range(1, 5):
        respond(survey)
        assert refused(survey) is ReleaseProblem.TOO_FEW, extra
        assert stored_releases() == 1
    respond(survey)
    assert release_survey(survey).number == 2
    assert refused(survey) is ReleaseProblem.NOTHING_NEW
    assert stored_releases() == 2


def test_a_village_with_few_new_respondents_is_shown_together_and_stays_so(app, demo) -> None:
    survey = demo_survey()
    publish(demo)
    for place in ["leek"] * 6 + ["marum"] * 6 + ["zuidhorn"] * 5:
        respond(survey, **{VILLAGE: place})
    release_survey(survey)
    first = PAGE + "?per=dorp"
    page = app.test_client().get(first).get_data(as_text=True)
    assert 'Marum<br><span class="muted">n = 6</span>' in page
    for place in ["marum"] * 3 + ["leek"] * 2:  # 3 and 2 new: each would give them away
        respond(survey, **{VILLAGE: place})
    second = release_survey(survey)
    marum = next(block for block in second.blocks["village"] if len(block) > 1)
    page = app.test_client().get(first).get_data(as_text=True)
    split = page.split("1. Voelt u zich veilig in uw buurt?")[1].split("</section>")[0]
    heads = dict(re.findall(r'num">([^<]*)<br><span class="muted">n = (\d+)<', split))
    assert "Marum" not in heads and "Leek" not in heads
    joint = next(label for label in heads if label.startswith("Samen: "))
    assert joint == "Samen: Leek, Marum" and heads[joint] == "17"
    assert heads["Zuidhorn"] == "5"
    # Marum gets enough new residents, but stays with the same villages: else the third
    # release minus the second gives Leek's and Marum's own figures from before.
    for _ in range(6):
        respond(survey, **{VILLAGE: "marum"})
    third = release_survey(survey)
    assert marum in third.blocks["village"]
    data = app.test_client().get(JSON).get_json()
    villages = next(q for q in data["questions"] if q["type"] == "village")
    shown = {o["label"]: o["count"] for o in villages["options"]}
    assert (shown[joint], shown["Zuidhorn"], shown["Tolbert"]) == (23, 5, 0)
    assert "Leek" not in shown and "Marum" not in shown and villages["base"] == 28


def test_an_answer_with_few_new_residents_is_shown_together(app, demo) -> None:
    survey = demo_survey()
    publish(demo)
    for safe in ["ja"] * 10 + ["nee"] * 5:
        respond(survey, **{SAFE: safe})
    release_survey(survey)
    for safe in ["ja"] * 4 + ["nee"]:  # one new 'nee': the difference would show who
        respond(survey, **{SAFE: safe})
    release_survey(survey)
    data = app.test_client().get(JSON).get_json()
    safe = next(q for q in data["questions"] if q["text"] == SAFE)
    # 'Ja' had 4 new and 'Nee' 1: shown together (each alone would tell); 'Neutraal' 0.
    shown = [(o["label"], o["count"]) for o in safe["options"]]
    assert shown == [("Samen: Ja, Nee", 20), ("Neutraal", 0)]
    by_safety = app.test_client().get(f"{PAGE}?per={safe['id']}").get_data(as_text=True)
    assert 'Samen: Ja, Nee<br><span class="muted">n = 20</span>' in by_safety
    assert ">Ja<br>" not in by_safety and ">Nee<br>" not in by_safety


def test_the_public_sees_the_release_and_staff_today(app, demo) -> None:
    survey = demo_survey()
    publish(demo)
    for _ in range(6):
        respond(survey, **{SAFE: "ja"})
    row = release_survey(survey)
    for _ in range(7):
        respond(survey, **{SAFE: "nee"})
    visitor = app.test_client()
    data = visitor.get(JSON).get_json()
    assert set(data) >= {"survey", "respondents", "questions", "release", "released_at"}
    assert (data["respondents"], data["release"]) == (6, 1)
    assert data["released_at"].startswith(row.released_at.isoformat()[:16])
    safe = next(q for q in data["questions"] if q["text"] == SAFE)
    assert safe["base"] == 6 and {o["label"]: o["count"] for o in safe["options"]}["Ja"] == 6
    page = visitor.get(PAGE).get_data(as_text=True)
    local = utc_to_local(row.released_at)
    assert "Cijfers zoals vrijgegeven op" in page and local.strftime("%H:%M") in page
    assert f"{local.year}" in page and "6 inwoners vulden de vragenlijst in." in page
    table = list(csv.DictReader(io.StringIO(visitor.get(f"{PAGE}.csv").get_data(as_text=True))))
    assert {row["base"] for row in table if row["question"] == SAFE} == {"6"}
    staff = login_as(app.test_client(), "viewer")
    live = staff.get(JSON).get_json()
    assert (live["respondents"], live["release"], live["released_at"]) == (13, None, None)
    assert "13 inwoners vulden de vragenlijst in." in staff.get(PAGE).get_data(as_text=True)


def test_before_the_first_release_the_public_is_told_so(app, demo) -> None:
    survey = demo_survey()
    for _ in range(3):
        respond(survey)
    visitor = app.test_client()
    assert visitor.get(JSON).status_code == 404  # not published at all
    publish(demo)
    page = visitor.get(PAGE)
    assert page.status_code == 200
    assert "Er zijn nog geen cijfers vrijgegeven." in page.get_data(as_text=True)
    answer = visitor.get(JSON)
    assert answer.status_code == 404
    assert answer.get_json()["error"].startswith("Er zijn nog geen cijfers vrijgegeven.")
    assert visitor.get(f"{PAGE}.csv").status_code == 404
    assert visitor.get(f"/s/{SLUG}/grafiek/{survey.questions[0].id}.svg").status_code == 404


def test_staff_release_from_the_results_page(app, demo, staff_client) -> None:
    survey = demo_survey()
    for place in ["leek"] * 3 + ["grijpskerk"]:
        respond(survey, **{VILLAGE: place})
    page = staff_client.get(PAGE).get_data(as_text=True)
    assert 'id="vrijgeven"' in page and "Deze cijfers vrijgeven" not in page
    assert "4 inwoners vulden de vragenlijst tot nu toe in; nog niets vrijgegeven." in page
    token = csrf_token(staff_client, PAGE)
    refusal = staff_client.post(f"/s/{SLUG}/vrijgeven", data={"csrf_token": token})
    assert refusal.status_code == 409
    assert "Nu geen vrijgave: sinds de vorige vrijgave vulden minder dan 5 inwoners" in (
        refusal.get_data(as_text=True)
    )
    assert stored_releases() == 0
    respond(survey, **{VILLAGE: "leek"})
    page = staff_client.get(PAGE).get_data(as_text=True)
    assert "Een vrijgave nu zou deze antwoorden of dorpen samen tonen" in page
    assert "In welk dorp woont u?: Grijpskerk, " in page  # with Leek and the empty ones
    assert "Deze cijfers vrijgeven" in page
    done = staff_client.post(f"/s/{SLUG}/vrijgeven", data={"csrf_token": token})
    assert done.status_code == 303 and done.headers["Location"].endswith("#vrijgeven")
    page = staff_client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Vrijgave 1 staat klaar." in page  # the campaign's results are not public yet
    assert "Laatste vrijgave: nummer 1, op " in page and "medewerker@example.org" in page
    assert "Nu geen vrijgave: sinds de vorige vrijgave heeft niemand" in page
    assert stored_releases() == 1
    viewer = login_as(app.test_client(), "viewer")
    own = csrf_token(viewer, PAGE)  # the logout form in the staff menu
    assert viewer.post(f"/s/{SLUG}/vrijgeven", data={"csrf_token": own}).status_code == 403
    anonymous = app.test_client().post(f"/s/{SLUG}/vrijgeven")
    assert anonymous.status_code in (302, 400) and stored_releases() == 1


def test_a_released_answer_waits_for_the_release_that_holds_its_response(app, demo) -> None:
    survey = demo_survey()
    publish(demo)
    for _ in range(5):
        respond(survey)
    release_survey(survey)
    respond(survey, **{REMARK: "Meer licht op het fietspad."})
    remark = next(q for q in survey.questions if q.text == REMARK)
    answer = db.session.scalars(
        select(surveys.Answer).where(surveys.Answer.question_id == remark.id)
    ).one()
    surveys.set_released(answer, True, None)

    def shown() -> list[str]:
        data = app.test_client().get(JSON).get_json()
        return next(q for q in data["questions"] if q["id"] == remark.id)["answers"]

    assert shown() == []
    for _ in range(4):
        respond(survey)
    release_survey(survey)
    assert shown() == ["Meer licht op het fietspad."]


def test_no_answer_is_a_group_unless_everyone_must_answer(app, demo) -> None:
    survey = demo_survey()
    respond(survey, **{VILLAGE: "leek"})
    sizes = group_sizes(survey, count(survey))
    by_text = {q.text: f"question:{q.id}" for q in survey.questions}
    assert NONE not in sizes[by_text[SAFE]]  # required, and answered by all
    assert sizes[by_text[HELP]][NONE] == 1  # optional and skipped
    assert sizes["village"][NONE] == 0  # optional: a group, even while empty


def test_a_village_in_a_release_cannot_be_merged_and_its_figures_stay(app, demo) -> None:
    """Merging Marum into Leek after a release would show Leek's gain next time, and one new
    response beside the moved ones could be worked out (the outside check did): refused."""
    from participation.models import Area
    from participation.services.campaigns import area_removal

    survey = demo_survey()
    publish(demo)
    for place in ["leek"] * 6 + ["marum"] * 6 + ["zuidhorn"] * 5:
        respond(survey, **{VILLAGE: place})
    release_survey(survey)
    before = app.test_client().get(JSON).get_json()
    area = {a.slug: a for a in db.session.scalars(select(Area))}
    with pytest.raises(area_removal.RemovalRefused) as refused:
        area_removal.merge(area["marum"], area["leek"].id, None)
    assert refused.value.problems == [area_removal.RemovalProblem.RELEASED]
    db.session.rollback()
    assert db.session.scalar(select(Area).where(Area.slug == "marum")) is not None
    assert app.test_client().get(JSON).get_json() == before


def test_marks_are_released_with_their_mean_only_while_every_mark_stands_alone(app, demo):
    from participation.domain.survey_templates import SAFETY_FEELING

    survey = surveys.create_from_template(SAFETY_FEELING, "beleving", demo, status="open")
    db.session.add(survey)
    db.session.commit()
    first, second, _ = survey.questions
    for mark in [8] * 6 + [7] * 5:
        surveys.submit(survey, uuid.uuid4(), {first.id: [str(mark)], second.id: ["6"]})
    release_survey(survey)
    visitor = app.test_client()

    def shown() -> dict:  # type: ignore[type-arg]
        data = visitor.get("/api/v1/surveys/beleving/results").get_json()
        return next(q for q in data["questions"] if q["id"] == first.id)

    found = shown()
    assert found["mean"] == 7.5 and found["base"] == 11
    assert {o["label"]: o["count"] for o in found["options"]}["8"] == 6
    for mark in [8] * 3 + [9] * 2:  # 3 new eights and 2 nines: shown together
        surveys.submit(survey, uuid.uuid4(), {first.id: [str(mark)], second.id: ["6"]})
    release_survey(survey)
    found = shown()
    assert "mean" not in found and found["base"] == 16  # the mean would split the block
    assert any(o["label"].startswith("Samen: ") and "8" in o["label"] for o in found["options"])
    page = visitor.get("/s/beleving/resultaten").get_data(as_text=True)
    section = page.split(f'id="question-{first.id}"')[1].split("</section>")[0]
    assert "Cijfers zoals vrijgegeven op" in page and "gemiddeld cijfer" not in section
    assert "gemiddeld cijfer 6,0" in page  # the other question: every mark stands alone


def test_two_staff_releasing_at_once_make_one_release(app, demo) -> None:
    """Both checked against 'no release yet' would give two releases numbered 1: the second
    waits for the first, then finds nothing new (on both databases, two threads)."""
    import threading

    survey = demo_survey()
    for _ in range(5):
        respond(survey)
    clients = [login_as(app.test_client(), role) for role in ("staff", "admin")]
    tokens = [csrf_token(client, PAGE) for client in clients]
    start, answers = threading.Barrier(2), []

    def release(client, token) -> None:  # type: ignore[no-untyped-def]
        start.wait()
        answers.append(client.post(f"/s/{SLUG}/vrijgeven", data={"csrf_token": token}).status_code)

    threads = [
        threading.Thread(target=release, args=pair) for pair in zip(clients, tokens, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(answers) == [303, 409]
    db.session.expire_all()
    assert stored_releases() == 1


def test_a_split_cell_of_one_within_a_release_is_hidden(app, demo) -> None:
    """The second outside check: villages of 5 each, yet Marum's column showed 'nee' = 1, the
    one Marum resident who feels unsafe. Cells of 1-4 are hidden with what their row and
    column totals would give back."""
    from tests.surveys.conftest import NUISANCE, SAFE

    survey = demo_survey()
    publish(demo)

    def answer(village: str, safe: str, nuisance: str, times: int = 1) -> None:
        for _ in range(times):
            respond(survey, **{VILLAGE: village, SAFE: safe, NUISANCE: nuisance})

    answer("marum", "nee", "ja")
    answer("marum", "ja", "nee", 4)
    answer("leek", "nee", "nee", 4)
    answer("leek", "ja", "nee")
    answer("zuidhorn", "neutraal", "ja", 5)
    release_survey(survey)
    page = app.test_client().get(f"{PAGE}?per=dorp").get_data(as_text=True)
    split = page.split("Uitsplitsing van vraag 1")[1].split("</table>")[0]
    rows = {
        row.split("</th>")[0].rsplit(">", 1)[1]: row
        for row in split.split("<tr>")[1:]
        if '<th scope="row">' in row
    }
    assert '<td class="num">1 ' not in rows["Nee"] and rows["Nee"].count("&lt; 5") == 2
    assert "&lt; 5" in rows["Ja"]  # Leek's one 'ja', and what the totals would give back
