"""Staff edit a survey's settings and questions, within the rules that protect given answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select

from participation.domain.refusals import Refused
from participation.domain.survey_edits import (
    QuestionDraft,
    Trigger,
    check_delete,
    check_order,
    check_question,
    moved,
    option_values,
)
from participation.domain.surveys import YES_SOMETIMES_NO, QuestionKind
from participation.extensions import db
from participation.models import Answer, Option, Question, StaffUser, Survey, SurveyResponse
from participation.services import audit


@dataclass(frozen=True)
class QuestionInput:
    """A question as staff filled it in; option labels in order, one per line."""

    kind: QuestionKind
    text: str
    help: str = ""
    required: bool = False
    labels: tuple[str, ...] = ()
    last_exclusive: bool = False
    max_choices: int | None = None
    show_if: int | None = None
    show_values: frozenset[str] = frozenset()


class EditRefused(Refused):
    """The edit would break answers or conditions (problems: SurveyEditProblem); nothing was
    changed."""


def answered_questions(survey: Survey) -> set[int]:
    """Ids of the survey's questions that have answers (a postcode counts once anyone answered)."""
    found = set(
        db.session.scalars(
            select(Answer.question_id)
            .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
            .where(SurveyResponse.survey_id == survey.id)
            .distinct()
        )
    )
    any_response = select(SurveyResponse.id).where(SurveyResponse.survey_id == survey.id)
    if db.session.scalar(any_response.limit(1)) is not None:
        found |= {q.id for q in survey.questions if q.kind == QuestionKind.POSTCODE}
    return found


def draft_of(question: Question) -> QuestionDraft:
    return QuestionDraft(
        kind=QuestionKind(question.kind),
        options=tuple(o.value for o in question.options),
        exclusive=frozenset(o.value for o in question.options if o.exclusive),
        max_choices=question.max_choices,
        show_if=question.show_if_id,
        show_values=frozenset(filter(None, question.show_values.split("|"))),
    )


def _options(given: QuestionInput, existing: list[Option]) -> list[tuple[str, str]]:
    if given.kind is QuestionKind.YES_SOMETIMES_NO:
        return list(YES_SOMETIMES_NO)
    if given.kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return []
    return option_values(given.labels, [(o.value, o.label) for o in existing])


def save_question(
    survey: Survey, question: Question | None, given: QuestionInput, actor: StaffUser
) -> Question:
    """Add a question at the end, or change one; raises EditRefused and changes nothing."""
    existing = list(question.options) if question else []
    pairs = _options(given, existing)
    exclusive = {pairs[-1][0]} if given.last_exclusive and pairs else set()
    after = QuestionDraft(
        kind=given.kind,
        options=tuple(value for value, _ in pairs),
        exclusive=frozenset(exclusive) if given.kind is QuestionKind.MULTIPLE else frozenset(),
        max_choices=given.max_choices if given.kind is QuestionKind.MULTIPLE else None,
        show_if=given.show_if,
        show_values=given.show_values if given.show_if else frozenset(),
    )
    dependents = [q for q in survey.questions if question and q.show_if_id == question.id]
    problems = check_question(
        after,
        before=draft_of(question) if question else None,
        answered=question is not None and question.id in answered_questions(survey),
        trigger=_trigger(survey, question, given.show_if),
        used_by_others={v for q in dependents for v in draft_of(q).show_values},
        has_dependents=bool(dependents),
        has_villages=bool(survey.campaign and survey.campaign.areas),
    )
    if problems:
        raise EditRefused(problems)
    if question is None:
        question = Question(position=len(survey.questions) + 1)
        survey.questions.append(question)
    _apply(question, given, after, pairs)
    db.session.flush()
    audit.record(actor, "survey.question", survey.slug, f"question {question.id}: {given.text}")
    db.session.commit()
    return question


def _trigger(survey: Survey, question: Question | None, trigger_id: int | None) -> Trigger | None:
    trigger = next((q for q in survey.questions if q.id == trigger_id), None)
    if trigger is None:
        return None
    position = question.position if question else len(survey.questions) + 1
    return Trigger(
        QuestionKind(trigger.kind),
        tuple(o.value for o in trigger.options),
        earlier=trigger.position < position,
    )


def _apply(
    question: Question, given: QuestionInput, after: QuestionDraft, pairs: list[tuple[str, str]]
) -> None:
    question.kind = given.kind.value
    question.text = given.text
    question.help = given.help
    question.required = given.required
    question.max_choices = after.max_choices
    question.show_if_id = after.show_if
    question.show_values = "|".join(sorted(after.show_values))
    by_value = {option.value: option for option in question.options}
    options = []
    for position, (value, label) in enumerate(pairs, start=1):
        option = by_value.pop(value, None) or Option(value=value)
        option.label, option.exclusive = label, value in after.exclusive
        options.append((position, option))
    for option in by_value.values():  # only reachable before answers: check_question said so
        question.options.remove(option)
    db.session.flush()
    _renumber([option for _, option in options], question.options)


_Positioned = TypeVar("_Positioned", Option, Question)


def _renumber(ordered: list[_Positioned], collection: list[_Positioned]) -> None:
    """Give rows positions 1..n in `ordered` order without tripping the unique position."""
    for index, row in enumerate(ordered, start=1):
        row.position = -index
        if row not in collection:
            collection.append(row)
    db.session.flush()
    for row in ordered:
        row.position = -row.position
    db.session.flush()


def move_question(survey: Survey, question: Question, step: int, actor: StaffUser) -> None:
    """Move a question one place up (−1) or down (+1); a condition must stay after its trigger."""
    order = moved([q.id for q in survey.questions], question.id, step)
    conditions = {q.id: q.show_if_id for q in survey.questions if q.show_if_id}
    problems = check_order(order, conditions)
    if problems:
        raise EditRefused(problems)
    by_id = {q.id: q for q in survey.questions}
    _renumber([by_id[question_id] for question_id in order], survey.questions)
    audit.record(actor, "survey.question_moved", survey.slug, f"question {question.id}")
    db.session.commit()
    db.session.refresh(survey)


def delete_question(survey: Survey, question: Question, actor: StaffUser) -> None:
    """Delete a question nobody answered and nothing depends on; the rest close ranks."""
    problems = check_delete(
        answered=question.id in answered_questions(survey),
        has_dependents=any(q.show_if_id == question.id for q in survey.questions),
    )
    if problems:
        raise EditRefused(problems)
    text = question.text
    survey.questions.remove(question)
    db.session.flush()
    _renumber(list(survey.questions), survey.questions)
    audit.record(actor, "survey.question_deleted", survey.slug, text)
    db.session.commit()


def save_settings(survey: Survey, title: str, intro: str, one_page: bool, actor: StaffUser) -> None:
    survey.title, survey.intro, survey.one_page = title, intro, one_page
    audit.record(actor, "survey.settings", survey.slug, "one page" if one_page else "paged")
    db.session.commit()
