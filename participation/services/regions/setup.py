"""Making a region, adding its municipalities and giving logins a scope in it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import select

from participation import tenancy
from participation.extensions import db
from participation.models import Municipality, Region, RegionMembership, RegionScope, StaffUser
from participation.services import accounts, audit, municipalities, staff_links
from participation.services.municipalities import ACROSS, SLUG, MunicipalityRefused
from participation.services.regions.access import scope_of
from participation.services.staff_links import LinkMaker


@dataclass(frozen=True)
class NewRegion:
    name: str
    slug: str
    public_url: str
    hosts: str = ""
    police_team: str = ""
    cbs_code: str = ""


@contextmanager
def working_for(region_id: int) -> Iterator[None]:
    """Work of the region itself (no municipality): its rows, and its audit log."""
    with tenancy.acting_for(None), tenancy.in_region(region_id):
        yield


def by_slug(slug: str) -> Region | None:
    return db.session.scalar(select(Region).where(Region.slug == slug))


def all_regions() -> list[Region]:
    return list(db.session.scalars(select(Region).order_by(Region.name)))


def member_municipalities(region_id: int) -> list[Municipality]:
    """The region's municipalities, by name (reading the municipality list needs no tenant)."""
    statement = (
        select(Municipality).where(Municipality.region_id == region_id).order_by(Municipality.name)
    )
    return list(db.session.scalars(statement.execution_options(**ACROSS)))


def check(given: NewRegion) -> list[str]:
    """What is wrong with a new region's details (empty: nothing); the same keys as a new
    municipality's (MUNICIPALITY_PROBLEMS)."""
    problems = []
    if not given.name.strip():
        problems.append("name")
    if not SLUG.match(given.slug):
        problems.append("slug")
    elif by_slug(given.slug) is not None:
        problems.append("slug_taken")
    problems += municipalities.address_problems(given.public_url, given.hosts)
    return list(dict.fromkeys(problems))


def create(given: NewRegion, actor: StaffUser | None) -> int:
    """Add a region; returns its id. Refused as a whole when anything is wrong."""
    problems = check(given)
    if problems:
        raise MunicipalityRefused(problems)
    row = Region(
        name=given.name.strip(),
        slug=given.slug,
        public_url=given.public_url.rstrip("/"),
        hosts=" ".join(alias.lower() for alias in given.hosts.split()),
        police_team=given.police_team.strip(),
        cbs_code=given.cbs_code.strip().upper(),
    )
    db.session.add(row)
    db.session.flush()
    with working_for(row.id):
        audit.record(actor, "region.create", f"{row.slug}: {row.name}")
        db.session.commit()
    return row.id


def join(region_slug: str, municipality_slug: str, actor: StaffUser | None) -> None:
    """Make a municipality part of a region (audited in both logs)."""
    region = by_slug(region_slug)
    municipality = municipalities.by_slug(municipality_slug)
    if region is None or municipality is None:
        raise MunicipalityRefused(["unknown"])
    municipality.region_id = region.id
    with tenancy.acting_for(municipality.id):
        audit.record(actor, "region.join", region.slug, municipality.slug)
        db.session.flush()  # the row takes its municipality when written
    with working_for(region.id):
        audit.record(actor, "region.join", municipality.slug, region.slug)
        db.session.commit()


def grant(user: StaffUser, region_slug: str, scope: RegionScope, actor: StaffUser | None) -> None:
    """Give a login its scope in a region (replacing an earlier one there)."""
    region = by_slug(region_slug)
    if region is None:
        raise MunicipalityRefused(["unknown"])
    with working_for(region.id):
        found = db.session.scalar(
            select(RegionMembership).where(
                RegionMembership.user_id == user.id, RegionMembership.region_id == region.id
            )
        )
        if found is None:
            db.session.add(
                RegionMembership(user_id=user.id, region_id=region.id, scope=scope.value)
            )
        else:
            found.scope = scope.value
        audit.record(actor, "region.grant", f"user:{user.id}", scope.value)
        db.session.commit()


@dataclass(frozen=True)
class RegionRow:
    """A region as the install page lists it."""

    id: int
    name: str
    slug: str
    public_url: str
    hosts: list[str]
    police_team: str
    members: list[str]
    people: list[tuple[str, str]]  # (e-mail, scope)


def overview() -> list[RegionRow]:
    """Every region with its municipalities and its coordinators and partners (install work)."""
    found = []
    for region in all_regions():
        with tenancy.in_region(region.id):
            people = db.session.execute(
                select(StaffUser.email, RegionMembership.scope)
                .join(RegionMembership, RegionMembership.user_id == StaffUser.id)
                .where(RegionMembership.region_id == region.id)
                .order_by(StaffUser.email)
            ).all()
        found.append(
            RegionRow(
                region.id,
                region.name,
                region.slug,
                region.public_url,
                region.hosts.split(),
                region.police_team,
                [row.name for row in member_municipalities(region.id)],
                [(email, scope) for email, scope in people],
            )
        )
    return found


def login_by_email(email: str) -> StaffUser | None:
    return db.session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))


def grant_by_email(
    email: str,
    region_slug: str,
    scope: RegionScope,
    actor: StaffUser,
    invitation: LinkMaker | None = None,
) -> bool:
    """Give the login with this e-mail address a scope in the region. An address without a
    login gets one with `invitation`: no membership in any municipality (a police partner
    sees no municipality's own pages), and a mail from the region with a link to choose its
    password on the region's host (endpoint region.welcome). True when invited. Refused for
    a deactivated login, or an unknown one without `invitation`; MailNotSent stores nothing."""
    user = login_by_email(email)
    if user is not None and not user.active:
        raise MunicipalityRefused(["no_login"])
    region = by_slug(region_slug)
    if user is None:
        if invitation is None or region is None:
            raise MunicipalityRefused(["no_login" if region else "unknown"])
        with working_for(region.id):  # the mail names the region and comes from its sender
            user = accounts.invite_login(email, invitation, "region.welcome")
        grant(user, region_slug, scope, actor)
        return True
    if invitation is not None and region is not None and scope_of(user.id, region.id) != scope:
        # An existing login hears of a new or changed scope (its invitation again, if its
        # password is still to be chosen); the mail goes first, so a mail server away stores
        # nothing. The same scope given twice mails nobody twice.
        with working_for(region.id):
            if user.invite_pending:
                staff_links.send_link(user, invitation, reset=False, welcome="region.welcome")
            else:
                staff_links.send_region_scope_notice(user, scope.value, invitation)
    grant(user, region_slug, scope, actor)
    return False


def revoke(email: str, region_slug: str, actor: StaffUser) -> None:
    """End a login's scope in a region (its memberships in municipalities stay)."""
    region = by_slug(region_slug)
    user = login_by_email(email)
    if region is None or user is None:
        raise MunicipalityRefused(["unknown"])
    with working_for(region.id):
        found = db.session.scalar(
            select(RegionMembership).where(
                RegionMembership.user_id == user.id, RegionMembership.region_id == region.id
            )
        )
        if found is not None:
            db.session.delete(found)
            audit.record(actor, "region.revoke", f"user:{user.id}", found.scope)
        db.session.commit()
