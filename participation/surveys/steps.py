"""One question per screen: each step posts the answers so far and gets the next screen."""

from __future__ import annotations

import uuid

from flask import render_template, request

from participation.domain.sources import clean_source_tag
from participation.domain.survey_steps import (
    Step,
    first_step,
    next_step,
    previous_step,
    progress,
    step_to,
)
from participation.domain.surveys import AnswerProblem
from participation.domain.text_input import parse_number
from participation.extensions import csrf
from participation.models import Survey
from participation.services.surveys import surveys
from participation.surveys import bp
from participation.surveys.access import kiosk_stand, survey_or_404
from participation.surveys.messages import problem_messages
from participation.web.access import Page


def render_step(
    survey: Survey, step: Step, key: str, form_error: str | None = None, status: int = 200
) -> Page:
    """A question's own screen, or (question None) the page to check and send the answers."""
    question = next((q for q in survey.questions if q.id == step.question), None)
    rules = surveys.rules(survey)
    first = first_step(rules).question
    number, total = progress(rules, step.answers, question.id) if question else (0, 0)
    page = render_template(
        "surveys/step.html",
        survey=survey,
        question=question,
        is_first=question is not None and question.id == first,
        answers=step.answers,
        summary=surveys.answer_summary(survey, step.answers) if question is None else [],
        errors=problem_messages(survey, step.problems),
        form_error=form_error,
        response_key=key,
        villages=survey.campaign.areas if survey.campaign else [],
        source_tag=clean_source_tag(request.args.get("bron")),
        kiosk=kiosk_stand(),
        stepwise=True,
        number=number,
        total=total,
    )
    return page, status


def render_first_problem(
    survey: Survey,
    answers: dict[int, list[str]],
    key: str,
    problems: dict[int, list[AnswerProblem]],
) -> Page:
    """After a refused send: the screen of the first question with a problem."""
    order = [question.id for question in survey.questions]
    first = min(problems, key=order.index)
    return render_step(survey, Step(first, answers, {first: problems[first]}), key, status=422)


@bp.post("/<slug>/stap")
@csrf.exempt  # nothing is stored here; sending the answers checks the token
def step(slug: str) -> Page:
    survey = survey_or_404(slug)
    if survey.status == "closed":
        return render_template("surveys/closed.html", survey=survey), 422
    raw = {question.id: request.form.getlist(f"q{question.id}") for question in survey.questions}
    rules = surveys.rules(survey)
    at, to = _number(request.form.get("at")), _number(request.form.get("naar"))
    if to is not None:
        found = step_to(rules, raw, to)
    elif request.form.get("go") == "back":
        found = previous_step(rules, raw, at)
    else:
        found = next_step(rules, raw, at, surveys.postcode_map(survey))
    return render_step(
        survey, found, _key(request.form.get("response_key")), status=422 if found.problems else 200
    )


def _number(value: str | None) -> int | None:
    return parse_number(value)


def _key(value: str | None) -> str:
    """The response key the first screen made, or a new one if it came back garbled."""
    try:
        return str(uuid.UUID(value or ""))
    except ValueError:
        return str(uuid.uuid4())
