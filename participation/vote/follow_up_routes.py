"""'Houd mij op de hoogte': after voting, a resident may leave an e-mail address to hear the
outcome; confirmed by a link (double opt-in), withdrawn in one click."""

from __future__ import annotations

from flask import abort, current_app, render_template, request
from flask_babel import get_locale
from flask_wtf import FlaskForm

from participation.extensions import csrf, limiter
from participation.i18n import limit_to_campaign
from participation.services.outcome import follow_up
from participation.vote import bp
from participation.vote.forms import FollowUpForm
from participation.web.access import Page, campaign_or_404


@bp.post("/<slug>/op-de-hoogte")
@limiter.limit(lambda: current_app.config["FOLLOW_UP_RATE_LIMIT"])
def follow_up_ask(slug: str) -> Page:
    campaign = campaign_or_404(slug)
    if not campaign.keep_informed:
        abort(404)
    limit_to_campaign(campaign)
    form = FollowUpForm()
    if not form.validate_on_submit():
        page = render_template("vote/follow_up.html", campaign=campaign, form=form, state="ask")
        return page, 422
    # The same page in the same time for every address: the work that depends on it runs
    # once this response has gone out (services.outcome.follow_up.ask_after_response).
    follow_up.ask_after_response(campaign, form.address, str(get_locale() or "nl"))
    return render_template("vote/follow_up.html", campaign=campaign, form=form, state="sent")


@bp.route("/op-de-hoogte/bevestig/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["FOLLOW_UP_RATE_LIMIT"], methods=["POST"])
def follow_up_confirm(token: str) -> Page:
    """The link in the confirmation mail opens a button; only pressing it confirms (a mail
    scanner that opens links does not)."""
    found = follow_up.by_confirm_token(token)
    if found is None:
        return render_template("vote/follow_up_done.html", state="unknown"), 404
    form = FlaskForm()
    if form.validate_on_submit():
        follow_up.confirm(found)
        return render_template("vote/follow_up_done.html", state="confirmed")
    return render_template(
        "vote/follow_up_done.html", state="confirm", form=form, confirmed=found.confirmed
    )


@bp.route("/op-de-hoogte/afmelden/<token>", methods=["GET", "POST"])
@csrf.exempt  # the secret link authorises it; mail programs post here in one click (RFC 8058)
def follow_up_unsubscribe(token: str) -> Page:
    found = follow_up.by_unsubscribe_token(token)
    if found is None:
        return render_template("vote/follow_up_done.html", state="gone")
    if request.method == "POST":
        follow_up.unsubscribe(found)
        return render_template("vote/follow_up_done.html", state="gone")
    return render_template("vote/follow_up_done.html", state="unsubscribe")
