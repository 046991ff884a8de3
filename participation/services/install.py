"""The install admin's work: every municipality at a glance, and a new one with its first admin."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, func, select

from participation import tenancy
from participation.domain.accounts import ADMIN
from participation.extensions import db
from participation.models import AuditEvent, Municipality, StaffMembership, StaffUser
from participation.services import accounts, municipalities
from participation.services.municipalities import MunicipalityRefused, NewMunicipality

log = logging.getLogger(__name__)

# The audit action that records a municipality's creation (services.municipalities.create).
CREATED = "municipality.create"


@dataclass(frozen=True)
class Overview:
    """One municipality as the install page lists it."""

    name: str
    slug: str
    public_url: str
    hosts: list[str]
    memberships: int
    # None: made before the install had several (the migration's), so no event records it.
    created_at: datetime | None
    changed_at: datetime


def overview() -> list[Overview]:
    """Every municipality with its staff count, by name. Each one's rows are read while
    working for it, so PostgreSQL's row-level security shows them too."""
    found = []
    for row in municipalities.all_municipalities():
        with tenancy.acting_for(row.id):
            members = db.session.scalar(select(func.count()).select_from(StaffMembership))
            created = db.session.scalar(
                select(func.min(AuditEvent.at)).where(AuditEvent.action == CREATED)
            )
        found.append(
            Overview(
                name=row.name,
                slug=row.slug,
                public_url=row.public_url,
                hosts=sorted(municipalities.host_names(row)),
                memberships=members or 0,
                created_at=created,
                changed_at=row.updated_at,
            )
        )
    return found


def _admin_problems(address: str) -> list[str]:
    try:
        validate_email(address, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError:
        return ["admin_email"]
    login = db.session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == address))
    return ["admin_inactive"] if login is not None and not login.active else []


def create(
    given: NewMunicipality, admin_email: str, actor: StaffUser, link: accounts.LinkMaker
) -> int:
    """Add a municipality and invite its first admin (a login that exists gets a membership
    and a notice; a new address an invitation), as the accounts page invites: in the new
    municipality, from its address and sender. Returns its id.

    All or nothing: MunicipalityRefused (problem keys of municipalities.check, plus
    "admin_email" and "admin_inactive") before anything is stored; when the mail does not go
    out, the new municipality is removed again and MailNotSent raised ("admin_changed" when
    the login changed meanwhile).
    """
    address = admin_email.strip().lower()
    problems = municipalities.check(given) + _admin_problems(address)
    if problems:
        raise MunicipalityRefused(problems)
    created = municipalities.create(given, actor, None)
    try:
        with tenancy.acting_for(created):
            accounts.invite(address, "", ADMIN, actor, link)
    except accounts.MailNotSent:
        _undo(created)
        raise
    except accounts.AccountRefused:  # the login was changed at this very moment
        _undo(created)
        raise MunicipalityRefused(["admin_changed"]) from None
    log.info("municipality %s made with its first admin", created)
    return created


def _undo(created: int) -> None:
    """Remove a municipality made a moment ago whose first admin could not be invited: its
    only rows are the record of its creation and itself."""
    db.session.rollback()
    with tenancy.acting_for(created):
        db.session.execute(delete(AuditEvent).where(AuditEvent.municipality_id == created))
        db.session.execute(delete(Municipality).where(Municipality.id == created))
        db.session.commit()
    log.info("municipality %s removed again: its first admin could not be invited", created)
