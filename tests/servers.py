"""The PostgreSQL and Redis databases the tests use: each pytest-xdist worker its own."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

DEFAULT_POSTGRES_URL = (
    "postgresql+psycopg://participation:participation@127.0.0.1:5432/participation_test"
)
BASE_POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
# Under `pytest -n 2` (pytest-xdist) each worker has a database of its own: the given name
# with the worker's id appended (participation_test_gw0, …), made when missing.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def _for_worker(url: str, worker: str) -> str:
    if not worker:
        return url
    parsed = sa.engine.make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


POSTGRES_URL = _for_worker(BASE_POSTGRES_URL, XDIST_WORKER)
# The Redis databases of the fault and isolation tests (12, 13, 15 in one process): a worker
# uses one of its own for all of them (gw0: 15, gw1: 14, …), as its tests run one at a time.
REDIS_SETTINGS = (
    "TEST_REDIS_URL",
    "TEST_REDIS_URL_TWO_SERVERS",
    "TEST_JOB_QUEUE_URL",
    "TEST_ISOLATION_QUEUE_URL",
)
if XDIST_WORKER:
    for setting in REDIS_SETTINGS:
        os.environ.setdefault(setting, f"redis://127.0.0.1:6379/{15 - int(XDIST_WORKER[2:])}")
# The app under test commits without waiting for the disk (3-4 ms a commit here, 0.3 without).
# What other connections see is the same; only a crash of the server could lose the last
# commits. The fault tests start their own servers on POSTGRES_URL as it is.
FAST_COMMITS = {"options": "-c synchronous_commit=off"}
# CI sets this so that a missing PostgreSQL server fails the run instead of skipping tests.
REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES") == "1"


def postgres_reachable(url: str) -> bool:
    if url == POSTGRES_URL != BASE_POSTGRES_URL and postgres_reachable(BASE_POSTGRES_URL):
        make_worker_database()
    engine = sa.create_engine(url, connect_args={"connect_timeout": 2})
    try:
        with engine.connect():
            return True
    except sa.exc.OperationalError:
        return False
    finally:
        engine.dispose()


def make_worker_database() -> None:
    """This xdist worker's own database, made when missing: the role needs CREATEDB (.ci/run
    grants it), or make it once by hand (createdb -O participation participation_test_gw0)."""
    create_database(sa.engine.make_url(POSTGRES_URL).database or "")


def create_database(name: str, template: str | None = None, replace: bool = False) -> None:
    """Create database `name` on the test server, empty or as a copy of `template`; one already
    there is kept, or with `replace` dropped first (ending what is still connected)."""
    engine = sa.create_engine(BASE_POSTGRES_URL, isolation_level="AUTOCOMMIT")
    copy = f' TEMPLATE "{template}"' if template else ""
    try:
        with engine.connect() as conn:
            if replace:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            elif conn.scalar(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ):
                return
            conn.execute(sa.text(f'CREATE DATABASE "{name}"{copy}'))
    except sa.exc.ProgrammingError as error:
        pytest.fail(
            f"PostgreSQL database {name} could not be made ({error.orig}): the test role needs "
            f"CREATEDB (.ci/run grants it), or createdb -O participation {name} and run without -n"
        )
    finally:
        engine.dispose()


def reset_postgres_schema(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def postgres_schema_url(schema: str) -> str:
    """The test database with a schema of its own: the other tests' tables stay untouched."""
    if not postgres_reachable(POSTGRES_URL):
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required but not reachable at {POSTGRES_URL}")
        pytest.skip("PostgreSQL server not reachable")
    engine = sa.create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
