"""Answering a survey at /s/<slug>: the whole response or nothing, with clear Dutch messages."""

from __future__ import annotations

import csv
import io
import uuid

from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Answer, SurveyResponse
from participation.services.surveys import surveys
from tests.conftest import csrf_token
from tests.surveys.conftest import release_survey


def stored() -> int:
    return db.session.scalar(select(func.count()).select_from(SurveyResponse)) or 0


def questions() -> dict[str, int]:
    survey = surveys.by_slug("demo-vragenlijst")
    return {q.text.split("?")[0]: q.id for q in survey.questions}


def post(client, **answers):  # type: ignore[no-untyped-def]
    q = questions()
    data = {
        "csrf_token": csrf_token(client, "/s/demo-vragenlijst"),
        "response_key": answers.pop("key", str(uuid.uuid4())),
        f"q{q['Voelt u zich veilig in uw buurt']}": "ja",
        f"q{q['Welke veiligheidsproblemen moeten als eerste worden aangepakt']}": [
            "woninginbraak",
            "diefstal",
        ],
        f"q{q['Ervaart u overlast in uw buurt']}": "soms",
    }
    data.update({f"q{q[text]}": value for text, value in answers.items()})
    return client.post("/s/demo-vragenlijst", data=data)


def test_the_form_shows_every_question_and_the_condition(client, demo) -> None:
    page = client.get("/s/demo-vragenlijst").get_data(as_text=True)
    assert "Voelt u zich veilig in uw buurt?" in page
    assert "Alleen als u bij vraag 3 ja of soms antwoordde." in page
    assert 'name="response_key"' in page


def test_a_valid_response_is_stored_once(client, demo) -> None:
    key = str(uuid.uuid4())
    form = {"key": key, "Van welke vorm van overlast heeft u het meeste last": "hondenpoep"}
    assert post(client, **dict(form)).status_code == 303
    assert post(client, **dict(form)).status_code == 303  # a double tap
    assert stored() == 1
    # One row per chosen option: safe, two problems, nuisance, its kind.
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 5


def test_bad_answers_store_nothing_and_say_why(client, demo) -> None:
    cases = [
        ({"Voelt u zich veilig in uw buurt": "misschien"}, "Kies een van de gegeven antwoorden."),
        ({"Voelt u zich veilig in uw buurt": ""}, "Beantwoord deze vraag."),
        (
            {
                "Welke veiligheidsproblemen moeten als eerste worden aangepakt": [
                    "woninginbraak",
                    "diefstal",
                    "drugs",
                    "online",
                ]
            },
            "Kies hoogstens 3 antwoorden.",
        ),
        (
            {"Wilt u nog iets kwijt over veiligheid in uw buurt": "x" * 2001},
            "Uw antwoord is te lang",
        ),
    ]
    for answers, message in cases:
        response = post(client, **answers)
        assert response.status_code == 422, answers
        assert message.replace("'", "&#39;") in response.get_data(as_text=True)
    assert stored() == 0


def test_a_follow_up_ticked_before_its_condition_changed_is_left_out(client, demo) -> None:
    """Without JavaScript a ticked radio button cannot be cleared: the form still goes."""
    which = questions()["Van welke vorm van overlast heeft u het meeste last"]
    response = post(
        client,
        **{
            "Ervaart u overlast in uw buurt": "nee",
            "Van welke vorm van overlast heeft u het meeste last": "hondenpoep",
        },
    )
    assert response.status_code == 303
    assert stored() == 1
    kept = db.session.scalar(
        select(func.count()).select_from(Answer).where(Answer.question_id == which)
    )
    assert kept == 0


def test_results_split_by_village_and_by_another_question(client, staff_client, demo) -> None:
    village = "In welk dorp woont u"
    nuisance = "Ervaart u overlast in uw buurt"
    for place, answer in (("leek", "soms"), ("leek", "nee"), ("marum", "nee")):
        response = post(staff_client, **{village: place, nuisance: answer})
        assert response.status_code == 303, response.get_data(as_text=True)[:300]
    q = questions()
    page = staff_client.get("/s/demo-vragenlijst/resultaten?per=dorp").get_data(as_text=True)
    section = page.split("3. Ervaart u overlast in uw buurt?")[1].split("</section>")[0]
    split = section.split("Uitsplitsing: procent")[1]
    assert 'Leek<br><span class="muted">n = 2</span>' in split
    soms = split.split('<th scope="row">Soms</th>')[1].split("</tr>")[0]
    assert '1 <span class="muted">(50,0%)</span>' in soms  # Leek: 1 of 2
    by_safety = staff_client.get(
        f"/s/demo-vragenlijst/resultaten?per={q['Voelt u zich veilig in uw buurt']}"
    ).get_data(as_text=True)
    assert 'Ja<br><span class="muted">n = 3</span>' in by_safety


def test_staff_hide_an_abusive_open_answer_and_can_show_it_again(staff_client, demo) -> None:
    from participation.models import AuditEvent

    remark = "Wilt u nog iets kwijt over veiligheid in uw buurt"
    post(staff_client, **{remark: "Meer licht op het fietspad."})
    post(staff_client, **{remark: "Iets grofs over de buurman."})
    page = staff_client.get("/s/demo-vragenlijst/resultaten").get_data(as_text=True)
    action = page.split("Iets grofs over de buurman.")[1].split('action="')[1].split('"')[0]
    token = csrf_token(staff_client, "/s/demo-vragenlijst/resultaten")
    staff_client.post(action, data={"csrf_token": token})
    data = staff_client.get("/api/v1/surveys/demo-vragenlijst/results").get_json()
    texts = next(q for q in data["questions"] if q["type"] == "text")["answers"]
    assert texts == ["Meer licht op het fietspad."]
    last = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc())).first()
    assert last == "survey.answer_hidden"
    staff_client.post(action.replace("verbergen", "tonen"), data={"csrf_token": token})
    data = staff_client.get("/api/v1/surveys/demo-vragenlijst/results").get_json()
    assert len(next(q for q in data["questions"] if q["type"] == "text")["answers"]) == 2


def test_open_answers_reach_the_public_only_once_staff_release_them(app, staff_client, demo):
    """An anonymous visitor fetching before and after a response learns nothing of its words."""
    from participation.models import AuditEvent
    from participation.timeutil import utcnow

    demo.results_published_at = utcnow()
    db.session.commit()
    visitor = app.test_client()
    remark = "Wilt u nog iets kwijt over veiligheid in uw buurt"
    post(staff_client, **{remark: "Bij de Dorpsstraat 12 woont de man die altijd te hard rijdt."})
    post(staff_client, **{remark: "Meer licht op het fietspad."})
    for _ in range(3):
        post(staff_client)
    release_survey(surveys.by_slug("demo-vragenlijst"))  # the public sees releases only

    def public_texts() -> list[str]:
        data = visitor.get("/api/v1/surveys/demo-vragenlijst/results").get_json()
        texts = next(q for q in data["questions"] if q["type"] == "text")["answers"]
        page = visitor.get("/s/demo-vragenlijst/resultaten").get_data(as_text=True)
        table = visitor.get("/s/demo-vragenlijst/resultaten.csv").get_data(as_text=True)
        for text in ("Dorpsstraat 12", "Meer licht op het fietspad."):
            shown = text in page, text in table, any(text in t for t in texts)
            assert len(set(shown)) == 1, (text, shown)  # page, CSV and JSON agree
        return texts

    assert public_texts() == []
    page = staff_client.get("/s/demo-vragenlijst/resultaten").get_data(as_text=True)
    assert "Dorpsstraat 12" in page and "niet openbaar" in page  # staff read everything
    release = page.split("Meer licht op het fietspad.")[1].split("vrijgeven")[0]
    action = release.split('action="')[-1] + "vrijgeven"
    token = csrf_token(staff_client, "/s/demo-vragenlijst/resultaten")
    assert staff_client.post(action, data={"csrf_token": token}).status_code == 303
    assert public_texts() == ["Meer licht op het fietspad."]
    last = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc())).first()
    assert last == "survey.answer_released"
    # Hidden afterwards: gone from the public again, released or not.
    staff_client.post(action.replace("vrijgeven", "verbergen"), data={"csrf_token": token})
    assert public_texts() == []
    staff_client.post(action.replace("vrijgeven", "tonen"), data={"csrf_token": token})
    staff_client.post(action.replace("vrijgeven", "intrekken"), data={"csrf_token": token})
    assert public_texts() == []


def test_a_stand_offers_the_survey_after_the_vote_and_leads_back(app, demo) -> None:
    from tests.conftest import add_stand

    stand = add_stand(demo, "marum")
    tablet = app.test_client()
    thanks = tablet.get(f"/stand/{stand.token}/bedankt").get_data(as_text=True)
    link = thanks.split('class="button-link" href="')[1].split('"')[0].replace("&amp;", "&")
    assert link.startswith("/s/demo-vragenlijst?") and f"kiosk={stand.token}" in link
    assert "Wilt u ook een paar vragen beantwoorden?" in thanks
    q = questions()
    form = {
        "csrf_token": csrf_token(tablet, link),
        "response_key": str(uuid.uuid4()),
        f"q{q['Voelt u zich veilig in uw buurt']}": "ja",
        f"q{q['Welke veiligheidsproblemen moeten als eerste worden aangepakt']}": "diefstal",
        f"q{q['Ervaart u overlast in uw buurt']}": "nee",
    }
    done = tablet.post(link, data=form)
    assert done.status_code == 303
    page = tablet.get(done.headers["Location"]).get_data(as_text=True)
    assert "Terug naar het stemscherm" in page and f"/stand/{stand.token}" in page
    response = db.session.scalars(select(SurveyResponse)).one()
    assert (response.channel, response.source_tag) == ("stand", f"stand-{stand.id}")


def test_the_error_summary_names_each_question(client, demo) -> None:
    response = post(client, **{"Voelt u zich veilig in uw buurt": ""})
    assert response.status_code == 422
    summary = response.get_data(as_text=True).split('id="error-summary"')[1].split("</ul>")[0]
    assert "Vraag 1: Beantwoord deze vraag." in summary


def test_the_public_sees_no_small_count_nor_one_the_base_gives_away(app, client, demo) -> None:
    """One snapshot: Grijpskerk's one respondent is '< 5', and so is what would follow from
    the base; the page, the JSON and the CSV agree. Staff see every count."""
    from participation.timeutil import utcnow
    from tests.conftest import login_as
    from tests.domain.test_disclosure import recoverable

    village = "In welk dorp woont u"
    for place in ["leek"] * 7 + ["marum"] * 6 + ["grijpskerk"]:
        assert post(client, **{village: place}).status_code == 303
    demo.results_published_at = utcnow()
    db.session.commit()
    release_survey(surveys.by_slug("demo-vragenlijst"))
    public = app.test_client().get("/api/v1/surveys/demo-vragenlijst/results").get_json()
    staff = login_as(app.test_client(), "staff")
    full = staff.get("/api/v1/surveys/demo-vragenlijst/results").get_json()
    for shown, truth in zip(public["questions"], full["questions"], strict=True):
        counts = [o["count"] for o in shown["options"]]
        assert not any(c is not None and 0 < c < 5 for c in counts), shown["text"]
        hidden = {i for i, c in enumerate(counts) if c is None}
        one_answer_each = shown["type"] != "multiple"
        base_shown = shown["base"] is not None
        # The attacker tries every value the hidden counts could have, with the base.
        actual = [o["count"] for o in truth["options"]]
        assert recoverable(actual, hidden, one_answer_each and base_shown) == set(), shown
    villages = next(q for q in public["questions"] if q["type"] == "village")
    by_label = {o["label"]: o["count"] for o in villages["options"]}
    # Grijpskerk's one respondent is counted with Marum (else Grijpskerk = 14 - 7 - 6), and
    # with the villages nobody named and those who gave none, which look alike that way.
    together = "Samen: Grijpskerk, Grootegast, Marum, Tolbert, Zuidhorn en geen antwoord"
    assert by_label == {together: 7, "Leek": 7}
    assert villages["base"] is None  # it would tell how many gave no village
    page = app.test_client().get("/s/demo-vragenlijst/resultaten").get_data(as_text=True)
    assert '<th scope="row">Grijpskerk</th>' not in page
    assert '<th scope="row">Marum</th>' not in page
    assert f'<th scope="row">{together}</th><td class="num" data-label="Aantal">7</td>' in page
    table = app.test_client().get("/s/demo-vragenlijst/resultaten.csv").get_data(as_text=True)
    rows = {(row["answer"], row["count"]) for row in csv.DictReader(io.StringIO(table))}
    assert (together, "7") in rows and not any(answer == "Grijpskerk" for answer, _ in rows)
    staff_villages = next(q for q in full["questions"] if q["type"] == "village")
    assert {o["label"]: o["count"] for o in staff_villages["options"]}["Grijpskerk"] == 1
