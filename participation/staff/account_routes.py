"""Staff accounts in the browser: the list, invites, roles, the invite link, one's own account."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user

from participation.domain.accounts import (
    MAX_DISPLAY_NAME,
    AccountProblem,
)
from participation.extensions import limiter
from participation.models import StaffRole, StaffUser
from participation.services import accounts, staff_login
from participation.staff import bp
from participation.staff.forms.accounts import (
    ROLE_LABELS,
    UNKNOWN_ROLE,
    InviteForm,
    NameForm,
    PasswordChangeForm,
    RoleForm,
)
from participation.web.access import Page, owned_or_404
from participation.web.links import public_url
from participation.web.password_forms import password_messages
from participation.web.roles import allowed, role_required
from participation.web.welcome import choose_password_page


def _account_message(problem: AccountProblem) -> str:
    return {
        AccountProblem.EMAIL_TAKEN: _("There is already an account with this e-mail address."),
        AccountProblem.UNKNOWN_ROLE: str(UNKNOWN_ROLE),
        AccountProblem.LAST_ADMIN: _(
            "There must always be one active administrator, or nobody can manage accounts. "
            "Make someone else administrator first."
        ),
        AccountProblem.INACTIVE: _(
            "This account is deactivated. Activate it first, then send a new link."
        ),
        AccountProblem.NAME_TOO_LONG: _("Use at most %(max)d characters.", max=MAX_DISPLAY_NAME),
    }[problem]


def _hours() -> int:
    return int(current_app.config["INVITE_VALID_HOURS"])


def _accounts_page(form: InviteForm | None = None, status: int = 200, problem: str = "") -> Page:
    page = render_template(
        "staff/accounts.html",
        form=form or InviteForm(formdata=None),
        accounts=accounts.all_accounts(),
        role_labels=ROLE_LABELS,
        problem=problem,
        hours=_hours(),
    )
    return page, status


def _account_or_404(user_id: int) -> StaffUser:
    """A login with a membership here; another municipality's login is a 404 like a missing
    one (logins are install-wide: the membership makes them this municipality's)."""
    user = owned_or_404(StaffUser, user_id)
    if user.role is None:
        abort(404)
    return user


def _refused(refused: accounts.AccountRefused) -> Page:
    """A change to one account that cannot be made: the list again with why, nothing changed."""
    problems = refused.problems
    status = 422 if AccountProblem.UNKNOWN_ROLE in problems else 409
    return _accounts_page(status=status, problem=" ".join(_account_message(p) for p in problems))


@bp.get("/accounts")
@role_required(StaffRole.ADMIN)
def accounts_page() -> Page:
    return _accounts_page()


def _staff_mail_limit() -> str:
    return str(current_app.config["STAFF_MAIL_RATE_LIMIT"])


@bp.post("/accounts/invite")
@limiter.limit(_staff_mail_limit)
@role_required(StaffRole.ADMIN)
def invite_account() -> Page:
    form = InviteForm()
    if not form.validate_on_submit():
        return _accounts_page(form, 422)
    try:
        user = accounts.invite(
            form.email.data or "",
            form.display_name.data or "",
            form.role.data or "",
            current_user,
            public_url,
        )
    except accounts.AccountRefused as refused:
        for problem in refused.problems:
            field = {
                AccountProblem.EMAIL_TAKEN: form.email,
                AccountProblem.NAME_TOO_LONG: form.display_name,
            }.get(problem, form.role)
            field.errors = [*field.errors, _account_message(problem)]
        return _accounts_page(form, 422)
    except accounts.MailAddressRefused:
        message = _("The mail server refuses this address, so nothing has been stored. Check it.")
        form.email.errors = [*form.email.errors, message]
        return _accounts_page(form, 422)
    except accounts.MailNotSent:
        message = _(
            "The e-mail could not be sent, so nothing has been stored. "
            "The mail server may be down: try again in a moment."
        )
        return _accounts_page(form, 503, problem=message)
    _say_invited(user)
    return redirect(url_for("staff.accounts_page"), code=303)


def _say_invited(user: StaffUser) -> None:
    if user.invite_pending:
        flash(
            _("The invitation has been sent. Its link works for %(hours)d hours.", hours=_hours())
        )
        return
    flash(
        _(
            "This person already works for another municipality of this installation: "
            "the account now works here too, with the password they have. "
            "An e-mail tells them."
        )
    )


@bp.post("/accounts/<int:user_id>/role")
@role_required(StaffRole.ADMIN)
def account_role(user_id: int) -> Page:
    user = _account_or_404(user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return _accounts_page(status=422, problem=str(UNKNOWN_ROLE))
    try:
        accounts.change_role(user, form.role.data or "", current_user)
    except accounts.AccountRefused as refused:
        return _refused(refused)
    flash(_("The role has been changed."))
    if not allowed(StaffRole.ADMIN):
        return redirect(url_for("staff.index"), code=303)  # one's own admin role given away
    return redirect(url_for("staff.accounts_page"), code=303)


@bp.post("/accounts/<int:user_id>/deactivate")
@role_required(StaffRole.ADMIN)
def account_deactivate(user_id: int) -> Page:
    user = _account_or_404(user_id)
    try:
        membership_ended = accounts.deactivate(user, current_user)
    except accounts.AccountRefused as refused:
        return _refused(refused)
    if membership_ended:
        flash(
            _(
                "The account no longer works for this municipality and has left this list. "
                "It keeps working for the other municipalities it works for."
            )
        )
    else:
        flash(_("The account has been deactivated; its open sessions have ended."))
    return redirect(url_for("staff.accounts_page"), code=303)


@bp.post("/accounts/<int:user_id>/reactivate")
@role_required(StaffRole.ADMIN)
def account_activate(user_id: int) -> Page:
    accounts.activate(_account_or_404(user_id), current_user)
    flash(_("The account has been activated again."))
    return redirect(url_for("staff.accounts_page"), code=303)


@bp.post("/accounts/<int:user_id>/new-link")
@limiter.limit(_staff_mail_limit)
@role_required(StaffRole.ADMIN)
def account_reinvite(user_id: int) -> Page:
    user = _account_or_404(user_id)
    try:
        accounts.reinvite(user, current_user, public_url)
    except accounts.AccountRefused as refused:
        return _refused(refused)
    except accounts.MailNotSent:
        message = _(
            "The e-mail could not be sent, so nothing has changed. "
            "The mail server may be down: try again in a moment."
        )
        return _accounts_page(status=503, problem=message)
    flash(_("A new link has been sent. It works for %(hours)d hours.", hours=_hours()))
    return redirect(url_for("staff.accounts_page"), code=303)


@bp.route("/welcome/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def welcome(token: str) -> Page:
    """The link from the invite (or reset) mail: choose a password. Open to anyone with it."""
    user = accounts.user_for_invite(token)
    # Another municipality's link on this host names nobody here (issue 29): the same 404.
    named = user if user is not None and user.role is not None else None
    return choose_password_page(named, "staff/account_link.html", url_for("staff.index"))


@bp.route("/my-account", methods=["GET", "POST"])
@role_required(StaffRole.VIEWER)
def my_account() -> Page:
    """One's own name and password; any logged-in role."""
    user = current_user._get_current_object()
    posted = request.method == "POST"
    # Two forms on one page: the password fields tell which one was sent.
    changing_password = posted and any(
        name in request.form for name in ("current_password", "new_password")
    )
    renaming = posted and not changing_password
    name_form = NameForm(
        formdata=request.form if renaming else None, display_name=user.display_name
    )
    password_form = PasswordChangeForm(formdata=request.form if changing_password else None)
    if renaming:
        return _rename(user, name_form, password_form)
    if changing_password:
        return _change_password(user, name_form, password_form)
    return _my_account_page(name_form, password_form, 200)


def _rename(user: StaffUser, name_form: NameForm, password_form: PasswordChangeForm) -> Page:
    if name_form.validate_on_submit():
        try:
            accounts.rename(user, name_form.display_name.data or "")
        except accounts.AccountRefused as refused:
            field = name_form.display_name
            field.errors = [*field.errors, *(_account_message(p) for p in refused.problems)]
        else:
            flash(_("Your name has been saved."))
            return redirect(url_for("staff.my_account"), code=303)
    return _my_account_page(name_form, password_form, 422)


def _change_password(
    user: StaffUser, name_form: NameForm, password_form: PasswordChangeForm
) -> Page:
    if not password_form.validate_on_submit():
        return _my_account_page(name_form, password_form, 422)
    try:
        accounts.change_password(
            user,
            password_form.current_password.data or "",
            password_form.new_password.data or "",
            get_remote_address(),
        )
    except staff_login.AccountLocked:
        locked = _("Too many wrong passwords for this account. Try again in 15 minutes.")
        password_form.current_password.errors = [locked]
        return _my_account_page(name_form, password_form, 429)
    except accounts.WrongPassword:
        wrong = _("Your current password is not correct.")
        password_form.current_password.errors = [wrong]
    except accounts.WeakPassword as weak:
        field = password_form.new_password
        field.errors = [*field.errors, *password_messages(weak.problems)]
    else:
        login_user(user)  # this session stays, under the new session version
        flash(_("Your password has been changed. Your other sessions have ended."))
        return redirect(url_for("staff.my_account"), code=303)
    return _my_account_page(name_form, password_form, 422)


def _my_account_page(name_form: NameForm, password_form: PasswordChangeForm, status: int) -> Page:
    page = render_template(
        "staff/account.html",
        name_form=name_form,
        password_form=password_form,
        role_label=ROLE_LABELS.get(current_user.role, current_user.role),
    )
    return page, status
