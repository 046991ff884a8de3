"""Staff pages for a stand's paper counts (four eyes) and for closing the stand."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.models import StaffRole
from participation.services.stands import paper, stand_planning
from participation.staff import bp
from participation.staff.forms import paper_form_for
from participation.timeutil import local_text
from participation.web.access import Page, stand_or_404
from participation.web.forms import ConfirmForm
from participation.web.roles import role_required


def refusal_message(reason: str) -> str:
    return {
        "no_participants": _("Enter at least one participant."),
        "theme_above_participants": _("A theme cannot have more votes than participants."),
        "too_many_votes": _(
            "There are more votes than participants times the themes each could pick."
        ),
        "stand_closed": _("This stand is closed; its counts can no longer change."),
        "two_counts_exist": _("Two colleagues have already counted this stand."),
        "paper_not_agreed": _(
            "The two paper counts differ or one is missing. Resolve this before closing the stand."
        ),
    }.get(reason, reason)


@bp.route("/stands/<int:stand_id>/paper", methods=["GET", "POST"])
@role_required(StaffRole.STAFF)
def paper_entry(stand_id: int) -> Page:
    stand = stand_or_404(stand_id)
    themes = stand.campaign.themes
    own = next((t for t in paper.entries(stand) if t.entered_by_id == current_user.id), None)
    form = paper_form_for(themes)
    if own is not None and not form.is_submitted():
        form.participants.data = own.participants
        for field in form.theme_fields():
            field.data = own.votes_by_theme().get(int(field.name.removeprefix("theme_")), 0)
    if form.validate_on_submit():
        try:
            paper.save_entry(stand, current_user, form.participants.data or 0, form.votes())
        except paper.PaperRefused as refused:
            for reason in refused.reasons:
                flash(refusal_message(reason), "error")
        else:
            flash(_("Your count has been saved."), "info")
            return redirect(url_for("staff.stand", stand_id=stand.id))
    status = 422 if form.is_submitted() else 200
    return render_template("staff/paper_form.html", stand=stand, form=form), status


@bp.post("/stands/<int:stand_id>/close")
@role_required(StaffRole.STAFF)
def close_stand(stand_id: int) -> Response:
    stand = stand_or_404(stand_id)
    if ConfirmForm().validate_on_submit():
        try:
            stand_planning.close_stand(stand, current_user)
            flash(_("The stand has been closed and signed off."), "info")
        except stand_planning.AlreadyClosed:
            when = local_text(stand.closed_at) if stand.closed_at else "?"
            who = stand.closed_by.email if stand.closed_by else "?"
            message = _("This stand was already closed by %(who)s on %(when)s.", who=who, when=when)
            flash(message, "info")
        except stand_planning.CloseRefused as refused:
            flash(refusal_message(refused.reason), "error")
    return redirect(url_for("staff.stand", stand_id=stand.id))
