"""Right after the ballot, the survey offers the village the resident chose there, and they
can change it; nothing of the ballot travels with it (issue 27.13)."""

from __future__ import annotations

import html
import re
import uuid

from sqlalchemy import select

from participation.extensions import db
from participation.models import Area, SurveyResponse
from tests.conftest import csrf_token, send_ballot
from tests.surveys.conftest import SLUG, VILLAGE, demo_survey

FORM = f"/s/{SLUG}"


def _open_survey():  # type: ignore[no-untyped-def]
    survey = demo_survey()
    survey.status = "open"
    db.session.commit()
    return survey


def _selected(page: str, question_id: int) -> list[str]:
    select_tag = re.search(rf'<select id="q{question_id}".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([^"]*)" selected>', select_tag)


def _village_question(survey):  # type: ignore[no-untyped-def]
    return next(q for q in survey.questions if q.text == VILLAGE)


def test_the_ballots_thanks_page_offers_the_survey_with_the_chosen_village(client, demo) -> None:
    _open_survey()
    voted = send_ballot(client, demo, village="marum")
    assert voted.status_code == 303
    thanks_url = voted.headers["Location"]
    assert thanks_url.endswith("/v/demo/bedankt?dorp=marum")
    page = client.get(thanks_url).get_data(as_text=True)
    links = [html.unescape(u) for u in re.findall(r'href="(/s/[^"]*)"', page)]
    assert links == [f"{FORM}?dorp=marum"]  # the village, and nothing else of the ballot


def test_the_thanks_page_passes_on_only_a_village_of_the_campaign(client, demo) -> None:
    _open_survey()
    for given in ("nergensdorp", "<script>", "1 OR 1=1"):
        page = client.get(f"/v/demo/bedankt?dorp={given}").get_data(as_text=True)
        links = [html.unescape(u) for u in re.findall(r'href="(/s/[^"]*)"', page)]
        assert links == [FORM], given
    page = client.get("/v/demo/bedankt").get_data(as_text=True)
    assert f'href="{FORM}"' in page


def test_the_survey_comes_with_the_village_chosen_and_it_can_be_changed(client, demo) -> None:
    survey = _open_survey()
    question = _village_question(survey)
    page = client.get(f"{FORM}?dorp=marum").get_data(as_text=True)
    assert _selected(page, question.id) == ["marum"]
    assert _selected(client.get(FORM).get_data(as_text=True), question.id) == []
    assert _selected(client.get(f"{FORM}?dorp=parijs").get_data(as_text=True), question.id) == []
    # The resident lives elsewhere after all: the changed answer is what is stored.
    data = {"csrf_token": csrf_token(client, FORM), "response_key": str(uuid.uuid4())}
    data[f"q{question.id}"] = "leek"
    for other in survey.questions:
        if other.required and other is not question:
            data[f"q{other.id}"] = other.options[0].value
    sent = client.post(f"{FORM}?dorp=marum", data=data)
    assert sent.status_code == 303, sent.get_data(as_text=True)
    stored = db.session.scalars(select(SurveyResponse)).one()
    assert db.session.get(Area, stored.area_id).slug == "leek"


def test_one_question_per_screen_carries_the_village_to_its_question(client, demo) -> None:
    survey = _open_survey()
    survey.one_page = False
    db.session.commit()
    question = _village_question(survey)
    first = client.get(f"{FORM}?dorp=marum").get_data(as_text=True)
    assert f'<input type="hidden" name="q{question.id}" value="marum">' in first
    page = client.post(
        f"{FORM}/stap",
        data={"response_key": str(uuid.uuid4()), "naar": question.id, f"q{question.id}": "marum"},
    ).get_data(as_text=True)
    assert _selected(page, question.id) == ["marum"]
