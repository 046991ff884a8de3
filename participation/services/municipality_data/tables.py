"""The tables a municipality's rows live in, read from the models' metadata (never a list)."""

from __future__ import annotations

from sqlalchemy import Table

from participation.extensions import db

OWNER = "municipality_id"

# Tenant tables the export leaves out, and why (the erasure still empties them).
LEFT_OUT = {
    "settled_count": (
        "a cache of counts made from the ballots (services.results.settled_store); "
        "rebuilt on first use, and rewritten by any count, so left out"
    ),
}


def tenant_tables() -> list[Table]:
    """Every table with a municipality_id, parents before the tables that refer to them
    (a table added later is found without being named here)."""
    return [table for table in db.metadata.sorted_tables if OWNER in table.c]
