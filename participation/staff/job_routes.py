"""The mail queue page: what waits, is tried again, runs or failed; staff try a failed job again."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from participation.models import StaffRole
from participation.services import job_board
from participation.staff import bp
from participation.web.forms import ConfirmForm
from participation.web.roles import role_required


@bp.get("/queue")
@role_required(StaffRole.VIEWER)
def job_queue() -> tuple[str, int]:
    try:
        board = job_board.board()
    except job_board.Unreachable:
        page = render_template("staff/jobs.html", board=None, unreachable=True, form=None)
        return page, 503
    return render_template("staff/jobs.html", board=board, form=ConfirmForm()), 200


@bp.post("/queue/<job_id>/retry")
@role_required(StaffRole.STAFF)
def job_try_again(job_id: str) -> Response:
    """Put a failed job back in the queue; audited."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        found = job_board.try_again(job_id, current_user)
    except job_board.Unreachable:
        abort(503)
    if not found:
        abort(404)
    flash(_("The job is back in the queue."), "info")
    return redirect(url_for("staff.job_queue"), code=303)
