"""The municipality settings page: name, logo, colour, contact lines, mail sender, retention."""

from __future__ import annotations

from babel.numbers import format_decimal
from flask import flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from participation.domain.house_style import (
    MAX_LOGO_BYTES,
    MIN_CONTRAST,
    LogoProblem,
    contrast_ratio,
)
from participation.models import StaffRole
from participation.services import municipality
from participation.staff import bp
from participation.staff.forms import MunicipalityForm
from participation.web.access import Page
from participation.web.input_gate import allows_upload
from participation.web.roles import role_required


def _problem_message(problem: municipality.LookProblem | LogoProblem, colour: str) -> str:
    if problem is municipality.LookProblem.MAIL_SENDER:
        return _("Write an e-mail address such as noreply@gemeente.nl, without accents.")
    if problem is municipality.LookProblem.RETENTION_DAYS:
        days = municipality.RETENTION_DAYS
        return _("Enter a number from %(min)s to %(max)s.", min=days.start, max=days.stop - 1)
    if problem is municipality.LookProblem.COLOUR_UNREADABLE:
        return _(
            "White text is hard to read on this colour (contrast %(ratio)s to 1, at least "
            "%(needed)s to 1 is needed). Choose a darker colour.",
            ratio=format_decimal(contrast_ratio(colour), "0.0", locale=get_locale()),
            needed=format_decimal(MIN_CONTRAST, "0.0", locale=get_locale()),
        )
    return {
        LogoProblem.TOO_LARGE: _("The logo may be at most 250 KB."),
        LogoProblem.NOT_AN_IMAGE: _("This file is not a PNG image."),
        LogoProblem.SVG_NOT_TAKEN: _(
            "SVG logos are not taken: an SVG can hold scripts and links to other files. Save "
            "the logo as a PNG (any drawing program or the municipality's communications "
            "department can) and upload that."
        ),
    }[problem]


def _form() -> MunicipalityForm:
    look = municipality.current()
    mail = municipality.mail_settings()
    return MunicipalityForm(
        name=look.name,
        house_colour=look.colour,
        contact_line=look.contact_line,
        privacy_contact=look.privacy_contact,
        mail_sender=mail.mail_sender,
        retention_days=mail.retention_days,
    )


@bp.route("/municipality", methods=["GET", "POST"])
@allows_upload(MAX_LOGO_BYTES + 64 * 1024)  # the logo and the fields
@role_required(StaffRole.ADMIN)
def municipality_settings() -> Page:
    form = _form()
    if form.validate_on_submit():
        upload = form.logo.data
        given = municipality.LookInput(
            name=form.name.data or "",
            colour=form.house_colour.data or "",
            contact_line=form.contact_line.data or "",
            privacy_contact=form.privacy_contact.data or "",
            logo=upload.read() if upload else None,
            remove_logo=bool(form.remove_logo.data),
        )
        mail = municipality.MailSettings(
            mail_sender=(form.mail_sender.data or "").strip(),
            retention_days=form.retention_days.data,
        )
        try:
            municipality.save(given, current_user, mail)
        except municipality.LookRefused as refused:
            for problem in refused.problems:
                field = {
                    municipality.LookProblem.COLOUR_UNREADABLE: form.house_colour,
                    municipality.LookProblem.MAIL_SENDER: form.mail_sender,
                    municipality.LookProblem.RETENTION_DAYS: form.retention_days,
                }.get(problem, form.logo)
                field.errors = [*field.errors, _problem_message(problem, given.colour)]
        else:
            flash(_("The municipality's settings have been saved."), "info")
            return redirect(url_for("staff.municipality_settings"), code=303)
    page = render_template(
        "staff/municipality.html",
        form=form,
        look=municipality.current(),
        old_svg_logo=municipality.has_old_svg_logo(),
    )
    return page, 422 if form.is_submitted() else 200
