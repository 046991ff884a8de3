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

from participation.extensions import db
from participation.models import StaffRole, StaffUser

log = logging.getLogger(__name__)


def register(login_manager: LoginManager) -> None:
    login_manager.login_view = "staff.login"
    login_manager.login_message = _l("Log in to see this page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id: str) -> StaffUser | None:
        return db.session.get(StaffUser, int(user_id))


def authenticate(email: str, password: str) -> StaffUser | None:
    """The active staff user with this e-mail and password, or None."""
    user = db.session.scalar(
        select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower())
    )
    if user is None or not user.active or not user.check_password(password):
        log.info("staff login failed")
        return None
    log.info("staff login: user %s", user.id)
    return user


def create_user(email: str, password: str, role: str) -> StaffUser:
    """Add a staff user with a hashed password."""
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
