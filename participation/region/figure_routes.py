"""The coordinator's figures for a regional campaign: for the region and per municipality."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.domain.text_input import parse_number
from participation.models import RegionalCampaign, RegionScope
from participation.region import bp
from participation.services.campaigns.indicators import FigureUpload, parse_values
from participation.services.regions import access, setup
from participation.services.regions import indicators as regional_indicators
from participation.web import figure_problems
from participation.web.access import Page
from participation.web.choices import SelectChoice
from participation.web.figure_forms import IndicatorForm, IndicatorImportForm
from participation.web.forms import ConfirmForm
from participation.web.region_lookups import regional_campaign_or_404
from participation.web.roles import region_scope_required

COORDINATOR = RegionScope.COORDINATOR


def _form(campaign: RegionalCampaign) -> IndicatorForm:
    form = IndicatorForm()
    form.theme.choices = [(theme.id, theme.title) for theme in campaign.themes]
    form.area.label.text = _("For")
    form.area.choices = [SelectChoice("", _("The whole region"))] + [
        SelectChoice(str(m.id), m.name) for m in setup.member_municipalities(campaign.region_id)
    ]
    return form


def _upload(campaign: RegionalCampaign) -> IndicatorImportForm:
    upload = IndicatorImportForm()
    upload.theme.choices = [SelectChoice("", _("As the file's theme column says"))] + [
        SelectChoice(str(theme.id), theme.title) for theme in campaign.themes
    ]
    return upload


def _page(
    campaign: RegionalCampaign,
    form: IndicatorForm | None = None,
    upload: IndicatorImportForm | None = None,
    status: int = 200,
    code_error: str = "",
) -> Page:
    page = render_template(
        "region/indicators.html",
        region=access.current_region(),
        campaign=campaign,
        form=form or _form(campaign),
        upload=upload or _upload(campaign),
        confirm=ConfirmForm(),
        figures=regional_indicators.table(campaign),
        members=setup.member_municipalities(campaign.region_id),
        codes=regional_indicators.area_codes(campaign),
        code_error=code_error,
    )
    return page, status


@bp.route("/staff/campaigns/<slug>/indicators", methods=["GET", "POST"])
@region_scope_required(COORDINATOR)
def regional_indicators_page(slug: str) -> Page:
    """The figures beside the common themes; adding one for the region or a municipality."""
    campaign = regional_campaign_or_404(slug)
    form = _form(campaign)
    if not form.is_submitted():
        return _page(campaign, form)
    values = parse_values(form.values.data or "")
    valid = form.validate()
    if values is None and not form.values.errors:
        form.values.errors = [_("Give each value as a year and a number, each year once.")]
    if not valid or values is None:
        return _page(campaign, form, status=422)
    given = regional_indicators.RegionalInput(
        form.theme.data,
        form.name.data or "",
        form.source.data or "",
        values,
        form.trend.data or None,
        parse_number(form.area.data) if form.area.data else None,
    )
    regional_indicators.add(campaign, given, current_user)
    flash(_("The indicator has been added."), "info")
    return redirect(url_for("region.regional_indicators_page", slug=slug), code=303)


@bp.post("/staff/campaigns/<slug>/indicators/import")
@region_scope_required(COORDINATOR)
def import_regional_indicators(slug: str) -> Page:
    """A file in CBS's shape: lines of the region's code and of its municipalities' codes."""
    campaign = regional_campaign_or_404(slug)
    upload = _upload(campaign)
    if not upload.validate_on_submit():
        return _page(campaign, upload=upload, status=422)
    given = FigureUpload(
        parse_number(upload.theme.data) if upload.theme.data else None,
        upload.source.data or "",
        upload.name.data or "",
    )
    data = upload.file.data.read(2_000_000)
    imported = regional_indicators.import_figures(campaign, data, given, current_user)
    if imported.problems:
        upload.file.errors = [figure_problems.refused(imported.problems)]
        return _page(campaign, upload=upload, status=422)
    done = _(
        "%(values)d figures of %(num)d indicators imported.",
        values=imported.values,
        num=imported.indicators,
    )
    flash(f"{done} {figure_problems.left_out(imported.left_out)}".strip(), "info")
    return redirect(url_for("region.regional_indicators_page", slug=slug), code=303)


@bp.post("/staff/campaigns/<slug>/indicators/code")
@region_scope_required(COORDINATOR)
def regional_code(slug: str) -> Page:
    """The code files name the region by (the municipalities give their own at home)."""
    campaign = regional_campaign_or_404(slug)
    region = access.current_region()
    if region is None or not ConfirmForm().validate_on_submit():
        return _page(campaign, status=400)
    if not regional_indicators.save_code(region, request.form.get("code", "")[:40], current_user):
        message = _("Not a code: two letters, then two to ten letters or digits.")
        return _page(campaign, status=422, code_error=message)
    flash(_("The codes have been saved."), "info")
    return redirect(url_for("region.regional_indicators_page", slug=slug), code=303)


@bp.post("/staff/campaigns/<slug>/indicators/<int:indicator_id>/delete")
@region_scope_required(COORDINATOR)
def delete_regional_indicator(slug: str, indicator_id: int) -> Response:
    campaign = regional_campaign_or_404(slug)
    indicator = regional_indicators.owned(campaign, indicator_id)
    if indicator is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        regional_indicators.delete(indicator, current_user)
        flash(_("The indicator has been deleted."), "info")
    return redirect(url_for("region.regional_indicators_page", slug=slug), code=303)
