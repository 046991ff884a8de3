"""`flask backup` under load: the restored copy holds every ballot acknowledged before it began."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import threading
import time

import pytest
import sqlalchemy as sa

from tests.load.driver import Load, check, flask_cli, reading_engine, run_load, theme_ids


def test_backup_under_load_restores_every_acknowledged_ballot(running, tmp_path) -> None:
    themes = theme_ids(running.database_url)
    load = Load()
    driver = threading.Thread(target=run_load, args=(running.server.port, themes, 6, 8, 3000, load))
    driver.start()
    time.sleep(2)
    with load.lock:
        before = list(load.acknowledged)
    output = tmp_path / (
        "backup.sqlite" if running.database_url.startswith("sqlite") else "backup.dump"
    )
    printed = flask_cli(running.env, "backup", "--output", str(output))
    assert f"Backup written to {output}" in printed
    driver.join(timeout=120)
    assert len(load.acknowledged) > len(before)  # the load went on during the backup
    assert check(running.database_url, load).lost == 0
    restored = _restore(running.database_url, output, tmp_path)
    missing = [
        key for key in before if key.replace("-", "") not in restored and key not in restored
    ]
    assert before and not missing, (
        f"{len(missing)} ballots acknowledged before the backup are missing"
    )


def _restore(database_url: str, output, tmp_path) -> set[str]:  # type: ignore[no-untyped-def]
    """Restore as the README says, into a place of its own, and read the ballot keys back."""
    if database_url.startswith("sqlite"):
        target = tmp_path / "restored.sqlite"
        shutil.copy(output, target)
        with sqlite3.connect(target) as connection:
            return {str(row[0]) for row in connection.execute("SELECT ballot_key FROM ballot")}
    if shutil.which("pg_restore") is None:
        pytest.skip("pg_restore is not installed")
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:  # the disaster: every table is gone
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    libpq = (
        sa.engine.make_url(database_url)
        .set(drivername="postgresql")
        .render_as_string(hide_password=False)
    )
    subprocess.run(
        ["pg_restore", "--no-owner", "--schema=public", f"--dbname={libpq}", str(output)],
        check=True,
        capture_output=True,
    )
    reader = reading_engine(database_url)  # the restored policies hold again
    with reader.connect() as connection:
        keys = {str(row[0]) for row in connection.execute(sa.text("SELECT ballot_key FROM ballot"))}
    engine.dispose()
    reader.dispose()
    return keys
