"""Villages: population (for the weighted total) and postcodes (for survey postcode questions)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.models import StaffRole
from participation.services.campaigns import areas, campaigns
from participation.staff import bp
from participation.staff.forms.villages import read_village_details
from participation.web.forms import ConfirmForm
from participation.web.roles import role_required


@bp.route("/villages", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def villages_page():  # type: ignore[no-untyped-def]
    villages = campaigns.villages()
    form = ConfirmForm()
    errors: dict[str, str] = {}
    if request.method == "POST" and form.validate_on_submit():
        changes, errors = read_village_details(request.form, villages)
        if not errors:
            try:
                areas.save_details(changes, current_user)
            except areas.PostcodesShared as shared:
                codes = ", ".join(sorted(shared.problems))
                flash(
                    _("Each postcode can belong to one village only: %(codes)s.", codes=codes),
                    "error",
                )
            else:
                flash(_("The villages have been saved."), "info")
                return redirect(url_for("staff.villages_page"), code=303)
    page = render_template(
        "staff/villages.html", villages=villages, form=form, errors=errors, given=request.form
    )
    return page, 422 if errors or request.method == "POST" else 200
