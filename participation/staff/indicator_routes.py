"""Staff enter or import figures from the safety analysis per theme."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.models import Campaign, Indicator, StaffRole
from participation.services.campaigns import indicators
from participation.staff import bp
from participation.staff.forms import IndicatorForm, IndicatorImportForm
from participation.web.access import Page, campaign_of, campaign_or_404, owned_or_404
from participation.web.forms import ConfirmForm
from participation.web.roles import role_required


def _page(
    campaign: Campaign, form: IndicatorForm, upload: IndicatorImportForm, status: int = 200
) -> Page:
    page = render_template(
        "staff/indicators.html",
        campaign=campaign,
        form=form,
        upload=upload,
        confirm=ConfirmForm(),
        indicators=indicators.for_campaign(campaign),
    )
    return page, status


def _form(campaign: Campaign) -> IndicatorForm:
    form = IndicatorForm()
    form.theme.choices = [(theme.id, theme.title) for theme in campaign.themes]
    return form


@bp.route("/campaigns/<slug>/indicators", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def indicators_page(slug: str) -> Page:
    campaign = campaign_or_404(slug)
    form = _form(campaign)
    if not form.is_submitted():
        return _page(campaign, form, IndicatorImportForm())
    values = indicators.parse_values(form.values.data or "")
    valid = form.validate()
    if values is None and not form.values.errors:
        form.values.errors = [_("Give each value as a year and a number, each year once.")]
    if not valid or values is None:
        return _page(campaign, form, IndicatorImportForm(), 422)
    given = indicators.IndicatorInput(
        form.theme.data,
        form.name.data or "",
        form.source.data or "",
        values,
        form.trend.data or None,
    )
    indicators.add(campaign, given, current_user)
    flash(_("The indicator has been added."), "info")
    return redirect(url_for("staff.indicators_page", slug=slug), code=303)


@bp.post("/campaigns/<slug>/indicators/import")
@role_required(StaffRole.STAFF)
def import_indicators(slug: str) -> Page:
    campaign = campaign_or_404(slug)
    upload = IndicatorImportForm()
    if not upload.validate_on_submit():
        return _page(campaign, _form(campaign), upload, 422)
    result = indicators.import_csv(campaign, upload.file.data.read(2_000_000), current_user)
    if result.problems:
        upload.file.errors = [
            _(
                "Nothing was imported. Check these rows: %(rows)s",
                rows=", ".join(result.problems[:10]),
            )
        ]
        return _page(campaign, _form(campaign), upload, 422)
    flash(_("%(num)d indicators imported.", num=result.indicators), "info")
    return redirect(url_for("staff.indicators_page", slug=slug), code=303)


@bp.post("/indicators/<int:indicator_id>/delete")
@role_required(StaffRole.STAFF)
def delete_indicator(indicator_id: int) -> Response:
    indicator = owned_or_404(Indicator, indicator_id)
    campaign = campaign_of(indicator)
    if ConfirmForm().validate_on_submit():
        indicators.delete(indicator, current_user)
        flash(_("The indicator has been deleted."), "info")
    return redirect(url_for("staff.indicators_page", slug=campaign.slug), code=303)
