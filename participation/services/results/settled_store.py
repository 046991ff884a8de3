"""The settled counts in the database, shared by every worker and server (models.SettledCount).

A worker that settles further saves its counts; a fresh worker (gunicorn recycles them, a
second server starts) loads them and counts only the ballots since. Saving is best effort, in
its own short transaction: a failure costs the next fresh worker some counting, nothing else.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.exc import SQLAlchemyError

from participation.extensions import db
from participation.models import SettledCount
from participation.timeutil import utcnow

log = logging.getLogger(__name__)


def fixed_hash(fixed: tuple[object, ...]) -> str:
    """The part of the fingerprint that is not the newest ballot, as a short stable key."""
    return hashlib.sha256(repr(fixed).encode()).hexdigest()


def load(campaign_id: int, kind: str, fixed: tuple[object, ...]) -> tuple[int, Any] | None:
    """(settled id, stored counts) when saved under the same fingerprint; else None."""
    row = db.session.get(SettledCount, (campaign_id, kind))
    if row is None or row.fixed != fixed_hash(fixed):
        return None
    return row.settled_id, row.data


def save(
    campaign_id: int, kind: str, fixed: tuple[object, ...], settled_id: int, data: Any
) -> None:
    """Keep these counts unless a row already holds later ones under the same fingerprint."""
    key, values = fixed_hash(fixed), {"settled_id": settled_id, "data": data, "saved_at": utcnow()}
    mine = (SettledCount.campaign_id == campaign_id) & (SettledCount.kind == kind)
    newer = (SettledCount.fixed != key) | (SettledCount.settled_id < settled_id)
    try:
        with db.engine.begin() as connection:
            changed = connection.execute(
                update(SettledCount).where(mine, newer).values(fixed=key, **values)
            ).rowcount
            if not changed and load_row_missing(connection, campaign_id, kind):
                connection.execute(
                    insert(SettledCount).values(
                        campaign_id=campaign_id, kind=kind, fixed=key, **values
                    )
                )
    except SQLAlchemyError as error:  # another worker saved at the same moment, or a lock
        log.info(
            "settled %s counts of campaign %s not saved: %s",
            kind,
            campaign_id,
            type(error).__name__,
        )


def load_row_missing(connection: Any, campaign_id: int, kind: str) -> bool:
    found = connection.execute(
        SettledCount.__table__.select().where(
            SettledCount.campaign_id == campaign_id, SettledCount.kind == kind
        )
    ).first()
    return found is None
