"""Staff login, logout and the campaign overview."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from participation import tenancy
from participation.domain.first_day import ready
from participation.extensions import limiter
from participation.models import StaffRole
from participation.services import municipalities, staff_login
from participation.services.campaigns import dashboard
from participation.staff import bp
from participation.staff.checklist import checklist
from participation.staff.dashboard_messages import next_step_text, setup_line_text
from participation.staff.forms import LoginForm
from participation.web.links import print_address_problem, scheme_and_port
from participation.web.redirects import local_target
from participation.web.roles import allowed, role_required


def _safe_next(target: str | None) -> str:
    """Only follow a local path after login, never another site (see web.redirects)."""
    return local_target(target) or url_for("staff.index")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login() -> str | Response | tuple[str, int]:
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = staff_login.authenticate(
                form.email.data or "", form.password.data or "", get_remote_address()
            )
        except staff_login.AccountLocked:
            form.password.errors = [
                *form.password.errors,
                _("Too many wrong passwords for this account. Try again in 15 minutes."),
            ]
            return render_template("staff/login.html", form=form), 429
        if user is not None:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        form.password.errors = [
            *form.password.errors,
            _("The e-mail address or password is not correct."),
        ]
        return render_template("staff/login.html", form=form), 401
    status = 422 if form.errors else 200
    return render_template("staff/login.html", form=form), status


@bp.post("/logout")
@role_required(StaffRole.VIEWER)
def logout() -> Response:
    staff_login.end_sessions(current_user)
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("staff.login"))


@bp.get("/")
@role_required(StaffRole.VIEWER)
def index() -> str:
    """The dashboard: per campaign its state, today's ballots, stands and the next steps."""
    found = dashboard.summaries(public_address=print_address_problem() is None)
    lines = checklist()
    return render_template(
        "staff/index.html",
        summaries=found,
        step_text=next_step_text,
        setup_lines=[] if ready(lines) else lines,
        setup_text=setup_line_text,
    )


@bp.app_context_processor
def staff_helpers() -> dict[str, object]:
    """Let templates show a button only to those allowed to use it, and where else the login
    works (the header's switch between municipalities)."""
    return {"can": lambda role: allowed(StaffRole(role)), "elsewhere": _elsewhere}


def _elsewhere() -> list[tuple[str, str]]:
    """The other municipalities this login works in, with their staff pages' address (the
    header asks only for a logged-in user)."""
    scheme, port = scheme_and_port()
    found = []
    for row in municipalities.memberships_of(current_user.id):
        address = municipalities.staff_address(row, scheme, port)
        if row.id != tenancy.chosen_id() and address is not None:
            found.append((row.name, address))
    return found
