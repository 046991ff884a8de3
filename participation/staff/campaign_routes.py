"""Staff pages for campaigns: viewers read, staff change (themes: theme_routes.py)."""

from __future__ import annotations

from functools import partial

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from participation.domain.campaign_edits import EditProblem
from participation.domain.regional_campaigns import Period
from participation.domain.theme_order import BallotOrder
from participation.models import Campaign, StaffRole
from participation.services import translations
from participation.services.campaigns import campaign_edits
from participation.services.outcome import cycles
from participation.services.results import participants
from participation.services.stands import remarks, stand_planning
from participation.staff import bp
from participation.staff.edit_messages import refused_message
from participation.staff.forms import CampaignForm, ThemeForm
from participation.timeutil import local_text, local_to_utc, utc_to_local
from participation.web.access import Page, campaign_or_404
from participation.web.forms import ConfirmForm
from participation.web.roles import role_required


def _campaign_form(campaign: Campaign | None) -> CampaignForm:
    form = CampaignForm()
    offered = campaign_edits.villages(campaign.areas if campaign is not None else ())
    form.villages.choices = [(area.id, area.name) for area in offered]
    if campaign is not None and not form.is_submitted():
        form.slug.data, form.title.data, form.intro.data = (
            campaign.slug,
            campaign.title,
            campaign.intro,
        )
        form.status.data = campaign.status
        form.opens_at.data = utc_to_local(campaign.opens_at)
        form.closes_at.data = utc_to_local(campaign.closes_at)
        form.min_picks.data, form.max_picks.data = campaign.min_picks, campaign.max_picks
        form.results_published.data = campaign.results_published
        form.show_live_at_stand.data = campaign.show_live_at_stand
        form.associations_see_live.data = campaign.associations_see_live
        form.keep_informed.data = campaign.keep_informed
        form.ballots_per_device.data = campaign.ballots_per_device
        form.ballot_order.data = campaign.ballot_order
        form.villages.data = [area.id for area in campaign.areas]
    if campaign is not None and (terms := campaign_edits.regional_terms(campaign)):
        _as_the_region_set(form, *terms)
    return form


def _as_the_region_set(form: CampaignForm, picks: tuple[int, int], period: Period) -> None:
    """An adopted campaign: the picks are the region's (shown, not to be typed over), the
    dates lie in its period; both said beside the fields instead of only after a save."""
    for number in (form.min_picks, form.max_picks):
        number.render_kw = {"readonly": True}
        number.description = _(
            "Set by the region: every municipality's residents pick %(low)d to %(high)d themes.",
            low=picks[0],
            high=picks[1],
        )
    within = _(
        "Within the region's period: %(start)s to %(end)s.",
        start=local_text(period.starts),
        end=local_text(period.ends),
    )
    form.opens_at.description = form.closes_at.description = within


def _campaign_data(form: CampaignForm) -> campaign_edits.CampaignData:
    return campaign_edits.CampaignData(
        slug=form.slug.data or "",
        title=form.title.data or "",
        intro=form.intro.data or "",
        status=form.status.data or "draft",
        opens_at=local_to_utc(form.opens_at.data),
        closes_at=local_to_utc(form.closes_at.data),
        min_picks=form.min_picks.data or 1,
        max_picks=form.max_picks.data or 1,
        results_published=bool(form.results_published.data),
        village_ids=form.villages.data or [],
        show_live_at_stand=bool(form.show_live_at_stand.data),
        associations_see_live=bool(form.associations_see_live.data),
        keep_informed=bool(form.keep_informed.data),
        ballots_per_device=form.ballots_per_device.data or 1,
        ballot_order=form.ballot_order.data or BallotOrder.RANDOM.value,
    )


def _save(form: CampaignForm, campaign: Campaign | None) -> Page:
    status = 422 if form.is_submitted() else 200
    ask_rename = _asks_rename(form, campaign)
    if form.validate_on_submit() and not (ask_rename and not form.confirm_rename.data):
        try:
            saved = campaign_edits.save_campaign(campaign, _campaign_data(form), current_user)
        except campaign_edits.EditRefused as refused:
            if EditProblem.SLUG_TAKEN in refused.problems:
                form.slug.errors = [*form.slug.errors, refused_message([EditProblem.SLUG_TAKEN])]
            else:
                flash(refused_message(refused.problems), "error")
        else:
            flash(_("The campaign has been saved."), "info")
            return redirect(url_for("staff.campaign", slug=saved.slug))
    elif ask_rename and not form.errors:
        form.slug.errors = [*form.slug.errors, RENAME_WARNING]
    page = render_template(
        "staff/campaign_form.html", form=form, campaign=campaign, ask_rename=ask_rename
    )
    return page, status


def _asks_rename(form: CampaignForm, campaign: Campaign | None) -> bool:
    """A new short name for a campaign with ballots or print: staff confirm it first."""
    if campaign is None or not form.is_submitted() or form.slug.data == campaign.slug:
        return False
    return campaign_edits.rename_matters(campaign)


RENAME_WARNING = _l(
    "This campaign has ballots or printed posters, flyers or codes with its short name. "
    "Links with the old name will keep leading here, but new print will show the new one. "
    "Tick the box below to rename it."
)


@bp.route("/campaigns/new", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def new_campaign() -> Page:
    return _save(_campaign_form(None), None)


@bp.route("/campaigns/<slug>/edit", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def edit_campaign(slug: str) -> Page:
    campaign = campaign_or_404(slug)
    return _save(_campaign_form(campaign), campaign)


@bp.get("/campaigns/<slug>")
@role_required(StaffRole.VIEWER)
def campaign(slug: str) -> str:
    campaign = campaign_or_404(slug)
    planned = stand_planning.for_campaign(campaign)
    return render_template(
        "staff/campaign.html",
        campaign=campaign,
        stands=planned,
        ballots=campaign_edits.ballots_cast(campaign),  # stored ones: they fix the themes
        participants=participants.counted(campaign),
        previous=cycles.previous_of(campaign),
        theme_form=ThemeForm(),
        confirm=ConfirmForm(),
        text_languages=translations.other_languages(
            current_app.config["LANGUAGES"], partial(translations.campaign_complete, campaign)
        ),
        texts_endpoint="staff.campaign_texts",
        texts_slug=campaign.slug,
    )


@bp.get("/campaigns/<slug>/remarks")
@role_required(StaffRole.VIEWER)
def campaign_remarks(slug: str) -> str:
    """Remarks from every stand of the campaign, optionally only those about one theme."""
    campaign = campaign_or_404(slug)
    theme_id = request.args.get("thema", type=int)
    theme = next((t for t in campaign.themes if t.id == theme_id), None)
    return render_template(
        "staff/remarks.html",
        campaign=campaign,
        theme=theme,
        remarks=remarks.for_theme(campaign, theme),
    )
