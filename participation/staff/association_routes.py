"""Staff register village associations, send invite links, and revoke them."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.models import Association, StaffRole
from participation.services.campaigns import associations
from participation.staff import bp
from participation.staff.forms import AssociationForm
from participation.web.access import Page, campaign_or_404, owned_or_404
from participation.web.forms import ConfirmForm
from participation.web.links import public_url
from participation.web.roles import role_required


@bp.route("/campaigns/<slug>/associations", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def associations_page(slug: str) -> Page:
    campaign = campaign_or_404(slug)
    form = AssociationForm()
    form.village.choices = [(area.id, area.name) for area in campaign.areas]
    if form.validate_on_submit():
        # One of the campaign's villages: the form's choices allow no other.
        area = next(a for a in campaign.areas if a.id == form.village.data)
        associations.register(
            campaign, area, form.name.data or "", form.contact_role.data or "", current_user
        )
        flash(_("The association is registered. Send it the invite link below."), "info")
        return redirect(url_for("staff.associations_page", slug=slug), code=303)
    found = associations.for_campaign(campaign)
    page = render_template(
        "staff/associations.html",
        campaign=campaign,
        form=form,
        confirm=ConfirmForm(),
        associations=found,
        links={a.id: public_url("associations.home", token=a.token) for a in found},
    )
    return page, 422 if form.errors else 200


def _association_or_404(association_id: int) -> Association:
    return owned_or_404(Association, association_id)


@bp.post("/associations/<int:association_id>/new-link")
@role_required(StaffRole.STAFF)
def association_new_link(association_id: int) -> Response:
    association = _association_or_404(association_id)
    if ConfirmForm().validate_on_submit():
        associations.reissue(association, current_user)
        flash(_("A new invite link was made; the old one no longer works."), "info")
    return redirect(url_for("staff.associations_page", slug=association.campaign.slug), code=303)


@bp.post("/associations/<int:association_id>/revoke")
@role_required(StaffRole.STAFF)
def association_revoke(association_id: int) -> Response:
    association = _association_or_404(association_id)
    if ConfirmForm().validate_on_submit():
        associations.revoke(association, current_user)
        flash(_("The invite link no longer works. The views given stay."), "info")
    return redirect(url_for("staff.associations_page", slug=association.campaign.slug), code=303)
