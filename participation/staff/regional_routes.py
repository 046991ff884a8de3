"""A municipality's admin adopts its region's campaign as its own campaign (issue 30)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from participation.domain.regional_campaigns import RegionalProblem
from participation.models import RegionalCampaign, StaffRole
from participation.services.campaigns import campaign_edits
from participation.services.regions import adoption
from participation.services.regions.campaigns import RegionalRefused
from participation.staff import bp
from participation.staff.forms.regional import AdoptionForm
from participation.timeutil import local_text, local_to_utc, utc_to_local
from participation.web.access import Page
from participation.web.roles import role_required

REFUSALS = {
    RegionalProblem.NOT_OPEN: _l("This regional campaign is not open for adoption."),
    RegionalProblem.ALREADY_ADOPTED: _l(
        "Your municipality has already adopted this regional campaign. Nothing was added."
    ),
    RegionalProblem.DATES_MISSING: _l("Give an opening and a closing time."),
    RegionalProblem.DATES_ORDER: _l("The closing time must be after the opening time."),
    RegionalProblem.TOO_MANY_THEMES: _l("A campaign can hold at most 63 themes."),
}
OUTSIDE_PERIOD = _l(
    "Your dates must lie within the region's period, from %(starts)s to %(ends)s. "
    "Nothing was added."
)


@bp.app_context_processor
def _regional_menu() -> dict[str, bool]:
    """The staff menu offers the regional campaigns to a municipality in a region."""
    return {"regional_menu": adoption.in_a_region()}


def _refusal(problem: RegionalProblem, regional: RegionalCampaign) -> str:
    if problem is RegionalProblem.DATES_OUTSIDE_PERIOD:
        starts, ends = local_text(regional.period_starts), local_text(regional.period_ends)
        return str(OUTSIDE_PERIOD % {"starts": starts, "ends": ends})
    return str(REFUSALS[problem])


@bp.get("/regional-campaigns")
@role_required(StaffRole.VIEWER)
def regional_campaigns() -> str:
    """The region's open campaigns, and which of them this municipality adopted."""
    if not adoption.in_a_region():
        abort(404)
    return render_template("staff/regional_campaigns.html", offers=adoption.offers())


def _form(regional: RegionalCampaign) -> AdoptionForm:
    form = AdoptionForm()
    offered = campaign_edits.villages()
    form.villages.choices = [(area.id, area.name) for area in offered]
    if not form.is_submitted():
        form.slug.data = regional.slug
        form.opens_at.data = utc_to_local(regional.period_starts)
        form.closes_at.data = utc_to_local(regional.period_ends)
        form.villages.data = [area.id for area in offered]
    return form


@bp.route("/regional-campaigns/<slug>/adopt", methods=["GET", "POST"])
@role_required(StaffRole.ADMIN)
def adopt_regional_campaign(slug: str) -> Page:
    """Adopt it: an ordinary campaign of this municipality (a draft) with the region's themes
    and method; everything else is then the municipality's own."""
    regional = adoption.open_by_slug(slug)
    if regional is None:
        abort(404)
    form, problem, status = _form(regional), None, 200
    if form.validate_on_submit():
        data = adoption.AdoptionData(
            slug=form.slug.data or "",
            opens_at=local_to_utc(form.opens_at.data),
            closes_at=local_to_utc(form.closes_at.data),
            village_ids=form.villages.data or [],
        )
        try:
            campaign = adoption.adopt(regional, data, current_user)
        except RegionalRefused as refused:
            status = 409 if RegionalProblem.ALREADY_ADOPTED in refused.problems else 422
            if RegionalProblem.SLUG_TAKEN in refused.problems:
                form.slug.errors = [*form.slug.errors, _("This short name is already in use.")]
            shown = [p for p in refused.problems if p is not RegionalProblem.SLUG_TAKEN]
            problem = " ".join(_refusal(p, regional) for p in shown) or None
        else:
            flash(_("Your municipality has adopted the regional campaign."), "info")
            return redirect(url_for("staff.campaign", slug=campaign.slug), code=303)
    elif form.is_submitted():
        status = 422
    page = render_template(
        "staff/regional_adopt.html",
        form=form,
        regional=regional,
        adopted=adoption.adopted_campaign(regional),
        problem=problem,
    )
    return page, status
