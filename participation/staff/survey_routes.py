"""Surveys for staff: make one from a template, open or close it, duplicate it, preview it."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms import Field

from participation.domain.survey_templates import TEMPLATES
from participation.models import Campaign, StaffRole
from participation.services.campaigns.campaign_edits import all_campaigns
from participation.services.surveys import surveys
from participation.staff import bp
from participation.staff.forms import DuplicateSurveyForm, NewSurveyForm, SurveyStatusForm
from participation.web.access import Page, owned_or_404, survey_or_404
from participation.web.roles import role_required


def _new_form() -> NewSurveyForm:
    form = NewSurveyForm()
    form.template.choices = [
        (slug, t.title if t.questions else _("An empty survey: add your own questions"))
        for slug, t in TEMPLATES.items()
    ]
    campaigns = all_campaigns()
    form.campaign.choices = [(0, _("None: a survey on its own"))] + [
        (c.id, c.title) for c in campaigns
    ]
    return form


def _slug_free(slug: str, field: Field) -> bool:
    if surveys.by_slug(slug) is not None:
        field.errors = [*field.errors, _("This short name is already in use.")]
        return False
    return True


def _list_page(form: NewSurveyForm, status: int = 200) -> Page:
    page = render_template(
        "staff/surveys.html",
        surveys=surveys.all_surveys(),
        form=form,
        status_form=SurveyStatusForm(),
        duplicate_form=DuplicateSurveyForm(),
    )
    return page, status


@bp.get("/surveys")
@role_required(StaffRole.VIEWER)
def survey_list() -> Page:
    return _list_page(_new_form())


@bp.post("/surveys")
@role_required(StaffRole.STAFF)
def new_survey() -> Page:
    form = _new_form()
    if not (form.validate_on_submit() and _slug_free(form.slug.data or "", form.slug)):
        return _list_page(form, 422)
    campaign = owned_or_404(Campaign, form.campaign.data) if form.campaign.data else None
    surveys.make_survey(TEMPLATES[form.template.data], form.slug.data or "", campaign, current_user)
    flash(
        _("The survey was made as a draft. Check its questions and preview it, then open it."),
        "info",
    )
    return redirect(url_for("staff.survey_builder_page", slug=form.slug.data), code=303)


@bp.post("/surveys/<slug>/status")
@role_required(StaffRole.STAFF)
def survey_status(slug: str) -> Response:
    survey = survey_or_404(slug)
    form = SurveyStatusForm()
    if form.validate_on_submit():
        surveys.set_status(survey, form.status.data or "draft", current_user)
        flash(_("The status of %(title)s is changed.", title=survey.title), "info")
    return redirect(url_for("staff.survey_list"), code=303)


@bp.post("/surveys/<slug>/duplicate")
@role_required(StaffRole.STAFF)
def survey_duplicate(slug: str) -> Response:
    survey = survey_or_404(slug)
    form = DuplicateSurveyForm()
    if form.validate_on_submit() and _slug_free(form.slug.data or "", form.slug):
        surveys.duplicate(survey, form.slug.data or "", current_user)
        flash(_("A draft copy was made."), "info")
    else:
        flash(" ".join(map(str, form.slug.errors)) or _("Nothing was changed."), "error")
    return redirect(url_for("staff.survey_list"), code=303)
