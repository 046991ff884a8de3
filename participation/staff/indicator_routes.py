"""Staff enter or import figures from the safety analysis, for the municipality and cores."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.domain.text_input import parse_number
from participation.models import Campaign, Indicator, StaffRole
from participation.services.campaigns import indicators
from participation.staff import bp
from participation.staff.forms import IndicatorForm, IndicatorImportForm
from participation.web import figure_problems
from participation.web.access import Page, campaign_of, campaign_or_404, owned_or_404
from participation.web.choices import SelectChoice
from participation.web.forms import ConfirmForm
from participation.web.roles import role_required


def _page(
    campaign: Campaign,
    form: IndicatorForm,
    upload: IndicatorImportForm,
    status: int = 200,
    code_errors: list[str] | None = None,
) -> Page:
    page = render_template(
        "staff/indicators.html",
        campaign=campaign,
        form=form,
        upload=upload,
        confirm=ConfirmForm(),
        indicators=indicators.for_campaign(campaign),
        codes=indicators.area_codes(campaign),
        own_code=request.form.get("own", "") if code_errors else indicators.own_code(campaign),
        code_errors=code_errors or [],
    )
    return page, status


def _form(campaign: Campaign) -> IndicatorForm:
    form = IndicatorForm()
    form.theme.choices = [(theme.id, theme.title) for theme in campaign.themes]
    form.area.choices = [SelectChoice("", _("The whole municipality"))] + [
        SelectChoice(str(area.id), area.name) for area in campaign.areas
    ]
    return form


def _upload(campaign: Campaign) -> IndicatorImportForm:
    upload = IndicatorImportForm()
    upload.theme.choices = [SelectChoice("", _("As the file's theme column says"))] + [
        SelectChoice(str(theme.id), theme.title) for theme in campaign.themes
    ]
    return upload


@bp.route("/campaigns/<slug>/indicators", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def indicators_page(slug: str) -> Page:
    campaign = campaign_or_404(slug)
    form = _form(campaign)
    if not form.is_submitted():
        return _page(campaign, form, _upload(campaign))
    values = indicators.parse_values(form.values.data or "")
    valid = form.validate()
    if values is None and not form.values.errors:
        form.values.errors = [_("Give each value as a year and a number, each year once.")]
    if not valid or values is None:
        return _page(campaign, form, _upload(campaign), 422)
    given = indicators.IndicatorInput(
        form.theme.data,
        form.name.data or "",
        form.source.data or "",
        values,
        form.trend.data or None,
        parse_number(form.area.data) if form.area.data else None,
    )
    indicators.add(campaign, given, current_user)
    flash(_("The indicator has been added."), "info")
    return redirect(url_for("staff.indicators_page", slug=slug), code=303)


@bp.post("/campaigns/<slug>/indicators/import")
@role_required(StaffRole.STAFF)
def import_indicators(slug: str) -> Page:
    """A file in CBS's shape (area code, period, figures), or the theme list of old."""
    campaign = campaign_or_404(slug)
    upload = _upload(campaign)
    if not upload.validate_on_submit():
        return _page(campaign, _form(campaign), upload, 422)
    data = upload.file.data.read(2_000_000)
    if indicators.is_theme_list(data):
        result = indicators.import_csv(campaign, data, current_user)
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
    given = indicators.FigureUpload(
        parse_number(upload.theme.data) if upload.theme.data else None,
        upload.source.data or "",
        upload.name.data or "",
    )
    imported = indicators.import_figures(campaign, data, given, current_user)
    if imported.problems:
        upload.file.errors = [figure_problems.refused(imported.problems)]
        return _page(campaign, _form(campaign), upload, 422)
    flash(
        _(
            "%(values)d figures of %(num)d indicators imported.",
            values=imported.values,
            num=imported.indicators,
        )
        + " "
        + figure_problems.left_out(imported.left_out),
        "info",
    )
    return redirect(url_for("staff.indicators_page", slug=slug), code=303)


@bp.post("/campaigns/<slug>/indicators/codes")
@role_required(StaffRole.STAFF)
def indicator_codes(slug: str) -> Page:
    """The codes a file in CBS's shape names the municipality and its cores by."""
    campaign = campaign_or_404(slug)
    if not ConfirmForm().validate_on_submit():
        return _page(campaign, _form(campaign), _upload(campaign), 400)
    cores = {area.id: request.form.get(f"area-{area.id}", "")[:40] for area in campaign.areas}
    problems = indicators.save_codes(
        campaign, request.form.get("own", "")[:40], cores, current_user
    )
    if problems:
        names = {str(area.id): area.name for area in campaign.areas}
        names["own"] = _("The municipality")
        messages = [
            _("%(area)s: this code appears twice.", area=names[key])
            if why == "twice"
            else _("%(area)s: not a code of this kind.", area=names[key])
            for key, why in problems.items()
        ]
        return _page(campaign, _form(campaign), _upload(campaign), 422, messages)
    flash(_("The codes have been saved."), "info")
    return redirect(url_for("staff.indicators_page", slug=slug) + "#codes", code=303)


@bp.post("/indicators/<int:indicator_id>/delete")
@role_required(StaffRole.STAFF)
def delete_indicator(indicator_id: int) -> Response:
    indicator = owned_or_404(Indicator, indicator_id)
    campaign = campaign_of(indicator)
    if ConfirmForm().validate_on_submit():
        indicators.delete(indicator, current_user)
        flash(_("The indicator has been deleted."), "info")
    return redirect(url_for("staff.indicators_page", slug=campaign.slug), code=303)
