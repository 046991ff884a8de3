"""Flask-Login wiring and the staff login check."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_required
from sqlalchemy import func, select

from participation.domain.accounts import (
    PasswordProblem,
    after_failure,
    is_locked,
    password_problems,
)
from participation.extensions import db
from participation.models import StaffRole, StaffUser
from participation.models.ballots import utcnow
from participation.services import audit

log = logging.getLogger(__name__)


def register(login_manager: LoginManager) -> None:
    login_manager.login_view = "staff.login"
    login_manager.login_message = _l("Log in to see this page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id: str) -> StaffUser | None:
        return db.session.get(StaffUser, int(user_id))


class AccountLocked(Exception):
    """Too many wrong passwords in a row; the account waits until the lock ends."""


def authenticate(email: str, password: str) -> StaffUser | None:
    """The active staff user with this e-mail and password, or None.

    Wrong passwords are counted per account; the fifth in a row locks it for a while
    (domain.accounts), and a locked account refuses even the right password.
    """
    user = db.session.scalar(
        select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower())
    )
    now = utcnow()
    if user is not None and is_locked(user.locked_until, now):
        log.warning("staff login refused: user %s is locked", user.id)
        raise AccountLocked
    if user is None or not user.active or not user.check_password(password):
        if user is not None:
            user.failed_logins, user.locked_until = after_failure(user.failed_logins, now)
            if user.locked_until:
                log.warning("staff login: user %s locked after repeated failures", user.id)
                audit.record(user, "account.locked", f"user:{user.id}")
            db.session.commit()
        log.info("staff login failed")
        return None
    if user.failed_logins or user.locked_until:
        user.failed_logins, user.locked_until = 0, None
        db.session.commit()
    log.info("staff login: user %s", user.id)
    return user


class WeakPassword(ValueError):
    def __init__(self, problems: list[PasswordProblem]) -> None:
        super().__init__(", ".join(problem.value for problem in problems))
        self.problems = problems


def create_user(email: str, password: str, role: str) -> StaffUser:
    """Add a staff user with a hashed password; a weak password raises WeakPassword."""
    problems = password_problems(password, email)
    if problems:
        raise WeakPassword(problems)
    user = StaffUser(email=email.strip().lower(), role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


ROLE_RANK = {StaffRole.VIEWER.value: 0, StaffRole.STAFF.value: 1, StaffRole.ADMIN.value: 2}


def can(user: Any, role: StaffRole) -> bool:
    """Whether a logged-in user has at least this role (admin > staff > viewer)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and ROLE_RANK.get(user.role, -1) >= ROLE_RANK[role.value]
    )


def role_required(role: StaffRole) -> Callable:
    """Log in first; then 403 unless the user has at least `role`."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not can(current_user, role):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
