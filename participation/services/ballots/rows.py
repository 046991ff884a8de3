"""The ballot's rows as a vote writes them: its insert statements, compiled once per database."""

from __future__ import annotations

import functools

from sqlalchemy import Insert, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect

from participation.models import Ballot, BallotChoice
from participation.services.ballots import prepared

# The ballot's columns as the insert gives them; the others keep their defaults.
BALLOT_VALUES = (
    "ballot_key",
    "campaign_id",
    "area_id",
    "channel",
    "source_tag",
    "stand_id",
    "trust_level",
    "created_at",
    "kiosk_device_id",
    "device_seq",
    "choice_mask",
    # Named, not defaulted: these statements skip SQLAlchemy's per-call defaults.
    "municipality_id",
)


def insert_ballot(dialect_name: str) -> Insert:
    """INSERT … ON CONFLICT (ballot_key) DO NOTHING RETURNING id, for SQLite or PostgreSQL."""
    insert = postgresql.insert if dialect_name == "postgresql" else sqlite.insert
    table = Ballot.__table__
    assert isinstance(table, Table)  # declarative models map plain Tables (typed FromClause)
    return insert(table).on_conflict_do_nothing(index_elements=["ballot_key"]).returning(table.c.id)


@functools.cache
def inserts(dialect: Dialect) -> tuple[prepared.Prepared, prepared.Prepared]:
    """The ballot insert and the choice insert, compiled once for this database."""
    choices = BallotChoice.__table__
    assert isinstance(choices, Table)
    return (
        prepared.prepare(insert_ballot(dialect.name), dialect, BALLOT_VALUES),
        prepared.prepare(choices.insert(), dialect, ("ballot_id", "theme_id", "municipality_id")),
    )
