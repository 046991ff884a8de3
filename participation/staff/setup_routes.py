"""The first-day checklist's own page (what is set up, how to finish it) and the test e-mail."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.extensions import limiter
from participation.models import StaffRole
from participation.services import first_day, jobs
from participation.services.outcome import mail_jobs
from participation.staff import bp
from participation.staff.checklist import checklist, public_address
from participation.staff.dashboard_messages import setup_line_text
from participation.web.forms import ConfirmForm
from participation.web.links import print_address_problem
from participation.web.roles import role_required

MAIL_PROBLEMS = {
    first_day.MailProblem.NO_CONNECTION: _l("nothing answered there (MAIL_SERVER and MAIL_PORT)."),
    first_day.MailProblem.LOGIN: _l(
        "it refused the login (FLASK_MAIL_USERNAME and FLASK_MAIL_PASSWORD)."
    ),
    first_day.MailProblem.ADDRESS: _l(
        "it refused the sender (MAIL_DEFAULT_SENDER) or your e-mail address."
    ),
    first_day.MailProblem.OTHER: _l("it answered with an error."),
}


@bp.get("/setup")
@role_required(StaffRole.VIEWER)
def setup_page() -> str:
    return render_template(
        "staff/setup.html",
        lines=checklist(),
        line_text=setup_line_text,
        mail_server=first_day.mail_server(),
        address_problem=print_address_problem(),
        public_address=public_address(),
        form=ConfirmForm(),
    )


@bp.post("/setup/test-mail")
@limiter.limit(lambda: str(current_app.config["STAFF_MAIL_RATE_LIMIT"]))
@role_required(StaffRole.ADMIN)
def send_test_mail() -> Response:
    """A test e-mail to the admin's own address: proof the mail server takes our mail."""
    if ConfirmForm().validate_on_submit():
        # Through the job queue when there is one: the test then proves the worker runs too.
        done = jobs.enqueue(mail_jobs.staff_test_mail, current_user.id, retry=False)
        failed = done.error
        if done.queued:
            flash(_("The test e-mail is queued; reload this page in a minute."), "info")
        elif isinstance(failed, first_day.MailNotSent):
            flash(
                _(
                    "The mail server (%(server)s) did not take the test e-mail: %(reason)s "
                    "Check the mail settings with your administrator; nothing was switched on.",
                    server=first_day.mail_server(),
                    reason=MAIL_PROBLEMS[failed.problem],
                ),
                "error",
            )
        elif failed is not None:
            raise failed
        else:
            flash(_("A test e-mail was sent to %(email)s.", email=current_user.email), "info")
    return redirect(url_for("staff.setup_page") + "#mail", code=303)
