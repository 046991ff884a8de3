"""Survey templates: seed-demo adds De Wolden's questionnaire; its rules hold together."""

from __future__ import annotations

from sqlalchemy import func, select

from participation.demo import seed_demo
from participation.domain.survey_templates import SAFETY_FEELING
from participation.domain.surveys import QuestionKind, check_response
from participation.extensions import db
from participation.models import Survey
from participation.services.surveys import surveys


def test_seed_demo_adds_the_questionnaire_once(demo) -> None:
    seed_demo()
    assert db.session.scalar(select(func.count()).select_from(Survey)) == 1
    survey = surveys.by_slug("demo-vragenlijst")
    assert survey is not None and survey.campaign is demo and survey.status == "open"
    texts = [q.text for q in survey.questions]
    assert texts[0] == "Voelt u zich veilig in uw buurt?"
    assert "Van welke vorm van overlast heeft u het meeste last?" in texts
    follow_up = next(q for q in survey.questions if q.text.startswith("Van welke vorm"))
    assert follow_up.show_if.text == "Ervaart u overlast in uw buurt?"
    assert follow_up.show_values == "ja|soms"


def test_the_rules_offer_the_campaign_villages_and_keep_the_condition(demo) -> None:
    survey = surveys.by_slug("demo-vragenlijst")
    rules = surveys.rules(survey)
    village = next(r for r in rules if r.kind is QuestionKind.VILLAGE)
    assert {o.value for o in village.options} == {a.slug for a in demo.areas}
    by_text = {q.text: q.id for q in survey.questions}
    safe, nuisance = (
        by_text["Voelt u zich veilig in uw buurt?"],
        by_text["Ervaart u overlast in uw buurt?"],
    )
    which = by_text["Van welke vorm van overlast heeft u het meeste last?"]
    top = by_text["Welke veiligheidsproblemen moeten als eerste worden aangepakt?"]
    answers = {safe: ["ja"], top: ["woninginbraak"], nuisance: ["nee"], which: ["hondenpoep"]}
    checked = check_response(rules, answers)
    assert checked.problems == {} and which not in checked.answers  # not asked: left out
    answers[nuisance] = ["soms"]
    assert check_response(rules, answers).problems == {}


def test_the_short_template_has_two_scores_and_a_postcode(demo) -> None:
    survey = surveys.create_from_template(SAFETY_FEELING, "beleving-2027")
    db.session.commit()
    assert [q.kind for q in survey.questions] == ["score", "score", "postcode"]
