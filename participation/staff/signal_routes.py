"""Signals (bursts, household extras, paced tablets) and leaving groups of ballots out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.domain.sources import clean_source_tag
from participation.domain.text_input import parse_number
from participation.models import BallotExclusion, StaffRole
from participation.services.results import exclusions, signals
from participation.services.stands import kiosk_devices
from participation.staff import bp
from participation.staff.forms import ExclusionForm
from participation.staff.forms.signals import StandExclusionForm
from participation.timeutil import local_to_utc
from participation.web.access import CHANNELS, Page, campaign_or_404, owned_or_404, stand_or_404
from participation.web.forms import ConfirmForm
from participation.web.roles import role_required


@bp.get("/campaigns/<slug>/signals")
@role_required(StaffRole.VIEWER)
def signals_page(slug: str) -> str:
    campaign = campaign_or_404(slug)
    return render_template(
        "staff/signals.html",
        campaign=campaign,
        bursts=signals.bursts(campaign),
        household=signals.household(campaign),
        paced=signals.paced_tablets(campaign),
        pace_seconds=kiosk_devices.pace_settings()[0],
        exclusions=signals.exclusions(campaign),
        confirm=ConfirmForm(),
    )


def _burst_from_query() -> dict[str, Any] | None:
    """The burst named in the query (?kanaal=&bron=&van=&tot=), or None if it is malformed."""
    channel = request.args.get("kanaal", "")
    raw_source = request.args.get("bron") or None
    source = clean_source_tag(raw_source)
    try:
        starts_at = datetime.fromisoformat(request.args.get("van", ""))
        ends_at = datetime.fromisoformat(request.args.get("tot", ""))
    except ValueError:
        return None
    if channel not in CHANNELS or (raw_source and not source):
        return None
    return {"channel": channel, "source_tag": source, "starts_at": starts_at, "ends_at": ends_at}


@bp.route("/campaigns/<slug>/exclusions/new", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def new_exclusion(slug: str) -> Page:
    """Confirm, with a reason, leaving out a burst (?soort=burst&…) or the household extras."""
    campaign = campaign_or_404(slug)
    kind = request.args.get("soort")
    burst = _burst_from_query() if kind == "burst" else None
    if kind not in {"burst", "household"} or (kind == "burst" and burst is None):
        abort(400)
    form = ExclusionForm()
    if form.validate_on_submit():
        reason = (form.reason.data or "").strip()
        try:
            if burst is not None:
                exclusion = exclusions.exclude_burst(
                    campaign, **burst, reason=reason, actor=current_user
                )
            else:
                exclusion = exclusions.exclude_household_extras(campaign, reason, current_user)
        except exclusions.NothingToExclude:
            flash(_("No counted ballots match any more; nothing was changed."), "error")
        else:
            flash(_("%(num)d ballots are left out of the results.", num=exclusion.ballots), "info")
        return redirect(url_for("staff.signals_page", slug=slug), code=303)
    page = render_template(
        "staff/exclusion_form.html",
        campaign=campaign,
        form=form,
        kind=kind,
        burst=burst,
        household=signals.household(campaign) if kind == "household" else None,
    )
    return page, 422 if form.errors else 200


def _local_minute(value: str | None) -> datetime | None:
    try:
        return datetime.strptime(value or "", "%Y-%m-%dT%H:%M")
    except ValueError:
        return None


@bp.route("/stands/<int:stand_id>/exclusions/new", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def new_stand_exclusion(stand_id: int) -> Page:
    """Leave out a stand's kiosk ballots: all tablets or one (?tablet=), optionally between two
    local times (?van=&tot=, as 2026-05-02T10:15), with a reason."""
    stand = stand_or_404(stand_id)
    form = StandExclusionForm()
    form.tablet.choices = [(0, _("All tablets of this stand"))] + [
        (row.device.id, row.device.name) for row in kiosk_devices.devices(stand)
    ]
    if not form.is_submitted():
        form.tablet.data = parse_number(request.args.get("tablet", "")) or 0
        form.starts_at.data = _local_minute(request.args.get("van"))
        form.ends_at.data = _local_minute(request.args.get("tot"))
    device = kiosk_devices.device_of_stand(stand, form.tablet.data)
    starts_at, ends_at = local_to_utc(form.starts_at.data), local_to_utc(form.ends_at.data)
    if form.validate_on_submit():
        reason = (form.reason.data or "").strip()
        try:
            exclusion = exclusions.exclude_stand(
                stand, device, starts_at, ends_at, reason, current_user
            )
        except exclusions.NothingToExclude:
            flash(_("No counted ballots match any more; nothing was changed."), "error")
        else:
            flash(_("%(num)d ballots are left out of the results.", num=exclusion.ballots), "info")
        return redirect(url_for("staff.signals_page", slug=stand.campaign.slug), code=303)
    page = render_template(
        "staff/exclusion_form.html",
        campaign=stand.campaign,
        form=form,
        kind="stand",
        stand=stand,
        matching=exclusions.counted_at_stand(stand, device, starts_at, ends_at)
        if not form.errors
        else None,
    )
    return page, 422 if form.errors else 200


@bp.post("/exclusions/<int:exclusion_id>/undo")
@role_required(StaffRole.STAFF)
def undo_exclusion(exclusion_id: int) -> Response:
    exclusion = owned_or_404(BallotExclusion, exclusion_id)
    slug = exclusions.exclusion_target(exclusion)
    if not exclusion.active:
        flash(_("This exclusion was already undone."), "info")
    elif exclusions.released_since(exclusion):
        flash(
            _(
                "Figures without these ballots have been released to the public since; "
                "counting them again would let anyone work out the few new ballots beside "
                "them. They stay left out."
            ),
            "error",
        )
    elif ConfirmForm().validate_on_submit():
        counted = exclusions.undo(exclusion, current_user)
        flash(_("%(num)d ballots are counted again.", num=counted), "info")
    else:
        flash(_("Nothing was changed."), "error")
    return redirect(url_for("staff.signals_page", slug=slug), code=303)
