"""The ballot's hot writes as SQL compiled once, run on the session's own driver connection.

SQLAlchemy compiles each statement for the dialect and supplies its own value converters (a
UUID as 32 hex digits and a datetime as text on SQLite); only its per-call execution layer is
skipped, which cost as much as the SQLite work itself. The statements run inside the session's
transaction, so `db.session.commit()` and `rollback()` work as before, and a driver error is
raised as SQLAlchemy's own (OperationalError: the 503 page), invalidating a lost connection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from participation import row_security


@dataclass(frozen=True)
class Prepared:
    """One statement as the driver takes it: the SQL, and how to turn values into parameters."""

    sql: str
    # Bind names in placeholder order for positional drivers (SQLite's ?); None: by name.
    order: tuple[str, ...] | None
    # SQLAlchemy's own converter per bind name, where its type has one for this dialect.
    converters: Mapping[str, Callable[[Any], Any]]
    # Values written into the statement itself, such as the 1 in `ballots + 1`.
    fixed: Mapping[str, Any]

    def parameters(self, values: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        merged = {**self.fixed, **values} if self.fixed else dict(values)
        for name, convert in self.converters.items():
            merged[name] = convert(merged[name])
        if self.order is None:
            return merged
        return tuple(merged[name] for name in self.order)


def prepare(statement: ClauseElement, dialect: Dialect, keys: Iterable[str]) -> Prepared:
    """Compile `statement` for `dialect` with exactly the columns in `keys` given as values."""
    keys = list(keys)
    compiled = statement.compile(dialect=dialect, column_keys=keys)
    if not isinstance(compiled, SQLCompiler):  # a DML or SELECT statement always compiles so
        raise TypeError(f"not a SQL statement: {statement!r}")
    names = list(compiled.binds)
    converters = {}
    for name in names:
        convert = compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
        if convert is not None:
            converters[name] = convert
    order = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else None
    fixed = {name: compiled.binds[name].value for name in names if name not in keys}
    return Prepared(compiled.string, order, converters, fixed)


def execute(connection: Connection, prepared: Prepared, values: Mapping[str, Any]) -> Any:
    """Run one statement; the first row it returns (RETURNING), or None."""
    return _run(connection, prepared, lambda cursor: _first(cursor, prepared, values))


def execute_many(
    connection: Connection, prepared: Prepared, rows: Iterable[Mapping[str, Any]]
) -> None:
    """Run one statement for each of `rows`, in one driver call."""
    parameters = [prepared.parameters(row) for row in rows]
    _run(connection, prepared, lambda cursor: cursor.executemany(prepared.sql, parameters))


def _first(cursor: Any, prepared: Prepared, values: Mapping[str, Any]) -> Any:
    cursor.execute(prepared.sql, prepared.parameters(values))
    return cursor.fetchone() if cursor.description else None


def _run(connection: Connection, prepared: Prepared, work: Callable[[Any], Any]) -> Any:
    """`work` on a cursor of the session's driver connection, errors raised as SQLAlchemy's."""
    dialect = connection.dialect
    driver = connection.connection.dbapi_connection
    if driver is None:  # only after the connection was invalidated, which raises first
        raise RuntimeError("the session's connection has no driver connection")
    cursor = driver.cursor()
    try:
        if dialect.name == "postgresql":  # SQLAlchemy's events are skipped here: wall two
            row_security.name_municipality(connection, cursor)
        return work(cursor)
    except dialect.loaded_dbapi.Error as error:
        lost = dialect.is_disconnect(error, driver, cursor)
        wrapped = DBAPIError.instance(
            prepared.sql,
            None,
            error,
            dialect.loaded_dbapi.Error,
            connection_invalidated=lost,
            dialect=dialect,
        )
        if lost:
            connection.invalidate(wrapped)
        raise wrapped from error
    finally:
        cursor.close()
