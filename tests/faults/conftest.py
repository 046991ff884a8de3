"""Servers for the fault tests: gunicorn on a copy of the demo database, SQLite or PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from tests.faults.databases import Templates
from tests.load.driver import Server, app_env, sqlite_url

pytestmark = pytest.mark.faults
# The name of this worker's PostgreSQL copy for a fault test (the worker's database + "_faults").
POSTGRES_COPY = "faults"


@dataclass
class Running:
    server: Server
    database_url: str
    env: dict[str, str]


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


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    """Under xdist in the folder this run's workers share (pytest removes old runs' folders);
    FAULT_TEMPLATES names one for several runs of the same tree (`make test`'s two)."""
    if os.environ.get("FAULT_TEMPLATES"):
        return Templates(Path(os.environ["FAULT_TEMPLATES"]))
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return Templates(shared / "fault-templates")


def start(
    instance: Path, database_url: str | None, templates: Templates, workers: int = 2
) -> Running:
    """gunicorn on a copy of the demo database: `database_url` (a PostgreSQL copy from
    templates.postgres), or else a SQLite copy in `instance`."""
    if database_url is None:
        templates.sqlite_into(instance)
    env = app_env(instance, database_url)
    return Running(Server(env, workers), database_url or sqlite_url(instance), env)


@pytest.fixture(params=["sqlite", "postgresql"])
def running(request, tmp_path: Path, templates: Templates) -> Iterator[Running]:  # type: ignore[no-untyped-def]
    url = templates.postgres(POSTGRES_COPY) if request.param == "postgresql" else None
    found = start(tmp_path / "instance", url, templates)
    yield found
    found.server.stop()
