"""Staff logging in: the login check, the lock after wrong passwords, and ending sessions."""

from __future__ import annotations

import functools
import hashlib
import logging

from flask import current_app
from limits import RateLimitItemPerMinute
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from participation import tenancy
from participation.domain.accounts import LOCK_AFTER, LOCK_MINUTES
from participation.extensions import db, limiter
from participation.models import StaffUser
from participation.services import audit
from participation.services.regions import access as region_access

log = logging.getLogger(__name__)


def user_for_session(session_id: str) -> StaffUser | None:
    """The user of a login session, unless it ended (logout, new password) since."""
    user_id, _, version = session_id.partition(":")
    user = db.session.get(StaffUser, int(user_id)) if user_id.isdecimal() else None
    if user is None or version != str(user.session_version or 0) or not user.active:
        return None
    # A login counts only where it holds a membership: elsewhere it is nobody.
    return user if belongs_here(user) else None


def belongs_here(user: StaffUser) -> bool:
    """Whether the login holds a membership where this request works: a role in its
    municipality, or on a region's own host a scope in that region."""
    if tenancy.chosen_id() is None and tenancy.chosen_region_id() is not None:
        return region_access.scope_of(user.id) is not None
    return user.role is not None


class AccountLocked(Exception):
    """Too many wrong passwords for this account from this address; wait for the lock to end."""


# Wrong passwords per (account, address), kept where Flask-Limiter keeps its counts (memory,
# or Redis shared by all workers). The e-mail address is hashed, so no store holds it.
LOGIN_FAILURES = RateLimitItemPerMinute(LOCK_AFTER, LOCK_MINUTES)


@functools.cache
def _dummy_hash(method: str) -> str:
    """Checked when the address is unknown, so both answers take the same time: made with
    the method real accounts use, once per process, when first needed (not at start-up)."""
    return generate_password_hash("no-such-account-no-such-password", method=method)


def _failure_key(email: str, address: str) -> tuple[str, str]:
    digest = hashlib.sha256(email.encode()).hexdigest()[:24]
    return "login-failures", f"{digest}|{address}"


def authenticate(email: str, password: str, address: str) -> StaffUser | None:
    """The active staff user with this e-mail and password, or None.

    Wrong passwords are counted per account and client address; the fifth locks that pair
    for 15 minutes (domain.accounts), even for the right password. An unknown address is
    answered the same way, after the same work, so neither tells whether an account exists.
    """
    email = email.strip().lower()
    key = _failure_key(email, address)
    failures = limiter.limiter
    if not failures.test(LOGIN_FAILURES, *key):
        log.warning("staff login refused: too many failures for this account and address")
        raise AccountLocked
    user = db.session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == email))
    if user is None:
        check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
    # An invited account has no password of its own yet (its hash matches nothing anyway).
    if (
        user is None
        or not user.active
        or not user.check_password(password)
        or user.invite_pending
        # No membership in this municipality: answered as a wrong password, so a login page
        # tells nobody which e-mail addresses work elsewhere.
        or not belongs_here(user)
    ):
        failures.hit(LOGIN_FAILURES, *key)
        if not failures.test(LOGIN_FAILURES, *key) and user is not None:
            log.warning("staff login: user %s locked for one address after failures", user.id)
            audit.record(user, "account.locked", f"user:{user.id}")
            db.session.commit()
        log.info("staff login failed")
        return None
    failures.clear(LOGIN_FAILURES, *key)
    log.info("staff login: user %s", user.id)
    return user


def end_sessions(user: StaffUser) -> None:
    """Logout: this session and every other one saved for the user stop working."""
    user.end_sessions()
    db.session.commit()
