"""The first-day checklist's own page (what is set up, how to finish it) and the test e-mail."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.models import StaffRole
from participation.services import first_day
from participation.staff import bp
from participation.staff.checklist import checklist
from participation.staff.dashboard_messages import setup_line_text
from participation.web.forms import ConfirmForm
from participation.web.links import print_address_problem
from participation.web.roles import role_required


@bp.get("/inrichting")
@role_required(StaffRole.VIEWER)
def setup_page() -> str:
    return render_template(
        "staff/setup.html",
        lines=checklist(),
        line_text=setup_line_text,
        mail_server=first_day.mail_server(),
        address_problem=print_address_problem(),
        form=ConfirmForm(),
    )


@bp.post("/inrichting/testmail")
@role_required(StaffRole.ADMIN)
def send_test_mail() -> Response:
    """A test e-mail to the admin's own address: proof the mail server takes our mail."""
    if ConfirmForm().validate_on_submit():
        try:
            first_day.send_test_mail(current_user)
        except first_day.MailNotSent as failed:
            flash(
                _(
                    "The mail server (%(server)s) did not take the test e-mail (%(reason)s). "
                    "Check MAIL_SERVER, MAIL_PORT and the mail settings with your administrator; "
                    "nothing was switched on.",
                    server=first_day.mail_server(),
                    reason=failed.reason,
                ),
                "error",
            )
        else:
            flash(_("A test e-mail was sent to %(email)s.", email=current_user.email), "info")
    return redirect(url_for("staff.setup_page") + "#mail", code=303)
