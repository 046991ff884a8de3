"""The fault tests' databases: migrated and seeded once per run by the real commands (`flask db
upgrade`, `flask seed-demo`), then copied for each test (a SQLite file; a PostgreSQL database
made from a template database). Each test still runs its own gunicorn on its own copy; the two
commands took 8 of the 10 s each test spent starting."""

from __future__ import annotations

import contextlib
import fcntl
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.load.driver import app_env, flask_cli
from tests.servers import (
    BASE_POSTGRES_URL,
    POSTGRES_URL,
    REQUIRE_POSTGRES,
    create_database,
    postgres_reachable,
)

SQLITE_FILE = "participation.sqlite"  # where app_env's instance folder keeps the database


class Templates:
    """One migrated, seeded database per backend for the whole run, shared by the xdist
    workers (a file lock in `folder` lets one build while the others wait)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with (self.folder / "lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def _built(self, name: str, database_url: str | None) -> None:
        """Run the two commands into `name` (a folder for SQLite), once for this run."""
        ready = self.folder / f"{name}.ready"
        if ready.exists():
            return
        if database_url is not None:  # a template left by an earlier run may be older
            create_database(sa.engine.make_url(database_url).database or "", replace=True)
        env = app_env(self.folder / name, database_url)
        flask_cli(env, "db", "upgrade")
        flask_cli(env, "seed-demo")
        ready.touch()

    def sqlite_into(self, instance: Path) -> None:
        """A copy of the SQLite template in this instance folder (app_env's database)."""
        with self._locked():
            self._built("sqlite", None)
        instance.mkdir(parents=True, exist_ok=True)
        shutil.copy(self.folder / "sqlite" / SQLITE_FILE, instance / SQLITE_FILE)

    def postgres(self, name: str) -> str:
        """The URL of a database of this worker's own, `name`, made anew from the template."""
        if not postgres_reachable(POSTGRES_URL):
            if REQUIRE_POSTGRES:
                pytest.fail(f"PostgreSQL is required but not reachable at {POSTGRES_URL}")
            pytest.skip("PostgreSQL server not reachable")
        template = f"{sa.engine.make_url(BASE_POSTGRES_URL).database}_faults_template"
        target = f"{sa.engine.make_url(POSTGRES_URL).database}_{name}"
        with self._locked():
            self._built("postgres", _url_of(template))
            create_database(target, template=template, replace=True)
        return _url_of(target)


def _url_of(database: str) -> str:
    return sa.engine.make_url(POSTGRES_URL).set(database=database).render_as_string(False)
