"""The database goes away, turns read-only or fills up: a clear 503 page, nothing stored lost."""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import threading
import time
import urllib.parse
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Ballot, BallotChoice
from tests.conftest import REQUIRE_POSTGRES, csrf_token
from tests.faults.conftest import POSTGRES_COPY, start
from tests.faults.databases import Templates
from tests.load.driver import CLEAN_REFUSALS, check, open_session, run_load, theme_ids


def one_ballot(port: int, themes: list[int]) -> int:
    """A fresh client's ballot, start to finish; the status of the POST."""
    cookie, token = open_session(port)
    body = urllib.parse.urlencode(
        {
            "csrf_token": token,
            "ballot_key": str(uuid.uuid4()),
            "village": "leek",
            "theme": themes[:6],
        },
        doseq=True,
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", "/v/demo", body=body, headers=headers)
    return connection.getresponse().status


@pytest.mark.alone
def test_postgres_restarts_during_the_load_and_the_app_recovers_by_itself(
    tmp_path, templates: Templates
) -> None:
    clusters = shutil.which("pg_lsclusters")
    if os.geteuid() != 0 or clusters is None:
        if REQUIRE_POSTGRES:
            pytest.fail("restarting PostgreSQL needs root and pg_ctlcluster (CI has both)")
        pytest.skip("restarting PostgreSQL needs root and pg_ctlcluster")
    version, cluster = subprocess.run(
        [clusters, "--no-header"], capture_output=True, text=True
    ).stdout.split()[:2]
    running = start(tmp_path / "instance", templates.postgres(POSTGRES_COPY), templates)
    themes = theme_ids(running.database_url)
    outcome = {}
    try:
        driver = threading.Thread(
            target=lambda: outcome.update(load=run_load(running.server.port, themes, 10, 8, 2000))
        )
        driver.start()
        time.sleep(2)
        subprocess.run(["pg_ctlcluster", version, cluster, "restart", "-m", "fast"], check=True)
        driver.join(timeout=120)
        found, _ = outcome["load"]
        assert set(found.statuses) <= {303} | CLEAN_REFUSALS, found.statuses
        assert check(running.database_url, found).lost == 0
        # Without a restart of the app, ballots are taken again.
        assert one_ballot(running.server.port, themes) == 303
    finally:
        running.server.stop()


def _cast(client, themes: list[str]) -> object:  # type: ignore[no-untyped-def]
    return client.post(
        "/v/demo",
        data={
            "csrf_token": csrf_token(client, "/v/demo"),
            "ballot_key": str(uuid.uuid4()),
            "village": "leek",
            "theme": themes,
        },
    )


# A full disk is made real with SQLite's page limit; PostgreSQL's own limits need a small disk.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_full_disk_gives_a_clear_page_and_keeps_what_is_stored(app, demo, client, caplog) -> None:
    themes = [str(t.id) for t in demo.themes[:6]]
    assert _cast(client, themes).status_code == 303

    @sa.event.listens_for(db.engine, "connect")
    def full(connection, _record) -> None:  # type: ignore[no-untyped-def]
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages + 4}")

    db.session.remove()
    db.engine.dispose()
    try:
        _fill_up()
        # Ballots still fit in pages with room left; the first that needs a new page fails.
        acknowledged = 1
        for _ in range(500):
            response = _cast(app.test_client(), themes)
            if response.status_code != 303:
                break
            acknowledged += 1
        assert response.status_code == 503
        assert "niet geteld" in response.get_data(as_text=True)
        assert "database unavailable" in caplog.text and "full" in caplog.text
    finally:
        sa.event.remove(db.engine, "connect", full)
        db.session.remove()
        db.engine.dispose()
    # Every acknowledged ballot is stored, the refused one is not, nothing half.
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == acknowledged
    choices = db.session.scalar(select(func.count()).select_from(BallotChoice))
    assert choices == 6 * acknowledged


def _fill_up() -> None:
    """Write audit rows, big then small, until no page has room: as a full disk leaves it."""
    statement = sa.text(
        "INSERT INTO audit_event (at, action, target, details, municipality_id)"
        " VALUES (CURRENT_TIMESTAMP, 'fill', 'disk', :details, 1)"
    )
    with db.engine.connect() as connection:
        for size in (3000, 300, 30, 0):
            for _ in range(2000):
                try:
                    connection.execute(statement, {"details": "x" * size})
                    connection.commit()
                except sa.exc.OperationalError as error:
                    connection.rollback()
                    assert "full" in str(error)
                    break
            else:
                raise AssertionError("the database never filled up")


def test_a_read_only_database_gives_a_clear_page_and_keeps_what_is_stored(
    app, demo, client, caplog
) -> None:
    themes = [str(t.id) for t in demo.themes[:6]]
    assert _cast(client, themes).status_code == 303
    read_only = "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"
    if db.engine.dialect.name == "sqlite":
        read_only = "PRAGMA query_only = ON"

    @sa.event.listens_for(db.engine, "connect")
    def lock(connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = connection.cursor()
        cursor.execute(read_only)
        cursor.close()
        connection.commit()  # PostgreSQL: a SET inside a rolled-back transaction would not last

    db.session.remove()
    db.engine.dispose()
    try:
        response = _cast(app.test_client(), themes)
        assert response.status_code == 503
        assert "Opslaan lukt nu even niet" in response.get_data(as_text=True)
        assert "database unavailable" in caplog.text
    finally:
        sa.event.remove(db.engine, "connect", lock)
        db.session.remove()
        db.engine.dispose()
    assert db.session.scalar(select(func.count()).select_from(Ballot)) == 1
