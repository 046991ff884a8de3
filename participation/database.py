"""Engine set-up: SQLite pragmas for safe concurrent writes."""

from sqlalchemy import Engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry


def configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """Turn on WAL, a busy timeout and foreign keys for every new SQLite connection."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def set_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL with NORMAL is crash-safe; only the last commits may be lost on power loss.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
