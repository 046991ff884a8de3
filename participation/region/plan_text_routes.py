"""The regional outcome's typed texts (summary, reasons, common goals and actions) in English
and Polish: the coordinator writes them, a partner reads them."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user

from participation.domain.translations import SOURCE_LANGUAGE
from participation.models import RegionalCampaign, RegionScope
from participation.region import bp
from participation.services import translations
from participation.services.regions import regional_outcome, regional_texts
from participation.web.access import Page
from participation.web.region_lookups import regional_campaign_or_404
from participation.web.roles import region_scope, region_scope_required
from participation.web.text_forms import TextsForm, outcome_texts_form

COORDINATOR = RegionScope.COORDINATOR
READERS = (RegionScope.COORDINATOR, RegionScope.PARTNER)


def _language_or_404(language: str) -> str:
    if language == SOURCE_LANGUAGE or language not in current_app.config["LANGUAGES"]:
        abort(404)
    return language


def _view(campaign: RegionalCampaign) -> regional_outcome.RegionalOutcomeView:
    # The texts only: the places residents gave are not counted for this page.
    return regional_outcome.gather(campaign, public=False, figures=False)


@bp.get("/staff/campaigns/<slug>/texts")
@region_scope_required(*READERS)
def plan_texts(slug: str) -> str:
    """Per language, how many of the outcome's typed texts are written in it."""
    campaign = regional_campaign_or_404(slug)
    items = regional_texts.items(_view(campaign))
    languages = [lang for lang in current_app.config["LANGUAGES"] if lang != SOURCE_LANGUAGE]
    return render_template(
        "region/plan_texts.html",
        campaign=campaign,
        items=items,
        language=None,
        written={lang: regional_texts.written(items, lang) for lang in languages},
        scope=region_scope(),
    )


def _texts_page(campaign: RegionalCampaign, language: str, form: TextsForm | None) -> Page:
    view = _view(campaign)
    items = regional_texts.items(view)
    page = render_template(
        "region/plan_texts.html",
        campaign=campaign,
        items=items,
        language=language,
        groups=regional_texts.groups(view),
        missing=translations.missing(items, language),
        form=form or outcome_texts_form(items, language),
        scope=region_scope(),
    )
    return page, 422 if form is not None else 200


@bp.get("/staff/campaigns/<slug>/texts/<language>")
@region_scope_required(*READERS)
def plan_texts_language(slug: str, language: str) -> Page:
    """The outcome's typed texts in one language: a form for the coordinator, a list for a
    partner."""
    return _texts_page(regional_campaign_or_404(slug), _language_or_404(language), None)


@bp.post("/staff/campaigns/<slug>/texts/<language>")
@region_scope_required(COORDINATOR)
def plan_texts_save(slug: str, language: str) -> Page:
    """Save the texts typed in the language; a blank one is shown in Dutch. Refused whole
    (nothing stored) when one is too long."""
    campaign = regional_campaign_or_404(slug)
    language = _language_or_404(language)
    items = regional_texts.items(_view(campaign))
    form = outcome_texts_form(items, language)
    if not form.validate_on_submit():
        return _texts_page(campaign, language, form)
    about = f"regional_outcome:{campaign.slug}"
    changed = translations.save(items, language, form.data, current_user, about)
    flash(ngettext("%(num)d text saved.", "%(num)d texts saved.", changed), "info")
    return redirect(url_for("region.plan_texts", slug=slug), code=303)
