"""Install admin: export one municipality's data as a zip, or erase it (operators only)."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from participation.models import Municipality
from participation.services import municipalities
from participation.services.municipality_data import erasure, export
from participation.staff import bp
from participation.web.access import Page
from participation.web.files import dated_name, file_response
from participation.web.roles import operator_required


class EraseForm(FlaskForm):
    confirmation = StringField(
        _l("Short name of the municipality"),
        validators=[
            InputRequired(_l("Type the municipality's short name to confirm.")),
            Length(max=80, message=_l("Use at most %(max)d characters.")),
        ],
    )


def _problem_message(problem: str) -> str:
    return {
        "unknown": _("This municipality does not exist (any more)."),
        "confirmation": _(
            "What you typed is not the municipality's short name, exactly. Nothing was deleted."
        ),
        "only_municipality": _(
            "This is the install's only municipality: it cannot be erased. Nothing was deleted."
        ),
        "not_operator": _("Only a login that runs the install may erase a municipality."),
        "current": _(
            "You are working in this municipality. Open this page from another "
            "municipality's address to erase it. Nothing was deleted."
        ),
        "busy": _(
            "New data of this municipality came in while it was being erased (is a stand or "
            "a campaign still open?). Nothing was deleted; close it and try again."
        ),
    }[problem]


def _municipality_or_404(slug: str) -> Municipality:
    found = municipalities.by_slug(slug)
    if found is None:
        abort(404)
    return found


@bp.get("/install/<slug>/export")
@operator_required
def install_export(slug: str) -> Response:
    """All of the municipality's data as one zip (see services.municipality_data.export)."""
    from participation.renderers.municipality_export import campaign_files  # loads openpyxl

    row = _municipality_or_404(slug)
    data = export.export_zip(row.id, campaign_files)
    return file_response(data, "application/zip", dated_name(row.slug, "gegevens", ext="zip"))


@bp.route("/install/<slug>/erase", methods=["GET", "POST"])
@operator_required
def install_erase(slug: str) -> Page:
    """Erase the municipality once the operator typed its short name; 400 otherwise."""
    row = _municipality_or_404(slug)
    form = EraseForm()
    form.confirmation.description = _("Type %(slug)s to confirm.", slug=row.slug)
    problem = None
    if form.validate_on_submit():
        try:
            report = erasure.erase(row.id, form.confirmation.data or "", current_user)
        except erasure.ErasureRefused as refused:
            problem = " ".join(_problem_message(str(each)) for each in refused.problems)
        else:
            flash(
                _(
                    "%(name)s (%(slug)s) has been erased: %(rows)s rows, and "
                    "%(logins)s logins that worked nowhere else.",
                    name=report.name or report.slug,
                    slug=report.slug,
                    rows=report.total_rows,
                    logins=report.logins_removed,
                ),
                "info",
            )
            return redirect(url_for("staff.install_home"), code=303)
    page = render_template("staff/install/erase.html", form=form, municipality=row, problem=problem)
    return page, 400 if form.is_submitted() else 200
