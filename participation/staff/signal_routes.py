"""Signals (bursts, household extras) and leaving groups of ballots out of the results."""

from __future__ import annotations

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.domain.sources import clean_source_tag
from participation.models import BallotExclusion, StaffRole
from participation.services.results import exclusions, signals
from participation.staff import bp
from participation.staff.forms import ExclusionForm
from participation.web.access import CHANNELS, campaign_or_404, owned_or_404
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
        exclusions=signals.exclusions(campaign),
        confirm=ConfirmForm(),
    )


def _burst_from_query() -> dict | None:  # type: ignore[type-arg]
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
def new_exclusion(slug: str):  # type: ignore[no-untyped-def]
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


@bp.post("/exclusions/<int:exclusion_id>/undo")
@role_required(StaffRole.STAFF)
def undo_exclusion(exclusion_id: int) -> Response:
    exclusion = owned_or_404(BallotExclusion, exclusion_id)
    slug = exclusions.exclusion_target(exclusion)
    if not exclusion.active:
        flash(_("This exclusion was already undone."), "info")
    elif ConfirmForm().validate_on_submit():
        counted = exclusions.undo(exclusion, current_user)
        flash(_("%(num)d ballots are counted again.", num=counted), "info")
    else:
        flash(_("Nothing was changed."), "error")
    return redirect(url_for("staff.signals_page", slug=slug), code=303)
