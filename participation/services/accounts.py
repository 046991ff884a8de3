"""Staff accounts: invites, passwords, roles and display names (logging in: staff_login)."""

from __future__ import annotations

import logging
import secrets

from flask import current_app
from itsdangerous import BadData
from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import generate_password_hash

from participation import tenancy
from participation.domain.accounts import (
    ADMIN,
    ROLES,
    AccountProblem,
    PasswordProblem,
    clean_display_name,
    leaves_no_admin,
    password_problems,
)
from participation.domain.refusals import Refused
from participation.extensions import db
from participation.models import RegionMembership, StaffMembership, StaffUser
from participation.services import audit, municipalities, staff_links
from participation.services.staff_links import LinkMaker as LinkMaker
from participation.services.staff_links import MailAddressRefused as MailAddressRefused
from participation.services.staff_links import MailNotSent as MailNotSent
from participation.services.staff_links import invite_token as invite_token
from participation.services.staff_login import authenticate

log = logging.getLogger(__name__)


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
    user.set_password(password, current_app.config["PASSWORD_HASH_METHOD"])
    db.session.add(user)
    db.session.commit()
    return user


# --- Accounts managed in the browser: invites, roles, (de)activation, one's own account ---


class AccountRefused(Refused):
    """`problems`: a list of domain.accounts.AccountProblem; nothing was stored or changed."""


class WrongPassword(Exception):
    """The current password was not right (counted as a failed login)."""


def all_accounts() -> list[StaffUser]:
    """Every account with a membership here, deactivated ones too: never deleted, the audit
    log names them. (The join reads only this municipality's memberships: wall one.)"""
    members = select(StaffUser).join(StaffUser.memberships).order_by(StaffUser.id)
    return list(db.session.scalars(members))


def _unusable_hash() -> str:
    """A hash of a random secret nobody ever sees: no password matches it."""
    method = current_app.config["PASSWORD_HASH_METHOD"]
    return generate_password_hash(secrets.token_urlsafe(32), method=method)


def user_for_invite(token: str) -> StaffUser | None:
    """The active user a link token was made for, or None: forged, expired, used or outdated."""
    max_age = int(current_app.config["INVITE_VALID_HOURS"] * 3600)
    try:
        payload = staff_links.serializer().loads(token, max_age=max_age)
    except BadData:
        return None
    if not (isinstance(payload, list) and len(payload) == 3):
        return None
    email, version, fingerprint = payload
    if not isinstance(email, str):
        return None
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == email))
    if user is None or not user.active or version != (user.session_version or 0):
        return None
    return user if fingerprint == staff_links.fingerprint(user) else None


def _login_with(email: str) -> StaffUser | None:
    return db.session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == email))


def invite(
    email: str, display_name: str, role: str, actor: StaffUser, link: LinkMaker
) -> StaffUser:
    """Invite someone to work for this municipality in `role`.

    A new address gets an account without a password and a mail with a link to choose one.
    An address whose login works for other municipalities gets a membership here and a short
    mail saying so (its password stays; `display_name` is theirs and stays too). Stored only
    once the mail server took the message. Refused (AccountRefused) for an unknown role, or
    an address that is a member here already or whose login is deactivated; MailNotSent when
    the mail did not go out.
    """
    address = email.strip().lower()
    name, problems = clean_display_name(display_name)
    if role not in ROLES:
        problems.append(AccountProblem.UNKNOWN_ROLE)
    existing = _login_with(address)
    if existing is not None and (existing.role is not None or not existing.active):
        problems.append(AccountProblem.EMAIL_TAKEN)
    if problems:
        raise AccountRefused(problems)
    if existing is not None:
        _add_membership(existing, role, actor, link)
        return existing
    user = _invited_login(address, name, link, "staff.welcome", role=role)
    audit.record(actor, "account.invite", f"user:{user.id}", f"role: {role}")
    db.session.commit()
    log.info("staff account %s invited as %s", user.id, role)
    return user


def invite_login(email: str, link: LinkMaker, welcome: str) -> StaffUser:
    """A login with no membership in any municipality (a region's coordinator or partner),
    its invitation mailed with a link to the `welcome` endpoint; flushed, not committed:
    the caller stores what it is for. AccountRefused for an address taken meanwhile;
    MailNotSent when the mail did not go out (then nothing is stored)."""
    return _invited_login(email.strip().lower(), "", link, welcome)


def _invited_login(
    address: str, name: str, link: LinkMaker, welcome: str, role: str | None = None
) -> StaffUser:
    user = StaffUser(
        email=address,
        display_name=name,
        invite_pending=True,
        active=True,
        session_version=0,
        password_hash=_unusable_hash(),
    )
    if role is not None:
        user.role = role  # a membership in this municipality
    staff_links.send_link(user, link, reset=False, welcome=welcome)  # stored once mailed
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError as error:  # the same address added at this moment by someone else
        db.session.rollback()
        raise AccountRefused([AccountProblem.EMAIL_TAKEN]) from error
    return user


def _add_membership(user: StaffUser, role: str, actor: StaffUser, link: LinkMaker) -> None:
    """A membership here for a login of other municipalities, once the mail went out: the
    notice for a login with a password, the invitation again (its link works here too) for
    one still to choose it."""
    if user.invite_pending:
        staff_links.send_link(user, link, reset=False)
    else:
        staff_links.send_membership_notice(user, role, link)
    db.session.add(StaffMembership(user_id=user.id, role=role))
    try:
        db.session.flush()
    except IntegrityError as error:  # made a member here at this moment by someone else
        db.session.rollback()
        raise AccountRefused([AccountProblem.EMAIL_TAKEN]) from error
    audit.record(actor, "account.membership", f"user:{user.id}", f"role: {role}")
    db.session.commit()
    log.info("staff account %s: a membership here as %s", user.id, role)


def reinvite(user: StaffUser, actor: StaffUser, link: LinkMaker) -> None:
    """A new link: an invited account's earlier links stop working; an active account gets a
    link to choose a new password (its current password keeps working until then)."""
    if not user.active:
        raise AccountRefused([AccountProblem.INACTIVE])
    reset = not user.invite_pending
    if not reset:
        user.password_hash = _unusable_hash()  # the earlier invite links name the old hash
    audit.record(actor, "account.reinvite", f"user:{user.id}", "reset" if reset else "invite")
    staff_links.send_link(user, link, reset=reset)
    db.session.commit()
    log.info("staff account %s: new link sent", user.id)


class LinkUsed(Exception):
    """The link was used at this very moment by another request: it works once."""


def choose_password(user: StaffUser, password: str) -> None:
    """The password chosen through a link: the invite is used, every other session ends.

    One conditional update: only while the account still has the session version and
    password the link was made for, so two requests racing with one link cannot both win.
    """
    problems = password_problems(password, user.email)
    if problems:
        raise WeakPassword(problems)
    version = user.session_version or 0
    new_hash = generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])
    used = db.session.execute(
        update(StaffUser)
        .where(
            StaffUser.id == user.id,
            StaffUser.session_version == version,
            StaffUser.password_hash == user.password_hash,
        )
        .values(password_hash=new_hash, session_version=version + 1, invite_pending=False)
        .execution_options(synchronize_session=False)
    )
    assert isinstance(used, CursorResult)  # an UPDATE's result, which counts its rows
    if used.rowcount != 1:
        db.session.rollback()
        log.info("staff account %s: a link used twice at once; the second refused", user.id)
        raise LinkUsed
    audit.record(user, "account.password_set", f"user:{user.id}")
    db.session.commit()
    db.session.refresh(user)
    log.info("staff account %s: password chosen through a link", user.id)


def _active_admins() -> int:
    """Admins who can log in now (an invitation not yet accepted does not count).

    Two admins demoting each other at once must not both succeed: a no-op write first takes
    the lock (SQLite's one writer; PostgreSQL's row locks), so the count is read only after
    the other change is committed.
    """
    db.session.execute(
        update(StaffMembership)
        .where(StaffMembership.role == ADMIN)
        .values(role=StaffMembership.role)
        .execution_options(synchronize_session=False)
    )
    query = (
        select(StaffUser.id)
        .join(StaffUser.memberships)
        .where(
            StaffMembership.role == ADMIN,
            StaffUser.active.is_(True),
            StaffUser.invite_pending.is_(False),
        )
    )
    return len(list(db.session.scalars(query.with_for_update())))


def _refuse_if_last_admin(user: StaffUser, new_role: str | None, stays_active: bool) -> None:
    role, active = user.role, user.active and not user.invite_pending
    if leaves_no_admin(role, active, new_role, stays_active, _active_admins()):
        db.session.rollback()
        raise AccountRefused([AccountProblem.LAST_ADMIN])


def change_role(user: StaffUser, role: str, actor: StaffUser) -> None:
    if role not in ROLES:
        raise AccountRefused([AccountProblem.UNKNOWN_ROLE])
    if role == user.role:
        return
    _refuse_if_last_admin(user, role, user.active)
    audit.record(actor, "account.role", f"user:{user.id}", f"role: {user.role} → {role}")
    user.role = role
    db.session.commit()


def deactivate(user: StaffUser, actor: StaffUser) -> bool:
    """No more logging in here, and every open session here ends at once; the history stays.

    A login that also works for other municipalities or in a region keeps working there: its
    membership here ends (it then leaves this municipality's list; an invite brings it back).
    A login of this municipality alone is deactivated itself. True when only the membership
    ended.
    """
    if not user.active:
        return False
    _refuse_if_last_admin(user, user.role, False)
    here = tenancy.current_id()
    if _works_elsewhere(user):
        membership = db.session.scalar(
            select(StaffMembership).where(
                StaffMembership.user_id == user.id, StaffMembership.municipality_id == here
            )
        )
        if membership is not None:  # the view found the login here: it is a member here
            db.session.delete(membership)
        audit.record(actor, "account.membership_end", f"user:{user.id}")
        db.session.commit()
        return True
    user.active = False
    user.end_sessions()
    audit.record(actor, "account.deactivate", f"user:{user.id}")
    db.session.commit()
    return False


def _works_elsewhere(user: StaffUser) -> bool:
    """A membership in another municipality, or a scope in a region (a coordinator or the
    police partner invited here too): then deactivating here ends only the membership."""
    here = tenancy.current_id()
    if any(row.id != here for row in municipalities.memberships_of(user.id)):
        return True  # memberships_of let the login read its own rows (wall two)
    scope = select(RegionMembership.id).where(RegionMembership.user_id == user.id).limit(1)
    return db.session.scalar(scope) is not None


def activate(user: StaffUser, actor: StaffUser) -> None:
    """Logging in works again with the old password; earlier links stay dead."""
    if user.active:
        return
    user.active = True
    audit.record(actor, "account.activate", f"user:{user.id}")
    db.session.commit()


def rename(user: StaffUser, display_name: str) -> None:
    name, problems = clean_display_name(display_name)
    if problems:
        raise AccountRefused(problems)
    if name == user.display_name:
        return
    user.display_name = name
    audit.record(user, "account.name", f"user:{user.id}")
    db.session.commit()


def change_password(user: StaffUser, current: str, new: str, address: str) -> None:
    """A new password for oneself. The current one is checked as a login is (a wrong one
    counts towards the lock; AccountLocked when locked); the new one must pass the rules.
    Every session ends; the caller logs this one in again."""
    if authenticate(user.email, current, address) is None:
        raise WrongPassword
    problems = password_problems(new, user.email)
    if problems:
        raise WeakPassword(problems)
    user.set_password(new, current_app.config["PASSWORD_HASH_METHOD"])
    audit.record(user, "account.password_change", f"user:{user.id}")
    db.session.commit()
    log.info("staff account %s: password changed", user.id)
