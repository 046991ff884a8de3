"""Staff pages for a campaign's and a survey's texts in English and Polish."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user

from participation.domain.translations import SOURCE_LANGUAGE
from participation.models import StaffRole
from participation.services.translations import (
    TextItem,
    campaign_items,
    missing,
    save,
    survey_items,
)
from participation.staff import bp
from participation.staff.forms import texts_form
from participation.web.access import Page, campaign_or_404, survey_or_404
from participation.web.roles import role_required


def _language_or_404(language: str) -> str:
    if language == SOURCE_LANGUAGE or language not in current_app.config["LANGUAGES"]:
        abort(404)
    return language


def _texts_page(items: list[TextItem], language: str, about: str, back: str, title: str) -> Page:
    form = texts_form(items, language)
    if form.validate_on_submit():
        changed = save(items, language, form.data, current_user, about)
        flash(ngettext("%(num)d text saved.", "%(num)d texts saved.", changed), "info")
        return redirect(back)
    page = render_template(
        "staff/texts.html",
        form=form,
        items=items,
        language=language,
        missing=missing(items, language),
        back=back,
        title=title,
    )
    return page, 422 if form.is_submitted() else 200


@bp.route("/campaigns/<slug>/texts/<language>", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def campaign_texts(slug: str, language: str) -> Page:
    """The campaign's title, intro and themes in another language."""
    campaign = campaign_or_404(slug)
    language = _language_or_404(language)
    back = url_for("staff.campaign", slug=slug)
    return _texts_page(campaign_items(campaign), language, campaign.slug, back, campaign.title)


@bp.route("/surveys/<slug>/texts/<language>", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def survey_texts(slug: str, language: str) -> Page:
    """The survey's title, intro, questions and options in another language."""
    survey = survey_or_404(slug)
    language = _language_or_404(language)
    back = url_for("staff.survey_builder_page", slug=slug)
    return _texts_page(survey_items(survey), language, f"survey:{slug}", back, survey.title)
