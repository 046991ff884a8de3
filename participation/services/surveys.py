"""Surveys: made from templates, turned into domain rules, and read back for answering."""

from __future__ import annotations

from sqlalchemy import select

from participation.domain.survey_templates import SurveyTemplate
from participation.domain.surveys import OptionRule, QuestionKind, QuestionRule
from participation.extensions import db
from participation.models import Campaign, Option, Question, Survey


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
        campaign=campaign,
        status=status,
        one_page=template.one_page,
    )
    by_key: dict[str, Question] = {}
    for position, item in enumerate(template.questions, start=1):
        question = Question(
            position=position,
            kind=item.kind.value,
            text=item.text,
            help=item.help,
            required=item.required,
            max_choices=item.max_choices,
            show_if=by_key[item.show_if] if item.show_if else None,
            show_values="|".join(item.show_values),
            options=[
                Option(position=index, value=o.value, label=o.label, exclusive=o.exclusive)
                for index, o in enumerate(item.options, start=1)
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
