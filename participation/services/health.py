"""Whether the app can do its work: the health check's one question to the database."""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from participation.extensions import db

log = logging.getLogger(__name__)


def database_answers() -> bool:
    """True when the database answers a trivial query; the failure is logged, not raised."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        log.exception("health check: database does not answer")
        db.session.rollback()
        return False
    return True
