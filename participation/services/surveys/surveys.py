"""Surveys: made from templates, turned into domain rules, and read back for answering."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from participation.domain.known_texts import known_translations
from participation.domain.refusals import Refused
from participation.domain.survey_templates import OptionTemplate, SurveyTemplate
from participation.domain.surveys import (
    YES_SOMETIMES_NO,
    OptionRule,
    QuestionKind,
    QuestionRule,
    check_response,
    is_visible,
)
from participation.extensions import db
from participation.models import (
    Answer,
    Campaign,
    Option,
    Question,
    StaffUser,
    Survey,
    SurveyResponse,
)
from participation.services import audit

log = logging.getLogger(__name__)


def create_from_template(
    template: SurveyTemplate,
    slug: str,
    campaign: Campaign | None = None,
    status: str = "draft",
) -> Survey:
    """A new survey with the template's questions, options and conditions (not committed)."""
    survey = Survey(
        slug=slug,
        title=template.title,
        intro=template.intro,
        translations=known_translations(title=template.title, intro=template.intro),
        campaign=campaign,
        status=status,
        one_page=template.one_page,
    )
    by_key: dict[str, Question] = {}
    for position, item in enumerate(template.questions, start=1):
        choices = item.options
        if item.kind is QuestionKind.YES_SOMETIMES_NO and not choices:
            choices = tuple(OptionTemplate(value, label) for value, label in YES_SOMETIMES_NO)
        question = Question(
            position=position,
            kind=item.kind.value,
            text=item.text,
            help=item.help,
            required=item.required,
            max_choices=item.max_choices,
            show_if=by_key[item.show_if] if item.show_if else None,
            show_values="|".join(item.show_values),
            translations=known_translations(text=item.text, help=item.help),
            options=[
                Option(
                    position=index,
                    value=o.value,
                    label=o.label,
                    exclusive=o.exclusive,
                    translations=known_translations(label=o.label),
                )
                for index, o in enumerate(choices, start=1)
            ],
        )
        by_key[item.key] = question
        survey.questions.append(question)
    db.session.add(survey)
    return survey


def by_slug(slug: str) -> Survey | None:
    return db.session.scalar(select(Survey).where(Survey.slug == slug))


def rules(survey: Survey) -> list[QuestionRule]:
    """The survey's questions as domain rules; a village question offers the campaign's villages."""
    villages = [area.slug for area in survey.campaign.areas] if survey.campaign else []
    return [
        QuestionRule(
            id=question.id,
            kind=QuestionKind(question.kind),
            required=question.required,
            options=(
                [OptionRule(slug) for slug in villages]
                if question.kind == QuestionKind.VILLAGE
                else [OptionRule(o.value, o.exclusive) for o in question.options]
            ),
            max_choices=question.max_choices,
            show_if=question.show_if_id,
            show_values=frozenset(filter(None, question.show_values.split("|"))),
        )
        for question in survey.questions
    ]


def village_answers(survey: Survey, village: str | None) -> dict[int, list[str]]:
    """The village questions answered with `village`, when it is one of the campaign's (the
    village a resident chose on the page they came from); nothing for any other text."""
    areas = survey.campaign.areas if survey.campaign else []
    if not village or village not in {area.slug for area in areas}:
        return {}
    return {q.id: [village] for q in survey.questions if q.kind == QuestionKind.VILLAGE}


class SurveyRejected(Refused):
    """The response breaks a rule (problems: question id -> AnswerProblem list); nothing of it
    was stored."""


def postcode_map(survey: Survey) -> dict[str, str]:
    """4-digit postcode → village slug, from the campaign's villages."""
    if survey.campaign is None:
        return {}
    return {code: area.slug for area in survey.campaign.areas for code in area.postcodes.split()}


def submit(
    survey: Survey,
    response_key: uuid.UUID,
    raw: Mapping[int, list[str]],
    channel: str = "web",
    source_tag: str | None = None,
) -> bool:
    """Check the whole response and store it in one transaction; False if already stored.

    A repeated response_key (double tap, resent kiosk queue) is not stored again.
    """
    checked = check_response(rules(survey), raw, postcode_map(survey))
    if checked.problems:
        log.info("survey response for %s refused: %s", survey.slug, checked.problems)
        raise SurveyRejected(checked.problems)
    if db.session.scalar(
        select(SurveyResponse.id).where(SurveyResponse.response_key == response_key)
    ):
        return False
    areas = {area.slug: area.id for area in survey.campaign.areas} if survey.campaign else {}
    response = SurveyResponse(
        response_key=response_key,
        survey_id=survey.id,
        area_id=areas.get(checked.village or ""),
        channel=channel,
        source_tag=source_tag,
    )
    questions = {question.id: question for question in survey.questions}
    for question_id, values in checked.answers.items():
        response.answers.extend(_answers(questions[question_id], values))
    db.session.add(response)
    try:
        db.session.commit()
    except IntegrityError:  # the same key, stored by a concurrent request a moment ago
        db.session.rollback()
        return False
    return True


def _answers(question: Question, values: list[str]) -> list[Answer]:
    kind = QuestionKind(question.kind)
    if kind is QuestionKind.SCORE:
        return [Answer(question_id=question.id, score=int(values[0]))]
    if kind is QuestionKind.TEXT:
        return [Answer(question_id=question.id, text=values[0])]
    if kind is QuestionKind.VILLAGE:
        return [Answer(question_id=question.id, text=values[0])]
    options = {option.value: option.id for option in question.options}
    return [Answer(question_id=question.id, option_id=options[value]) for value in values]


def answer_and_survey(answer_id: int) -> tuple[Answer, Survey] | None:
    """An answer with the survey it belongs to (for moderating it), or None."""
    found = db.session.execute(
        select(Answer, Survey)
        .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
        .join(Survey, Survey.id == SurveyResponse.survey_id)
        .where(Answer.id == answer_id)
    ).first()
    return (found[0], found[1]) if found is not None else None


def set_hidden(answer: Answer, hidden: bool, actor: StaffUser) -> None:
    """Hide an abusive open answer from the results, or show it again; audited."""
    answer.hidden = hidden
    audit.record(
        actor, "survey.answer_hidden" if hidden else "survey.answer_shown", f"answer:{answer.id}"
    )
    db.session.commit()


def set_released(answer: Answer, released: bool, actor: StaffUser) -> None:
    """Release an open answer to the public results (staff read it first), or take it back;
    audited. Nothing a resident typed is public before this."""
    answer.released = released
    action = "survey.answer_released" if released else "survey.answer_withdrawn"
    audit.record(actor, action, f"answer:{answer.id}")
    db.session.commit()


def all_surveys() -> list[tuple[Survey, int]]:
    """Every survey with its number of responses, newest first."""
    counts = dict(
        db.session.execute(
            select(SurveyResponse.survey_id, func.count()).group_by(SurveyResponse.survey_id)
        ).all()
    )
    found = db.session.scalars(select(Survey).order_by(Survey.id.desc()))
    return [(survey, counts.get(survey.id, 0)) for survey in found]


def make_survey(
    template: SurveyTemplate, slug: str, campaign: Campaign | None, actor: StaffUser
) -> Survey:
    survey = create_from_template(template, slug, campaign=campaign)
    db.session.flush()
    audit.record(actor, "survey.create", slug, f"from template {template.slug}")
    db.session.commit()
    return survey


def set_status(survey: Survey, status: str, actor: StaffUser) -> None:
    before = survey.status
    survey.status = status
    audit.record(actor, "survey.status", survey.slug, f"status: {before!r} → {status!r}")
    db.session.commit()


def duplicate(
    survey: Survey, slug: str, actor: StaffUser, campaign_id: int | None = None
) -> Survey:
    """A draft copy with the same questions, options and conditions, and no responses; part
    of `campaign_id` when given (the next cycle), else of the same campaign."""
    copy = Survey(
        slug=slug,
        title=survey.title,
        intro=survey.intro,
        campaign_id=campaign_id or survey.campaign_id,
        status="draft",
        one_page=survey.one_page,
        translations=dict(survey.translations or {}),
    )
    copies: dict[int, Question] = {}
    for question in survey.questions:
        new = Question(
            position=question.position,
            kind=question.kind,
            text=question.text,
            help=question.help,
            required=question.required,
            max_choices=question.max_choices,
            show_if=copies.get(question.show_if_id) if question.show_if_id else None,
            show_values=question.show_values,
            translations=dict(question.translations or {}),
            options=[
                Option(
                    position=o.position,
                    value=o.value,
                    label=o.label,
                    exclusive=o.exclusive,
                    translations=dict(o.translations or {}),
                )
                for o in question.options
            ],
        )
        copies[question.id] = new
        copy.questions.append(new)
    db.session.add(copy)
    db.session.flush()
    audit.record(actor, "survey.duplicate", slug, f"copy of {survey.slug}")
    db.session.commit()
    return copy


def open_for_campaign(campaign_id: int) -> Survey | None:
    """The campaign's open survey that a stand offers after the vote, if any."""
    return db.session.scalar(
        select(Survey)
        .where(Survey.campaign_id == campaign_id, Survey.status == "open")
        .order_by(Survey.id)
        .limit(1)
    )


def answer_summary(
    survey: Survey, answers: Mapping[int, list[str]]
) -> list[tuple[Question, list[str]]]:
    """The questions shown for these answers, each with its answers as the resident saw them."""
    villages = {area.slug: area.name for area in survey.campaign.areas} if survey.campaign else {}
    shown = {rule.id for rule in rules(survey) if is_visible(rule, answers)}
    summary = []
    for question in survey.questions:
        if question.id in shown:
            labels = {option.value: option.label for option in question.options} | villages
            summary.append((question, [labels.get(v, v) for v in answers.get(question.id, [])]))
    return summary
