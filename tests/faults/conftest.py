"""Servers for the fault tests: gunicorn on a fresh SQLite file or its own PostgreSQL schema."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa

from tests.conftest import POSTGRES_URL, REQUIRE_POSTGRES, postgres_reachable
from tests.load.driver import Server, app_env, flask_cli, sqlite_url

pytestmark = pytest.mark.faults
SCHEMA = "faults"


@dataclass
class Running:
    server: Server
    database_url: str
    env: dict[str, str]


def postgres_schema_url(schema: str = SCHEMA) -> str:
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


def emptied_redis(url: str) -> str:
    """A Redis database for one test, emptied; fail when Redis is required but not there."""
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is required but not reachable at {url}")
        pytest.skip(f"Redis server not reachable at {url} (set TEST_REDIS_URL)")
    return url


def start(instance: Path, database_url: str | None, workers: int = 2) -> Running:
    env = app_env(instance, database_url)
    flask_cli(env, "db", "upgrade")
    flask_cli(env, "seed-demo")
    return Running(Server(env, workers), database_url or sqlite_url(instance), env)


@pytest.fixture(params=["sqlite", "postgresql"])
def running(request, tmp_path: Path) -> Iterator[Running]:  # type: ignore[no-untyped-def]
    url = postgres_schema_url() if request.param == "postgresql" else None
    found = start(tmp_path / "instance", url)
    yield found
    found.server.stop()
