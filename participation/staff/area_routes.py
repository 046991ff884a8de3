"""Villages: population (for the weighted total) and postcodes (for survey postcode questions)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.domain.areas import read_postcodes
from participation.domain.text_input import parse_number
from participation.models import StaffRole
from participation.services.campaigns import areas, campaigns
from participation.staff import bp
from participation.web.forms import ConfirmForm
from participation.web.roles import role_required


@bp.route("/villages", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def villages_page():  # type: ignore[no-untyped-def]
    villages = campaigns.villages()
    form = ConfirmForm()
    errors: dict[str, str] = {}
    if request.method == "POST" and form.validate_on_submit():
        changes = {}
        for area in villages:
            population = request.form.get(f"population_{area.id}", "").strip().replace(".", "")
            codes = read_postcodes(request.form.get(f"postcodes_{area.id}", ""))
            if population and (parse_number(population) is None or len(population) > 7):
                errors[f"population_{area.id}"] = _(
                    "Give the number of residents as a whole number."
                )
            if codes is None:
                errors[f"postcodes_{area.id}"] = _("Give 4-digit postcodes, separated by spaces.")
            if not errors:
                changes[area] = areas.VillageDetails(
                    int(population) if population else None, codes or []
                )
        if not errors:
            try:
                areas.save_details(changes, current_user)
            except areas.PostcodesShared as shared:
                flash(
                    _(
                        "Each postcode can belong to one village only: %(codes)s.",
                        codes=", ".join(sorted(shared.shared)),
                    ),
                    "error",
                )
            else:
                flash(_("The villages have been saved."), "info")
                return redirect(url_for("staff.villages_page"), code=303)
    page = render_template(
        "staff/villages.html", villages=villages, form=form, errors=errors, given=request.form
    )
    return page, 422 if errors or request.method == "POST" else 200
