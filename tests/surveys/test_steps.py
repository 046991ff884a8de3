"""One question per screen without JavaScript: answers travel along, stored only at the end."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Answer, SurveyResponse
from participation.services.surveys import surveys
from tests.conftest import csrf_token

URL = "/s/demo-vragenlijst"


def stored() -> int:
    return db.session.scalar(select(func.count()).select_from(SurveyResponse)) or 0


def paged():  # type: ignore[no-untyped-def]
    survey = surveys.by_slug("demo-vragenlijst")
    survey.one_page = False
    db.session.commit()
    return {q.position: q.id for q in survey.questions}


def hidden_fields(page: str) -> list[tuple[str, str]]:
    """The form as the browser would send it: every hidden input (answers, key, token, step)."""
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)


def step(client, page: str, go: str = "next", **answers):  # type: ignore[no-untyped-def]
    data: dict[str, list[str]] = {}
    for name, value in hidden_fields(page):
        data.setdefault(name, []).append(value.replace("&#34;", '"'))
    for name, value in answers.items():
        data[name] = value if isinstance(value, list) else [value]
    data["go"] = [go]
    return client.post(f"{URL}/stap", data=data)


def test_one_question_per_screen_with_the_follow_up_only_when_it_applies(client, demo) -> None:
    q = paged()
    page = client.get(URL).get_data(as_text=True)
    # 6, not 7: the follow-up about nuisance counts once an answer calls for it.
    assert "Vraag 1 van 6" in page and "Voelt u zich veilig in uw buurt?" in page
    assert "Welke veiligheidsproblemen" not in page
    # A required question left empty: the same screen, with the message.
    again = step(client, page)
    assert again.status_code == 422 and "Beantwoord deze vraag." in again.get_data(as_text=True)
    page = step(client, page, **{f"q{q[1]}": "nee"}).get_data(as_text=True)
    assert "Vraag 2 van 6" in page
    too_many = step(client, page, **{f"q{q[2]}": ["drugs", "diefstal", "online", "vandalisme"]})
    assert "Kies hoogstens 3 antwoorden." in too_many.get_data(as_text=True)
    page = step(client, page, **{f"q{q[2]}": ["drugs", "diefstal"]}).get_data(as_text=True)
    page = step(client, page, **{f"q{q[3]}": "nee"}).get_data(as_text=True)
    assert "Vraag 4 van 6" in page  # 'nee': the follow-up is skipped, and no number with it
    back = step(client, page, go="back").get_data(as_text=True)
    assert "Vraag 3 van 6" in back and f'value="nee" id="q{q[3]}-nee" checked' in back
    page = step(client, back, **{f"q{q[3]}": "soms"}).get_data(as_text=True)
    assert "Vraag 4 van 7" in page and "Van welke vorm van overlast" in page
    page = step(client, page, **{f"q{q[4]}": "hondenpoep"}).get_data(as_text=True)
    page = step(client, page).get_data(as_text=True)  # optional: skipped
    page = step(client, page, **{f"q{q[6]}": "leek"}).get_data(as_text=True)
    page = step(client, page, **{f"q{q[7]}": "Meer licht bij het station."}).get_data(as_text=True)
    assert "Controleer uw antwoorden" in page
    for shown in ("Nee", "Drugsoverlast en drugshandel, Diefstal", "Soms", "Hondenpoep", "Leek"):
        assert shown in page
    assert stored() == 0  # nothing is stored before the resident sends
    data: dict[str, list[str]] = {}
    for name, value in hidden_fields(page):
        data.setdefault(name, []).append(value)
    assert client.post(URL, data=data).status_code == 303
    assert client.post(URL, data=data).status_code == 303  # a double tap counts once
    assert stored() == 1
    texts = set(db.session.scalars(select(Answer.text).where(Answer.text.is_not(None))))
    assert texts == {"leek", "Meer licht bij het station."}


def test_changing_an_earlier_answer_drops_the_follow_up(client, demo) -> None:
    q = paged()
    data = {
        "response_key": str(uuid.uuid4()),
        f"q{q[1]}": "ja",
        f"q{q[2]}": "drugs",
        f"q{q[3]}": "nee",
        f"q{q[4]}": "hondenpoep",  # left from when the answer was 'soms'
        "at": str(q[3]),
    }
    page = client.post(f"{URL}/stap", data=data).get_data(as_text=True)
    assert "Vraag 4 van 6" in page
    assert f'name="q{q[4]}"' not in page


def test_a_refused_send_opens_the_screen_of_the_first_problem(client, demo) -> None:
    q = paged()
    data = {
        "csrf_token": csrf_token(client, URL),
        "response_key": str(uuid.uuid4()),
        f"q{q[1]}": "ja",
        f"q{q[3]}": "nee",
    }
    response = client.post(URL, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Vraag 2 van 6" in page and "Beantwoord deze vraag." in page
    assert stored() == 0


def test_an_expired_form_on_the_last_screen_keeps_the_answers(client, demo) -> None:
    q = paged()
    data = {"csrf_token": "verlopen", "response_key": str(uuid.uuid4()), f"q{q[1]}": "ja"}
    page = client.post(URL, data=data).get_data(as_text=True)
    assert "Controleer uw antwoorden" in page and "te lang open" in page
    assert f'name="q{q[1]}" value="ja"' in page
    assert stored() == 0
