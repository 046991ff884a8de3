"""Wall two on PostgreSQL: each transaction tells the database its municipality, and row-level
security policies (migration 0032) show and accept only that municipality's rows."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection, Engine, event, text

from participation import tenancy

log = logging.getLogger(__name__)

# The settings the policies read (migration 0032_row_security). Set with set_config(…, true):
# local to the transaction, so a pooled connection never carries them into the next request.
MUNICIPALITY_SETTING = "app.municipality"
# The region (migration 0033): its own rows, and the municipalities this work may also read.
REGION_SETTING = "app.region"
READABLE_SETTING = "app.readable"
STAFF_USER_SETTING = "app.staff_user"
# Every row readable, none writable: only pg_dump's session (chores.backup) sets it.
INSTALL_READ_SETTING = "app.install_read"
# What this connection's current transaction was last told (Connection.info outlives it).
_TOLD = "participation.told_municipality"
_SET_MUNICIPALITY = (
    "SELECT set_config('app.municipality', %s, true), set_config('app.region', %s, true),"
    " set_config('app.readable', %s, true)"
)


def tell_database(engine: Engine) -> None:
    """On PostgreSQL, name the current municipality in every transaction before its first
    statement, and again whenever the municipality changes inside it (`acting_for`)."""
    if engine.dialect.name != "postgresql":
        return
    if event.contains(engine, "before_cursor_execute", _name_municipality):
        return
    event.listen(engine, "begin", _forget_told)
    # A rolled-back savepoint also undoes a set_config made inside it.
    event.listen(engine, "rollback_savepoint", _forget_told_savepoint)
    event.listen(engine, "before_cursor_execute", _name_municipality)


def name_municipality(connection: Connection, cursor: Any) -> None:
    """Tell this transaction the current municipality unless it was told already; for SQL
    run on the driver's own cursor (services.ballots.prepared), which skips the events."""
    wanted = _wanted()
    if connection.info.get(_TOLD, _NOTHING) == wanted:
        return
    # The same cursor, just before the statement: one round trip per transaction.
    cursor.execute(_SET_MUNICIPALITY, wanted)
    connection.info[_TOLD] = wanted


_NOTHING = ("", "", "")


def _wanted() -> tuple[str, str, str]:
    """The three settings for the current work: municipality, region, readable municipalities."""
    chosen = tenancy.chosen_id()
    region = tenancy.chosen_region_id()
    readable = tenancy.readable_ids() if region is not None else frozenset()
    return (
        "" if chosen is None else str(chosen),
        "" if region is None else str(region),
        ",".join(str(each) for each in sorted(readable)),
    )


def _forget_told(connection: Connection) -> None:
    connection.info.pop(_TOLD, None)


def _forget_told_savepoint(connection: Connection, _name: str, _context: object) -> None:
    connection.info.pop(_TOLD, None)


def _name_municipality(
    connection: Connection,
    cursor: Any,
    _statement: str,
    _parameters: object,
    _context: object,
    _executemany: bool,
) -> None:
    name_municipality(connection, cursor)


def let_login_read_its_memberships(session: Any, user_id: int) -> None:
    """For the rest of this transaction, the database also shows this login's memberships in
    other municipalities (the staff header's switch). Nothing else of theirs."""
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(
        text("SELECT set_config(:name, :value, true)"),
        {"name": STAFF_USER_SETTING, "value": str(int(user_id))},
    )


def serving_role_problems(connection: Connection) -> list[str]:
    """Why row-level security would not hold for the role serving requests (empty: it holds):
    a superuser or BYPASSRLS role skips every policy, and a table owner could drop them."""
    if connection.dialect.name != "postgresql":
        return []
    superuser, bypass = connection.execute(
        text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
    ).one()
    owned = connection.execute(
        text(
            "SELECT count(*) FROM pg_tables WHERE tableowner = current_user "
            "AND schemaname = current_schema()"
        )
    ).scalar_one()
    problems = []
    if superuser or bypass:
        problems.append("superuser_or_bypassrls")
    if owned:
        problems.append("owns_tables")
    return problems
