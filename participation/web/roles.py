"""Who may do what: Flask-Login's wiring and the one permission rule (viewer < staff < admin)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_required

from participation.models import RegionScope, StaffRole
from participation.services import staff_login
from participation.services.regions import access as region_access


def register(login_manager: LoginManager) -> None:
    login_manager.login_view = "staff.login"
    # A region's coordinators and partners log in on the region's host.
    # (Flask-Login's own attribute; its type stubs do not name it.)
    login_manager.__dict__["blueprint_login_views"] = {"region": "region.login"}
    login_manager.login_message = _l("Log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(staff_login.user_for_session)


P = ParamSpec("P")
R = TypeVar("R")

ROLE_RANK = {StaffRole.VIEWER.value: 0, StaffRole.STAFF.value: 1, StaffRole.ADMIN.value: 2}


def can(user: Any, role: StaffRole) -> bool:
    """Whether a logged-in user has at least this role (admin > staff > viewer)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and ROLE_RANK.get(user.role, -1) >= ROLE_RANK[role.value]
    )


def allowed(role: StaffRole) -> bool:
    """The one permission rule for this request: its user has at least `role`.

    Viewers read (results before release, drafts, previews), staff change, admins
    administer (accounts, the municipality). Views ask this, or role_required, and never
    whether someone is merely logged in.
    """
    return can(current_user, role)


def role_required(role: StaffRole) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Log in first; then 403 unless the user has at least `role` (see `allowed`)."""

    def decorator(view: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(view)
        @login_required
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
            if not allowed(role):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def operator_required(view: Callable[P, R]) -> Callable[P, R]:
    """Log in first; then 404 unless the login runs the install (`StaffUser.operator`):
    the install-admin pages do not exist for anyone else."""

    @functools.wraps(view)
    @login_required
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        if not (getattr(current_user, "is_authenticated", False) and current_user.operator):
            abort(404)
        return view(*args, **kwargs)

    return wrapped


def region_scope() -> RegionScope | None:
    """The logged-in user's scope in this request's region; None for anyone else."""
    if not getattr(current_user, "is_authenticated", False):
        return None
    return region_access.scope_of(current_user.id)


def region_scope_required(
    *scopes: RegionScope,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Log in first; then 404 unless the user holds one of these scopes in the request's
    region (a region's pages do not exist for anyone else, so ids reveal nothing)."""

    def decorator(view: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(view)
        @login_required
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
            if region_scope() not in scopes:
                abort(404)
            return view(*args, **kwargs)

        return wrapped

    return decorator
