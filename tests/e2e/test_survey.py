"""A resident answers the template survey on a phone, without and with JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import SurveyResponse
from participation.services.surveys import surveys
from tests.e2e.test_resident_vote import serious_violations

pytestmark = pytest.mark.e2e

FOLLOW_UP = "Van welke vorm van overlast heeft u het meeste last?"


def responses() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(SurveyResponse)) or 0


def answer_the_start(page: Page) -> None:
    page.get_by_role("group", name="Voelt u zich veilig in uw buurt?").get_by_label("Ja").check()
    problems = page.get_by_role("group", name="Welke veiligheidsproblemen")
    problems.get_by_label("Woninginbraak").check()
    problems.get_by_label("Verkeersveiligheid").check()
    page.get_by_role("group", name="Ervaart u overlast in uw buurt?").get_by_label("Soms").check()


def test_without_javascript_the_follow_up_is_checked_by_the_server(
    phone_without_js: Page, live_server, demo
):
    page = phone_without_js
    page.goto(f"{live_server}/s/demo-vragenlijst")
    answer_the_start(page)
    # Without JavaScript every question shows, the follow-up with its condition.
    expect(page.get_by_text("Alleen als u bij vraag 3 ja of soms antwoordde.")).to_be_visible()
    page.get_by_role("group", name=FOLLOW_UP).get_by_label("Hondenpoep").check()
    page.get_by_label("In welk dorp woont u?").select_option("marum")
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoorden")
    assert responses() == 1


def test_with_javascript_the_follow_up_appears_when_it_applies(phone: Page, live_server, demo):
    phone.goto(f"{live_server}/s/demo-vragenlijst")
    assert serious_violations(phone) == []
    follow_up = phone.get_by_role("group", name=FOLLOW_UP)
    expect(follow_up).to_be_hidden()
    answer_the_start(phone)
    expect(follow_up).to_be_visible()
    follow_up.get_by_label("Overlast door jongeren").check()
    phone.get_by_role("group", name="Ervaart u overlast in uw buurt?").get_by_label("Nee").check()
    expect(follow_up).to_be_hidden()  # and its answer is cleared, so the server accepts
    phone.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoorden")
    assert responses() == 1


@pytest.mark.parametrize("browser_page", ["phone_without_js", "phone"])
def test_one_question_per_screen(browser_page: str, request, live_server, demo):
    survey = surveys.by_slug("demo-vragenlijst")
    survey.one_page = False
    db.session.commit()
    page: Page = request.getfixturevalue(browser_page)
    page.goto(f"{live_server}/s/demo-vragenlijst")
    expect(page.get_by_text("Vraag 1 van 6")).to_be_visible()
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("alert")).to_contain_text("Beantwoord deze vraag.")
    page.get_by_label("Ja").check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Woninginbraak").check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Soms").check()
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("Vraag 4 van 7")).to_be_visible()  # 'soms': the follow-up comes
    page.get_by_label("Hondenpoep").check()
    for _ in range(4):  # this one, then the three optional ones left empty
        page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("heading", name="Controleer uw antwoorden")).to_be_visible()
    page.get_by_role("button", name="Ervaart u overlast in uw buurt?").click()
    page.get_by_label("Nee").check()
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("Vraag 4 van 6")).to_be_visible()  # 'nee': the follow-up is gone
    for _ in range(3):
        page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("Hondenpoep")).to_have_count(0)
    assert responses() == 0
    if browser_page == "phone":  # axe runs in the page, so it needs JavaScript
        assert serious_violations(page) == []
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoorden")
    assert responses() == 1


def test_with_javascript_only_the_questions_shown_are_numbered(phone, live_server, demo) -> None:
    phone.goto(f"{live_server}/s/demo-vragenlijst")

    def shown_numbers() -> list[str]:
        return phone.evaluate(
            "Array.from(document.querySelectorAll('.question'))"
            ".filter(q => !q.hidden).map(q => q.querySelector('.question-number').textContent)"
        )

    numbers = shown_numbers()
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]  # no 1, 2, 3, 5
    phone.get_by_role("group", name="Ervaart u overlast in uw buurt?").get_by_label("Ja").check()
    more = shown_numbers()
    assert len(more) == len(numbers) + 1
    assert more == [str(n) for n in range(1, len(more) + 1)]
