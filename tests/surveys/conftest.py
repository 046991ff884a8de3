"""Helpers the survey tests share: answering the demo survey quickly, and releasing figures."""

from __future__ import annotations

import uuid

import pytest

from participation.extensions import db
from participation.models import StaffUser, Survey
from participation.timeutil import utcnow

SAFE = "Voelt u zich veilig in uw buurt?"
FIRST = "Welke veiligheidsproblemen moeten als eerste worden aangepakt?"
NUISANCE = "Ervaart u overlast in uw buurt?"
KIND = "Van welke vorm van overlast heeft u het meeste last?"
HELP = (
    "Wilt u zelf een actieve bijdrage leveren om de veiligheid en leefbaarheid in uw buurt "
    "te verbeteren?"
)
VILLAGE = "In welk dorp woont u?"
REMARK = "Wilt u nog iets kwijt over veiligheid in uw buurt?"
SLUG = "demo-vragenlijst"
JSON = f"/api/v1/surveys/{SLUG}/results"
PAGE = f"/s/{SLUG}/resultaten"


def demo_survey() -> Survey:
    from participation.services.surveys import surveys

    return surveys.by_slug("demo-vragenlijst")


def respond(survey: Survey, **given: object) -> None:
    """Store one response to the demo survey: safe 'ja', first 'woninginbraak', nuisance
    'nee', unless given otherwise (by question text; None leaves a question out)."""
    from participation.services.surveys import surveys

    by_text = {q.text: q.id for q in survey.questions}
    answers: dict[str, object] = {SAFE: "ja", FIRST: ["woninginbraak"], NUISANCE: "nee"}
    answers.update(given)
    raw = {
        by_text[text]: value if isinstance(value, list) else [value]
        for text, value in answers.items()
        if value is not None
    }
    assert surveys.submit(survey, uuid.uuid4(), raw)  # type: ignore[arg-type]


def release_survey(survey: Survey):  # type: ignore[no-untyped-def]
    """Make the campaign's results public and release the survey's figures, as staff would."""
    from participation.services.accounts import create_user
    from participation.services.surveys import survey_releases

    if survey.campaign and not survey.campaign.results_published:
        survey.campaign.results_published_at = utcnow()
        db.session.commit()
    email = "vrijgever@example.org"
    user = db.session.query(StaffUser).filter_by(email=email).one_or_none()
    if user is None:
        user = create_user(email, "een-lang-wachtwoord", "staff")
    return survey_releases.release(survey, user)


def refused(survey: Survey):  # type: ignore[no-untyped-def]
    """Why a release now is refused (it must be), as a ReleaseProblem."""
    from participation.services.surveys.survey_releases import SurveyReleaseRefused

    with pytest.raises(SurveyReleaseRefused) as caught:
        release_survey(survey)
    return caught.value.problems[0]


def publish(campaign) -> None:  # type: ignore[no-untyped-def]
    """Make the campaign's results public (the survey's figures still wait for a release)."""
    campaign.results_published_at = utcnow()
    db.session.commit()
