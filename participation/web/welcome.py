"""The page behind an invitation's link: choose a password, then log in (staff and region)."""

from __future__ import annotations

from flask import flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import login_user
from werkzeug.wrappers import Response as BaseResponse

from participation.domain.accounts import MIN_LENGTH
from participation.models import StaffUser
from participation.services import accounts
from participation.web.password_forms import WelcomeForm, password_messages


def choose_password_page(
    user: StaffUser | None, link_used: str, done: str
) -> str | BaseResponse | tuple[str, int]:
    """The form for `user` (None: the link names nobody here → `link_used`, a 404); once a
    good password is saved the user is logged in and sent to `done`."""
    if user is None:
        return render_template(link_used), 404
    form = WelcomeForm()
    if form.validate_on_submit():
        try:
            accounts.choose_password(user, form.password.data or "")
        except accounts.LinkUsed:
            return render_template(link_used), 404
        except accounts.WeakPassword as weak:
            form.password.errors = [*form.password.errors, *password_messages(weak.problems)]
        else:
            login_user(user)
            flash(_("Your password has been saved. Welcome!"))
            return redirect(done, code=303)
    page = render_template(
        "staff/set_password.html",
        form=form,
        user=user,
        reset=not user.invite_pending,
        min_length=MIN_LENGTH,
    )
    return page, 422 if form.is_submitted() else 200
