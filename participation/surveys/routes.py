"""Resident survey views: show, submit, thank."""

from __future__ import annotations

import logging
import uuid

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.domain.sources import clean_source_tag
from participation.domain.survey_steps import Step, first_step
from participation.extensions import csrf, limiter
from participation.models import StaffRole, Survey
from participation.services.surveys import survey_releases, survey_results, surveys
from participation.surveys import bp
from participation.surveys.access import kiosk_stand, survey_or_404
from participation.surveys.messages import problem_messages
from participation.surveys.results_page import for_residents, release_for_viewer, results_page
from participation.surveys.steps import render_first_problem, render_step
from participation.web.access import Page, readable_survey, sees_unreleased
from participation.web.files import csv_dialect, dated_name, file_response
from participation.web.forms import ConfirmForm, csrf_problem
from participation.web.roles import role_required
from participation.web.survey_texts import chart_words, in_file_language, mean_word

log = logging.getLogger(__name__)


def _render(
    survey: Survey,
    answers: dict[int, list[str]],
    key: str,
    errors: dict[str, list[str]] | None = None,
    form_error: str | None = None,
    status: int = 200,
) -> Page:
    if not survey.one_page:  # the page to check and send, with the message at the top
        return render_step(survey, Step(None, answers), key, form_error, status)
    return (
        render_template(
            "surveys/form.html",
            survey=survey,
            answers=answers,
            response_key=key,
            errors=errors or {},
            form_error=form_error,
            villages=survey.campaign.areas if survey.campaign else [],
            source_tag=clean_source_tag(request.args.get("bron")),
            kiosk=kiosk_stand(),
        ),
        status,
    )


@bp.get("/<slug>")
def form(slug: str) -> Page:
    survey = survey_or_404(slug)
    if survey.status == "closed":
        return render_template("surveys/closed.html", survey=survey)
    # The village the resident chose on the page they came from (?dorp=), still to change.
    given = surveys.village_answers(survey, request.args.get("dorp"))
    if not survey.one_page:
        step = first_step(surveys.rules(survey))
        return render_step(survey, Step(step.question, given), str(uuid.uuid4()))
    return _render(survey, given, str(uuid.uuid4()))


@bp.post("/<slug>")
@limiter.limit(lambda: current_app.config["BALLOT_RATE_LIMIT"])
@csrf.exempt  # checked below, so an expired token can re-show the answers
def submit(slug: str) -> Page:
    survey = survey_or_404(slug)
    if survey.status != "open":
        return render_template("surveys/closed.html", survey=survey), 422
    answers = {
        question.id: request.form.getlist(f"q{question.id}") for question in survey.questions
    }
    key = request.form.get("response_key", "")
    problem = csrf_problem(request.form.get("csrf_token"))
    if problem:
        log.info("survey response for %s refused: %s", slug, problem)
        message = _("This page was open too long. Your answers are still here: send them again.")
        return _render(survey, answers, key or str(uuid.uuid4()), form_error=message, status=400)
    try:
        response_key = uuid.UUID(key)
    except ValueError:
        message = _("Something went wrong with the form. Check your answers and send again.")
        return _render(survey, answers, str(uuid.uuid4()), form_error=message, status=422)
    source = clean_source_tag(request.args.get("bron"))
    channel = "stand" if kiosk_stand() else "qr" if source else "web"
    try:
        surveys.submit(survey, response_key, answers, channel, source)
    except surveys.SurveyRejected as rejected:
        if not survey.one_page:
            return render_first_problem(survey, answers, key, rejected.problems)
        errors = problem_messages(survey, rejected.problems)
        return _render(survey, answers, key, errors=errors, status=422)
    return redirect(url_for("surveys.thanks", slug=slug, kiosk=request.args.get("kiosk")), code=303)


@bp.get("/<slug>/bedankt")
def thanks(slug: str) -> str | Response:
    """Thanks; at a stand's tablet, with the way back to the vote for the next resident."""
    return render_template("surveys/thanks.html", survey=survey_or_404(slug), kiosk=kiosk_stand())


@bp.get("/<slug>/resultaten")
def results(slug: str) -> Page:
    """Staff see today's counts and what a release now would show; the public the latest
    release, or a page saying nothing has been released yet."""
    survey = readable_survey(slug)
    if sees_unreleased():
        return results_page(survey, None)
    for_residents(survey)
    release = survey_releases.latest(survey)
    if release is None:
        return render_template(
            "surveys/not_released.html", survey=survey, message=survey_releases.NOT_RELEASED
        )
    return results_page(survey, release)


@bp.get("/<slug>/resultaten.csv")
def results_csv(slug: str) -> Response:
    """Per question and answer: base, count and percent; open answers that are not hidden."""
    survey = readable_survey(slug)
    release = release_for_viewer(survey)
    dialect, variant = csv_dialect()
    with in_file_language(survey) as language:
        found = survey_results.survey_results(
            survey, release is not None, release=release, language=language
        )
        body = survey_results.results_csv(found, dialect, mean_word())
    name = dated_name(survey.slug, "resultaten", variant, ext="csv")
    return file_response(body, "text/csv", name)


@bp.get("/<slug>/grafiek/<int:question_id>.<fmt>")
def question_chart(slug: str, question_id: int, fmt: str) -> Response:
    """A closed question or rapportcijfer as a bar chart of percentages, PNG or SVG."""
    from participation.renderers import charts  # matplotlib loads with the first chart

    survey = readable_survey(slug)
    release = release_for_viewer(survey)
    with in_file_language(survey) as language:
        found = survey_results.survey_results(
            survey, release is not None, release=release, language=language
        )
        item = next(
            (i for i in found.questions if i.question.id == question_id and i.options), None
        )
        if item is None or item.base is None or fmt not in {"png", "svg"}:
            abort(404)
        chart = charts.survey_question(
            item.text,
            item.base,
            [(o.label, o.percent) for o in item.options],
            chart_words(language),
        )
    return file_response(
        charts.render(chart, fmt),
        "image/png" if fmt == "png" else "image/svg+xml",
        dated_name(survey.slug, "vraag", str(question_id), ext=fmt),
        inline=not request.args.get("download"),
    )


MODERATION = {"verbergen", "tonen", "vrijgeven", "intrekken"}


@bp.post("/antwoorden/<int:answer_id>/<action>")
@role_required(StaffRole.STAFF)
def moderate(answer_id: int, action: str) -> Response:
    """Hide an abusive open answer ('verbergen') or show it again ('tonen'); release it to
    the public ('vrijgeven') or take it back ('intrekken')."""
    found = surveys.answer_and_survey(answer_id)
    if found is None or action not in MODERATION:
        abort(404)
    answer, survey = found
    if ConfirmForm().validate_on_submit():
        if action in {"verbergen", "tonen"}:
            surveys.set_hidden(answer, action == "verbergen", current_user)
        else:
            surveys.set_released(answer, action == "vrijgeven", current_user)
    return redirect(url_for("surveys.results", slug=survey.slug), code=303)
