"""The coordinator's pages for the regional campaign: method, period, common themes, adoptions."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from participation import tenancy
from participation.domain.regional_campaigns import RegionalProblem
from participation.models import RegionalCampaign, RegionalTheme, RegionScope
from participation.region import bp
from participation.region.forms import CommonThemeForm, RegionalCampaignForm
from participation.services.regions import campaigns
from participation.services.regions.access import current_region
from participation.timeutil import local_to_utc, utc_to_local
from participation.web.access import Page
from participation.web.forms import ConfirmForm, filled
from participation.web.region_lookups import regional_campaign_or_404
from participation.web.roles import region_scope_required

COORDINATOR = RegionScope.COORDINATOR
REFUSALS = {
    RegionalProblem.SLUG_TAKEN: _l("This short name is already in use in the region."),
    RegionalProblem.PERIOD_ORDER: _l("The period must end after it starts."),
    RegionalProblem.PICKS_ORDER: _l("The most must be at least the fewest."),
    RegionalProblem.PICKS_ABOVE_THEMES: _l(
        "Residents cannot pick more themes than the campaign has."
    ),
    RegionalProblem.PICKS_LOCKED: _l(
        "The campaign is open for adoption, so the number of themes to pick can no longer "
        "change: the municipalities took it over."
    ),
    RegionalProblem.THEMES_LOCKED: _l(
        "The campaign is open for adoption, so its common themes can no longer change: "
        "the municipalities took them over."
    ),
    RegionalProblem.PERIOD_LEAVES_OUT: _l(
        "A municipality that adopted the campaign has dates outside this period. Choose a "
        "period that includes them, or ask the municipality to change its dates first."
    ),
    RegionalProblem.NO_THEMES: _l("Add at least one common theme first."),
    RegionalProblem.DUPLICATE_THEME: _l("The campaign already has a theme with this title."),
    RegionalProblem.TOO_MANY_THEMES: _l(
        "A regional campaign holds at most 40 common themes, so that each municipality has "
        "room for its own."
    ),
    RegionalProblem.ALREADY_OPEN: _l("The campaign is already open for adoption."),
}


P = ParamSpec("P")
R = TypeVar("R")


def on_region_host(view: Callable[P, R]) -> Callable[P, R]:
    """The coordinator's pages exist only on the region's own host, where no municipality is
    chosen: on a municipality's host (or a /<municipality>/ path) they are a 404."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        if tenancy.chosen_id() is not None or tenancy.chosen_region_id() is None:
            abort(404)
        return view(*args, **kwargs)

    return wrapped


def refusal_text(problems: list[RegionalProblem]) -> str:
    return " ".join(str(REFUSALS[problem]) for problem in problems)


def _theme_or_404(campaign: RegionalCampaign, theme_id: int) -> RegionalTheme:
    found = campaigns.theme_of(campaign, theme_id)
    if found is None:
        abort(404)
    return found


def _data(form: RegionalCampaignForm) -> campaigns.RegionalCampaignData:
    return campaigns.RegionalCampaignData(
        slug=form.slug.data or "",
        title=form.title.data or "",
        intro=form.intro.data or "",
        min_picks=filled(form.min_picks.data),
        max_picks=filled(form.max_picks.data),
        period_starts=local_to_utc(filled(form.period_starts.data)),
        period_ends=local_to_utc(filled(form.period_ends.data)),
    )


def _theme_data(form: CommonThemeForm) -> campaigns.CommonThemeData:
    return campaigns.CommonThemeData(
        title=form.title.data or "",
        explanation=form.explanation.data or "",
        safety_field=form.safety_field.data or 1,
    )


@bp.get("/staff/campaigns")
@on_region_host
@region_scope_required(COORDINATOR)
def regional_campaigns() -> str:
    return render_template(
        "region/campaigns.html", region=current_region(), campaigns=campaigns.all_campaigns()
    )


def _save(form: RegionalCampaignForm, campaign: RegionalCampaign | None) -> Page:
    """Create or change the campaign; the form again (422) with the reason when refused."""
    problem = None
    if form.validate_on_submit():
        try:
            if campaign is None:
                campaign = campaigns.create(_data(form), current_user)
            else:
                campaigns.update(campaign, _data(form), current_user)
        except campaigns.RegionalRefused as refused:
            problem = refusal_text(refused.problems)
        else:
            flash(_("The regional campaign has been saved."), "info")
            return redirect(url_for("region.regional_campaign", slug=campaign.slug), code=303)
    status = 422 if form.is_submitted() else 200
    page = render_template(
        "region/campaign_form.html", form=form, campaign=campaign, problem=problem
    )
    return page, status


@bp.route("/staff/campaigns/new", methods=["GET", "POST"])
@on_region_host
@region_scope_required(COORDINATOR)
def new_regional_campaign() -> Page:
    return _save(RegionalCampaignForm(), None)


@bp.route("/staff/campaigns/<slug>/edit", methods=["GET", "POST"])
@on_region_host
@region_scope_required(COORDINATOR)
def edit_regional_campaign(slug: str) -> Page:
    campaign = regional_campaign_or_404(slug)
    form = RegionalCampaignForm()
    if not form.is_submitted():
        form.slug.data, form.title.data = campaign.slug, campaign.title
        form.intro.data = campaign.intro
        form.min_picks.data, form.max_picks.data = campaign.min_picks, campaign.max_picks
        form.period_starts.data = utc_to_local(campaign.period_starts)
        form.period_ends.data = utc_to_local(campaign.period_ends)
    return _save(form, campaign)


def _page(
    campaign: RegionalCampaign,
    theme_form: CommonThemeForm | None = None,
    problem: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    page = render_template(
        "region/campaign.html",
        campaign=campaign,
        adoptions=campaigns.adoptions(campaign),
        theme_form=theme_form or CommonThemeForm(formdata=None),
        confirm=ConfirmForm(),
        problem=problem,
    )
    return page, status


@bp.get("/staff/campaigns/<slug>")
@on_region_host
@region_scope_required(COORDINATOR)
def regional_campaign(slug: str) -> Page:
    return _page(regional_campaign_or_404(slug))


@bp.post("/staff/campaigns/<slug>/open")
@on_region_host
@region_scope_required(COORDINATOR)
def open_regional_campaign(slug: str) -> Page:
    campaign = regional_campaign_or_404(slug)
    if not ConfirmForm().validate_on_submit():
        return _page(campaign, problem=_("The form has expired. Send it again."), status=400)
    try:
        campaigns.open_for_adoption(campaign, current_user)
    except campaigns.RegionalRefused as refused:
        return _page(campaign, problem=refusal_text(refused.problems), status=409)
    flash(_("The regional campaign is open: the municipalities of the region can adopt it."))
    return redirect(url_for("region.regional_campaign", slug=slug), code=303)


@bp.post("/staff/campaigns/<slug>/themes")
@on_region_host
@region_scope_required(COORDINATOR)
def add_common_theme(slug: str) -> Page:
    campaign = regional_campaign_or_404(slug)
    form = CommonThemeForm()
    if not form.validate_on_submit():
        return _page(campaign, theme_form=form, status=422)
    try:
        campaigns.add_theme(campaign, _theme_data(form), current_user)
    except campaigns.RegionalRefused as refused:
        return _page(campaign, form, refusal_text(refused.problems), 409)
    flash(_("The theme has been added."), "info")
    return redirect(url_for("region.regional_campaign", slug=slug, _anchor="themes"), code=303)


@bp.route("/staff/campaigns/<slug>/themes/<int:theme_id>/edit", methods=["GET", "POST"])
@on_region_host
@region_scope_required(COORDINATOR)
def edit_common_theme(slug: str, theme_id: int) -> Page:
    campaign = regional_campaign_or_404(slug)
    theme = _theme_or_404(campaign, theme_id)
    form = CommonThemeForm(obj=theme)
    problem = None
    if form.validate_on_submit():
        try:
            campaigns.update_theme(theme, _theme_data(form), current_user)
        except campaigns.RegionalRefused as refused:
            problem = refusal_text(refused.problems)
        else:
            flash(_("The theme has been saved."), "info")
            return redirect(url_for("region.regional_campaign", slug=slug), code=303)
    status = 409 if problem else 422 if form.is_submitted() else 200
    page = render_template(
        "region/campaign_theme.html", form=form, campaign=campaign, theme=theme, problem=problem
    )
    return page, status


@bp.post("/staff/campaigns/<slug>/themes/<int:theme_id>/delete")
@on_region_host
@region_scope_required(COORDINATOR)
def delete_common_theme(slug: str, theme_id: int) -> Page | Response:
    campaign = regional_campaign_or_404(slug)
    theme = _theme_or_404(campaign, theme_id)
    if not ConfirmForm().validate_on_submit():
        return _page(campaign, problem=_("The form has expired. Send it again."), status=400)
    try:
        campaigns.delete_theme(theme, current_user)
    except campaigns.RegionalRefused as refused:
        return _page(campaign, problem=refusal_text(refused.problems), status=409)
    flash(_("The theme has been removed."), "info")
    return redirect(url_for("region.regional_campaign", slug=slug, _anchor="themes"), code=303)
