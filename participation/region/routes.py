"""The region's home page and its coordinators' and partners' login on the region's host."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response as BaseResponse

from participation.extensions import limiter
from participation.models import CampaignStatus, RegionScope
from participation.region import bp
from participation.services import accounts, staff_login
from participation.services.regions import access, campaigns, regional_outcome, setup
from participation.web.forms import LoginForm
from participation.web.redirects import local_target
from participation.web.roles import region_scope, region_scope_required
from participation.web.welcome import choose_password_page

Page = str | BaseResponse | tuple[str, int]


@bp.get("/")
def home() -> str:
    """The region, its municipalities, and what the logged-in coordinator or partner may open."""
    region = access.current_region()
    if region is None:
        abort(404)
    return render_template(
        "region/home.html",
        region=region,
        members=setup.member_municipalities(region.id),
        scope=region_scope(),
        # Drafts are the coordinators' own; the results page shows only what is published.
        campaigns=[
            {
                "campaign": found,
                "voting": [a for a in campaigns.adoptions(found) if a.phase == "open"],
                "results": found.results_published_at is not None,
                "outcome": regional_outcome.is_published(found),
            }
            for found in campaigns.all_campaigns()
            if found.status != CampaignStatus.DRAFT.value
        ],
    )


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login() -> Page:
    """Coordinators and partners log in on the region's host (its own cookie)."""
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
        if user is not None and access.scope_of(user.id) is not None:
            login_user(user)
            return redirect(local_target(request.args.get("next")) or url_for("region.home"))
        form.password.errors = [
            *form.password.errors,
            _("The e-mail address or password is not correct."),
        ]
        return render_template("staff/login.html", form=form), 401
    status = 422 if form.errors else 200
    return render_template("staff/login.html", form=form), status


@bp.post("/logout")
@region_scope_required(RegionScope.COORDINATOR, RegionScope.PARTNER)
def logout() -> BaseResponse:
    staff_login.end_sessions(current_user)
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("region.login"))


@bp.route("/staff/welcome/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def welcome(token: str) -> Page:
    """The link in a region-only login's invitation: choose a password, then the region."""
    user = accounts.user_for_invite(token)
    # Without a scope in this region the link names nobody here: the same 404.
    named = user if user is not None and access.scope_of(user.id) is not None else None
    return choose_password_page(named, "region/link_used.html", url_for("region.home"))
