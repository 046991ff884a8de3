"""Results JSON and /healthz."""

import logging

from flask import Response, abort, jsonify

from participation.api import bp
from participation.renderers.exports import outcome_json, results_json
from participation.renderers.regional_plan_json import municipal_outcome_json
from participation.services import health
from participation.services.outcome import outcome
from participation.services.regions import regional_outcome, regional_report
from participation.services.surveys import survey_releases, survey_results
from participation.web.access import (
    campaign_or_404,
    readable_campaign,
    readable_outcome,
    readable_survey,
    requested_comparison,
    results_for_viewer,
    sees_unreleased,
    trust_filter,
)
from participation.web.survey_texts import in_file_language

log = logging.getLogger(__name__)


@bp.get("/api/v1/campaigns/<slug>/results")
def campaign_results_json(slug: str) -> Response:
    """The results contract; ?vertrouwen= limits the counts to a trust level and surer ones;
    ?vergelijk=<slug> adds the change since that (earlier) campaign per theme."""
    campaign = readable_campaign(slug)
    results = results_for_viewer(campaign, min_trust=trust_filter())
    return jsonify(results_json(results, requested_comparison(campaign, results)))


@bp.get("/api/v1/campaigns/<slug>/outcome")
def campaign_outcome_json(slug: str) -> Response:
    """The outcome contract: priorities with reasons, goals and actions; what was not chosen.
    A campaign adopted from the region: the region's published outcome, common part and own."""
    regional = regional_outcome.municipal_view(campaign_or_404(slug))
    if regional is not None:
        return jsonify(municipal_outcome_json(regional_report.municipal_data(regional)))
    view = outcome.gather(readable_outcome(slug), public=True)
    return jsonify(outcome_json(outcome.outcome_data(view)))


@bp.get("/api/v1/surveys/<slug>/results")
def survey_results_json(slug: str) -> Response:
    """Per question: id, text, type, base, and options with label, count and percent.

    Staff get today's counts; the public the latest release (survey_releases), with its
    number and time, and a 404 saying so before the first one. ?taal=: the questions and
    answers in that language, when the survey is written in it."""
    survey = readable_survey(slug)
    with in_file_language(survey) as language:
        if sees_unreleased():
            found = survey_results.survey_results(survey, language=language)
            return jsonify(survey_results.results_json(found))
        release = survey_releases.latest(survey)
        if release is None:
            abort(404, description=survey_releases.NOT_RELEASED)
        found = survey_results.survey_results(
            survey, public=True, release=release, language=language
        )
        return jsonify(survey_results.results_json(found))


@bp.get("/healthz")
def healthz() -> tuple[str, int, dict[str, str]]:
    if not health.database_answers():
        return "database unavailable", 503, {"Content-Type": "text/plain"}
    return "ok", 200, {"Content-Type": "text/plain"}
