"""Erasing one municipality (the AVG right to erasure for a whole customer), in one transaction.

Every row it owns goes (the tables come from the metadata, children first, each delete with
an explicit municipality filter, while working for it so row-level security agrees), then
the logins left with no membership anywhere, then the municipality itself.

Where it is recorded: in the application log, not in an audit table. The erased
municipality's own audit rows are erased with it, and writing the event into another
municipality's audit log would show that municipality's admins something of this one (the
isolation rule: the audit log of A shows nothing of B) and change A's data, which an
erasure of B must leave byte-for-byte as it was. The operator who erased it gets the
report (the page or the command says what went).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Column, CursorResult, delete, func, select
from sqlalchemy.exc import IntegrityError

from participation import caches
from participation.domain.refusals import Refused
from participation.extensions import db
from participation.models import Municipality, StaffMembership, StaffUser
from participation.services.municipality_data.tables import OWNER, tenant_tables
from participation.tenancy import ACROSS_MUNICIPALITIES, acting_for, chosen_id

log = logging.getLogger(__name__)

ACROSS = {ACROSS_MUNICIPALITIES: True}


class ErasureRefused(Refused):
    """problems: "unknown" (no such municipality), "confirmation" (the typed text is not its
    short name, exactly), "only_municipality" (the install's last one: nothing would serve
    any host), "not_operator" (only a login that runs the install erases)."""


@dataclass(frozen=True)
class ErasureReport:
    """What an erasure deleted: rows per table, and the logins it removed or had to keep."""

    municipality_id: int
    slug: str
    name: str
    rows: dict[str, int]
    logins_removed: int
    # Logins with no membership left that stay: other municipalities' rows still name them
    # (their audit log, a paper tally they entered), or they run the install (operators).
    # They count for nothing in any municipality.
    logins_kept: int

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def check(municipality_id: int, typed: str, actor: StaffUser | None) -> list[str]:
    """Why this erasure is refused (empty: it may go ahead)."""
    row = _municipality(municipality_id)
    if row is None:
        return ["unknown"]
    problems = []
    if actor is not None and not actor.operator:
        problems.append("not_operator")
    if chosen_id() == municipality_id:
        problems.append("current")
    if typed != row.slug:
        problems.append("confirmation")
    everyone = select(func.count(Municipality.id)).execution_options(**ACROSS)
    if (db.session.scalar(everyone) or 0) <= 1:
        problems.append("only_municipality")
    return problems


def erase(municipality_id: int, typed: str, actor: StaffUser | None) -> ErasureReport:
    """Delete the municipality and everything it owns when `typed` is its short name exactly;
    ErasureRefused (nothing deleted) otherwise. All or nothing: one transaction."""
    problems = check(municipality_id, typed, actor)
    if problems:
        raise ErasureRefused(problems)
    row = _municipality(municipality_id)
    assert row is not None  # checked above
    slug, name = row.slug, row.name
    try:
        with acting_for(municipality_id):
            members = set(
                db.session.scalars(
                    select(StaffMembership.user_id).where(
                        StaffMembership.municipality_id == municipality_id
                    )
                )
            )
            rows = {}
            for table in reversed(tenant_tables()):
                done = db.session.execute(delete(table).where(table.c[OWNER] == municipality_id))
                assert isinstance(done, CursorResult)  # a DELETE's result, which counts its rows
                rows[table.name] = done.rowcount or 0
        elsewhere, named = _held_elsewhere(members, municipality_id)
        left_alone = members - elsewhere  # no membership anywhere after this
        removable = set(
            db.session.scalars(
                select(StaffUser.id).where(
                    StaffUser.id.in_(left_alone - named), StaffUser.operator.is_(False)
                )
            )
        )
        if removable:
            db.session.execute(delete(StaffUser).where(StaffUser.id.in_(removable)))
        db.session.execute(
            delete(Municipality)
            .where(Municipality.id == municipality_id)
            .execution_options(**ACROSS)
        )
        db.session.commit()
    except IntegrityError as error:
        # A ballot or another row of it came in while this ran (a stand still open): the
        # municipality cannot go while something names it. Nothing was deleted.
        db.session.rollback()
        log.warning("erasure of municipality %d rolled back: new rows came in", municipality_id)
        raise ErasureRefused(["busy"]) from error
    except Exception:
        db.session.rollback()
        raise
    _forget_caches()
    report = ErasureReport(
        municipality_id, slug, name, rows, len(removable), len(left_alone - removable)
    )
    log.warning(
        "municipality erased: %s (%s, id %d) by %s; %d rows in %d tables, %d logins removed, "
        "%d logins kept",
        slug,
        name,
        municipality_id,
        f"login {actor.id}" if actor is not None else "the command line",
        report.total_rows,
        sum(1 for count in rows.values() if count),
        report.logins_removed,
        report.logins_kept,
    )
    return report


def _municipality(municipality_id: int) -> Municipality | None:
    statement = select(Municipality).where(Municipality.id == municipality_id)
    return db.session.scalar(statement.execution_options(**ACROSS))


def _login_columns() -> list[Column[int]]:
    """Every column of a tenant table that names a login (audit actor, who entered paper)."""
    return [
        column
        for table in tenant_tables()
        for column in table.c
        if column.name != OWNER
        and any(key.column.table.name == StaffUser.__tablename__ for key in column.foreign_keys)
    ]


def _held_elsewhere(user_ids: set[int], erased: int) -> tuple[set[int], set[int]]:
    """Of `user_ids`: those with a membership in another municipality, and those another
    municipality's rows still name (its audit log, a paper tally). Asked while working for
    each municipality in turn, so row-level security shows its rows."""
    members: set[int] = set()
    named: set[int] = set()
    if not user_ids:
        return members, named
    others = db.session.scalars(
        select(Municipality.id).where(Municipality.id != erased).execution_options(**ACROSS)
    ).all()
    membership = StaffMembership.__table__.c.user_id
    for other in others:
        with acting_for(other):
            for column in _login_columns():
                found = select(column).where(column.table.c[OWNER] == other, column.in_(user_ids))
                ids = {each for each in db.session.scalars(found.distinct()) if each}
                if column is membership:
                    members |= ids
                else:
                    named |= ids
    return members, named


def _forget_caches() -> None:
    """This worker's caches may hold the erased municipality's hosts, rules and counts: all
    are emptied (they fill again on use). Other workers forget its host within
    web.tenant.HOSTS_TTL; their other entries are keyed by ids nothing reaches any more."""
    for name in caches.CACHES:
        caches.clear(name)
