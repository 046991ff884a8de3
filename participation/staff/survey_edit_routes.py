"""The survey builder: settings, and adding, changing, moving and deleting questions."""

from __future__ import annotations

from functools import partial

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms.validators import ValidationError

from participation.domain.surveys import QuestionKind
from participation.models import Question, StaffRole, Survey
from participation.services import translations
from participation.services.surveys import survey_builder
from participation.staff import bp
from participation.staff.edit_messages import survey_refused_message
from participation.staff.forms import QuestionForm, SurveySettingsForm
from participation.web.access import Page, survey_or_404
from participation.web.forms import ConfirmForm
from participation.web.roles import role_required


def _question_or_404(survey: Survey, question_id: int) -> Question:
    return next((q for q in survey.questions if q.id == question_id), None) or abort(404)


def _builder_page(survey: Survey, settings: SurveySettingsForm, status: int = 200) -> Page:
    page = render_template(
        "staff/survey_builder.html",
        survey=survey,
        settings=settings,
        confirm=ConfirmForm(),
        answered=survey_builder.answered_questions(survey),
        text_languages=translations.other_languages(
            current_app.config["LANGUAGES"], partial(translations.survey_complete, survey)
        ),
        texts_endpoint="staff.survey_texts",
        texts_slug=survey.slug,
    )
    return page, status


@bp.get("/surveys/<slug>")
@role_required(StaffRole.VIEWER)
def survey_builder_page(slug: str) -> Page:
    survey = survey_or_404(slug)
    settings = SurveySettingsForm(
        title=survey.title, intro=survey.intro, layout="page" if survey.one_page else "steps"
    )
    return _builder_page(survey, settings)


@bp.post("/surveys/<slug>")
@role_required(StaffRole.STAFF)
def survey_settings(slug: str) -> Page:
    survey = survey_or_404(slug)
    settings = SurveySettingsForm()
    if not settings.validate_on_submit():
        return _builder_page(survey, settings, 422)
    survey_builder.save_settings(
        survey,
        settings.title.data or "",
        settings.intro.data or "",
        settings.layout.data == "page",
        current_user,
    )
    flash(_("The survey has been saved."), "info")
    return redirect(url_for("staff.survey_builder_page", slug=slug), code=303)


def _question_form(survey: Survey, question: Question | None) -> QuestionForm:
    if question is not None and request.method == "GET":
        form = QuestionForm(
            text=question.text,
            help=question.help,
            kind=question.kind,
            required=question.required,
            options="\n".join(o.label for o in question.options),
            last_exclusive=any(o.exclusive for o in question.options),
            max_choices=question.max_choices,
            show=[f"{question.show_if_id}:{v}" for v in question.show_values.split("|") if v],
        )
    else:
        form = QuestionForm()
    form.show.choices = [
        (f"{q.id}:{o.value}", o.label) for q in _triggers(survey, question) for o in q.options
    ]
    return form


def _triggers(survey: Survey, question: Question | None) -> list[Question]:
    """Earlier choice questions that this question's condition can point to."""
    before = question.position if question else len(survey.questions) + 1
    kinds = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.YES_SOMETIMES_NO}
    return [q for q in survey.questions if q.position < before and q.kind in kinds]


def _question_page(
    survey: Survey,
    question: Question | None,
    form: QuestionForm,
    status: int = 200,
    refused: list[str] | None = None,
) -> Page:
    page = render_template(
        "staff/survey_question.html",
        survey=survey,
        question=question,
        form=form,
        triggers=_triggers(survey, question),
        refused=refused or [],
        answered=question is not None and question.id in survey_builder.answered_questions(survey),
    )
    return page, status


@bp.route("/surveys/<slug>/questions/new", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def new_question(slug: str) -> Page:
    return _edit_question(survey_or_404(slug), None)


@bp.route("/surveys/<slug>/questions/<int:question_id>", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def edit_question(slug: str, question_id: int) -> Page:
    survey = survey_or_404(slug)
    return _edit_question(survey, _question_or_404(survey, question_id))


def _edit_question(survey: Survey, question: Question | None) -> Page:
    form = _question_form(survey, question)
    if request.method == "GET":
        return _question_page(survey, question, form)
    if not form.validate_on_submit():
        return _question_page(survey, question, form, 422)
    try:
        show_if, show_values = form.condition()
        given = survey_builder.QuestionInput(
            kind=QuestionKind(form.kind.data),
            text=form.text.data or "",
            help=form.help.data or "",
            required=form.required.data,
            labels=form.labels(),
            last_exclusive=form.last_exclusive.data,
            max_choices=form.max_choices.data,
            show_if=show_if,
            show_values=show_values,
        )
        survey_builder.save_question(survey, question, given, current_user)
    except ValidationError as error:
        form.show.errors = [str(error)]
        return _question_page(survey, question, form, 422)
    except survey_builder.EditRefused as refused:
        messages = [survey_refused_message(p) for p in refused.problems]
        return _question_page(survey, question, form, 422, messages)
    flash(_("The question has been saved."), "info")
    return redirect(url_for("staff.survey_builder_page", slug=survey.slug), code=303)


@bp.post("/surveys/<slug>/questions/<int:question_id>/move")
@role_required(StaffRole.STAFF)
def move_question(slug: str, question_id: int) -> Response:
    survey = survey_or_404(slug)
    question = _question_or_404(survey, question_id)
    step = -1 if request.form.get("direction") == "up" else 1
    if ConfirmForm().validate_on_submit():
        try:
            survey_builder.move_question(survey, question, step, current_user)
        except survey_builder.EditRefused as refused:
            flash(" ".join(survey_refused_message(p) for p in refused.problems), "error")
    return redirect(
        url_for("staff.survey_builder_page", slug=slug, _anchor=f"q{question_id}"), code=303
    )


@bp.post("/surveys/<slug>/questions/<int:question_id>/delete")
@role_required(StaffRole.STAFF)
def delete_question(slug: str, question_id: int) -> Response:
    survey = survey_or_404(slug)
    question = _question_or_404(survey, question_id)
    if ConfirmForm().validate_on_submit():
        try:
            survey_builder.delete_question(survey, question, current_user)
            flash(_("The question has been deleted."), "info")
        except survey_builder.EditRefused as refused:
            flash(" ".join(survey_refused_message(p) for p in refused.problems), "error")
    return redirect(url_for("staff.survey_builder_page", slug=slug), code=303)
